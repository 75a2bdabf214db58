import Crypto
import Foundation

/// A file given as an answer: the SHA-256 of its bytes (which names it in the file store), the
/// name it was uploaded with, its size and its kind.
struct FileAnswer: Codable, Sendable, Equatable {
    var sha256: String
    var name: String
    var size: Int
    var type: String

    var json: JSON { .object([("sha256", .string(sha256)), ("name", .string(name)), ("size", .int(size)), ("type", .string(type))]) }
}

/// One answer: text (short or long text, a single choice, yes or no, a number as its decimal
/// text, a date as YYYY-MM-DD), a list (the choices of a multiple-choice question), or a file.
enum Answer: Codable, Sendable, Equatable {
    case text(String)
    case list([String])
    case file(FileAnswer)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .text(s) }
        else if let l = try? c.decode([String].self) { self = .list(l) }
        else { self = .file(try c.decode(FileAnswer.self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        case .file(let f): try c.encode(f)
        }
    }

    var isEmpty: Bool {
        switch self {
        case .text(let s): s.isEmpty
        case .list(let l): l.isEmpty
        case .file: false
        }
    }

    var json: JSON {
        switch self {
        case .text(let s): .string(s)
        case .list(let l): .array(l.map(JSON.string))
        case .file(let f): f.json
        }
    }

    var file: FileAnswer? { if case .file(let f) = self { f } else { nil } }
}

/// Answers read from a form or a request, question by question, with a message beside each
/// that cannot be stored. A draft may leave questions unanswered; `missing` says which a
/// submission still needs.
enum Answers {
    /// A decimal number as people write it: digits, an optional sign and point, commas between
    /// thousands, a leading £. Nil if it is not one.
    static func decimal(_ text: String) -> Decimal? {
        plainNumber(text).flatMap { Decimal(string: $0, locale: posix) }
    }

