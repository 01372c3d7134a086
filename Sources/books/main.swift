import BooksCLI
BooksCommand.main()
