import Fluent
import Foundation
import SQLKit

/// A bank holiday on the administrator's list. Its day is stored as ISO 8601 text (`2003-05-26`),
/// which sorts as the days do and means the same on SQLite and PostgreSQL.
final class BankHoliday: Model, @unchecked Sendable {
    static let schema = "bank_holidays"

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Field(key: "day") var dayText: String
    @Field(key: "name") var name: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $dayText, $name] }

    init() { version = 1 }
    init(id: UUID? = nil, day: Day, name: String) {
        self.id = id
        self.version = 1
        self.dayText = day.iso
        self.name = name
    }

    var day: Day? { Day(iso: dayText) }
}

/// Monday to Friday, except the bank holidays on the list. Deadlines are counted in these: a late
/// change to an exercise must leave respondents a number of working days before it closes.
struct WorkingDays: Sendable {
    let holidays: Set<Day>

    func isWorkingDay(_ day: Day) -> Bool { !day.isWeekend && !holidays.contains(day) }

    /// The working days after `start`, up to and including `end`: from a change made on `start`,
    /// how many whole working days respondents have until a deadline on `end`. None if `end` is
    /// not after `start`.
    func count(after start: Day, through end: Day) -> Int {
        guard start < end else { return 0 }
        var n = 0, day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) { n += 1 }
            day = day.adding(days: 1)
        }
        return n
    }

    /// The `n`th working day after `start` (`n` ≥ 1).
    func day(_ n: Int, after start: Day) -> Day {
        precondition(n >= 1, "the first working day after is n = 1")
        var left = n, day = start
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// The list as it is now.
    static func read(on sql: any SQLDatabase) async throws -> WorkingDays {
        let rows = try await sql.raw("SELECT day FROM bank_holidays").all()
        return WorkingDays(holidays: Set(try rows.compactMap { Day(iso: try $0.decode(column: "day", as: String.self)) }))
    }
}

/// The bank holiday list, filled for England and Wales, 2002–2030. The filling is part of the
/// schema, as the migration that makes the table, not a change anyone made: it records no audit
/// events. Every change after it (`BankHolidaysController`) is audited.
struct CreateBankHolidays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BankHoliday.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("day", .string, .required)
            .field("name", .string, .required)
            .unique(on: "day")
            .create()
        let sql = try database.sql
        // One statement for all of them: on SQLite each statement outside a transaction is a
        // commit, and each commit an fsync.
        let insert = sql.insert(into: BankHoliday.schema).columns("id", "version", "day", "name")
        for year in EnglandAndWales.firstYear...EnglandAndWales.lastYear {
            for holiday in EnglandAndWales.bankHolidays(in: year) {
                insert.values(SQLBind(UUID()), SQLBind(1), SQLBind(holiday.day.iso), SQLBind(holiday.name))
            }
        }
        try await insert.run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BankHoliday.schema).delete()
    }
}