    /// The number `decimal` reads, as a `Double`, without Foundation's parser: what a summary of
    /// a thousand responses adds up.
    static func number(_ text: String) -> Double? {
        plainNumber(text).flatMap(Double.init)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The text without its commas and pound signs, and without space at either end
    /// (Unicode's space separators and tabs, as Foundation's `.whitespaces`), if it is then
    /// -?[0-9]{1,15}(\.[0-9]{1,6})?, checked byte by byte (a regular expression here cost more
    /// than the rest of a submission's checks together); otherwise nil.
    private static func plainNumber(_ text: String) -> String? {
        var scalars = Substring(text).unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        func skipped(_ s: Unicode.Scalar) -> Bool { s == "," || s == "£" }
        while let first = scalars.first, blank(first) || skipped(first) { scalars.removeFirst() }
        while let last = scalars.last, blank(last) || skipped(last) { scalars.removeLast() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        for s in scalars where !skipped(s) {
            guard s.isASCII else { return nil }   // no digit, sign or point is outside ASCII
            bytes.append(UInt8(s.value))
        }
        var rest = bytes[...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let whole = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard (1...15).contains(whole.count) else { return nil }
        rest = rest.dropFirst(whole.count)
        if !rest.isEmpty {
            let fraction = rest.dropFirst()
            guard rest.first == UInt8(ascii: "."), (1...6).contains(fraction.count),
                  fraction.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Words as runs of characters between white space (ASCII white space read byte by byte;
    /// other characters by their Unicode property).
    static func wordCount(_ text: String) -> Int {
        var count = 0, inWord = false
        var text = text
        text.withUTF8 { bytes in
            // ASCII byte by byte; other code points (each starting at a byte that does not
            // continue another) by Unicode's white space.
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                let space: Bool
                if c < 0x80 {
                    space = c == 0x20 || (0x09...0x0D).contains(c)
                    i += 1
                } else {
                    var end = i + 1
                    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                    var decoder = Unicode.UTF8.ForwardParser()
                    var iterator = bytes[i..<end].makeIterator()
                    if case .valid(let encoded) = decoder.parseScalar(from: &iterator) {
                        space = Unicode.UTF8.decode(encoded).properties.isWhitespace
                    } else {
                        space = false
                    }
                    i = end
                }
                if space { inWord = false } else if !inWord { inWord = true; count += 1 }
            }
        }
        return count
    }

    /// The form field of a question (and of each choice of a multiple-choice one).
    static func field(_ q: QuestionnaireContent.Question) -> String { "q-" + q.id.lowercasedString }
    static func choiceField(_ q: QuestionnaireContent.Question, _ index: Int) -> String { field(q) + "-\(index)" }

    /// Reads the answer to `q` from the input; nil (and no message) when it is left empty.
    static func read(_ q: QuestionnaireContent.Question, _ v: inout Validator) -> Answer? {
        let name = field(q)
        switch q.kind {
        case .multipleChoice:
            var chosen: [String] = []
            for (i, option) in q.options.enumerated() {
                v.accept(choiceField(q, i))
                if !v.input[choiceField(q, i)].isEmpty { chosen.append(option) }
            }
            v.accept(name)
            return chosen.isEmpty ? nil : .list(chosen)
        case .file:
            // A file comes with the form, not in a field: the section's save reads it.
            v.accept(name)
            return nil
        case .shortText, .longText, .singleChoice, .yesNo, .number, .date:
            let rule = FieldRule(name, "Answer", q.kind == .longText ? .text(max: 50_000) : .line(max: q.kind == .shortText ? 500 : 200), required: false)
            let text = v.text(rule)
            guard v.errors[name] == nil, !text.isEmpty else { return nil }
            switch q.kind {
            case .longText:
                if let limit = q.wordLimit, wordCount(text) > limit {
                    v.fail(name, "Your answer has \(wordCount(text)) words: the limit is \(limit). Shorten it")
                }
            case .singleChoice:
                guard q.options.contains(text) else { v.fail(name, "Select one of the choices"); return nil }
            case .yesNo:
                guard text == "yes" || text == "no" else { v.fail(name, "Select yes or no"); return nil }
            case .number:
                guard let d = decimal(text) else { v.fail(name, "Enter a number, like 250000 or 12.5"); return .text(text) }
                if let lo = q.minimum.flatMap(decimal), d < lo { v.fail(name, "Enter a number of at least \(q.minimum!)") }
                if let hi = q.maximum.flatMap(decimal), d > hi { v.fail(name, "Enter a number of at most \(q.maximum!)") }
                return .text(NSDecimalNumber(decimal: d).stringValue)
            case .date:
                guard let day = Day(iso: text) else { v.fail(name, "Enter the date as year-month-day, like 2003-09-01"); return .text(text) }
                return .text(day.iso)
            case .shortText, .multipleChoice, .file: break
            }
            return .text(text)
        }
    }

    /// The required questions of `content` that `answers` leaves unanswered.
    static func missing(_ content: QuestionnaireContent, _ answers: [UUID: Answer]) -> [QuestionnaireContent.Question] {
        content.questions.filter { $0.required && (answers[$0.id]?.isEmpty ?? true) }
    }

    /// An answer as a form shows it again.
    static func formValues(_ q: QuestionnaireContent.Question, _ answer: Answer?) -> [String: String] {
        switch (q.kind, answer) {
        case (.multipleChoice, .list(let chosen)?):
            var out: [String: String] = [:]
            for (i, option) in q.options.enumerated() where chosen.contains(option) { out[choiceField(q, i)] = "yes" }
            return out
        case (_, .text(let s)?): return [field(q): s]
        default: return [:]
        }
    }
}

/// RFC 8785 (JSON Canonicalization Scheme) for the values a submission holds: objects with
/// their members sorted by the UTF-16 code units of their names, no whitespace, strings with
/// only `"`, `\` and control characters escaped, integers in decimal. The receipt's SHA-256 is
/// over these bytes, so anyone can recompute it from the downloaded copy.
enum CanonicalJSON {
    static func encode(_ value: JSON) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: JSON, to out: inout [UInt8]) {
        switch value {
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            let sorted = pairs.sorted { $0.0.utf16.lexicographicallyPrecedes($1.0.utf16) }
            for (i, (key, v)) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, v) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(v, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let s): string(s, to: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .double(let d):
            // Not used in submissions (numbers travel as their decimal text); integral values only.
            precondition(d == d.rounded() && abs(d) < 9e15, "canonical JSON here carries integers only")
            out.append(contentsOf: String(Int(d)).utf8)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A string's UTF-8 as it is, but for `"`, `\` and the C0 controls (short escapes where
    /// JSON has them, else `\u00xx` in lower case), the runs between them copied whole.
    /// `JSONWriter` writes every string this way too.
    static func string(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for i in bytes.indices {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                default: out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func sha256(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) { out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
