/// What text the server stores. One set of rules for every field of every form and API call, and
/// the same rules written as a JSON Schema `pattern`, so the OpenAPI document and the server
/// cannot disagree about a character.
///
/// Refused everywhere: C0 controls other than tab, line feed and carriage return; DEL and the C1
/// controls (U+007F–U+009F); the Unicode noncharacters (U+FDD0–U+FDEF and the last two code points
/// of every plane). Refused too in single-line fields (names, titles, email addresses, which end up
/// in email headers): line feed, carriage return and the Unicode line and paragraph separators.
enum TextRules {
    static func isForbidden(_ s: Unicode.Scalar, singleLine: Bool) -> Bool {
        let v = s.value
        switch v {
        case 0x09: return false
        case 0x0A, 0x0D, 0x2028, 0x2029: return singleLine
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: return true
        default: return v & 0xFFFE == 0xFFFE
        }
    }

    /// What counts as blank at either end of a value: Unicode's spaces and line breaks, listed
    /// exactly, so that the pattern below means the same in every regular-expression dialect.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        // Most text has nothing to trim, and is returned as it is, not copied.
        if let first = scalars.first, let last = scalars.last, !isSpace(first), !isSpace(last) { return text }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Length as JSON Schema's `maxLength` counts it: code points, not grapheme clusters. Counted
    /// on the UTF-8, one byte at a time: each code point has one byte that does not continue
    /// another.
    static func length(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var n = 0
            for byte in bytes where byte & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// Whether `text` holds a code point `isForbidden` refuses, and whether one of them is a line
    /// break (in single-line text). One pass over the UTF-8, decoding only what is not ASCII: every
    /// answer of every submission goes through this.
    static func forbidden(in text: String, singleLine: Bool) -> (any: Bool, lineBreak: Bool) {
        var text = text
        return text.withUTF8 { b in
            var found = false, lineBreak = false
            var i = 0
            while i < b.count {
                let c = b[i]
                let value: UInt32
                if c < 0x80 {
                    i += 1
                    guard c < 0x20 || c == 0x7F else { continue }
                    value = UInt32(c)
                } else if c < 0xE0 {
                    value = UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                    i += 2
                } else if c < 0xF0 {
                    value = UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                    i += 3
                } else {
                    value = UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                }
                if let scalar = Unicode.Scalar(value), isForbidden(scalar, singleLine: singleLine) {
                    found = true
                    if [0x0A, 0x0D, 0x2028, 0x2029].contains(value) { lineBreak = true }
                }
            }
            return (found, lineBreak)
        }
    }

    // MARK: The same rules as a JSON Schema pattern

    /// The forbidden code points as the inside of a character class. Noncharacters above the
    /// Basic Multilingual Plane are written as the characters themselves: `\u{…}` escapes are not
    /// understood by every dialect, and surrogate-pair escapes mean different things in different ones.
    private static func forbiddenClass(singleLine: Bool) -> String {
        var parts = [#"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF"#]
        if singleLine { parts.append(#"\u000A\u000D\u2028\u2029"#) }
        for plane in 1...16 {
            for low in [0xFFFE, 0xFFFF] {
                parts.append(String(Character(Unicode.Scalar(UInt32(plane << 16 | low))!)))
            }
        }
        return parts.joined()
    }

    /// A character class of what a single- or multi-line text allows, less `alsoForbidding`
    /// (written as the inside of a class).
    static func characterClass(singleLine: Bool, alsoForbidding extra: String) -> String {
        "[^\(forbiddenClass(singleLine: singleLine))\(extra)]"
    }

    static let spaceClass = #"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"#

    /// `^[allowed]*$`, or, when the field may not be blank, at least one allowed character that is
    /// not a space.
    static func pattern(singleLine: Bool, nonBlank: Bool) -> String {
        let forbidden = forbiddenClass(singleLine: singleLine)
        let any = "[^\(forbidden)]"
        guard nonBlank else { return "^\(any)*$" }
        return "^\(any)*[^\(forbidden)\(spaceClass)]\(any)*$"
    }
}
