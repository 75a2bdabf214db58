@testable import App
import Fluent
import Foundation
import Testing
import Vapor

/// What the market said, with more answers than a page quotes: the summary and the lots whole on
/// every page, the answers a hundred at a time by organisation name.
@Suite("What the market said, paged")
struct MarketPagesTests {
    static func summary(_ count: Int) -> MarketSummary {
        let responses = (1...count).map { n in
            MarketSummary.Response(organisation: UUID(), name: String(format: "Organisation %04d", n), lots: ["Finance"], model: "Joint venture",
                                   investment: 1_000, improvement: "Answer of organisation \(n)", jobs: 2, total: Double(n), excluded: false)
        }
        return MarketSummary(responses: responses, lots: [.init(name: "Finance", responses: responses, ranks: [:])],
                             questions: [.lots: "Which lots?", .investment: "What would you invest?", .improvement: "How would services improve?"])
    }

    static func exercise() -> Exercise {
        let e = Exercise()
        e.id = UUID()
        e.reference = "SPP-2003-01"
        return e
    }

    @Test func answersArePagedAHundredAtATime() {
        let e = Self.exercise(), m = Self.summary(250), base = "/manage/exercises/\(e.id!.lowercasedString)/market"
        let first = MarketPages.page(e, m).body.rendered
        #expect(first.contains("Answer of organisation 1<") && first.contains("Answer of organisation 100<") && !first.contains("Answer of organisation 101<"))
        #expect(first.contains("Answers 1 to 100 of 250"))
        #expect(first.contains("href=\"\(base)?page=2#in-their-words\">Next 100 answers") && !first.contains("Previous"))
        // Every page has the whole summary and every lot's table.
        #expect(first.contains("Organisation 0250") && first.contains("£250,000 in all from 250 organisations"))

        let last = MarketPages.page(e, m, quotesPage: 3).body.rendered
        #expect(last.contains("Answers 201 to 250 of 250") && last.contains("Answer of organisation 250<") && !last.contains("Answer of organisation 200<"))
        #expect(last.contains("href=\"\(base)?page=2#in-their-words\">Previous 100 answers") && !last.contains("Next"))
        #expect(MarketPages.page(e, m, quotesPage: 2).body.rendered.contains("Next 50 answers"))
        // Past either end, the nearest page.
        #expect(MarketPages.page(e, m, quotesPage: 99).body.rendered == last)
        #expect(MarketPages.page(e, m, quotesPage: -4).body.rendered == first)
    }

    @Test func aUsualExerciseQuotesEveryAnswerOnOnePage() {
        let page = MarketPages.page(Self.exercise(), Self.summary(8)).body.rendered
        #expect(page.contains("Answer of organisation 8<") && !page.contains("pagination") && !page.contains("Answers 1 to"))
    }
}

/// `partnering evaluation-setup`, which `bench/evaluation` runs, grows the demo's evaluation; the
/// grown exercise's pages hold together, and what the market said pages its answers by `?page=`.
@Suite("The evaluation benchmark's setup")
struct EvaluationSetupTests {
    /// A console that answers each question from a list and keeps what is written.
    final class ScriptedConsole: Console, @unchecked Sendable {
        var answers: [String], written: [String] = []
        var userInfo: [AnySendableHashable: any Sendable] = [:]
        init(answers: [String]) { self.answers = answers }
        var size: (width: Int, height: Int) { (80, 24) }
        func input(isSecure: Bool) -> String { answers.isEmpty ? "" : answers.removeFirst() }
        func output(_ text: ConsoleText, newLine: Bool) { written.append(text.description) }
        func report(error: String, newLine: Bool) { written.append(error) }
        func clear(_ type: ConsoleClear) {}
    }

    @Test func theSetupGrowsTheDemoAndTheMarketPagesItsAnswers() async throws {
        try await withDemoApp(fullDemo: true) { app, _ in
            let console = ScriptedConsole(answers: ["y"])
            var context = CommandContext(console: console, input: CommandInput(arguments: ["partnering", "--responses", "130", "--evaluators", "5"]))
            context.application = app
            try await EvaluationSetupCommand().run(using: &context)
            let id = try #require(console.written.last.flatMap { UUID(text: $0.trimmingCharacters(in: .whitespacesAndNewlines)) })

            // 130 responses, each scored by five evaluators (the demo's four and one more) and agreed.
            let results = try #require(try await Results.load(id, on: app.db.sql))
            #expect(results.rows.count == 130 && results.final && results.rows.filter { $0.rank != nil }.count > 100)
            #expect(try await PanelMember.query(on: app.db).filter(\.$exercise.$id == id).filter(\.$role == .evaluator).count() == 5)

            // The answers, a hundred a page, by name; the pages either side linked.
            let quoted = try await MarketSummary.load(id, results: results, on: app.db.sql).responses.filter { $0.improvement != nil }
            #expect(quoted.count > 100)
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            let path = "/manage/exercises/\(id.lowercasedString)/market"
            let first = try await officer.get(path)
            #expect(first.status == .ok && first.text.contains("Answers 1 to 100 of \(quoted.count)") && first.text.contains("\(path)?page=2#in-their-words"))
            #expect(first.text.contains(HTML.escape(quoted[99].name)) && first.text.contains("<h3 class=\"heading-s\">\(HTML.escape(quoted[99].name))</h3>")
                    && !first.text.contains("<h3 class=\"heading-s\">\(HTML.escape(quoted[100].name))</h3>"))
            let second = try await officer.get("\(path)?page=2")
            #expect(second.status == .ok && second.text.contains("Answers 101 to \(quoted.count) of \(quoted.count)") && second.text.contains("\(path)?page=1#in-their-words"))
            #expect(second.text.contains("<h3 class=\"heading-s\">\(HTML.escape(quoted[100].name))</h3>"))
            // Not a number, or past the end: the nearest page, never an error.
            #expect(try await officer.get("\(path)?page=many").text.contains("Answers 1 to 100"))
            #expect(try await officer.get("\(path)?page=40").text.contains("Answers 101 to"))
        }
    }
}
