import Foundation
import Vapor

/// A JSON body with nested values, read as strictly as `FormInput.json` reads flat ones: every
/// value must have the type its schema gives, text may not hold control characters, and a field
/// the schema does not list is refused. What breaks the schema is a 422 naming each field.
enum StrictJSON {
    indirect enum Value: Decodable, Sendable, Equatable {
        case string(String), int(Int), double(Double), bool(Bool), null
        case array([Value]), object([String: Value])

        /// Each type is tried in turn, and each miss throws: text, what bodies are mostly made
        /// of, is tried first (after text, three misses a value were 3% of a deadline rush).
        /// Foundation's decoder converts between none of these types, so the order changes
        /// nothing else.
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let d = try? c.decode(Double.self) { self = d == d.rounded() && abs(d) < 9e15 ? .int(Int(d)) : .double(d) }
            else if let a = try? c.decode([Value].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Value].self)) }
        }
    }

    /// The body as a JSON object; anything else (or nothing) is a 400. An empty body is `{}`
    /// when `emptyIsObject`.
    static func object(_ req: Request, emptyIsObject: Bool = false) throws -> [String: Value] {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            if emptyIsObject { return [:] }
            throw Abort(.badRequest, reason: "The request needs a JSON object body.")
        }
        guard case .object(let o)? = try? JSONDecoder().decode(Value.self, from: buffer) else {
            throw Abort(.badRequest, reason: "The body is not a JSON object.")
        }
        return o
    }

    struct Reader {
        let body: [String: Value]
        let allowed: Set<String>
        var errors = FormErrors()

        init(_ body: [String: Value], allowed: Set<String>) {
            self.body = body
            self.allowed = allowed
        }

        mutating func integer(_ name: String, required: Bool, minimum: Int, maximum: Int) -> Int? {
            switch body[name] {
            case nil: if required { errors.add(name, "Required.") }
            case .int(let i)? where (minimum...maximum).contains(i): return i
            case .int?: errors.add(name, "Must be from \(minimum) to \(maximum).")
            default: errors.add(name, "Must be an integer.")
            }
            return nil
        }

        static func text(_ s: String, max: Int) -> String? {
            if TextRules.length(s) > max { return "At most \(max) characters." }
            if TextRules.forbidden(in: s, singleLine: false).any { return "May not contain control characters or Unicode noncharacters." }
            return nil
        }

        /// Answers by question id, each text, a list of texts, or a file (`ResponsesAPI.answerValue`).
        mutating func answers(_ name: String, required: Bool) -> [String: Value]? {
            guard let value = body[name] else {
                if required { errors.add(name, "Required.") }
                return nil
            }
            guard case .object(let answers) = value else { errors.add(name, "Must be an object of answers by question id."); return nil }
            if answers.count > 500 { errors.add(name, "At most 500 answers.") }
            for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
                let field = "\(name)/\(key)"
                guard UUID(uuidString: key) != nil else { errors.add(field, "A question's id is a UUID."); continue }
                switch answer {
                case .string(let s):
                    if let problem = Self.text(s, max: 50_000) { errors.add(field, problem) }
                case .array(let items):
                    if items.count > 100 { errors.add(field, "At most 100 choices.") }
                    for item in items {
                        guard case .string(let s) = item else { errors.add(field, "Each choice is text."); break }
                        if let problem = Self.text(s, max: 500) { errors.add(field, problem); break }
                    }
                case .object(let file):
                    guard Set(file.keys) == ["sha256", "name", "size", "type"],
                          case .string(let sha)? = file["sha256"], sha.wholeMatch(of: /[0-9a-f]{64}/) != nil,
                          case .string(let fileName)? = file["name"], (1...200).contains(fileName.unicodeScalars.count),
                          case .int(let size)? = file["size"], (1...100_000_000_000).contains(size),
                          case .string(let type)? = file["type"], FileKind(rawValue: type) != nil
                    else { errors.add(field, "A file is {sha256, name, size, type}, as the section's page uploaded it."); continue }
                default:
                    errors.add(field, "An answer is text, a list of texts, or a file.")
                }
            }
            return answers
        }

        /// Refuses fields the schema does not list; throws a 422 with every message so far.
        func finish(adding more: FormErrors = FormErrors()) throws {
            var all = more
            for item in errors.items { all.add(item.field, item.message) }
            for key in body.keys.sorted() where !allowed.contains(key) { all.add(key, "Not a field of this request.") }
            if !all.isEmpty { throw ValidationFailure(errors: all) }
        }
    }
}
