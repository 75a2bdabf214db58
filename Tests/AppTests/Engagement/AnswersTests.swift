@testable import App
import Foundation
import Testing

/// The small readers every answer goes through, written by hand for speed: they must read what
/// people write exactly as the rules say.
@Suite("Answers: numbers and words")
struct AnswersTests {
    @Test func numbersAreReadAsPeopleWriteThem() {
        #expect(Answers.decimal("250000") == Decimal(250000))
        #expect(Answers.decimal("£1,250,000") == Decimal(1_250_000))
        #expect(Answers.decimal(" -12.5 ") == Decimal(string: "-12.5"))
        #expect(Answers.decimal("0.123456") == Decimal(string: "0.123456"))
        for bad in ["", "-", "1.", ".5", "1.1234567", "1e5", "12a", "--1", "1.2.3", "1234567890123456", "٣", "１２"] {
            #expect(Answers.decimal(bad) == nil, "\(bad)")
        }
    }

    @Test func wordsAreCountedBetweenWhiteSpace() {
        #expect(Answers.wordCount("") == 0)
        #expect(Answers.wordCount("  one  ") == 1)
        #expect(Answers.wordCount("one two\tthree\nfour\r\nfive") == 5)
        #expect(Answers.wordCount("naïve café — crème") == 4)
        #expect(Answers.wordCount("a\u{00A0}b\u{2003}c") == 3, "non-breaking and em spaces separate words")
    }
}
