@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The shortlist and interviews from the outside: only shortlisted organisations are interviewed,
/// only inside the exercise's interview window, never with a panel member booked twice at once;
/// notes and an outcome are recorded as any audited edit.
@Suite("Shortlist and interviews")
struct InterviewsTests {
    @Test func anOfficerShortlistsSchedulesInsideTheWindowWithoutDoubleBookingAndRecordsTheOutcome() async throws {
        try await withDemoApp { app, clock in
            let s = try await ResultsTests.scored(app, clock)
            let path = "/manage/exercises/\(s.id)/interviews", officer = s.officer
            let e = try #require(try await Exercise.find(s.exercise.id, on: app.db))
            let window = try #require(e.interviewFrom), last = try #require(e.interviewTo)
            let evaluator = try await PanelTests.user(app, .evaluator)
            let first = try await officer.get(path)
            #expect(first.status == .ok && first.text.contains("Nobody is shortlisted yet") && first.text.contains("Shortlist an organisation to schedule its interview"))

            let demo = s.demo.id!.lowercasedString, rival = s.rival.id!.lowercasedString
            func slot(_ organisation: String, date: String = window, time: String = "10:00", members: [User]) -> [String: String] {
                var form = ["interviewee": organisation, "date": date, "time": time, "minutes": "60", "place": "Civic Centre, Committee Room 2"]
                for m in members { form["panel-\(m.id!.lowercasedString)"] = "yes" }
                return form
            }
            // Not before it is shortlisted.
            let early = try await officer.post(path, slot(demo, members: [evaluator]))
            #expect(early.status == .conflict && early.text.contains("Shortlist the organisation before scheduling its interview"))

            #expect(try await officer.post("/manage/exercises/\(s.id)/shortlist", ["organisation": demo, "reason": "Ranked first."]).status == .seeOther)
            let twice = try await officer.post("/manage/exercises/\(s.id)/shortlist", ["organisation": demo])
            #expect(twice.status == .conflict && twice.text.contains("already on the shortlist"))
            let stranger = try await officer.post("/manage/exercises/\(s.id)/shortlist", ["organisation": UUID().lowercasedString])
            #expect(stranger.status == .unprocessableEntity && stranger.text.contains("Select an organisation whose response counts"))

            // Inside the window, at a time that exists, with someone from the panel; what was typed is kept.
            let outside = try await officer.post(path, slot(demo, date: "2003-05-06", members: [evaluator]))
            #expect(outside.status == .unprocessableEntity && outside.text.contains("must be inside the exercise’s interview window") && outside.text.contains("Committee Room 2"))
            #expect(try await officer.post(path, slot(demo, time: "25:00", members: [evaluator])).text.contains("Enter the time on the 24-hour clock"))
            #expect(try await officer.post(path, slot(demo, date: "2003-02-30", members: [evaluator])).text.contains("Enter the date as year, month and day"))
            #expect(try await officer.post(path, slot(demo, members: [])).text.contains("Choose at least one member of the panel"))
            let late = try await officer.post(path, slot(demo, date: last, time: "23:30", members: [evaluator]))
            #expect(late.status == .unprocessableEntity && late.text.contains("must end inside the exercise’s interview window"))
            #expect(try await officer.post(path, slot(demo, members: [evaluator])).status == .seeOther)
            #expect(try await PanelTests.events(app, "interview.schedule") == 1)

            // The same evaluator cannot be in two interviews at once; another member can.
            #expect(try await officer.post("/manage/exercises/\(s.id)/shortlist", ["organisation": rival]).status == .seeOther)
            let clash = try await officer.post(path, slot(rival, time: "10:30", members: [evaluator]))
            #expect(clash.status == .conflict && clash.text.contains("\(evaluator.name) is already interviewing from"))
            #expect(try await officer.post(path, slot(rival, time: "11:00", members: [evaluator])).status == .seeOther, "back to back is fine")
            // Nobody sits on the interview of an organisation they declared a conflict with.
            let conflicted = try #require(try await Declaration.query(on: app.db).filter(\.$evaluator.$id == s.secondUser.id!).filter(\.$organisation.$id == s.rival.id!).first())
            conflicted.conflict = true; conflicted.note = "A late conflict."
            try await saveFixture(conflicted, on: app.db)
            let barred = try await officer.post(path, slot(rival, time: "10:30", members: [s.secondUser]))
            #expect(barred.status == .conflict && barred.text.contains("declared a conflict of interest with this organisation") && barred.text.contains("id=\"panel-error\""))
            conflicted.conflict = false; conflicted.note = ""
            try await saveFixture(conflicted, on: app.db)
            #expect(try await officer.post(path, slot(rival, time: "10:30", members: [s.secondUser])).status == .seeOther)
            #expect(try await Interview.query(on: app.db).count() == 3)

            // Notes and the outcome; a stale form is told and keeps what was typed.
            let interview = try #require(try await Interview.query(on: app.db).filter(\.$organisation.$id == s.demo.id!).first())
            let record = "\(path)/\(interview.id!.lowercasedString)"
            try await officer.get(record)
            #expect(try await officer.post(record, ["version": "1", "notes": "Strong on the contact centre; asked for a costed plan.", "outcome": "further-discussion"]).status == .seeOther)
            let stale = try await officer.post(record, ["version": "1", "notes": "Second thoughts", "outcome": "withdrew"])
            #expect(stale.status == .conflict && stale.text.contains("Second thoughts"))
            #expect(try await officer.post(record, ["version": "2", "outcome": "maybe"]).status == .unprocessableEntity)
            #expect(try await officer.get(path).text.contains("Invited to further discussion"))

            // Taken off the shortlist only once its interview is cancelled.
            let entry = try #require(try await ShortlistEntry.query(on: app.db).filter(\.$organisation.$id == s.demo.id!).first())
            let remove = "/manage/exercises/\(s.id)/shortlist/\(entry.id!.lowercasedString)/remove"
            #expect(try await officer.post(remove, ["version": "1"]).status == .conflict)
            #expect(try await officer.post("\(record)/cancel", ["version": "2"]).status == .seeOther)
            #expect(try await officer.post(remove, ["version": "1"]).status == .seeOther)

            // The API, for officers; the panel and others are refused by role.
            let token = try await ScoringTests.token(app, try await PanelTests.user(app, .officer), clock)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/interviews", headers: token)
            #expect(api.status == .ok && api.text.contains("Rival Services Ltd (fictitious)") && api.text.contains("Committee Room 2"))
            #expect(try await s.evaluator.get(path).status == .forbidden)
        }
    }
}
