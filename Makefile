# DynamicBooks — two set-up commands: `make demo` and `make test`. Each installs what is missing.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
GLPK_HEADER := $(firstword $(wildcard /usr/include/glpk.h /usr/local/include/glpk.h /opt/homebrew/include/glpk.h))

.PHONY: all deps browser build release test demo bench bench-peers clean

all: build

# GLPK ships no pkg-config file, so look for its header where Debian and Homebrew put it.
deps:
ifeq ($(GLPK_HEADER),)
	@echo "glpk.h not found: installing GLPK"
	@if command -v apt-get >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libglpk-dev; \
	elif command -v brew >/dev/null 2>&1; then \
		brew install glpk; \
	else \
		echo "Install GLPK (glpk.h and libglpk) with your package manager, then rerun make." >&2; exit 1; \
	fi
endif

# The report tests render the HTML report in headless Chromium (Debian's `chromium` package).
browser:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
		echo "chromium not found: installing it for the report tests"; \
		if command -v apt-get >/dev/null 2>&1; then \
			$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
		elif command -v brew >/dev/null 2>&1; then \
			brew install --cask chromium; \
		else \
			echo "Install Chromium (the report tests render the report in it), then rerun make test." >&2; exit 1; \
		fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product books

test: deps browser
	$(SWIFT) build --build-tests
	BOOKS_REQUIRE_CHROMIUM=1 $(SWIFT) test --skip-build

demo: release
	.build/release/books demo --dir books-demo

# Every suite of benchmarks/results.md except the peers (an hour or more on two cores).
bench: deps
	$(SWIFT) build -c release --product books
	$(SWIFT) build -c release --product BooksBenchmarks
	.build/release/BooksBenchmarks engine
	.build/release/BooksBenchmarks gap --small-only
	.build/release/BooksBenchmarks plan
	benchmarks/loop/cycle-100k.sh

# Our solvers beside OR-Tools and HiGHS (a Python virtualenv in benchmarks/peers/.venv, from PyPI).
bench-peers: deps
	benchmarks/peers/run.sh setup
	$(SWIFT) build -c release --product BooksBenchmarks
	.build/release/BooksBenchmarks peers

clean:
	rm -rf .build books-demo
