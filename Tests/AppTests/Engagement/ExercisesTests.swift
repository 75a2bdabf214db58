@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// An exercise from the outside: an officer drafts, scopes and publishes it; the public sees it
/// only once published; the deadline closes it by the server's clock; a late change needs an
/// extension (counted in working days, bank holidays excluded); an extension and a cancellation
/// each need a reason and are shown on the notice; every change is audited and released.
@Suite("Exercises")
struct ExercisesTests {
    static func at(_ iso: String, _ hour: Int, _ minute: Int = 0) -> Date {
        guard case .exactly(let date) = LondonTime.reading(Day(iso: iso)!, hour: hour, minute: minute) else { preconditionFailure() }
        return date
    }

    static let details: [String: String] = [
        "reference": "TST-1", "title": "Partnering for back-office services",
        "advert": "We invite ideas on partnering models.\n\n- Finance\n- Payroll",
        "engagement": "A questionnaire, then meetings with some respondents.",
        "disclaimer": Exercise.standardDisclaimer, "contact": "Strategy team, strategy@council.example",
        "publishOn": "2003-05-01", "clarificationDate": "2003-05-16", "clarificationTime": "12:00",
        "deadlineDate": "2003-05-30", "deadlineTime": "12:00",
        "evaluationFrom": "2003-06-02", "evaluationTo": "2003-06-13", "interviewFrom": "", "interviewTo": "", "decisionOn": "2003-06-20",
    ]

