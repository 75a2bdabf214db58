@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Criteria, independent scoring and moderation from the outside: the criteria are frozen when
/// the responses are opened; each evaluator scores, on their own, only the responses they declared
/// no conflict with, sees nobody else's scores until they have submitted all of theirs, and cannot
/// change them after; the moderator sees the submitted scores side by side and records agreed ones.
@Suite("Evaluation criteria, scoring and moderation")
struct ScoringTests {
    struct Setup {
        var exercise: Exercise
        var id: String
        var demo: SupplierOrganisation
        var rival: SupplierOrganisation
        var officer: Browser
        var evaluator: Browser
        var second: Browser
        var secondUser: User
    }

    /// Two organisations' responses submitted to the open demo exercise; after the deadline the
    /// demo's evaluator, a second evaluator and the demo's moderator are put on the panel, and
    /// the officer opens the responses (one officer, by the setting), which freezes the criteria.
    /// `rivalAnswers` gives the rival other answers to some questions, by id.
    static func setup(_ app: Application, _ clock: TestClock, rivalAnswers: [UUID: String] = [:], demoSubmitted: Bool = false) async throws -> Setup {
        let e = try await ResponsesTests.exercise(app)
        if !demoSubmitted { try await ResponsesTests.submitted(app) }
        try await ResponsesTests.submitted(app, as: try await AttachmentsTests.rival(app, clock), overrides: rivalAnswers)
        clock.set(e.responseDeadline!.addingTimeInterval(60))
        let id = e.id!.lowercasedString
        let second = User(email: "second.evaluator@salford.example", name: "Second Evaluator", role: .evaluator,
                          passwordHash: try await app.password.async.hash("second evaluator's password"))
        try await saveFixture(second, on: app.db)
        let officer = Browser(app)
        try await officer.signIn(as: .officer)
        try await officer.get("/manage/exercises/\(id)/panel")
        for user in [try await PanelTests.user(app, .evaluator), second, try await PanelTests.user(app, .moderator)] {
            #expect(try await officer.post("/manage/exercises/\(id)/panel", ["user": user.id!.lowercasedString]).status == .seeOther)
        }
        app.settings.twoOfficerOpening = false
        try await officer.get("/manage/exercises/\(id)/responses")
        #expect(try await officer.post("/manage/exercises/\(id)/responses/open").status == .seeOther)
        let evaluator = Browser(app)
        try await evaluator.signIn(as: .evaluator)
        let secondBrowser = Browser(app)
        try await secondBrowser.signIn("second.evaluator@salford.example", password: "second evaluator's password")
        let demo = try #require(try await SupplierOrganisation.query(on: app.db).filter(\.$name == SalfordDemo.supplierOrganisation).first())
        let rival = try #require(try await SupplierOrganisation.query(on: app.db).filter(\.$name == "Rival Services Ltd (fictitious)").first())
        return Setup(exercise: e, id: id, demo: demo, rival: rival, officer: officer, evaluator: evaluator, second: secondBrowser, secondUser: second)
    }

    /// A declaration for each organisation, as the form sends it.
    static func declare(_ b: Browser, _ s: Setup, conflictWith: SupplierOrganisation?) async throws {
        var form: [String: String] = [:]
        for o in [s.demo, s.rival] {
            let conflict = o.id == conflictWith?.id
            form["conflict-\(o.id!.lowercasedString)"] = conflict ? "yes" : "no"
            if conflict { form["note-\(o.id!.lowercasedString)"] = "I advised \(o.name) last year." }
        }
        try await b.get("/evaluate/\(s.id)/declarations")
        #expect(try await b.post("/evaluate/\(s.id)/declarations", form).status == .seeOther)
    }

