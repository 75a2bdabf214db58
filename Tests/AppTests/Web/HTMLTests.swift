@testable import App
import Testing

@Suite("HTML building")
struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let name = "<script>alert('x')</script> & \"friends\""
        let html: HTML = "<p>\(name)</p>"
        #expect(html.rendered == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</p>")
    }

    @Test func interpolatedHTMLIsKept() {
        let inner: HTML = "<em>\("a<b")</em>"
        let outer: HTML = "<p>\(inner)</p>"
        #expect(outer.rendered == "<p><em>a&lt;b</em></p>")
    }

    @Test func proseMakesParagraphsAndLists() {
        let html = prose("First line\ncontinues.\n\n- one\n- <two>")
        #expect(html.rendered == "<p class=\"body\">First line continues.</p><ul class=\"list list--bullet\"><li>one</li><li>&lt;two&gt;</li></ul>")
    }

    @Test func siteURLsMatchTheirRoutes() {
        let id = UUID(uuidString: "6F1D3E0A-0000-4000-8000-000000000001")!
        #expect(SiteURL.serviceProfile(.value(id)).path == "/manage/services/6f1d3e0a-0000-4000-8000-000000000001/profile")
        #expect(SiteURL.serviceProfile(.key).path == "/manage/services/:id/profile")
        #expect(SiteURL.service(.value("a b")).path == "/services/a%20b")
    }

    @Test func contrastFollowsWCAG() {
        #expect(abs(Contrast.ratio("#000000", "#ffffff") - 21) < 0.01)
        #expect(Contrast.ratio("#1d70b8", "#ffffff") > 4.5)
        #expect(Contrast.ratio("#ffdd00", "#ffffff") < 4.5)
    }
}

import Foundation

@Suite("Prose")
struct ProseTests {
    @Test func windowsLineEndsAndBlankLinesWithSpacesSeparateParagraphs() {
        let html = prose("  First\r\nline.\r\n   \r\n- a\r\n- b  \n\n\nLast").rendered
        #expect(html == "<p class=\"body\">First line.</p><ul class=\"list list--bullet\"><li>a</li><li>b</li></ul><p class=\"body\">Last</p>")
    }

    @Test func nothingButSpaceIsNothing() {
        #expect(prose(" \n\t\n").rendered.isEmpty)
    }
}

/// `HTML.escape` and `prose` copy runs and split lines scalar by scalar, for speed; these
/// check them against the plain ways (character by character) on text made to be awkward.
@Suite("Escaping and prose against the plain ways")
struct EscapingAgainstReferenceTests {
    static func referenceEscape(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where TextRules.isForbidden(ch, singleLine: false): out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func referenceLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// Strings drawn from pieces that matter: the escaped five, line breaks of every kind
    /// (with "\r\n"), controls, noncharacters, combining marks, emoji and plain words.
    static func awkward(_ seed: UInt64, count: Int) -> [String] {
        let pieces = ["a", "word ", "&", "<", ">", "\"", "'", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
                      "\u{0}", "\u{7F}", "\u{9F}", String(Unicode.Scalar(0xFDD0)!), String(Unicode.Scalar(0xFFFE)!), "e\u{301}", "\u{301}", "👩‍👩‍👧", "£", "’", " ", "\t", "- "]
        var state = seed
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        return (0..<count).map { _ in (0..<(next() % 24)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    @Test func escapingMatchesScalarByScalar() {
        for text in Self.awkward(7, count: 3_000) {
            #expect(HTML.escape(text) == Self.referenceEscape(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func proseSplitsLinesAsCharactersDo() {
        for text in Self.awkward(11, count: 3_000) {
            // prose of the reference's lines, each rejoined by "\n", must equal prose of the text.
            let rejoined = Self.referenceLines(text).joined(separator: "\n")
            #expect(prose(text) == prose(rejoined), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

@Suite("Figures")
struct FiguresTests {
    /// The same as `String(format: "%.1f")`, ties included (0.35 is stored as a little less,
    /// 0.25 exactly), but for a negative value that rounds to zero.
    @Test func oneDecimalPrintsAsPrintfDoes() {
        var state: UInt64 = 3
        var values: [Double] = [0.05, 0.15, 0.25, 0.35, 0.45, 67.55, 1.05, 2.675, 99.95, 12.25, -1.25, -0.35]
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double(state >> 11) / Double(1 << 53) * 200 - 50)
            values.append(Double((state >> 40) % 2_000) / 20)   // on the twentieths: every tie of a tenth
        }
        for x in values where !(x < 0 && x > -0.05) {
            #expect(Figures.oneDecimal(x) == String(format: "%.1f", x), "\(x)")
        }
        #expect(Figures.oneDecimal(0) == "0.0" && Figures.oneDecimal(4.2) == "4.2" && Figures.oneDecimal(-1.25) == "-1.2")
        #expect(Figures.percent(62.54) == "62.5%" && Figures.percent(100) == "100.0%")
        #expect(Figures.oneDecimal(.infinity) == String(format: "%.1f", Double.infinity))
    }
}
