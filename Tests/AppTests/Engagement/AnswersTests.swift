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
        for bad in ["", "-", "1.", ".5", "1.1234567", "1e5", "12a", "--1", "1.2.3", "1234567890123456", "٣", "１２", "1 000", "1\u{2028}"] {
            #expect(Answers.decimal(bad) == nil, "\(bad)")
            #expect(Answers.number(bad) == nil, "\(bad)")
        }
        // Commas and pound signs go wherever they are, space (with no-break space) only at the ends.
        for (text, plain) in [("£1,250,000", "1250000"), (" -12.5 ", "-12.5"), ("\u{A0}£ 42,000,000\t", "42000000"), (", 7 £", "7"), ("0.123456", "0.123456")] {
            #expect(Answers.number(text) == Double(plain), "\(text)")
            #expect(Answers.decimal(text) == Decimal(string: plain), "\(text)")
        }
    }

    /// A section's answers as stored (written without an encoder) read back as they were, and as
    /// the JSON `JSONEncoder` wrote before: the same object, whatever the text holds.
    @Test func aSectionsAnswersReadBackAsStored() throws {
        let texts = ["", "plain", "quote \" backslash \\ slash /", "tab\tline\nreturn\r", "\u{1}\u{1F}\u{7F}\u{85}", "£ – ü 👩🏽‍💻 \u{2028}"]
        var answers: [UUID: Answer] = [:]
        for text in texts {
            answers[UUID()] = .text(text)
            answers[UUID()] = .list([text, text + "!"])
        }
        answers[UUID()] = .list([])
        answers[UUID()] = .file(FileAnswer(sha256: String(repeating: "ab", count: 32), name: "plan \"final\".pdf", size: 1234, type: "pdf"))
        let section = ResponseSection()
        section.answersJSON = ResponseSection.text(of: answers)
        #expect(section.answers == answers)
        let before = sortedJSONText(Dictionary(uniqueKeysWithValues: answers.map { ($0.key.lowercasedString, $0.value) }))
        let old = try JSONSerialization.jsonObject(with: Data(before.utf8)) as? NSDictionary
        let new = try JSONSerialization.jsonObject(with: Data(section.answersJSON.utf8)) as? NSDictionary
        #expect(old != nil && old == new)
        #expect(ResponseSection.text(of: [:]) == "{}")
    }

    @Test func wordsAreCountedBetweenWhiteSpace() {
        #expect(Answers.wordCount("") == 0)
        #expect(Answers.wordCount("  one  ") == 1)
        #expect(Answers.wordCount("one two\tthree\nfour\r\nfive") == 5)
        #expect(Answers.wordCount("naïve café — crème") == 4)
        #expect(Answers.wordCount("a\u{00A0}b\u{2003}c") == 3, "non-breaking and em spaces separate words")
    }
}