    /// Every objective scored `score` for `o`, each with a rationale naming the score.
    static func scoreAll(_ b: Browser, _ s: Setup, _ o: SupplierOrganisation, _ score: (Int) -> Int) async throws {
        let path = "/evaluate/\(s.id)/responses/\(o.id!.lowercasedString)"
        let page = try await b.get(path)
        let version = String(try #require(page.text.firstMatch(of: /name="version" value="(\d+)"/)).1)
        var form = ["version": version]
        for n in 1...8 {
            form["score-\(n)"] = String(score(n))
            form["rationale-\(n)"] = "Objective \(n) for \(o.name): \(score(n)) points, from the answers."
        }
        let saved = try await b.post(path, form)
        #expect(saved.status == .seeOther, "\(ResponsesTests.problems(saved.text))")
    }

    static func token(_ app: Application, _ user: User, _ clock: TestClock) async throws -> HTTPHeaders {
        let secret = Secrets.token(prefix: "pt_")
        try await saveFixture(APIToken(userID: user.id!, name: "test", tokenHash: Secrets.sha256(secret), createdAt: clock.now()), on: app.db)
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.bearerAuthorization = .init(token: secret)
        return headers
    }

    @Test func theCriteriaAreFrozenAtTheOpeningAndTheScaleChangesOnlyUntilScoringStarts() async throws {
        try await withDemoApp { app, clock in
            let s = try await Self.setup(app, clock)
            let criteria = try #require(try await Criteria.of(s.exercise.id!, on: app.db.sql))
            let objectives = try await Objective.query(on: app.db).sort(\.$number).all()
            #expect(criteria.criteria.map(\.weight) == objectives.map(\.weight) && criteria.criteria.count == 8)
            #expect(criteria.scale == Criteria.defaultScale && criteria.spreadFlag == 2)
            #expect(try await PanelTests.events(app, "criteria.freeze") == 1)

            // The council changing an objective's weight later does not move this evaluation.
            let first = objectives[0]
            first.weight = 1
            try await saveFixture(first, on: app.db)
            #expect(try await Criteria.of(s.exercise.id!, on: app.db.sql)?.criteria[0].weight == SalfordDemo.boardWeight)

            let path = "/manage/exercises/\(s.id)/criteria"
            let page = try await s.officer.get(path)
            #expect(page.status == .ok && page.text.contains("To improve quality and add value to services.") && page.text.contains("20.0%"))

            // A change of the frozen weights is a decision with its reason.
            let weights = Dictionary(uniqueKeysWithValues: (1...8).map { ("weight-\($0)", $0 == 6 ? "40" : Weight.format(criteria.criteria[$0 - 1].weight)) })
            let unreasoned = try await s.officer.post("\(path)/weights", weights.merging(["version": "1"]) { _, new in new })
            #expect(unreasoned.status == .unprocessableEntity && unreasoned.text.contains("Enter why the weights change"))
            #expect(unreasoned.text.contains("name=\"weight-6\" type=\"text\" value=\"40\""), "what was typed is kept")
            let wrong = try await s.officer.post("\(path)/weights", weights.merging(["version": "1", "weight-2": "heavy", "reason": "r"]) { _, new in new })
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("must be a number"))
            let reason = "Cabinet, 2 April 2003: regeneration is the primary goal."
            #expect(try await s.officer.post("\(path)/weights", weights.merging(["version": "1", "reason": reason]) { _, new in new }).status == .seeOther)
            let changed = try #require(try await Criteria.of(s.exercise.id!, on: app.db.sql))
            #expect(changed.criteria[5].weight == 40 && changed.changeReason == reason && changed.version == 2)
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "criteria.weights").first())
            #expect(event.changes.contains(reason))
            #expect(try await s.officer.get(path).text.contains(reason))
            // A second form opened at the old version is told, not applied.
            let stale = try await s.officer.post("\(path)/weights", weights.merging(["version": "1", "reason": "again", "weight-6": "30"]) { _, new in new })
            #expect(stale.status == .conflict && stale.text.contains("changed by someone else"))