    static func officer(_ app: Application) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(as: .officer)
        return b
    }

    /// Drafts TST-1 through the form and returns its id.
    static func draft(_ officer: Browser, _ fields: [String: String] = details) async throws -> UUID {
        try await officer.get("/manage/exercises/new")
        let made = try await officer.post("/manage/exercises/new", fields)
        #expect(made.status == .seeOther, "\(made.text.prefix(2000))")
        return try #require(made.location.flatMap { UUID(uuidString: String($0.split(separator: "/").last!)) })
    }

    static func scopeAndBenefits(_ officer: Browser, _ id: UUID, on db: any Database) async throws {
        let accountancy = try #require(try await Service.query(on: db).filter(\.$slug == "accountancy").first()).id!.uuidString.lowercased()
        try await officer.get("/manage/exercises/\(id)/scope")
        let scoped = try await officer.post("/manage/exercises/\(id)/scope", ["service-\(accountancy)": "yes", "cpv-\(accountancy)": "79211000-6, 79212200-5"])
        #expect(scoped.status == .seeOther, "\(scoped.text.prefix(2000))")
        try await officer.get("/manage/exercises/\(id)/benefits")
        let benefits = try await officer.post("/manage/exercises/\(id)/benefits", ["benefit-1": "Better services", "benefit-1-objective-1": "yes", "benefit-1-objective-6": "yes"])
        #expect(benefits.status == .seeOther, "\(benefits.text.prefix(2000))")
        try await officer.get("/manage/exercises/\(id)/questionnaire/sections/new")
        #expect(try await officer.post("/manage/exercises/\(id)/questionnaire/sections/new", ["title": "Your proposal"]).status == .seeOther)
        let section = try #require(try await Questionnaire.query(on: db).filter(\.$exercise.$id == id).first()?.content.sections.first?.id)
        try await officer.get("/manage/exercises/\(id)/questionnaire/questions/new?section=\(section.uuidString.lowercased())")
        let question = try await officer.post("/manage/exercises/\(id)/questionnaire/questions/new", [
            "section": section.uuidString.lowercased(), "kind": "long-text", "text": "What partnering model do you propose?", "required": "yes",
            "wordLimit": "500", "objective-1": "yes"])
        #expect(question.status == .seeOther, "\(question.text.prefix(2000))")
    }

    /// An officer signed in on 1 May 2003, and TST-1 published by them (deadline 30 May 2003, 12:00).
    static func published(_ app: Application, _ clock: TestClock) async throws -> (Browser, UUID) {
        clock.set(Self.at("2003-05-01", 10))
        let officer = try await Self.officer(app)
        let id = try await Self.draft(officer)
        try await Self.scopeAndBenefits(officer, id, on: app.db)
        #expect(try await Self.publish(officer, id).status == .seeOther)
        return (officer, id)
    }

    static func publish(_ officer: Browser, _ id: UUID) async throws -> TestingHTTPResponse {
        try await officer.get("/manage/exercises/\(id)")
        return try await officer.post("/manage/exercises/\(id)/publish")
    }

    @Test func badInputIsToldBesideItsFieldAndWhatWasTypedIsKept() async throws {
        try await withDemoApp { app, clock in
            clock.set(Self.at("2003-05-01", 10))
            let officer = try await Self.officer(app)
            try await officer.get("/manage/exercises/new")
            var form = Self.details
            form["reference"] = "bad ref!"
            form["deadlineDate"] = "25/04/2003"
            form["clarificationDate"] = "2003-03-30"
            form["clarificationTime"] = "01:30"
            form["evaluationTo"] = "2003-05-31"
            let refused = try await officer.post("/manage/exercises/new", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"reference-error\""))
            #expect(refused.text.contains("Reference must be letters, digits and hyphens"))
            #expect(refused.text.contains("id=\"deadlineDate-error\"") && refused.text.contains("Enter response deadline date as year-month-day"))
            #expect(refused.text.contains("01:30 did not happen in London on Sunday 30 March 2003: the clocks went forward"))
            #expect(refused.text.contains("Evaluation must end on or after it starts"))
            #expect(refused.text.contains("value=\"bad ref!\"") && refused.text.contains("value=\"25/04/2003\""))
            #expect(refused.text.contains("We invite ideas on partnering models."))
            #expect(try await Exercise.query(on: app.db).filter(\.$reference == "bad ref!").count() == 0)

            // A reference already taken.
            form = Self.details
            form["reference"] = SalfordExercise.reference
            let taken = try await officer.post("/manage/exercises/new", form)
            #expect(taken.status == .unprocessableEntity && taken.text.contains("Another exercise has the reference SLF-2003-SPP"))
        }
    }

    @Test func aDraftIsSeenOnlyByOfficersUntilItIsPublished() async throws {
        try await withDemoApp { app, clock in
            clock.set(Self.at("2003-05-01", 10))
            let officer = try await Self.officer(app)
            let id = try await Self.draft(officer)
            #expect(try await officer.get("/notices/TST-1").text.contains("This is a draft, shown only to officers"))
            for role in [nil, Role.supplierUser, .evaluator, .boardMember, .administrator] {
                let other = Browser(app)
                if let role { try await other.signIn(as: role) }
                #expect(try await other.get("/notices/TST-1").status == .notFound, "\(role?.rawValue ?? "anonymous")")
                #expect(!(try await other.get("/notices").text.contains("TST-1")))
            }
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(id)").status == .notFound)
            #expect(!(try await app.testing().sendRequest(.GET, "/api/v1/exercises").body.string.contains("TST-1")))

            // Incomplete: publishing says what is missing and publishes nothing.
            let incomplete = try await Self.publish(officer, id)
            #expect(incomplete.status == .conflict)
            #expect(incomplete.text.contains("The notice cannot be published yet"))
            #expect(incomplete.text.contains("Select the services in scope") && incomplete.text.contains("Enter the benefits sought"))
            #expect(incomplete.text.contains("Write the questionnaire: it has no questions yet"))
            #expect(try await Exercise.find(id, on: app.db)?.status == .draft)

            try await Self.scopeAndBenefits(officer, id, on: app.db)
            let published = try await Self.publish(officer, id)
            #expect(published.status == .seeOther)
            let notice = try await Browser(app).get("/notices/TST-1")
            #expect(notice.status == .ok)
            #expect(notice.text.contains("Responses by <time datetime=\"2003-05-30T12:00:00+01:00\">30 May 2003, 12:00 noon (BST, UTC+1)</time>"))
            #expect(notice.text.contains("Lot 1: Finance") && notice.text.contains("79211000-6, 79212200-5"))
            #expect(notice.text.contains("Better services") && notice.text.contains("Serves objectives I (To improve quality and add value to services); VI"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(id)")
            #expect(api.status == .ok && api.body.string.contains("\"stage\":\"open\""))
            #expect(try await NoticeRelease.query(on: app.db).filter(\.$exercise.$id == id).count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "exercise.publish").filter(\.$subjectID == id.uuidString.lowercased()).count() == 1)
        }
    }

    @Test func theScopeAndBenefitsFormsRefuseWhatTheyCannotStore() async throws {
        try await withDemoApp { app, clock in
            clock.set(Self.at("2003-05-01", 10))
            let officer = try await Self.officer(app)
            let id = try await Self.draft(officer)
            let payroll = try #require(try await Service.query(on: app.db).filter(\.$slug == "payroll").first()).id!.uuidString.lowercased()
            try await officer.get("/manage/exercises/\(id)/scope")
            let badCPV = try await officer.post("/manage/exercises/\(id)/scope", ["service-\(payroll)": "yes", "cpv-\(payroll)": "payroll"])
            #expect(badCPV.status == .unprocessableEntity && badCPV.text.contains("id=\"cpv-\(payroll)-error\""))
            #expect(badCPV.text.contains("value=\"payroll\"") && badCPV.text.contains("id=\"service-\(payroll)\" name=\"service-\(payroll)\" value=\"yes\" checked"))
            try await officer.get("/manage/exercises/\(id)/benefits")
            let noObjective = try await officer.post("/manage/exercises/\(id)/benefits", ["benefit-1": "Jobs for local people"])
            #expect(noObjective.status == .unprocessableEntity && noObjective.text.contains("Select the objectives benefit 1 serves"))
            #expect(noObjective.text.contains("Jobs for local people"))
            let e = try #require(try await Exercise.find(id, on: app.db))
            #expect(e.scope.isEmpty && e.benefits.isEmpty && e.version == 1)
        }
    }

    @Test func theDeadlineClosesTheExerciseByTheServersClock() async throws {
        try await withDemoApp { app, clock in
            let (officer, id) = try await Self.published(app, clock)
            let deadline = Self.at("2003-05-30", 12)

            clock.set(deadline.addingTimeInterval(-1))
            try await officer.signIn(as: .officer)  // the session of four weeks ago has lapsed
            #expect(try await Browser(app).get("/notices/TST-1").text.contains("Open for responses"))
            #expect(try await officer.get("/manage/exercises/\(id)/extend").status == .ok)

            clock.set(deadline)
            let closed = try await Browser(app).get("/notices/TST-1")
            #expect(closed.text.contains("Responses closed at") && !closed.text.contains("Open for responses"))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(id)").body.string.contains("\"stage\":\"closed\""))
            // Nothing about the notice changes once closed, and the deadline cannot be reopened.
            #expect(try await officer.get("/manage/exercises/\(id)/details").status == .seeOther)
            let late = try await officer.post("/manage/exercises/\(id)/extend", ["deadlineDate": "2003-06-06", "deadlineTime": "12:00", "reason": "Too late", "version": "2"])
            #expect(late.status == .unprocessableEntity && late.text.contains("deadline can be extended; this one is closed"))
            let edit = try await officer.post("/manage/exercises/\(id)/details", ["title": "Changed after closing", "version": "2"])
            #expect(edit.status == .unprocessableEntity && edit.text.contains("its notice can no longer be changed"))
            #expect(try await Exercise.find(id, on: app.db)?.responseDeadline == deadline)
        }
    }

    @Test func aLateChangeNeedsAnExtensionThatLeavesFiveWorkingDays() async throws {
        try await withDemoApp { app, clock in
            let (officer, id) = try await Self.published(app, clock)

            // Tuesday 20 May: 7 working days to Friday 30 May (Monday 26 May is a bank holiday). Allowed.
            clock.set(Self.at("2003-05-20", 10))
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(id)/details")
            let early = try await officer.post("/manage/exercises/\(id)/details", ["title": "Partnering for support services"])
            #expect(early.status == .seeOther, "\(early.text.prefix(1500))")

            // Friday 23 May: 4 working days left. Refused, and told the earliest deadline that
            // would do: Monday 2 June, not Friday 30 May, because of the bank holiday.
            clock.set(Self.at("2003-05-23", 10))
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(id)/details")
            let late = try await officer.post("/manage/exercises/\(id)/details", ["title": "Partnering for support and direct services"])
            #expect(late.status == .unprocessableEntity || late.status == .conflict)
            #expect(late.text.contains("The response deadline is 4 working days away. A change to the notice now must leave respondents at least 5 working days: extend the deadline to Monday 2 June 2003 or later first"))
            #expect(late.text.contains("value=\"Partnering for support and direct services\""))
            #expect(try await Exercise.find(id, on: app.db)?.title == "Partnering for support services")

            // The deadline itself cannot be moved through the notice's form.
            let viaNotice = try await officer.post("/manage/exercises/\(id)/details", ["deadlineDate": "2003-06-06", "deadlineTime": "12:00"])
            #expect(viaNotice.text.contains("moves only by an extension"))

            // An extension needs a reason and a later deadline.
            try await officer.get("/manage/exercises/\(id)/extend")
            let noReason = try await officer.post("/manage/exercises/\(id)/extend", ["deadlineDate": "2003-06-06", "deadlineTime": "12:00", "reason": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Enter reason"))
            let earlier = try await officer.post("/manage/exercises/\(id)/extend", ["deadlineDate": "2003-05-29", "deadlineTime": "12:00", "reason": "Because"])
            #expect(earlier.status == .unprocessableEntity && earlier.text.contains("The new deadline must be after the present one, 30 May 2003, 12:00 noon (BST, UTC+1)"))
            // The evaluation window, from Monday 2 June, must move with a deadline of 6 June.
            let windowLeft = try await officer.post("/manage/exercises/\(id)/extend", ["deadlineDate": "2003-06-06", "deadlineTime": "12:00", "reason": "The notice is to change"])
            #expect(windowLeft.status == .unprocessableEntity && windowLeft.text.contains("Evaluation starts after the response deadline (Friday 6 June 2003)"))
            #expect(windowLeft.text.contains("value=\"2003-06-02\""), "the form shows the days after the deadline as stored")
            let extended = try await officer.post("/manage/exercises/\(id)/extend", ["deadlineDate": "2003-06-06", "deadlineTime": "12:00", "reason": "The notice is to change",
                                                                                     "evaluationFrom": "2003-06-09", "evaluationTo": "2003-06-20", "decisionOn": "2003-06-27"])
            #expect(extended.status == .seeOther, "\(extended.text.prefix(1500))")
            let moved = try #require(try await Exercise.find(id, on: app.db))
            #expect(moved.responseDeadline == Self.at("2003-06-06", 12) && moved.evaluationFrom == "2003-06-09" && moved.decisionOn == "2003-06-27")
            let recorded = try #require(try await DeadlineExtension.query(on: app.db).filter(\.$exercise.$id == id).first())
            #expect(recorded.previousDeadline == Self.at("2003-05-30", 12) && recorded.reason == "The notice is to change")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "deadline-extension.create").filter(\.$subjectID == recorded.id!.uuidString.lowercased()).count() == 1)

            // Now 9 working days are left: the change goes ahead, and is a release of its own.
            try await officer.get("/manage/exercises/\(id)/details")
            let changed = try await officer.post("/manage/exercises/\(id)/details", ["title": "Partnering for support and direct services"])
            #expect(changed.status == .seeOther, "\(changed.text.firstMatch(of: /error-summary.*?<\/ul>/.dotMatchesNewlines()).map { String($0.0) } ?? changed.text)")
            let releases = try await NoticeRelease.query(on: app.db).filter(\.$exercise.$id == id).sort(\.$number).all()
            try #require(releases.map(\.number) == [1, 2, 3, 4])
            #expect(releases[2].summary.hasPrefix("The response deadline was extended from 30 May 2003, 12:00 noon (BST, UTC+1) to 6 June 2003, 12:00 noon (BST, UTC+1): The notice is to change"))
            #expect(releases[3].snapshot.contains("\"title\":\"Partnering for support and direct services\""))
            let notice = try await Browser(app).get("/notices/TST-1")
            #expect(notice.text.contains("Changes to this notice") && notice.text.contains("The notice is to change"))
            #expect(notice.text.contains("6 June 2003, 12:00 noon (BST, UTC+1)"))
        }
    }

    @Test func theLateChangeRuleCountsWorkingDays() {
        let holidays = WorkingDays(holidays: [Day(iso: "2003-05-26")!])
        let e = Exercise()
        e.status = .published
        e.responseDeadline = Self.at("2003-05-30", 12)
        #expect(ExerciseWrites.lateChange(e, at: Self.at("2003-05-22", 17), days: 5, calendar: holidays) == nil)
        #expect(ExerciseWrites.lateChange(e, at: Self.at("2003-05-23", 9), days: 5, calendar: holidays)?.contains("4 working days away") == true)
        // Without the bank holiday, Friday 23 May would still leave five.
        #expect(ExerciseWrites.lateChange(e, at: Self.at("2003-05-23", 9), days: 5, calendar: WorkingDays(holidays: [])) == nil)
        #expect(ExerciseWrites.lateChange(e, at: Self.at("2003-05-29", 9), days: 5, calendar: holidays)?.contains("1 working day away") == true)
        #expect(ExerciseWrites.lateChange(e, at: Self.at("2003-05-29", 9), days: 0, calendar: holidays) == nil)
        e.status = .draft
        #expect(ExerciseWrites.lateChange(e, at: Self.at("2003-05-29", 9), days: 5, calendar: holidays) == nil)
    }

    @Test func aCancelledExerciseSaysWhyAndCannotChange() async throws {
        try await withDemoApp { app, clock in
            let (officer, id) = try await Self.published(app, clock)
            try await officer.get("/manage/exercises/\(id)/cancel")
            #expect(try await officer.post("/manage/exercises/\(id)/cancel", ["reason": " "]).status == .unprocessableEntity)
            let cancelled = try await officer.post("/manage/exercises/\(id)/cancel", ["reason": "Cabinet decided to keep the services in-house"])
            #expect(cancelled.status == .seeOther)
            let notice = try await Browser(app).get("/notices/TST-1")
            #expect(notice.text.contains("This exercise was cancelled: Cabinet decided to keep the services in-house."))
            #expect(try await officer.get("/manage/exercises/\(id)/scope").status == .seeOther)
            #expect(try await officer.get("/manage/exercises/\(id)/cancel").status == .seeOther)
            let again = try await officer.post("/manage/exercises/\(id)/cancel", ["reason": "Twice", "version": "4"])
            #expect(again.status == .unprocessableEntity && again.text.contains("This exercise is cancelled and cannot be cancelled"))
        }
    }

    @Test func twoOfficersSavingTheSameNoticeAreTold() async throws {
        try await withDemoApp { app, clock in
            clock.set(Self.at("2003-05-01", 10))
            let first = try await Self.officer(app)
            let id = try await Self.draft(first)
            let second = try await Self.officer(app)
            try await first.get("/manage/exercises/\(id)/details")
            try await second.get("/manage/exercises/\(id)/details")
            #expect(try await first.post("/manage/exercises/\(id)/details", ["title": "First officer's title"]).status == .seeOther)
            let stale = try await second.post("/manage/exercises/\(id)/details", ["title": "Second officer's title"])
            #expect(stale.status == .conflict && stale.text.contains("Someone else saved a change since you opened this"))
            #expect(stale.text.contains("value=\"Second officer&#39;s title\""), "what was typed is kept")
            #expect(try await Exercise.find(id, on: app.db)?.title == "First officer's title")
        }
    }

    @Test func theDemoHoldsTheExerciseOf2003AndOneOpenNow() async throws {
        try await withDemoApp { app, clock in
            let past = try #require(try await Exercise.query(on: app.db).filter(\.$reference == SalfordExercise.reference).first())
            #expect(past.stage(at: clock.now()) == .closed)
            #expect(past.responseDeadline == Self.at("2003-04-25", 12))
            #expect(past.benefits.count == 7 && past.scope.count == 36)
            let ext = try #require(try await DeadlineExtension.query(on: app.db).filter(\.$exercise.$id == past.id!).first())
            #expect(ext.previousDeadline == Self.at("2003-04-11", 12))
            let notice = try await Browser(app).get("/notices/\(SalfordExercise.reference)")
            #expect(notice.text.contains("Responses closed at <time datetime=\"2003-04-25T12:00:00+01:00\">25 April 2003, 12:00 noon (BST, UTC+1)</time>"))
            #expect(notice.text.contains("The response deadline was extended from 11 April 2003, 12:00 noon (BST, UTC+1) to 25 April 2003"))
            #expect(notice.text.contains("It is not in any way part of a selection tendering process"))
            for area in ["Finance", "Law and Administration", "Salford IT Net", "Salford Advance", "Customer Services", "Personnel and Performance"] {
                #expect(notice.text.contains(": \(area)</h3>"), "\(area)")
            }

            let open = try #require(try await Exercise.query(on: app.db).filter(\.$reference == SalfordExercise.openReference).first())
            #expect(open.stage(at: clock.now()) == .open)
            let calendar = try await WorkingDays.read(on: app.db.sql)
            #expect(calendar.count(after: Day.london(clock.now()), through: Day.london(open.responseDeadline!)) >= 25)
            #expect(try await Browser(app).get("/notices").text.contains("href=\"/notices/\(SalfordExercise.openReference)\""))
        }
    }

    @Test func theOCDSPackageHasAReleaseForEveryPublishedChange() async throws {
        try await withDemoApp { app, clock in
            let (officer, id) = try await Self.published(app, clock)
            let url = "/api/v1/exercises/\(id.uuidString.lowercased())/ocds"
            // Published: a package of one release.
            let first = try await app.testing().sendRequest(.GET, url)
            #expect(first.status == .ok && first.headers.contentType == .json)
            clock.set(Self.at("2003-05-02", 10))
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(id)/extend")
            #expect(try await officer.post("/manage/exercises/\(id)/extend", ["deadlineDate": "2003-06-06", "deadlineTime": "12:00", "reason": "More time",
                                                                               "evaluationFrom": "2003-06-09", "evaluationTo": "2003-06-13"]).status == .seeOther)
            let package = try JSONSerialization.jsonObject(with: Data(try await app.testing().sendRequest(.GET, url).body.string.utf8)) as! [String: Any]
            let releases = package["releases"] as! [[String: Any]]
            #expect(releases.map { $0["tag"] as! [String] } == [["planning"], ["planningUpdate"]])
            #expect(releases.map { $0["id"] as! String } == ["\(id.uuidString.lowercased())-1", "\(id.uuidString.lowercased())-2"])
            #expect(Set(releases.map { $0["ocid"] as! String }) == ["ocds-ptnrng-\(id.uuidString.lowercased())"])
            let milestones = releases.map { (($0["planning"] as! [String: Any])["milestones"] as! [[String: Any]])[0]["dueDate"] as! String }
            #expect(milestones == ["2003-05-30T12:00:00+01:00", "2003-06-06T12:00:00+01:00"])
            let amendments = (releases[1]["tender"] as! [String: Any])["amendments"] as! [[String: Any]]
            #expect(amendments.count == 1 && amendments[0]["rationale"] as? String == "More time")
            #expect(package["publishedDate"] as? String == "2003-05-02T10:00:00+01:00")
            let draft = try await Self.draft(officer, Self.details.merging(["reference": "TST-2"]) { $1 })
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(draft.uuidString.lowercased())/ocds").status == .notFound)
        }
    }

    @Test func aLateChangeToAProfileInScopeNeedsAnExtensionToo() async throws {
        try await withDemoApp { app, clock in
            let (officer, _) = try await Self.published(app, clock)
            let accountancy = try #require(try await Service.query(on: app.db).filter(\.$slug == "accountancy").first())
            let path = "/manage/services/\(accountancy.id!.uuidString.lowercased())/profile"
            clock.set(Self.at("2003-05-20", 10))
            try await officer.signIn(as: .officer)
            try await officer.get(path)
            #expect(try await officer.post(path, ["purpose": "Accounting for the council, early in the exercise."]).status == .seeOther)
            clock.set(Self.at("2003-05-23", 10))
            try await officer.signIn(as: .officer)
            try await officer.get(path)
            let late = try await officer.post(path, ["purpose": "Accounting for the council, late in the exercise."])
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("This service is in the scope of TST-1, whose respondents read its profile. The response deadline is 4 working days away"))
            #expect(late.text.contains("Accounting for the council, late in the exercise."), "what was typed is kept")
            #expect(try await Service.find(accountancy.id, on: app.db)?.purpose == "Accounting for the council, early in the exercise.")
            // A service outside the scope changes freely.
            let payroll = try #require(try await Service.query(on: app.db).filter(\.$slug == "payroll").first())
            try await officer.get("/manage/services/\(payroll.id!.uuidString.lowercased())/profile")
            #expect(try await officer.post("/manage/services/\(payroll.id!.uuidString.lowercased())/profile", ["purpose": "Paying the council's staff."]).status == .seeOther)
        }
    }
}
