@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The demo's evaluation of 2003, as `partnering serve` loads it: every evaluation page has
/// something real to show, and what it shows holds together.
@Suite("The demo's evaluation of 2003")
struct DemoEvaluationTests {
    @Test func theDemoEvaluatesEightFictitiousResponsesToThe2003Exercise() async throws {
        try await withDemoApp(fullDemo: true) { app, _ in
            let e = try #require(try await Exercise.query(on: app.db).filter(\.$reference == SalfordExercise.reference).first())
            #expect(e.status == .opened && e.openedAt != nil)
            #expect(try await Opening.query(on: app.db).filter(\.$exercise.$id == e.id!).count() == 2)

            // Eight responses, each a valid submission of the questionnaire whose receipt is its SHA-256.
            let counting = try await ResponsesController.counting(e.id!, on: app.db)
            #expect(counting.count == 8)
            let content = try #require(try await ResponseWrites.questionnaire(e.id!, on: app.db)).content
            for (o, s) in counting {
                #expect(o.name.hasSuffix("(fictitious)"))
                let answers = ResponsePages.answers(in: s.document)
                #expect(Answers.missing(content, answers).isEmpty, "\(o.name)")
                #expect(ResponseWrites.invalid(answers, for: content).isEmpty, "\(o.name): \(ResponseWrites.invalid(answers, for: content).map(\.message))")
                #expect(s.sha256 == CanonicalJSON.sha256(s.document) && s.submittedAt < e.responseDeadline!)
            }

            // Four evaluators declared and submitted; the one conflict hides that response from her.
            let members = try await PanelMember.query(on: app.db).filter(\.$exercise.$id == e.id!).all()
            #expect(members.filter { $0.role == .evaluator }.count == 4 && members.allSatisfy { $0.role == .moderator || $0.submittedAt != nil })
            let hulme = try #require(try await User.query(on: app.db).filter(\.$email == SalfordEvaluation.evaluators[0].email).first())
            guard case .allowed(let c) = try await Scoring.access(exercise: e.id!, evaluator: hulme.id!, on: app.db) else { Issue.record("no access"); return }
            #expect(c.hidden == 1 && c.organisations.count == 7)
            #expect(try await ScoreSheet.query(on: app.db).filter(\.$evaluator.$id == hulme.id!).count() == 7)

            // Moderated in full: the results are final; the response failing the staff-terms
            // condition is left out; the weights move the ranking.
            let results = try #require(try await Results.load(e.id!, on: app.db.sql))
            #expect(results.final && results.rows.filter(\.excluded).map(\.name) == ["Stellisk Managed IT Services Ltd (fictitious)"])
            #expect(results.rows.compactMap(\.rank) == Array(1...7))
            let flagged = results.rows.flatMap { row in row.ranges.compactMap { $0 } }.filter { $0.upperBound - $0.lowerBound >= 2 }
            #expect(!flagged.isEmpty, "some spreads are flagged")
            let scenarios = try await WeightScenario.query(on: app.db).filter(\.$exercise.$id == e.id!).sort(\.$createdAt).all()
            #expect(scenarios.map(\.name) == ["Regeneration primary", "Equal weights"])
            let equal = results.ranking(scenarios[1].weights(for: results.criteria))
            let first = results.rows.first!.name, firstEqual = results.rows[equal.firstIndex { $0.rank == 1 }!].name
            #expect(first != firstEqual, "the first under the frozen weights is not the first under equal weights")

            // The sensitivity analysis, with every figure adding up.
            let run = try #require(try await SensitivityRun.query(on: app.db).filter(\.$exercise.$id == e.id!).first())
            let result = try #require(run.result)
            #expect(result.organisations.count == 7 && result.leftOut.count == 1)
            for row in result.rankAcceptability { #expect(abs(row.reduce(0, +) - 1) < 1e-9) }
            #expect(result.rankAcceptability[0][0] > 0.5, "the first proposal is best under most of the weightings the Board allows")

            // The four ranked highest were shortlisted and interviewed inside the window, nobody twice at once.
            let interviews = try await Interview.query(on: app.db).filter(\.$exercise.$id == e.id!).sort(\.$startsAt).all()
            #expect(try await ShortlistEntry.query(on: app.db).filter(\.$exercise.$id == e.id!).count() == 4 && interviews.count == 4)
            let from = SalfordExercise.london(e.interviewFrom!, 0), to = SalfordExercise.london(e.interviewTo!, 23)
            #expect(interviews.allSatisfy { $0.startsAt >= from && $0.endsAt <= to && $0.outcome != nil })
            for (a, b) in zip(interviews, interviews.dropFirst()) { #expect(a.endsAt <= b.startsAt || Set(a.panel).isDisjoint(with: b.panel)) }

            // What the market said: each lot ranks only those interested in it; one covering a
            // single lot is found on that lot alone.
            let market = try await MarketSummary.load(e.id!, results: results, on: app.db.sql)
            #expect(market.lots.map(\.name) == ["Finance", "Law and Administration", "Salford IT Net", "Salford Advance", "Customer Services", "Personnel and Performance"])
            for lot in market.lots {
                let ranks = lot.responses.compactMap { lot.ranks[$0.organisation] }
                #expect(ranks.sorted() == ranks && ranks.first.map { $0 == 1 } ?? true, "\(lot.name)")
                #expect(lot.responses.filter(\.excluded).allSatisfy { lot.ranks[$0.organisation] == nil })
            }
            let single = try #require(market.responses.first { $0.lots.count == 1 })
            #expect(market.lots.filter { $0.responses.contains { $0.organisation == single.organisation } }.count == 1)
            #expect(market.responses.compactMap(\.investment).reduce(0, +) > 50_000_000 && market.models.count >= 4)
            let officerBrowser = Browser(app)
            try await officerBrowser.signIn(as: .officer)
            let said = try await officerBrowser.get("/manage/exercises/\(e.id!.lowercasedString)/market")
            #expect(said.status == .ok && said.text.contains("Personnel and Performance: ") && said.text.contains("This lot only")
                    && said.text.contains("Left out: fails a condition") && said.text.contains("In their words"))

            // The pages show it: the officer's results, and an evaluator's view of everyone's scores.
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let page = try await officer.get("/manage/exercises/\(e.id!.lowercasedString)/results")
            #expect(page.status == .ok && page.text.contains("Final") && page.text.contains("Regeneration primary") && page.text.contains(first))
            let evaluator = Browser(app)
            try await evaluator.signIn(as: .evaluator)
            let board = try await evaluator.get("/evaluate/\(e.id!.lowercasedString)/scores")
            #expect(board.status == .ok && board.text.contains("Margaret Hulme (fictitious)") && board.text.contains("Ruth Pendleton (fictitious)"))

            // The report to the Project Board of 2 June 2003, issued on 28 May with its PDF; the councillor reads it.
            let issued = try #require(try await IssuedReport.query(on: app.db).first())
            #expect(issued.number == 1 && issued.paragraph == 3 && issued.meetingDate == "2003-06-02" && issued.pdf.starts(with: Data("%PDF-".utf8)))
            #expect(issued.body.contains("Contact officer") && issued.body.contains("Allison Lobley") && issued.body.contains(first))
            let councillor = Browser(app)
            try await councillor.signIn(as: .boardMember)
            let reports = try await councillor.get("/reports")
            #expect(reports.status == .ok && reports.text.contains("Strategic Partnership Project: evaluation of the responses to the market"))
            let read = try await councillor.get("/reports/\(issued.id!.lowercasedString)")
            #expect(read.status == .ok && read.text.contains("Issued 28 May 2003, number 1") && read.text.contains("Interviews"))
        }
    }
}
