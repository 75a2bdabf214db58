@testable import App
import Fluent
import Foundation
import SQLKit
import Testing

/// Working days and the bank holidays of England and Wales, against GOV.UK's published lists.
@Suite("Working days and bank holidays")
struct WorkingDaysTests {
    static func days(_ isos: [String]) -> [String] { isos }

    /// As published on GOV.UK (https://www.gov.uk/bank-holidays) and, before 2012, by the DTI.
    static let published: [Int: [String]] = [
        2002: ["2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03", "2002-06-04", "2002-08-26", "2002-12-25", "2002-12-26"],
        2003: ["2003-01-01", "2003-04-18", "2003-04-21", "2003-05-05", "2003-05-26", "2003-08-25", "2003-12-25", "2003-12-26"],
        2004: ["2004-01-01", "2004-04-09", "2004-04-12", "2004-05-03", "2004-05-31", "2004-08-30", "2004-12-27", "2004-12-28"],
        2011: ["2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"],
        2012: ["2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"],
        2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
        2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
        2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"],
        2026: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
        2027: ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
    ]

    @Test(arguments: published.keys.sorted())
    func theRulesGiveThePublishedList(year: Int) {
        #expect(EnglandAndWales.bankHolidays(in: year).map(\.day.iso) == Self.published[year])
    }

    @Test func everyYearHasItsHolidaysOnWeekdaysAndNoDayTwice() {
        for year in EnglandAndWales.firstYear...EnglandAndWales.lastYear {
            let list = EnglandAndWales.bankHolidays(in: year)
            #expect(list.count >= 8, "\(year)")
            #expect(list.allSatisfy { !$0.day.isWeekend && $0.day.year == year }, "\(year)")
            #expect(Set(list.map(\.day)).count == list.count, "\(year)")
        }
    }

    /// Seed 003's timetable: "26th May (or alternative date as this is Bank Holiday)".
    @Test func theSeedsBankHolidayIsOne() {
        let may26 = Day(year: 2003, month: 5, day: 26)!
        #expect(may26.long == "Monday 26 May 2003")
        #expect(EnglandAndWales.bankHolidays(in: 2003).contains { $0.day == may26 && $0.name == "Spring bank holiday" })
    }

    @Test func daysAreReadOnlyAsISODates() {
        #expect(Day(iso: "2004-02-29")?.weekday == 7)
        #expect(Day(iso: "2003-04-25")?.long == "Friday 25 April 2003")
        for bad in ["2003-02-29", "2003-13-01", "2003-4-25", "2003-04-25T12:00", " 2003-04-25", "２００３-04-25", "", "2003-00-10"] {
            #expect(Day(iso: bad) == nil, "\(bad)")
        }
        let day = Day(year: 2026, month: 11, day: 26)!
        #expect(Day(daysSince1970: day.daysSince1970) == day)
        #expect(Day(daysSince1970: 0).iso == "1970-01-01" && Day(daysSince1970: 0).weekday == 4)
        // Midnight in London in summer is still the day before in UTC.
        #expect(Day.london(Date(timeIntervalSince1970: 1_051_225_200)).iso == "2003-04-25") // 2003-04-24T23:00:00Z
    }

    @Test func workingDaysSkipWeekendsAndBankHolidays() {
        let calendar = WorkingDays(holidays: Set((2002...2030).flatMap { EnglandAndWales.bankHolidays(in: $0).map(\.day) }))
        let maundyThursday = Day(iso: "2003-04-17")!
        // Good Friday, the weekend and Easter Monday are not working days.
        #expect(calendar.day(1, after: maundyThursday).iso == "2003-04-22")
        #expect(calendar.count(after: maundyThursday, through: Day(iso: "2003-04-25")!) == 4)
        #expect(calendar.day(5, after: Day(iso: "2003-04-11")!).iso == "2003-04-22")
        // Christmas 2026 falls on a Friday: Boxing Day's substitute is Monday 28 December.
        #expect(calendar.day(1, after: Day(iso: "2026-12-24")!).iso == "2026-12-29")
        #expect(calendar.count(after: Day(iso: "2026-12-24")!, through: Day(iso: "2026-12-24")!) == 0)
        #expect(calendar.count(after: Day(iso: "2026-12-31")!, through: Day(iso: "2026-12-24")!) == 0)
        #expect(!calendar.isWorkingDay(Day(iso: "2026-12-28")!) && calendar.isWorkingDay(Day(iso: "2026-12-29")!))
    }

    @Test func theDatabaseHoldsTheListFor2002To2030() async throws {
        try await withDemoApp { app, _ in
            let stored = try await WorkingDays.read(on: app.db.sql)
            let expected = Set((EnglandAndWales.firstYear...EnglandAndWales.lastYear).flatMap { EnglandAndWales.bankHolidays(in: $0).map(\.day) })
            #expect(stored.holidays == expected)
            let first = try #require(try await BankHoliday.query(on: app.db).filter(\.$dayText == "2003-05-26").first())
            #expect(first.name == "Spring bank holiday" && first.version == 1)
            // The day is unique: a second row for it is refused by the database itself.
            await #expect(throws: (any Error).self) {
                try await BankHoliday(day: Day(iso: "2003-05-26")!, name: "Again").create(on: app.db)
            }
        }
    }
}
