import DynamicBooks
import GRDB

// Domain values as SQLite columns: ids as TEXT, days as ISO 8601 TEXT (which sorts like the day,
// so range queries compare strings).

extension AccountID: DatabaseValueConvertible {}
extension RepID: DatabaseValueConvertible {}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// The day stored as `text`. Versions before days were kept within four-digit years could
    /// store a later day with a longer year ("10007-11-30"); such a day reads as ``Day/latest``,
    /// so a workspace is never unreadable because of a value it wrote itself.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap { Day(iso: $0) ?? Day(beyondFourDigitYears: $0) }
    }
}
