import DynamicBooks
import GRDB

// Domain values as SQLite columns: ids as TEXT, days as ISO 8601 TEXT (which sorts like the day,
// so range queries compare strings).

extension AccountID: DatabaseValueConvertible {}
extension RepID: DatabaseValueConvertible {}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap { Day(iso: $0) }
    }
}