            // The scale's words, until the first score.
            var scale = CriteriaController.scaleInput(changed).values.mapValues(\.display)
            scale["label-3"] = "Adequate"
            scale["spreadFlag"] = "3"
            #expect(try await s.officer.post("\(path)/scale", scale).status == .seeOther)
            let reworded = try #require(try await Criteria.of(s.exercise.id!, on: app.db.sql))
            #expect(reworded.scale[3].label == "Adequate" && reworded.spreadFlag == 3)
            scale["version"] = String(reworded.version)
            scale["spreadFlag"] = "9"
            #expect(try await s.officer.post("\(path)/scale", scale).text.contains("must be between 1 and 5"))

            try await Self.declare(s.evaluator, s, conflictWith: nil)
            try await Self.scoreAll(s.evaluator, s, s.demo) { _ in 3 }
            scale["spreadFlag"] = "2"
            let late = try await s.officer.post("\(path)/scale", scale)
            #expect(late.status == .conflict && late.text.contains("Scoring has started, so the scale and the spread flag are fixed"))
            #expect(try await s.officer.get(path).text.contains("Adequate"))
            // The scale as reworded is what the evaluator is shown.
            #expect(try await s.evaluator.get("/evaluate/\(s.id)/responses/\(s.rival.id!.lowercasedString)").text.contains("3: Adequate"))
        }
    }

    @Test func anEvaluatorScoresAloneOnlyWhatTheyDeclaredNoConflictWithAndSeesOthersOnlyAfterSubmitting() async throws {
        try await withDemoApp { app, clock in
            let s = try await Self.setup(app, clock)
            let overview = "/evaluate/\(s.id)", demoSheet = "\(overview)/responses/\(s.demo.id!.lowercasedString)"
            let rivalSheet = "\(overview)/responses/\(s.rival.id!.lowercasedString)"

            // Before declaring, nothing.
            let early = try await s.evaluator.get(overview)
            #expect(early.status == .forbidden && early.text.contains("Declare your interests about every organisation"))
            #expect(try await s.evaluator.get(demoSheet).status == .forbidden)
            try await Self.declare(s.evaluator, s, conflictWith: s.rival)
            #expect(try await s.evaluator.get("/evaluate").text.contains("Score the responses"))

            // The conflicted response is not there for them, anywhere.
            let list = try await s.evaluator.get(overview)
            #expect(list.status == .ok && list.text.contains(SalfordDemo.supplierOrganisation) && !list.text.contains("Rival Services"))
            #expect(list.text.contains("One response is kept from you because you declared a conflict of interest"))
            #expect(try await s.evaluator.get(rivalSheet).status == .notFound)
            #expect(try await s.evaluator.post(rivalSheet, ["version": "0", "score-1": "5", "rationale-1": "x"]).status == .notFound)
            #expect(try await s.evaluator.get("\(overview)/responses/\(UUID().lowercasedString)").status == .notFound)

            // The sheet: the answers linked to each objective, beside the scale.
            let sheet = try await s.evaluator.get(demoSheet)
            #expect(sheet.status == .ok && sheet.text.contains("We propose a partnership") && sheet.text.contains("5: Excellent"))
            #expect(sheet.text.contains("The response gives no evidence that it would meet this objective."))

            // A score needs its rationale and a rationale its score; what was typed is kept.
            let unreasoned = try await s.evaluator.post(demoSheet, ["version": "0", "score-1": "4", "rationale-2": "Good investment plan"])
            #expect(unreasoned.status == .unprocessableEntity && unreasoned.text.contains("Say why you gave objective I this score"))
            #expect(unreasoned.text.contains("Choose a score for objective II, or clear its rationale"))
            #expect(unreasoned.text.contains("value=\"4\" aria-describedby=\"score-1-4-hint\" checked") && unreasoned.text.contains("Good investment plan"))
            #expect(try await s.evaluator.post(demoSheet, ["version": "0", "score-1": "9", "rationale-1": "x"]).text.contains("must be between 0 and 5"))
            #expect(try await s.evaluator.post(demoSheet, ["version": "0", "score-1": "4", "rationale-1": "bad\u{1}"]).text.contains("must not contain control characters"))
            #expect(try await ScoreSheet.query(on: app.db).count() == 0)
            let saved = try await s.evaluator.post(demoSheet, ["version": "0", "score-1": "4", "rationale-1": "A costed plan for the contact centre."])
            #expect(saved.status == .seeOther && saved.location == overview)
            #expect(try await PanelTests.events(app, "scores.record") == 1)
            // A second window still at version 0 is told, and keeps what was typed.
            let stale = try await s.evaluator.post(demoSheet, ["version": "0", "score-1": "2", "rationale-1": "Second thoughts"])
            #expect(stale.status == .conflict && stale.text.contains("Second thoughts") && stale.text.contains("changed by someone else"))

            // Not yet: others' scores, and a submission with scores missing.
            #expect(try await s.evaluator.get("\(overview)/scores").status == .forbidden)
            let incomplete = try await s.evaluator.post("\(overview)/submission")
            #expect(incomplete.status == .conflict && incomplete.text.contains("7 scores are still to give before you submit"))

            // The second evaluator, with no conflict, scores both; their work is theirs alone.
            try await Self.declare(s.second, s, conflictWith: nil)
            try await Self.scoreAll(s.second, s, s.demo) { n in n == 1 ? 1 : 3 }
            try await Self.scoreAll(s.second, s, s.rival) { _ in 2 }
            #expect(!(try await s.evaluator.get(demoSheet)).text.contains("Objective 1 for"), "nobody else's rationale on an evaluator's sheet")

            try await Self.scoreAll(s.evaluator, s, s.demo) { n in n == 1 ? 4 : 3 }
            let submitted = try await s.evaluator.post("\(overview)/submission")
            #expect(submitted.status == .seeOther)
            #expect(try await PanelTests.events(app, "scores.submit") == 1)
            // Locked: the sheet is read-only and a change is refused.
            let locked = try await s.evaluator.get(demoSheet)
            #expect(locked.text.contains("Your scores are submitted and locked") && !locked.text.contains("<form method=\"post\" action=\"\(demoSheet)\""))
            let refused = try await s.evaluator.post(demoSheet, ["version": "2", "score-1": "0", "rationale-1": "Changed my mind"])
            #expect(refused.status == .conflict && refused.text.contains("You have submitted your scores, so they are locked"))
            #expect(try await ScoreSheet.query(on: app.db).filter(\.$evaluator.$id == (try await PanelTests.user(app, .evaluator)).id!).first()?.mark(1)?.score == 4)

            // After submitting: everyone's submitted scores, for what they may read. The second
            // evaluator has not submitted, so theirs are not shown yet.
            let board = try await s.evaluator.get("\(overview)/scores")
            #expect(board.status == .ok && board.text.contains("A costed plan") == false && board.text.contains("Not submitted yet: Second Evaluator"))
            #expect(!board.text.contains("Objective 1 for \(SalfordDemo.supplierOrganisation): 1 points"))
            #expect(try await s.second.get("\(overview)/scores").status == .forbidden)
            #expect(try await s.second.post("\(overview)/submission").status == .seeOther)
            let both = try await s.evaluator.get("\(overview)/scores")
            #expect(both.text.contains("Objective 1 for \(SalfordDemo.supplierOrganisation): 1 points"), "the second evaluator's submitted rationale")
            #expect(!both.text.contains("Rival Services"), "never the conflicted response, even after submitting")
            let secondBoard = try await s.second.get("\(overview)/scores")
            #expect(secondBoard.text.contains("Rival Services") && secondBoard.text.contains("Objective 1 for \(SalfordDemo.supplierOrganisation): 4 points"))

            // The API says the same as the pages.
            let evaluatorUser = try await PanelTests.user(app, .evaluator)
            let headers = try await Self.token(app, evaluatorUser, clock)
            let mine = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/scores", headers: headers)
            #expect(mine.status == .ok && mine.text.contains("\"hiddenByConflicts\":1") && !mine.text.contains("Rival Services"))
            let put = try await app.testing().sendRequest(.PUT, "/api/v1/exercises/\(s.id)/scores/\(s.rival.id!.lowercasedString)", headers: headers,
                                                          body: ByteBuffer(string: #"{"criterion":1,"score":3,"rationale":"x"}"#))
            #expect(put.status == .notFound)
            let lockedPut = try await app.testing().sendRequest(.PUT, "/api/v1/exercises/\(s.id)/scores/\(s.demo.id!.lowercasedString)", headers: headers,
                                                                body: ByteBuffer(string: #"{"criterion":1,"score":3,"rationale":"x"}"#))
            #expect(lockedPut.status == .conflict && lockedPut.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test func scoringThroughTheAPIFollowsTheSameRules() async throws {
        try await withDemoApp { app, clock in
            let s = try await Self.setup(app, clock)
            let headers = try await Self.token(app, s.secondUser, clock)
            let base = "/api/v1/exercises/\(s.id)"
            func send(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(method, base + path, headers: headers, body: body.map { ByteBuffer(string: $0) })
            }
            let criteria = try await send(.GET, "/criteria")
            #expect(criteria.status == .ok && criteria.text.contains("\"spreadFlag\":2") && criteria.text.contains("No evidence"))
            // Before declaring: refused, with why.
            let early = try await send(.GET, "/scores")
            #expect(early.status == .forbidden && early.text.contains("Declare your interests"))
            try await Self.declare(s.second, s, conflictWith: nil)
            let demo = "/scores/\(s.demo.id!.lowercasedString)"
            // Each field is checked as the pages check it; a criterion the exercise lacks conflicts with it.
            let noRationale = try await send(.PUT, demo, #"{"criterion":1,"score":3}"#)
            #expect(noRationale.status == .unprocessableEntity && noRationale.text.contains("\"field\":\"rationale\""))
            #expect(try await send(.PUT, demo, #"{"criterion":1,"score":"3","rationale":"x"}"#).status == .unprocessableEntity)
            #expect(try await send(.PUT, demo, #"{"criterion":1,"score":6,"rationale":"x"}"#).status == .unprocessableEntity)
            #expect(try await send(.PUT, demo, #"{"criterion":1,"score":3,"rationale":"x","extra":1}"#).status == .unprocessableEntity)
            #expect(try await send(.PUT, demo, #"{"criterion":9,"score":3,"rationale":"x"}"#).status == .conflict)
            let put = try await send(.PUT, demo, #"{"criterion":6,"score":5,"rationale":"Two hundred local jobs, costed."}"#)
            #expect(put.status == .ok && put.text.contains("\"criterion\":6") && put.text.contains("\"version\":1"), "\(put.status) \(put.text)")
            let early2 = try await send(.POST, "/scores/submission")
            #expect(early2.status == .conflict && early2.text.contains("15 scores are still to give"))
            for o in [s.demo, s.rival] {
                for n in 1...8 {
                    let r = try await send(.PUT, "/scores/\(o.id!.lowercasedString)", #"{"criterion":\#(n),"score":\#(n % 6),"rationale":"Because \#(n)."}"#)
                    #expect(r.status == .ok)
                }
            }
            let done = try await send(.POST, "/scores/submission")
            #expect(done.status == .ok && done.text.contains("\"submittedAt\"") && done.text.contains("\"missing\":0"))
            #expect(try await send(.POST, "/scores/submission").status == .ok, "submitting again changes nothing")
            #expect(try await PanelTests.events(app, "scores.submit") == 1)
            #expect(try await send(.PUT, demo, #"{"criterion":6,"score":1,"rationale":"x"}"#).status == .conflict)
            // Others cannot reach an evaluator's scores: the moderator's API is the moderator's.
            #expect(try await send(.GET, "/moderation").status == .forbidden)
        }
    }

    @Test func theModeratorSeesSubmittedScoresSideBySideAndRecordsAgreedScoresWithReasons() async throws {
        try await withDemoApp { app, clock in
            let s = try await Self.setup(app, clock)
            let moderator = Browser(app)
            try await moderator.signIn(as: .moderator)
            let path = "/evaluate/\(s.id)/moderation", demoPath = "\(path)/\(s.demo.id!.lowercasedString)"
            #expect(try await moderator.get("/evaluate").text.contains("Moderate the scores"))

            // Scores in progress are not the moderator's to see.
            try await Self.declare(s.evaluator, s, conflictWith: nil)
            try await Self.declare(s.second, s, conflictWith: nil)
            try await Self.scoreAll(s.evaluator, s, s.demo) { n in n == 1 ? 5 : 3 }
            try await Self.scoreAll(s.evaluator, s, s.rival) { _ in 3 }
            try await Self.scoreAll(s.second, s, s.demo) { n in n == 1 ? 2 : 3 }
            try await Self.scoreAll(s.second, s, s.rival) { n in n == 8 ? 4 : 3 }
            let before = try await moderator.get(demoPath)
            #expect(before.status == .ok && !before.text.contains("Objective 1 for") && before.text.contains("No evaluator has submitted a score for this yet"))
            // Independent scoring first: nothing is agreed while an evaluator who may score the response has not submitted.
            let premature = try await moderator.post(demoPath, ["version": "0", "score-1": "4", "reason-1": "Too early."])
            #expect(premature.status == .conflict && premature.text.contains("Not every evaluator has submitted their scores for this response yet") && premature.text.contains("Too early."))
            #expect(try await moderator.get(path).text.contains("Not submitted yet"))

            #expect(try await s.evaluator.post("/evaluate/\(s.id)/submission").status == .seeOther)
            #expect(try await s.second.post("/evaluate/\(s.id)/submission").status == .seeOther)
            let overview = try await moderator.get(path)
            #expect(overview.text.contains("Every evaluator has submitted their scores") && overview.text.contains("1 flagged"))
            let sheet = try await moderator.get(demoPath)
            #expect(sheet.text.contains("Spread of 3 points") && sheet.text.contains("Objective 1 for \(SalfordDemo.supplierOrganisation): 5 points"))
            #expect(sheet.text.contains("Objective 1 for \(SalfordDemo.supplierOrganisation): 2 points") && sheet.text.contains("Spread of 0 points"))

            // An agreed score needs its reason; the evaluators' scores stay as submitted.
            let unreasoned = try await moderator.post(demoPath, ["version": "0", "score-1": "4"])
            #expect(unreasoned.status == .unprocessableEntity && unreasoned.text.contains("Give the reason for the agreed score for objective I"))
            let agreed = try await moderator.post(demoPath, ["version": "0", "score-1": "4", "reason-1": "The panel agreed the plan is costed but not yet funded."])
            #expect(agreed.status == .seeOther && agreed.location == path)
            let stored = try #require(try await ModerationSheet.query(on: app.db).first())
            #expect(stored.consensus == [.init(criterion: 1, score: 4, reason: "The panel agreed the plan is costed but not yet funded.")])
            let originals = try await ScoreSheet.query(on: app.db).filter(\.$organisation.$id == s.demo.id!).all().compactMap { $0.mark(1)?.score }.sorted()
            #expect(originals == [2, 5])
            #expect(try await PanelTests.events(app, "moderation.record") == 1)
            #expect(try await moderator.get(demoPath).text.contains("The panel agreed the plan is costed"))

            // The API: the moderator's view, and a criterion the exercise lacks.
            let moderatorUser = try await PanelTests.user(app, .moderator)
            let headers = try await Self.token(app, moderatorUser, clock)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/moderation", headers: headers)
            #expect(list.status == .ok && list.text.contains("\"flagged\":true") && list.text.contains("The panel agreed the plan is costed but not yet funded."))
            let bad = try await app.testing().sendRequest(.PUT, "/api/v1/exercises/\(s.id)/moderation/\(s.rival.id!.lowercasedString)", headers: headers,
                                                          body: ByteBuffer(string: #"{"criterion":0,"score":3,"reason":"x"}"#))
            #expect(bad.status == .unprocessableEntity)
            let put = try await app.testing().sendRequest(.PUT, "/api/v1/exercises/\(s.id)/moderation/\(s.rival.id!.lowercasedString)", headers: headers,
                                                          body: ByteBuffer(string: #"{"criterion":8,"score":4,"reason":"Agreed at the panel meeting."}"#))
            #expect(put.status == .ok && put.text.contains("Agreed at the panel meeting."))

            // Only this exercise's moderator: another moderator is told it is not there; evaluators are refused by role.
            let other = User(email: "other.moderator@salford.example", name: "Other Moderator", role: .moderator,
                             passwordHash: try await app.password.async.hash("other moderator's password"))
            try await saveFixture(other, on: app.db)
            let stranger = Browser(app)
            try await stranger.signIn("other.moderator@salford.example", password: "other moderator's password")
            #expect(try await stranger.get(path).status == .notFound)
            #expect(try await stranger.get(demoPath).status == .notFound)
            #expect(try await s.evaluator.get(path).status == .forbidden)
            for role in [Role.officer, .boardMember, .supplierUser, .administrator] {
                let b = Browser(app)
                try await b.signIn(as: role)
                #expect(try await b.get(demoPath).status == .forbidden, "\(role)")
                #expect(try await b.get("/evaluate/\(s.id)/responses/\(s.demo.id!.lowercasedString)").status == .forbidden, "\(role)")
            }
        }
    }

    @Test func declarationsAreFixedOnceScoresAreSubmittedAndAConflictDeclaredLateVoidsItsScores() async throws {
        try await withDemoApp { app, clock in
            let s = try await Self.setup(app, clock)
            try await Self.declare(s.evaluator, s, conflictWith: nil)
            try await Self.scoreAll(s.evaluator, s, s.rival) { _ in 3 }
            // A conflict found after scoring: declared, the scores given no longer count and the response is gone.
            try await Self.declare(s.evaluator, s, conflictWith: s.rival)
            #expect(try await ScoreSheet.query(on: app.db).filter(\.$organisation.$id == s.rival.id!).count() == 0)
            #expect(try await PanelTests.events(app, "scores.void") == 1)
            #expect(try await s.evaluator.get("/evaluate/\(s.id)/responses/\(s.rival.id!.lowercasedString)").status == .notFound)
            try await Self.scoreAll(s.evaluator, s, s.demo) { _ in 4 }
            #expect(try await s.evaluator.post("/evaluate/\(s.id)/submission").status == .seeOther)
            // Submitted: the declarations are fixed with the scores, on the page and through the API.
            let page = "/evaluate/\(s.id)/declarations"
            try await s.evaluator.get(page)
            let late = try await s.evaluator.post(page, ["conflict-\(s.rival.id!.lowercasedString)": "no", "conflict-\(s.demo.id!.lowercasedString)": "no"])
            #expect(late.status == .conflict && late.text.contains("a conflict you declared stands") && late.text.contains("id=\"version\""))
            let headers = try await Self.token(app, try await PanelTests.user(app, .evaluator), clock)
            let api = try await app.testing().sendRequest(.PUT, "/api/v1/exercises/\(s.id)/declarations/\(s.rival.id!.lowercasedString)", headers: headers,
                                                          body: ByteBuffer(string: #"{"conflict":"no"}"#))
            #expect(api.status == .conflict)
            #expect(try await Declaration.query(on: app.db).filter(\.$organisation.$id == s.rival.id!).first()?.conflict == true)
            // A conflict found after submitting can still be declared: its scores no longer count.
            try await s.evaluator.get(page)
            let found = try await s.evaluator.post(page, ["conflict-\(s.rival.id!.lowercasedString)": "yes", "note-\(s.rival.id!.lowercasedString)": "I advised it last year.",
                                                          "conflict-\(s.demo.id!.lowercasedString)": "yes", "note-\(s.demo.id!.lowercasedString)": "My brother joined it in June."])
            #expect(found.status == .seeOther)
            #expect(try await ScoreSheet.query(on: app.db).filter(\.$organisation.$id == s.demo.id!).count() == 0)
        }
    }

    @Test func exercisesOpenedBeforeCriteriaWereFrozenGetThemAndNoneOpensWithoutWeightedObjectives() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let stored = try #require(try await Exercise.find(e.id, on: app.db))
            stored.openedAt = clock.now()
            stored.status = .opened
            try await saveFixture(stored, on: app.db)
            #expect(try await Criteria.of(e.id!, on: app.db.sql) == nil)
            try await FreezeCriteriaOfOpenedExercises().prepare(on: app.db)
            let frozen = try #require(try await Criteria.of(e.id!, on: app.db.sql))
            #expect(frozen.criteria.count == 8 && abs(frozen.frozenAt.timeIntervalSince(clock.now())) < 1)

            // With no weighted objective the opening is refused, with why.
            let past = try #require(try await Exercise.query(on: app.db).filter(\.$reference == SalfordExercise.reference).first())
            for o in try await Objective.query(on: app.db).all() { o.weight = 0; try await saveFixture(o, on: app.db) }
            app.settings.twoOfficerOpening = false
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(past.id!.lowercasedString)/responses")
            let refused = try await officer.post("/manage/exercises/\(past.id!.lowercasedString)/responses/open")
            #expect(refused.status == .conflict && refused.text.contains("no objectives with a weight"))
            #expect(try await Exercise.find(past.id, on: app.db)?.openedAt == nil)
        }
    }

    @Test func anEvaluatorOpensTheFilesOfAResponseTheyMayScoreAndNoOther() async throws {
        try await withDemoApp { app, clock in
            // The demo organisation submits with a file.
            let (section, question) = try await AttachmentsTests.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            try await ResponsesTests.answerAll(b, try await ResponsesTests.content(app))
            try await b.get(AttachmentsTests.path(section))
            let bytes = FileCheckTests.pdf
            let saved = try await b.postMultipart(AttachmentsTests.path(section), AttachmentsTests.answers(section, note: "With our Statement of Intent"),
                                                  files: [(Answers.field(question), "Statement of Intent.pdf", bytes)])
            #expect(saved.status == .seeOther)
            let ready = try await b.get("/notices/\(ResponsesTests.reference)/response/check")
            let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
            #expect(try await b.post("/notices/\(ResponsesTests.reference)/response/submit", ["submissionKey": key]).status == .seeOther)
            let s = try await Self.setup(app, clock, demoSubmitted: true)
            try await Self.declare(s.evaluator, s, conflictWith: nil)
            try await Self.declare(s.second, s, conflictWith: s.demo)

            let sha = AttachmentsTests.sha(bytes), file = "/evaluate/\(s.id)/responses/\(s.demo.id!.lowercasedString)/files/\(sha)"
            let sheet = try await s.evaluator.get("/evaluate/\(s.id)/responses/\(s.demo.id!.lowercasedString)")
            #expect(sheet.text.contains("href=\"\(file)\"") && sheet.text.contains("Statement of Intent.pdf"))
            let download = try await s.evaluator.get(file)
            #expect(download.status == .ok && Array(download.body.readableBytesView) == bytes)
            // Not a file the response does not name, not through another organisation, not to a conflicted evaluator.
            #expect(try await s.evaluator.get("/evaluate/\(s.id)/responses/\(s.demo.id!.lowercasedString)/files/\(String(repeating: "0", count: 64))").status == .notFound)
            #expect(try await s.evaluator.get("/evaluate/\(s.id)/responses/\(s.rival.id!.lowercasedString)/files/\(sha)").status == .notFound)
            #expect(try await s.second.get(file).status == .notFound)
        }
    }
}
