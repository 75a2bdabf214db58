@testable import App
import Foundation
import Testing

/// `TextRules` reads text byte by byte for speed: it must say exactly what reading it code point
/// by code point says, for every kind of code point, at either end and in the middle.
@Suite("Text rules read on the UTF-8")
struct TextRulesTests {
    static let pool: [Unicode.Scalar] = {
        var values: [UInt32] = [0x41, 0x7A, 0x30, 0x20, 0x21, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x00, 0x01, 0x1F, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xA3, 0xE9, 0x7FF, 0x800,
                                0x1680, 0x2000, 0x200A, 0x200B, 0x2013, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x4E2D, 0xD7FF, 0xE000, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0,
                                0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1F469, 0x1F3FD, 0x1FFFE, 0x1FFFF, 0x2FFFE, 0x10FFFD, 0x10FFFE, 0x10FFFF]
        return values.map { Unicode.Scalar($0)! }
    }()

    static func texts() -> [String] {
        var generator = SystemRandomNumberGenerator()
        var out = [""] + pool.map { String(Character($0)) }
        for _ in 0..<3_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) { s.append(pool.randomElement(using: &generator)!) }
            out.append(String(s))
        }
        return out
    }

    @Test func lengthIsTheNumberOfCodePoints() {
        for text in Self.texts() { #expect(TextRules.length(text) == text.unicodeScalars.count, "\(Array(text.unicodeScalars))") }
    }

    @Test func forbiddenCodePointsAreFoundAsTheScalarRuleFindsThem() {
        for text in Self.texts() {
            for singleLine in [false, true] {
                let any = text.unicodeScalars.contains { TextRules.isForbidden($0, singleLine: singleLine) }
                let lineBreak = singleLine && text.unicodeScalars.contains { [0x0A, 0x0D, 0x2028, 0x2029].contains($0.value) }
                let found = TextRules.forbidden(in: text, singleLine: singleLine)
                #expect(found.any == any && found.lineBreak == lineBreak, "\(Array(text.unicodeScalars)) single line: \(singleLine)")
            }
        }
    }

    @Test func trimmingIsOfTheListedSpacesAtEitherEnd() {
        for text in Self.texts() {
            let scalars = text.unicodeScalars
            let expected: String
            if let first = scalars.firstIndex(where: { !TextRules.isSpace($0) }), let last = scalars.lastIndex(where: { !TextRules.isSpace($0) }) {
                expected = String(scalars[first...last])
            } else {
                expected = ""
            }
            #expect(TextRules.trimmed(text) == expected, "\(Array(scalars))")
        }
    }

    @Test func wordsAreCountedAsTheScalarRuleCountsThem() {
        for text in Self.texts() {
            var count = 0, inWord = false
            for scalar in text.unicodeScalars {
                let space = scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
                if space { inWord = false } else if !inWord { inWord = true; count += 1 }
            }
            #expect(Answers.wordCount(text) == count, "\(Array(text.unicodeScalars))")
        }
    }
}
