/// A fragment of HTML. Interpolated strings are escaped; interpolated `HTML` is kept as it is,
/// so markup can only enter a page through code, never through data.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    public let rendered: String

    public init(unsafe raw: String) { rendered = raw }

    public static let empty = HTML(unsafe: "")

    public var description: String { rendered }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // A code point HTML forbids (control characters, noncharacters) never reaches a page,
            // even from data stored before the input rules refused it.
            case _ where TextRules.isForbidden(ch, singleLine: false): out += "\u{FFFD}"
            default: out.unicodeScalars.append(ch)
            }
        }
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
    let blocks = text.replacingOccurrences(of: "\r\n", with: "\n")
        .components(separatedBy: "\n\n")
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { !$0.isEmpty }
    return blocks.map { block -> HTML in
        let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.allSatisfy({ $0.hasPrefix("- ") }) {
            let items = lines.map { line -> HTML in "<li>\(String(line.dropFirst(2)))</li>" }
            return "<ul class=\"list list--bullet\">\(items)</ul>"
        }
        return "<p class=\"body\">\(lines.joined(separator: " "))</p>"
    }.joined()
}
