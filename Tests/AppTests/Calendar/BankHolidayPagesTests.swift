@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// The administrator's bank holiday list, seen from outside: a year at a time, a day added and
/// removed, bad input told beside its field with what was typed kept, each change audited.
@Suite("Bank holiday pages")
struct BankHolidayPagesTests {
    static func admin(_ app: Application) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(as: .administrator)
        return browser
    }

    @Test func theListShowsAYearAtATime() async throws {
        try await withDemoApp { app, clock in
            let admin = try await Self.admin(app)
            let y2003 = try await admin.get("/admin/bank-holidays/2003")
            #expect(y2003.status == .ok)
            #expect(y2003.text.contains("<h1 class=\"heading-l\">Bank holidays in 2003</h1>"))
            #expect(y2003.text.contains("Monday 26 May 2003</td><td class=\"table__cell\">Spring bank holiday"))
            #expect(y2003.text.contains("Remove<span class=\"visually-hidden\"> Monday 26 May 2003</span>"))
            #expect(y2003.text.contains("href=\"/admin/bank-holidays/2002\" rel=\"prev\"") && y2003.text.contains("href=\"/admin/bank-holidays/2004\" rel=\"next\""))
            // Without a year: this year in London.
            let now = try await admin.get("/admin/bank-holidays")
            #expect(now.text.contains("Bank holidays in \(Day.london(clock.now()).year)"))
            #expect(try await admin.get("/admin/bank-holidays/2050").text.contains("There are no bank holidays on the list for 2050"))
            for bad in ["1800", "abcd", "20030", "03", "2003.0"] {
                #expect(try await admin.get("/admin/bank-holidays/\(bad)").status == .notFound, "\(bad)")
            }
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            #expect(try await officer.get("/admin/bank-holidays/2003").status == .forbidden)
        }
    }

    @Test func anAdministratorAddsADayAndItCountsAtOnce() async throws {
        try await withDemoApp { app, _ in
            let admin = try await Self.admin(app)
            try await admin.get("/admin/bank-holidays/new")
            let added = try await admin.post("/admin/bank-holidays/new", ["day": "2031-05-26", "name": "Spring bank holiday"])
            #expect(added.status == .seeOther && added.location == "/admin/bank-holidays/2031")
            let list = try await admin.get("/admin/bank-holidays/2031")
            #expect(list.text.contains("Bank holiday added: Monday 26 May 2031, Spring bank holiday"))
            #expect(list.text.contains("Monday 26 May 2031</td><td class=\"table__cell\">Spring bank holiday"))
            let calendar = try await WorkingDays.read(on: app.db.sql)
            #expect(!calendar.isWorkingDay(Day(iso: "2031-05-26")!))
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "bank-holiday.add").first())
            #expect(event.actorID != nil)
            #expect(event.changes.contains("2031-05-26") && event.changes.contains("Spring bank holiday"))
        }
    }

    @Test(arguments: [
        (["day": "2003-05-24", "name": "Saturday"], "day", "Saturday 24 May 2003 is a Saturday: bank holidays fall on weekdays"),
        (["day": "2003-05-26", "name": "Again"], "day", "Monday 26 May 2003 is already a bank holiday"),
        (["day": "26/05/2003", "name": "Spring"], "day", "Enter the date as year-month-day, for example 2003-05-26"),
        (["day": "2003-02-30", "name": "Nonsense"], "day", "Enter the date as year-month-day, for example 2003-05-26"),
        (["day": "1700-01-04", "name": "Too early"], "day", "Enter a date between 1990 and 2100"),
        (["day": "", "name": "No date"], "day", "Enter date"),
        (["day": "2031-05-27", "name": ""], "name", "Enter name"),
        (["day": "2031-05-27", "name": "Bad\u{86}name"], "name", "Name"),
    ])
    func badInputIsToldBesideItsField(form: [String: String], field: String, message: String) async throws {
        try await withDemoApp { app, _ in
            let admin = try await Self.admin(app)
            try await admin.get("/admin/bank-holidays/new")
            let before = try await BankHoliday.query(on: app.db).count()
            let refused = try await admin.post("/admin/bank-holidays/new", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"\(field)-error\""), "the message is beside \(field)")
            #expect(refused.text.contains(message))
            // What was typed in the other field is kept.
            let other = field == "day" ? "name" : "day"
            if let typed = form[other], !typed.isEmpty { #expect(refused.text.contains("value=\"\(typed)\"")) }
            #expect(try await BankHoliday.query(on: app.db).count() == before)
        }
    }

    @Test func aDayIsRemovedOnlyAsTheListShowedIt() async throws {
        try await withDemoApp { app, _ in
            let admin = try await Self.admin(app)
            let holiday = try #require(try await BankHoliday.query(on: app.db).filter(\.$dayText == "2003-05-26").first())
            let path = "/admin/bank-holidays/remove/\(holiday.id!.uuidString.lowercased())"
            try await admin.get("/admin/bank-holidays/2003")
            // Without the version it was shown at, or with an older one: nothing is removed.
            let unversioned = try await admin.post(path, ["version": ""])
            #expect(unversioned.status == .conflict && unversioned.text.contains("nothing was removed"))
            let stale = try await admin.post(path, ["version": "0"])
            #expect(stale.status == .conflict)
            #expect(try await BankHoliday.find(holiday.id, on: app.db) != nil)

            let removed = try await admin.post(path, ["version": "1"])
            #expect(removed.status == .seeOther && removed.location == "/admin/bank-holidays/2003")
            #expect(try await admin.get("/admin/bank-holidays/2003").text.contains("Bank holiday removed: Monday 26 May 2003, Spring bank holiday"))
            #expect(try await BankHoliday.find(holiday.id, on: app.db) == nil)
            #expect(try await WorkingDays.read(on: app.db.sql).isWorkingDay(Day(iso: "2003-05-26")!))
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "bank-holiday.remove").first())
            #expect(event.subjectID == holiday.id!.uuidString.lowercased() || event.subjectID == holiday.id!.uuidString)
            #expect(event.changes.contains("2003-05-26") && event.changes.contains("Spring bank holiday"))
            // Gone: a second removal is told so.
            #expect(try await admin.post(path, ["version": "1"]).status == .notFound)
            guard case .intact = try await AuditTrail.verify(on: app.db) else { Issue.record("the audit chain does not verify"); return }
        }
    }
}
