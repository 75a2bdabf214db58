/// A fragment of HTML. Interpolated strings are escaped; interpolated `HTML` is kept as it is,
/// so markup can only enter a page through code, never through data.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    public let rendered: String

    public init(unsafe raw: String) { rendered = raw }

    public static let empty = HTML(unsafe: "")

    public var description: String { rendered }

    public static func escape(_ text: String) -> String {
        // Most text needs nothing escaped: say so in one pass over its bytes.
        let plain = text.utf8.allSatisfy { b in
            b >= 0x20 && b < 0x7f && b != 0x26 && b != 0x3c && b != 0x3e && b != 0x22 && b != 0x27
        }
        if plain { return text }
        // Runs of text that need nothing are copied whole; only what must change is written
        // scalar by scalar (long answers quoted on a page have apostrophes and line breaks).
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = text.unicodeScalars
        var run = scalars.startIndex, i = run
        while i < scalars.endIndex {
            let replacement: String
            switch scalars[i] {
            case "&": replacement = "&amp;"
            case "<": replacement = "&lt;"
            case ">": replacement = "&gt;"
            case "\"": replacement = "&quot;"
            case "'": replacement = "&#39;"
            // A code point HTML forbids (control characters, noncharacters) never reaches a page,
            // even from data stored before the input rules refused it.
            case let ch where TextRules.isForbidden(ch, singleLine: false): replacement = "\u{FFFD}"
            default:
                i = scalars.index(after: i)
                continue
            }
            out += Substring(scalars[run..<i])
            out += replacement
            i = scalars.index(after: i)
            run = i
        }
        out += Substring(scalars[run...])
        return out
    }
}

extension HTML: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { rendered = value }
    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""
        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }
        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { output += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { output += html?.rendered ?? "" }
        public mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { output += part.rendered }
        }
        /// `attr: true` writes a boolean attribute such as ` checked`.
        public mutating func appendInterpolation(_ name: String, when on: Bool) {
            if on { output += " " + name }
        }
    }
}

extension Array where Element == HTML {
    public func joined() -> HTML { HTML(unsafe: map(\.rendered).joined()) }
}

/// Paragraphs from plain text: blank lines separate paragraphs, lines starting "- " become a list.
public func prose(_ text: String) -> HTML {
    func trimmed(_ line: Substring) -> Substring {
        var line = line
        while let first = line.first, first.isWhitespace { line.removeFirst() }
        while let last = line.last, last.isWhitespace { line.removeLast() }
        return line
    }
    // Lines, without their ends, grouped into blocks at blank lines. The line breaks are those
    // `Character.isNewline` knows, found scalar by scalar (each is a character of its own, and
    // "\r\n" one break), which is several times quicker than walking the characters.
    var lines: [Substring] = []
    let scalars = text.unicodeScalars
    var start = scalars.startIndex, i = start
    while i < scalars.endIndex {
        switch scalars[i].value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029:
            lines.append(text[start..<i])
            let next = scalars.index(after: i)
            i = scalars[i] == "\r" && next < scalars.endIndex && scalars[next] == "\n" ? scalars.index(after: next) : next
            start = i
        default:
            i = scalars.index(after: i)
        }
    }
    lines.append(text[start...])
    var blocks: [[Substring]] = [], current: [Substring] = []
    for raw in lines {
        let line = trimmed(raw)
        if line.isEmpty {
            if !current.isEmpty { blocks.append(current); current = [] }
        } else {
            current.append(line)
        }
    }
    if !current.isEmpty { blocks.append(current) }
    return blocks.map { lines -> HTML in
        if lines.allSatisfy({ $0.hasPrefix("- ") }) {
            let items = lines.map { line -> HTML in "<li>\(String(line.dropFirst(2)))</li>" }
            return "<ul class=\"list list--bullet\">\(items)</ul>"
        }
        return "<p class=\"body\">\(lines.joined(separator: " "))</p>"
    }.joined()
}
