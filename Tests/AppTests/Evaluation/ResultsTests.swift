@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Results from the outside: weighted totals and ranks from the agreed scores (the mean of the
/// submitted ones until then), weight scenarios beside them, and the sensitivity analysis with a
/// sentence for each organisation; only for officers, only once the responses are open.
@Suite("Evaluation results, scenarios and sensitivity")
struct ResultsTests {
    /// Both evaluators score and submit. The demo organisation: 4 everywhere from the first, 3
    /// from the second but 5 on VI; the rival: 2 from the first, 3 from the second.
    static func scored(_ app: Application, _ clock: TestClock, rivalAnswers: [UUID: String] = [:]) async throws -> ScoringTests.Setup {
        let s = try await ScoringTests.setup(app, clock, rivalAnswers: rivalAnswers)
        try await ScoringTests.declare(s.evaluator, s, conflictWith: nil)
        try await ScoringTests.declare(s.second, s, conflictWith: nil)
        try await ScoringTests.scoreAll(s.evaluator, s, s.demo) { _ in 4 }
        try await ScoringTests.scoreAll(s.evaluator, s, s.rival) { _ in 2 }
        try await ScoringTests.scoreAll(s.second, s, s.demo) { n in n == 6 ? 5 : 3 }
        try await ScoringTests.scoreAll(s.second, s, s.rival) { _ in 3 }
        #expect(try await s.evaluator.post("/evaluate/\(s.id)/submission").status == .seeOther)
        #expect(try await s.second.post("/evaluate/\(s.id)/submission").status == .seeOther)
        return s
    }

    static func weights(_ values: [Int: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (1...8).map { ("weight-\($0)", values[$0] ?? "0") })
    }

    @Test func theRankingComesFromTheAgreedScoresOrTheMeanAndScenariosShowHowItMoves() async throws {
        try await withDemoApp { app, clock in
            // Sealed: no results before the opening.
            let e = try await ResponsesTests.exercise(app)
            let early = Browser(app)
            try await early.signIn(as: .officer)
            #expect(try await early.get("/manage/exercises/\(e.id!.lowercasedString)/results").status == .forbidden)

            let s = try await Self.scored(app, clock)
            let path = "/manage/exercises/\(s.id)/results"
            let page = try await s.officer.get(path)
            // Demo: 3.5 on seven objectives and 4.5 on VI, weights 20 8 8 8 8 20 8 20: 74.0%. Rival: 2.5 everywhere: 50.0%.
            #expect(page.status == .ok && page.text.contains("74.0%") && page.text.contains("50.0%"), "\(page.text.suffix(3000))")
            #expect(page.text.contains("Provisional") && page.text.contains("16 scores are not yet agreed") && page.text.contains("3.5 <span class=\"secondary-text\">(mean)</span>"))
            #expect(page.text.contains("They select no supplier"))
            let demoRow = try #require(page.text.range(of: "74.0%")), rivalRow = try #require(page.text.range(of: "50.0%"))
            #expect(demoRow.lowerBound < rivalRow.lowerBound, "ranked first, listed first")

            // An agreed score replaces the mean: the rival's I agreed at 5 gives (5×20 + 2.5×80) / 500 = 60.0%.
            let moderator = Browser(app)
            try await moderator.signIn(as: .moderator)
            let sheet = "/evaluate/\(s.id)/moderation/\(s.rival.id!.lowercasedString)"
            try await moderator.get(sheet)
            #expect(try await moderator.post(sheet, ["version": "0", "score-1": "5", "reason-1": "Agreed: the strongest quality plan."]).status == .seeOther)
            let moderated = try await s.officer.get(path)
            #expect(moderated.text.contains("60.0%") && moderated.text.contains("15 scores are not yet agreed"))

            // A scenario that weighs only I puts the rival first: the table says who moves which way.
            let quality = try await s.officer.post("\(path)/scenarios", Self.weights([1: "1"]).merging(["name": "Quality only", "description": "Objective I alone."]) { _, new in new })
            #expect(quality.status == .seeOther)
            let withScenario = try await s.officer.get(path)
            #expect(withScenario.text.contains("Rank under each weighting") && withScenario.text.contains("<span class=\"visually-hidden\">, up 1</span>")
                    && withScenario.text.contains("<span class=\"visually-hidden\">, down 1</span>"))
            #expect(withScenario.text.contains("I 100.0%"))
            #expect(try await PanelTests.events(app, "scenario.make") == 1)

            // What the market said: both answered the first lot (Finance) and the first model, and (being optional) no investment.
            let market = try await s.officer.get("/manage/exercises/\(s.id)/market")
            #expect(market.status == .ok && market.text.contains("Finance: 2 organisations") && market.text.contains("None stated"))
            let marketAPI = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/market",
                                                                headers: try await ScoringTests.token(app, try await PanelTests.user(app, .officer), clock))
            #expect(marketAPI.status == .ok && marketAPI.text.contains("\"name\":\"Finance\""))

            // Refused beside the field, what was typed kept: the same name, no weight at all, a weight that is not a number.
            let twice = try await s.officer.post("\(path)/scenarios", Self.weights([6: "3"]).merging(["name": "Quality only"]) { _, new in new })
            #expect(twice.status == .conflict && twice.text.contains("There is already a scenario called Quality only") && twice.text.contains("value=\"3\""))
            let zero = try await s.officer.post("\(path)/scenarios", Self.weights([:]).merging(["name": "Nothing"]) { _, new in new })
            #expect(zero.status == .unprocessableEntity && zero.text.contains("Give at least one objective a weight above 0"))
            let words = try await s.officer.post("\(path)/scenarios", Self.weights([2: "lots"]).merging(["name": "Words"]) { _, new in new })
            #expect(words.status == .unprocessableEntity && words.text.contains("must be a number"))
            #expect(try await WeightScenario.query(on: app.db).count() == 1)

            // The API says the same.
            let token = try await ScoringTests.token(app, try await PanelTests.user(app, .officer), clock)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/results", headers: token)
            #expect(api.status == .ok && api.text.contains("\"final\":false") && api.text.contains("Quality only"))
            let decoded = try JSONDecoder().decode(ResultsAPI.ResultsDTO.self, from: Data(api.text.utf8))
            #expect(decoded.rows.map(\.organisation.name) == [SalfordDemo.supplierOrganisation, "Rival Services Ltd (fictitious)"])
            #expect(decoded.rows.map(\.rank) == [1, 2] && decoded.rows.map { $0.scenarios[0].rank } == [2, 1])
            #expect(decoded.rows[1].scores[0].value == 5 && decoded.rows[1].scores[0].agreed && decoded.rows[1].scores[1].lowest == 2)

            // Removed with the version the page showed; a stale form is told.
            let scenario = try #require(try await WeightScenario.query(on: app.db).first())
            let remove = "\(path)/scenarios/\(scenario.id!.lowercasedString)/remove"
            #expect(try await s.officer.post(remove, ["version": "2"]).status == .conflict)
            #expect(try await s.officer.post(remove, ["version": "1"]).status == .seeOther)
            #expect(try await WeightScenario.query(on: app.db).count() == 0)

            // Only officers: the panel and everyone else are refused by role.
            for b in [s.evaluator, moderator] { #expect(try await b.get(path).status == .forbidden) }
            for role in [Role.boardMember, .supplierUser, .administrator] {
                let b = Browser(app)
                try await b.signIn(as: role)
                #expect(try await b.get(path).status == .forbidden, "\(role)")
                #expect(try await b.get("/manage/exercises/\(s.id)/sensitivity").status == .forbidden, "\(role)")
            }
        }
    }

    /// Only a submitted evaluator's sheets count, in the results and in the moderator's spreads,
    /// and never a sheet whose evaluator declared a conflict with its organisation (declaring
    /// voids the sheet; one left behind, as written here straight to the database, still does not count).
    @Test func onlySubmittedSheetsOfEvaluatorsWithoutAConflictCount() async throws {
        try await withDemoApp { app, clock in
            let s = try await ScoringTests.setup(app, clock)
            try await ScoringTests.declare(s.evaluator, s, conflictWith: nil)
            try await ScoringTests.declare(s.second, s, conflictWith: nil)
            try await ScoringTests.scoreAll(s.evaluator, s, s.demo) { _ in 4 }
            try await ScoringTests.scoreAll(s.evaluator, s, s.rival) { _ in 2 }
            try await ScoringTests.scoreAll(s.second, s, s.demo) { n in n == 1 ? 2 : 3 }   // I apart by 2: flagged, once it counts
            try await ScoringTests.scoreAll(s.second, s, s.rival) { _ in 3 }
            #expect(try await s.evaluator.post("/evaluate/\(s.id)/submission").status == .seeOther)
            let path = "/manage/exercises/\(s.id)/results", overview = "/evaluate/\(s.id)/moderation"
            let moderator = Browser(app)
            try await moderator.signIn(as: .moderator)

            // The second has not submitted: the first's scores alone. Demo 4 everywhere, 80.0%; rival 2, 40.0%.
            let before = try await s.officer.get(path)
            #expect(before.text.contains("80.0%") && before.text.contains("40.0%") && before.text.contains("Not submitted yet: \(s.secondUser.name)"), "\(before.text.suffix(3000))")
            #expect(!(try await moderator.get(overview)).text.contains("flagged</strong>"))

            // Both submitted. Demo: 3 on I, 3.5 elsewhere, weights 20 8 8 8 8 20 8 20: 68.0%. Rival 2.5: 50.0%. I is flagged.
            #expect(try await s.second.post("/evaluate/\(s.id)/submission").status == .seeOther)
            let both = try await s.officer.get(path)
            #expect(both.text.contains("68.0%") && both.text.contains("50.0%"))
            #expect((try await moderator.get(overview)).text.contains("1 flagged</strong>"))

            // A conflict with the rival on record for the first evaluator, their sheet left in place: the rival is the second's 3s, 60.0%.
            let first = try await PanelTests.user(app, .evaluator)
            let declaration = try #require(try await Declaration.query(on: app.db).filter(\.$evaluator.$id == first.id!).filter(\.$organisation.$id == s.rival.id!).first())
            declaration.conflict = true
            declaration.note = "Advised them last year."
            try await saveFixture(declaration, on: app.db)
            #expect(try await ScoreSheet.query(on: app.db).filter(\.$evaluator.$id == first.id!).filter(\.$organisation.$id == s.rival.id!).count() == 1)
            let conflicted = try await s.officer.get(path)
            #expect(conflicted.text.contains("68.0%") && conflicted.text.contains("60.0%") && !conflicted.text.contains("50.0%"))
        }
    }

    @Test func theSensitivityAnalysisSaysHowOftenEachProposalBestMeetsTheObjectives() async throws {
        try await withDemoApp { app, clock in
            let s = try await Self.scored(app, clock)
            let path = "/manage/exercises/\(s.id)/sensitivity"
            let first = try await s.officer.get(path)
            #expect(first.status == .ok && first.text.contains("No analysis has been run yet"))
            // By default the form says what the frozen weights put first: I, VI and VIII.
            #expect(first.text.contains("name=\"leading-1\" value=\"yes\" checked") && first.text.contains("name=\"leading-6\" value=\"yes\" checked")
                    && !first.text.contains("name=\"leading-2\" value=\"yes\" checked"))

            // Exactly the frozen weights: the demo's proposal is best under every weighting.
            #expect(try await s.officer.post(path, ["basis": "exact"]).status == .seeOther)
            let exact = try await s.officer.get(path)
            #expect(exact.text.contains("\(SalfordDemo.supplierOrganisation)’s proposal best meets the objectives under 100% of the weightings the decision allows."))
            #expect(exact.text.contains("Rival Services Ltd (fictitious)’s proposal best meets the objectives under none of the weightings the decision allows; it comes second under 100% of them."))

            // Bad statements are told beside their fields, and nothing is run.
            let both = try await s.officer.post(path, ["basis": "exact", "leading-6": "yes"])
            #expect(both.status == .unprocessableEntity && both.text.contains("With the weights known exactly the statements below say nothing more"))
            let all = try await s.officer.post(path, Dictionary(uniqueKeysWithValues: (1...8).map { ("leading-\($0)", "yes") }).merging(["basis": "statements"]) { _, new in new })
            #expect(all.text.contains("Leave at least one objective unticked"))
            let half = try await s.officer.post(path, ["basis": "statements", "ratio-1-first": "6"])
            #expect(half.status == .unprocessableEntity && half.text.contains("Enter how many times, in statement 1") && half.text.contains("value=\"6\" selected"))
            let infeasible = try await s.officer.post(path, ["basis": "statements", "lower-1": "60", "lower-2": "60"])
            #expect(infeasible.status == .unprocessableEntity && infeasible.text.contains("No weights satisfy all of these constraints together"))
            #expect(try await s.officer.post(path, ["basis": "guess"]).status == .unprocessableEntity)
            #expect(try await SensitivityRun.query(on: app.db).count() == 1)

            // What the board decided (I, VI and VIII lead; regeneration at least twice staff terms),
            // with the evaluators' spread as uncertainty: sampled by hit-and-run.
            let board = ["basis": "statements", "leading-1": "yes", "leading-6": "yes", "leading-8": "yes", "uncertainty": "yes",
                         "ratio-1-first": "6", "ratio-1-factor": "2", "ratio-1-second": "5"]
            #expect(try await s.officer.post(path, board).status == .seeOther)
            let run = try #require(try await SensitivityRun.query(on: app.db).filter(\.$number == 2).first())
            let result = try #require(run.result), settings = try #require(run.settings)
            #expect(settings.leading == [1, 6, 8] && settings.ratios == [.init(criterion: 6, factor: 2, other: 5)] && settings.uncertainty)
            #expect(result.method.hasPrefix("hit-and-run") && result.samples == 10_000)
            for row in result.rankAcceptability { #expect(abs(row.reduce(0, +) - 1) < 1e-9) }
            #expect(result.pairwise[0][1] + result.pairwise[1][0] <= 1 + 1e-9 && result.pairwise[0][1] > result.pairwise[1][0])
            let shown = try await s.officer.get(path)
            #expect(shown.text.contains("Analysis 2") && shown.text.contains("I, VI and VIII each weigh at least as much as any other objective.")
                    && shown.text.contains("VI weighs at least 2 times as much as V.") && shown.text.contains("stays first in"))
            #expect(try await s.officer.get("\(path)?run=1").text.contains("Analysis 1"))
            #expect(try await PanelTests.events(app, "sensitivity.run") == 2)

            // The figures come again from the stored seed on the same scores.
            let again = try Sensitivity.analyse(try #require(try await Results.load(s.exercise.id!, on: app.db.sql)), settings, seed: result.seed)
            #expect(again.rankAcceptability == result.rankAcceptability && again.confidence == result.confidence && again.pairwise == result.pairwise)

            let token = try await ScoringTests.token(app, try await PanelTests.user(app, .officer), clock)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/sensitivity", headers: token)
            #expect(api.status == .ok && api.text.contains("\"number\":2") && api.text.contains("best meets the objectives under"))
        }
    }

    /// The demo's condition: staff employed on no less favourable terms (seed 003 (v)).
    static let staffTerms = UUID(uuidString: "5d86ab46-8b1f-5955-af3d-28046359a651")!

    @Test func aResponseThatFailsAConditionIsFlaggedAndLeftOutUnlessTheModeratorRecordsWhyItStays() async throws {
        try await withDemoApp { app, clock in
            // The rival answers "no" to the staff-terms condition.
            let s = try await Self.scored(app, clock, rivalAnswers: [Self.staffTerms: "no"])
            let path = "/manage/exercises/\(s.id)/results", rival = "Rival Services Ltd (fictitious)"
            let page = try await s.officer.get(path)
            #expect(page.text.contains("Left out of the ranking for failing a condition: \(rival)") && page.text.contains("Not met: left out of the ranking"))
            #expect(page.text.contains("50.0%"), "its total is still shown")
            let token = try await ScoringTests.token(app, try await PanelTests.user(app, .officer), clock)
            func api() async throws -> ResultsAPI.ResultsDTO {
                let r = try await app.testing().sendRequest(.GET, "/api/v1/exercises/\(s.id)/results", headers: token)
                return try JSONDecoder().decode(ResultsAPI.ResultsDTO.self, from: Data(r.text.utf8))
            }
            var rows = try await api().rows
            #expect(rows.map(\.rank) == [1, nil] && rows.map(\.excluded) == [false, true] && rows[1].conditions.map(\.state) == [.failed])

            // Left out of the sensitivity analysis too, with why.
            #expect(try await s.officer.post("/manage/exercises/\(s.id)/sensitivity", ["basis": "exact"]).status == .seeOther)
            #expect(try await s.officer.get("/manage/exercises/\(s.id)/sensitivity").text.contains("Left out of the analysis: \(rival) (fails a condition)"))

            // The moderator sees the answer and why it fails, and records why it stays.
            let moderator = Browser(app)
            try await moderator.signIn(as: .moderator)
            let sheet = "/evaluate/\(s.id)/moderation/\(s.rival.id!.lowercasedString)"
            let shown = try await moderator.get(sheet)
            #expect(shown.text.contains("Would staff be employed on no less favourable terms") && shown.text.contains("(from the yes-or-no answer)"))
            let met = "met-\(Self.staffTerms.lowercasedString)", keep = "keep-\(Self.staffTerms.lowercasedString)"
            let reason = "Its Statement of Intent is still being negotiated; the Project Board asked to see the proposal ranked."
            let odd = try await moderator.post("\(sheet)/conditions", [met: "maybe"])
            #expect(odd.status == .unprocessableEntity && odd.text.contains("Select whether the condition is met"))
            let unjudged = try await moderator.post("\(sheet)/conditions", [keep: reason])
            #expect(unjudged.status == .unprocessableEntity && unjudged.text.contains(reason), "what was typed is kept")
            #expect(try await moderator.post("\(sheet)/conditions", [met: "no", keep: reason]).status == .seeOther)
            #expect(try await PanelTests.events(app, "condition.judge") == 1)
            let kept = try await s.officer.get(path)
            #expect(kept.text.contains("Stays in the ranking: \(reason)") && !kept.text.contains("Left out of the ranking for failing"))
            rows = try await api().rows
            #expect(rows.map(\.rank) == [1, 2] && rows[1].conditions[0].keptBecause == reason)

            // A "yes" the moderator judges not met leaves the demo organisation out.
            let demoSheet = "/evaluate/\(s.id)/moderation/\(s.demo.id!.lowercasedString)"
            #expect(try await moderator.post("\(demoSheet)/conditions", [met: "no"]).status == .seeOther)
            rows = try await api().rows
            #expect(rows.first { $0.organisation.id == s.demo.id }?.excluded == true && rows.first { $0.organisation.id == s.rival.id }?.rank == 1)
            // Only the moderator judges: an officer or an evaluator is refused by role.
            #expect(try await s.officer.post("\(demoSheet)/conditions", [met: "yes"]).status == .forbidden)
            #expect(try await s.evaluator.post("\(demoSheet)/conditions", [met: "yes"]).status == .forbidden)
        }
    }
}
