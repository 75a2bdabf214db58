@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The evaluation panel from the outside: an officer assigns evaluators and one moderator; each
/// evaluator declares, for every organisation whose response counts, whether they have a
/// conflict of interest — only once the responses are opened, and only for their own panels.
@Suite("Evaluation panel and declarations of interest")
struct PanelTests {
    /// The open demo exercise with the demo organisation's response submitted, past its deadline.
    static func submitted(_ app: Application, _ clock: TestClock) async throws -> Exercise {
        let e = try await ResponsesTests.exercise(app)
        try await ResponsesTests.submitted(app)
        clock.set(e.responseDeadline!.addingTimeInterval(60))
        return e
    }

    /// The two officers' opening, as a fixture (the opening itself is tested with the responses).
    static func open(_ app: Application, _ e: Exercise, at now: Date) async throws {
        let stored = try #require(try await Exercise.find(e.id, on: app.db))
        stored.openedAt = now
        stored.status = .opened
        try await saveFixture(stored, on: app.db)
        try await AuditTrail.transaction(on: app.db) { tx in try await Criteria.freeze(e.id!, by: .system("tests"), at: now, on: tx) }
    }

    static func user(_ app: Application, _ role: Role) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$email == Browser.email(for: role)).first())
    }

    static func events(_ app: Application, _ action: String) async throws -> Int {
        try await AuditEvent.query(on: app.db).filter(\.$action == action).count()
    }

    @Test func anOfficerAssignsEvaluatorsAndOneModerator() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let panel = "/manage/exercises/\(e.id!.lowercasedString)/panel"
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let empty = try await officer.get(panel)
            #expect(empty.status == .ok && empty.text.contains("Nobody is on the panel yet"))
            let evaluator = try await Self.user(app, .evaluator), moderator = try await Self.user(app, .moderator)
            #expect(empty.text.contains("\(evaluator.name) (Evaluator)") && empty.text.contains("\(moderator.name) (Moderator)"))

            let added = try await officer.post(panel, ["user": evaluator.id!.lowercasedString])
            #expect(added.status == .seeOther && added.location == panel)
            #expect(try await officer.post(panel, ["user": moderator.id!.lowercasedString]).status == .seeOther)
            let shown = try await officer.get(panel)
            #expect(shown.text.contains(evaluator.email) && shown.text.contains("Declares once the responses are opened"))
            #expect(!shown.text.contains("\(evaluator.name) (Evaluator)"), "no longer offered")
            #expect(try await Self.events(app, "panel.add") == 2)

            // Refused beside the field, what was chosen kept: the same person twice, a second
            // moderator, someone who is neither, and an id that is nobody.
            #expect(try await officer.post(panel, ["user": evaluator.id!.lowercasedString]).text.contains("\(evaluator.name) is already on the panel"))
            let second = User(email: "second.moderator@salford.example", name: "Second Moderator", role: .moderator, passwordHash: "x")
            try await saveFixture(second, on: app.db)
            let twice = try await officer.post(panel, ["user": second.id!.lowercasedString])
            #expect(twice.status == .unprocessableEntity && twice.text.contains("The panel already has a moderator, \(moderator.name)"))
            #expect(twice.text.contains("value=\"\(second.id!.lowercasedString)\" selected"))
            let officerUser = try await Self.user(app, .officer)
            #expect(try await officer.post(panel, ["user": officerUser.id!.lowercasedString]).text.contains("Select an evaluator or a moderator from the list"))
            #expect(try await officer.post(panel, ["user": UUID().lowercasedString]).status == .unprocessableEntity)
            #expect(try await officer.post(panel, ["user": "not-an-id\u{7}"]).status == .unprocessableEntity)
            #expect(try await PanelMember.query(on: app.db).count() == 2)

            // A form without the version it was opened at removes nobody and shows the panel as it is.
            let member0 = try #require(try await PanelMember.query(on: app.db).filter(\.$role == .moderator).first())
            try await officer.get(panel)
            let stale = try await officer.post("\(panel)/\(member0.id!.lowercasedString)/remove", ["version": "x"])
            #expect(stale.status == .conflict && stale.text.contains("The panel changed since you opened it") && stale.text.contains(moderator.email))
            #expect(try await PanelMember.query(on: app.db).count() == 2)
            // Taken off again, with the version the page showed.
            let member = try #require(try await PanelMember.query(on: app.db).filter(\.$role == .moderator).first())
            try await officer.get(panel)
            let removed = try await officer.post("\(panel)/\(member.id!.lowercasedString)/remove", ["version": "1"])
            #expect(removed.status == .seeOther)
            let left = try await PanelMember.query(on: app.db).count(), removals = try await Self.events(app, "panel.remove")
            #expect(left == 1 && removals == 1)
            // Another exercise's member cannot be removed through this one.
            let other = try #require(try await Exercise.query(on: app.db).filter(\.$reference != e.reference).first())
            let evaluatorMember = try #require(try await PanelMember.query(on: app.db).first())
            try await officer.get(panel)
            #expect(try await officer.post("/manage/exercises/\(other.id!.lowercasedString)/panel/\(evaluatorMember.id!.lowercasedString)/remove",
                                           ["version": "1"]).status == .notFound)
            // A draft's panel is not made: only officers see a draft.
            let draft = try #require(try await Exercise.find(e.id, on: app.db))
            draft.status = .draft
            try await saveFixture(draft, on: app.db)
            try await officer.get(panel)
            let refused = try await officer.post(panel, ["user": second.id!.lowercasedString])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("The exercise is still a draft"))
            _ = clock
        }
    }

    @Test func evaluatorsDeclareOnlyOnTheirOwnPanelAndOnlyOnceTheResponsesAreOpen() async throws {
        try await withDemoApp { app, clock in
            let e = try await Self.submitted(app, clock)
            let id = e.id!.lowercasedString, path = "/evaluate/\(id)/declarations"
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(id)/panel")
            let evaluatorUser = try await Self.user(app, .evaluator)
            #expect(try await officer.post("/manage/exercises/\(id)/panel", ["user": evaluatorUser.id!.lowercasedString]).status == .seeOther)

            // Signing in, an evaluator lands on their exercises.
            let evaluator = Browser(app)
            try await evaluator.get("/sign-in")
            let signedIn = try await evaluator.post("/sign-in", ["email": evaluatorUser.email, "password": TestDatabase.demoPassword])
            #expect(signedIn.location == "/evaluate")
            let list = try await evaluator.get("/evaluate")
            #expect(list.text.contains(e.reference) && list.text.contains("Sealed until two officers open the responses"))
            // Sealed: not even who responded.
            let sealed = try await evaluator.get(path)
            #expect(sealed.status == .forbidden && sealed.text.contains("sealed") && !sealed.text.contains(SalfordDemo.supplierOrganisation))
            // An evaluator on no panel of this exercise is told it is not there; other roles are refused by role.
            let outsider = User(email: "outside.evaluator@salford.example", name: "Outside Evaluator", role: .evaluator,
                                passwordHash: try await app.password.async.hash("outsider's long password"))
            try await saveFixture(outsider, on: app.db)
            let stranger = Browser(app)
            try await stranger.signIn("outside.evaluator@salford.example", password: "outsider's long password")
            #expect(try await stranger.get(path).status == .notFound)
            #expect(try await stranger.get("/evaluate").text.contains("You are not on any exercise’s evaluation panel"))
            for role in [Role.moderator, .officer, .boardMember, .supplierUser, .administrator] {
                let other = Browser(app)
                try await other.signIn(as: role)
                #expect(try await other.get(path).status == .forbidden, "\(role)")
            }

            try await Self.open(app, e, at: clock.now())
            let org = try #require(try await SupplierOrganisation.query(on: app.db).filter(\.$name == SalfordDemo.supplierOrganisation).first())
            let conflict = "conflict-\(org.id!.lowercasedString)", note = "note-\(org.id!.lowercasedString)"
            let form = try await evaluator.get(path)
            #expect(form.status == .ok && form.text.contains(SalfordDemo.supplierOrganisation))
            #expect(try await stranger.get(path).status == .notFound, "still not theirs once open")

            // Every organisation needs an answer, and a conflict needs saying what it is.
            let none = try await evaluator.post(path, [:])
            #expect(none.status == .unprocessableEntity && none.text.contains("Select whether you have a conflict of interest with \(SalfordDemo.supplierOrganisation)"))
            let unsaid = try await evaluator.post(path, [conflict: "yes"])
            #expect(unsaid.status == .unprocessableEntity && unsaid.text.contains("Say what your conflict of interest with"))
            #expect(unsaid.text.contains("value=\"yes\" checked"), "the choice is kept")
            let control = try await evaluator.post(path, [conflict: "yes", note: "My sister\u{0}works there"])
            #expect(control.status == .unprocessableEntity && control.text.contains("must not contain control characters"))
            #expect(try await evaluator.post(path, [conflict: "maybe"]).status == .unprocessableEntity)
            #expect(try await Declaration.query(on: app.db).count() == 0)

            let saved = try await evaluator.post(path, [conflict: "yes", note: "My sister is its finance director."])
            #expect(saved.status == .seeOther && saved.location == "/evaluate")
            let declared = try #require(try await Declaration.query(on: app.db).first())
            #expect(declared.conflict && declared.note == "My sister is its finance director." && declared.$evaluator.id == evaluatorUser.id)
            #expect(try await Self.events(app, "declaration.make") == 1)
            #expect(try await evaluator.get(path).text.contains("My sister is its finance director."), "shown back")
            // The officer sees who declared what.
            let panel = try await officer.get("/manage/exercises/\(id)/panel")
            #expect(panel.text.contains("1 conflict") && panel.text.contains("My sister is its finance director.") && panel.text.contains("Declared"))
            // Changed: a note is kept only with a conflict; saving the same again records nothing.
            #expect(try await evaluator.post(path, [conflict: "no", note: "ignored"]).status == .seeOther)
            let changed = try #require(try await Declaration.query(on: app.db).first())
            #expect(!changed.conflict && changed.note.isEmpty && changed.version == 2)
            #expect(try await evaluator.post(path, [conflict: "no"]).status == .seeOther)
            #expect(try await Self.events(app, "declaration.change") == 1)
            #expect(try await evaluator.get("/evaluate").text.contains("Change your declarations"))

            // Cancelled: nothing more is declared, on the page or through the API.
            let live = try #require(try await Exercise.find(e.id, on: app.db))
            live.status = .cancelled
            try await saveFixture(live, on: app.db)
            let cancelled = try await evaluator.get(path)
            #expect(cancelled.status == .forbidden && cancelled.text.contains("The exercise is cancelled"))
            #expect(try await evaluator.post(path, [conflict: "yes", note: "late"]).status == .forbidden)
            #expect(try await evaluator.get("/evaluate").text.contains("The exercise is cancelled"))
            live.status = .opened
            try await saveFixture(live, on: app.db)

            // Off the panel, the evaluator can no longer reach it.
            let member = try #require(try await PanelMember.query(on: app.db).first())
            try await officer.get("/manage/exercises/\(id)/panel")
            #expect(try await officer.post("/manage/exercises/\(id)/panel/\(member.id!.lowercasedString)/remove", ["version": "1"]).status == .seeOther)
            #expect(try await evaluator.get(path).status == .notFound)
        }
    }

    @Test func theFormsPagesAreValidAndNameEveryField() {
        // Rendered from plain values: each radio group is a fieldset with a legend, each note has a label.
        let e = Exercise()
        e.id = UUID(); e.reference = "SCC/TEST/1"; e.title = "A test"
        let o = SupplierOrganisation()
        o.id = UUID(); o.name = "Irwell & Partners (fictitious)"
        var errors = FormErrors()
        errors.add("conflict-\(o.id!.lowercasedString)", "Select whether you have a conflict of interest with \(o.name)")
        let page = EvaluationPages.declarations(e, [o], FormState(input: FormInput(), errors: errors, status: .unprocessableEntity, csrf: "t"))
        let html = page.body.rendered
        #expect(html.contains("<legend class=\"fieldset__legend fieldset__legend--m\">Irwell &amp; Partners (fictitious)</legend>"))
        #expect(html.contains("<label class=\"label\" for=\"note-\(o.id!.lowercasedString)\">If you have a conflict with Irwell &amp; Partners (fictitious), what is it?</label>"))
        #expect(html.contains("href=\"#conflict-\(o.id!.lowercasedString)\"") && page.hasErrors)
    }

    @Test func theAPIKeepsTheSameRules() async throws {
        try await withDemoApp { app, clock in
            let e = try await Self.submitted(app, clock)
            let id = e.id!.lowercasedString
            func token(_ user: User) async throws -> HTTPHeaders {
                let secret = Secrets.token(prefix: "pt_")
                try await saveFixture(APIToken(userID: user.id!, name: "test", tokenHash: Secrets.sha256(secret), createdAt: clock.now()), on: app.db)
                var headers: HTTPHeaders = ["Content-Type": "application/json"]
                headers.bearerAuthorization = .init(token: secret)
                return headers
            }
            let evaluatorUser = try await Self.user(app, .evaluator)
            let officer = try await token(try await Self.user(app, .officer)), evaluator = try await token(evaluatorUser)
            let org = try #require(try await SupplierOrganisation.query(on: app.db).filter(\.$name == SalfordDemo.supplierOrganisation).first())
            let one = "/api/v1/exercises/\(id)/declarations/\(org.id!.lowercasedString)"
            func send(_ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ body: String? = nil) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
            }
            // Not on the panel: not there.
            #expect(try await send(.GET, "/api/v1/exercises/\(id)/declarations", evaluator).status == .notFound)
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            try await browser.get("/manage/exercises/\(id)/panel")
            try await browser.post("/manage/exercises/\(id)/panel", ["user": evaluatorUser.id!.lowercasedString])
            let panel = try await send(.GET, "/api/v1/exercises/\(id)/panel", officer)
            #expect(panel.status == .ok && panel.body.string.contains(evaluatorUser.name) && panel.body.string.contains("\"role\":\"evaluator\""))
            // On it, but sealed.
            let sealed = try await send(.PUT, one, evaluator, #"{"conflict":"no"}"#)
            #expect(sealed.status == .forbidden && sealed.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            try await Self.open(app, e, at: clock.now())
            let listed = try await send(.GET, "/api/v1/exercises/\(id)/declarations", evaluator)
            #expect(listed.status == .ok && listed.body.string.contains("\"declared\":false") && listed.body.string.contains(SalfordDemo.supplierOrganisation))
            // Strict bodies: types, unknown fields, a conflict without its note.
            #expect(try await send(.PUT, one, evaluator, #"{"conflict":true}"#).status == .unprocessableEntity)
            #expect(try await send(.PUT, one, evaluator, #"{"conflict":"no","extra":1}"#).status == .unprocessableEntity)
            let unsaid = try await send(.PUT, one, evaluator, #"{"conflict":"yes"}"#)
            #expect(unsaid.status == .unprocessableEntity && unsaid.body.string.contains("Say what your conflict of interest"))
            #expect(try await send(.PUT, "/api/v1/exercises/\(id)/declarations/\(UUID().lowercasedString)", evaluator, #"{"conflict":"no"}"#).status == .notFound)
            // An organisation that started a response but never submitted it is not declared about.
            let drafter = SupplierOrganisation()
            drafter.name = "Drafting Only Ltd (fictitious)"; drafter.address = "1 Draft Street"; drafter.createdAt = clock.now()
            try await saveFixture(drafter, on: app.db)
            let draft = EngagementResponse()
            draft.version = 1; draft.$exercise.id = e.id!; draft.$organisation.id = drafter.id!
            draft.number = 2; draft.status = .draft; draft.createdAt = clock.now(); draft.submissions = 0
            try await saveFixture(draft, on: app.db)
            #expect(!(try await send(.GET, "/api/v1/exercises/\(id)/declarations", evaluator).body.string.contains("Drafting Only")))
            #expect(try await send(.PUT, "/api/v1/exercises/\(id)/declarations/\(drafter.id!.lowercasedString)", evaluator,
                                   #"{"conflict":"no"}"#).status == .notFound)
            let made = try await send(.PUT, one, evaluator, #"{"conflict":"yes","note":"I advised it last year."}"#)
            #expect(made.status == .ok && made.body.string.contains("\"conflict\":true") && made.body.string.contains("I advised it last year."))
            let declared = try #require(try await Declaration.query(on: app.db).first())
            #expect(declared.conflict && declared.$evaluator.id == evaluatorUser.id)
            // The officer's view counts it; the page shows it.
            #expect(try await send(.GET, "/api/v1/exercises/\(id)/panel", officer).body.string.contains("\"conflicts\":1"))
            let changed = try await send(.PUT, one, evaluator, #"{"conflict":"no","note":"dropped"}"#)
            #expect(changed.status == .ok && changed.body.string.contains("\"conflict\":false") && !changed.body.string.contains("dropped"))
            #expect(try await Self.events(app, "declaration.change") == 1)
        }
    }
}
