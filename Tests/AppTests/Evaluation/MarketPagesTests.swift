@testable import App
import Foundation
import Testing

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
