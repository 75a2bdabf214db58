import Foundation
import Vapor

/// One value as it was sent: a form sends only text; JSON keeps its types, so that the API can
/// refuse `{"name": 12345}` instead of quietly storing "12345".
enum InputValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    /// An array or an object: no field accepts one.
    case structured

    /// As shown again in a form field.
    var display: String {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let d): Weight.format(d)
        case .bool(let b): b ? "true" : "false"
        case .null, .structured: ""
        }
    }
}

/// What a person or program sent, by field name. Reading never fails: a wrong type or a missing
/// field becomes a message beside the field, and what was typed is kept to be shown again.
struct FormInput: Sendable {
    enum Source: Sendable { case form, json }

    var source: Source
    var values: [String: InputValue]

    init(_ strings: [String: String] = [:]) {
        source = .form
        values = strings.mapValues { .text($0) }
    }

    init(json values: [String: InputValue]) {
        source = .json
        self.values = values
    }

    /// A posted HTML form.
    static func form(_ req: Request) -> FormInput {
        FormInput((try? req.content.decode([String: String].self, as: .urlEncodedForm)) ?? [:])
    }

    /// A JSON object, its values' types kept. Anything but an object is a 400.
    static func json(_ req: Request) throws -> FormInput {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "The request needs a JSON object body.")
        }
        do {
            return FormInput(json: try JSONDecoder().decode([String: JSONScalar].self, from: buffer).mapValues(\.value))
        } catch {
            throw Abort(.badRequest, reason: "The body is not a JSON object.")
        }
    }

    /// The value as text, for showing again in a form.
    subscript(_ name: String) -> String { values[name]?.display ?? "" }

    func has(_ name: String) -> Bool { values[name] != nil }

    /// What was sent, laid over the current values: fields not sent keep what they had.
    func over(_ current: [String: InputValue]) -> FormInput {
        var merged = self
        merged.values = current.merging(values) { _, sent in sent }
        return merged
    }

    func over(_ current: [String: String]) -> FormInput { over(current.mapValues { .text($0) }) }

    /// The same input with one field set, as a button's fixed value.
    func setting(_ name: String, _ value: String) -> FormInput {
        var changed = self
        changed.values[name] = .text(value)
        return changed
    }

    /// A record's form as first shown: its fields, and the version it is at.
    static func editing<M: Versioned>(_ record: M) -> FormInput {
        var input = FormInput()
        input.values = record.currentInput.mapValues { .text($0.display) }
        input.values[AuditedWrite.version.name] = .text(String(record.version))
        return input
    }
}

private struct JSONScalar: Decodable {
    var value: InputValue

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { value = .null }
        else if let b = try? c.decode(Bool.self) { value = .bool(b) }
        else if let i = try? c.decode(Int.self) { value = .integer(i) }
        else if let d = try? c.decode(Double.self) {
            // JSON Schema counts 12.0 as an integer; so does the server.
            value = d == d.rounded() && abs(d) < 9e15 ? .integer(Int(d)) : .number(d)
        }
        else if let s = try? c.decode(String.self) { value = .text(s) }
        else { value = .structured }
    }
}

/// A field's rule, written once: the validator reads input by it, and the OpenAPI document
/// describes the field from it.
struct FieldRule: Sendable {
    enum Kind: Sendable {
        /// One line of text: names, titles. No line breaks.
        case line(max: Int)
        /// Text that may run over several lines.
        case text(max: Int)
        case integer(ClosedRange<Int>)
        case decimal(ClosedRange<Double>)
        /// The id of another record.
        case reference
        case choice([String])
    }

    var name: String
    var label: String
    var kind: Kind
    /// Must be sent, and not blank, when a record is made.
    var required: Bool
    /// `null` is accepted and clears the value (optional numbers).
    var nullable: Bool
    /// Text that, when it is sent, may not be blank (every required field, and some optional ones).
    var notBlank: Bool
    var description: String?

    init(_ name: String, _ label: String, _ kind: Kind, required: Bool = true, nullable: Bool = false, notBlank: Bool? = nil, description: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.nullable = nullable
        self.notBlank = notBlank ?? required
        self.description = description
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ label: String, _ type: T.Type, required: Bool = true) -> FieldRule where T.RawValue == String {
        FieldRule(name, label, .choice(T.allCases.map(\.rawValue)), required: required)
    }

    /// The JSON Schema of this field.
    var schema: JSON {
        var schema: JSON
        switch kind {
        case .line(let max), .text(let max):
            let singleLine = if case .line = kind { true } else { false }
            schema = ["type": "string", "maxLength": .int(max), "pattern": .string(TextRules.pattern(singleLine: singleLine, nonBlank: notBlank))]
        case .integer(let range):
            schema = ["type": nullable ? ["integer", "null"] : "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)]
        case .decimal(let range):
            schema = ["type": nullable ? ["number", "null"] : "number", "minimum": .double(range.lowerBound), "maximum": .double(range.upperBound)]
        case .reference:
            schema = ["type": "string", "format": "uuid"]
        case .choice(let values):
            schema = ["type": "string", "enum": .array(values.map(JSON.string))]
        }
        return schema.merging(["description": .string(description ?? label)])
    }
}

/// Reads fields out of a `FormInput`, collecting a message for each one that is not right.
/// Messages follow GOV.UK's wording: say what is wrong and how to put it right. From JSON, types
/// are strict and a field that no rule reads is refused, so the API does what its document says.
struct Validator {
    let input: FormInput
    var errors = FormErrors()
    private var read: Set<String> = []

    init(_ input: FormInput) { self.input = input }

    private var isJSON: Bool { input.source == .json }

    /// The text of a field, or nil with a message if it is not text the server stores.
    private mutating func rawText(_ field: FieldRule, singleLine: Bool) -> String? {
        read.insert(field.name)
        let raw: String
        switch input.values[field.name] {
        case nil: raw = ""
        case .text(let s): raw = s
        case .integer, .number, .bool, .null, .structured:
            if isJSON { errors.add(field.name, "\(field.label) must be text (a JSON string)"); return nil }
            raw = input.values[field.name]!.display
        }
        let forbidden = TextRules.forbidden(in: raw, singleLine: singleLine)
        if forbidden.any {
            errors.add(field.name, forbidden.lineBreak ? "\(field.label) must be on one line" : "\(field.label) must not contain control characters")
            return nil
        }
        return raw
    }

    /// A line or text field, trimmed. Required fields may not be blank.
    mutating func text(_ field: FieldRule) -> String {
        let (max, singleLine): (Int, Bool) = switch field.kind {
        case .line(let m): (m, true)
        case .text(let m): (m, false)
        default: (200, true)
        }
        guard let raw = rawText(field, singleLine: singleLine) else { return input[field.name] }
        let value = TextRules.trimmed(raw)
        if TextRules.length(raw) > max { errors.add(field.name, "\(field.label) must be \(max) characters or fewer") }
        else if value.isEmpty && (field.required || (field.notBlank && input.has(field.name))) {
            errors.add(field.name, "Enter \(field.label.lowercased())")
        }
        return value
    }

    /// A whole number, or nil when it is optional and not given (or given as JSON `null`).
    mutating func integer(_ field: FieldRule) -> Int? {
        guard case .integer(let range) = field.kind else { preconditionFailure("\(field.name) is not an integer field") }
        read.insert(field.name)
        let value: Int
        switch input.values[field.name] {
        case nil:
            if field.required { errors.add(field.name, "Enter \(field.label.lowercased())") }
            return nil
        case .null where field.nullable && !field.required:
            return nil
        case .integer(let i): value = i
        case .text where !isJSON:
            guard let raw = rawText(field, singleLine: true) else { return nil }
            let cleaned = TextRules.trimmed(raw).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
            if cleaned.isEmpty {
                if field.required { errors.add(field.name, "Enter \(field.label.lowercased())") }
                return nil
            }
            guard let i = Int(cleaned) else {
                errors.add(field.name, "\(field.label) must be a whole number, like 12"); return nil
            }
            value = i
        default:
            errors.add(field.name, "\(field.label) must be a whole number" + (isJSON ? " (a JSON integer)" : ", like 12")); return nil
        }
        guard range.contains(value) else {
            errors.add(field.name, "\(field.label) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func decimal(_ field: FieldRule) -> Double? {
        guard case .decimal(let range) = field.kind else { preconditionFailure("\(field.name) is not a decimal field") }
        read.insert(field.name)
        let value: Double
        switch input.values[field.name] {
        case nil:
            if field.required { errors.add(field.name, "Enter \(field.label.lowercased())") }
            return nil
        case .integer(let i): value = Double(i)
        case .number(let d) where isJSON: value = d
        case .text where !isJSON:
            guard let raw = rawText(field, singleLine: true) else { return nil }
            let trimmed = TextRules.trimmed(raw)
            if trimmed.isEmpty {
                if field.required { errors.add(field.name, "Enter \(field.label.lowercased())") }
                return nil
            }
            guard let d = Double(trimmed), d.isFinite else {
                errors.add(field.name, "\(field.label) must be a number, like 12.5"); return nil
            }
            value = d
        default:
            errors.add(field.name, "\(field.label) must be a number" + (isJSON ? " (a JSON number)" : ", like 12.5")); return nil
        }
        guard range.contains(value) else {
            errors.add(field.name, "\(field.label) must be between \(Weight.format(range.lowerBound)) and \(Weight.format(range.upperBound))")
            return nil
        }
        return value
    }

    mutating func choice<T: RawRepresentable>(_ field: FieldRule, as: T.Type) -> T? where T.RawValue == String {
        guard let raw = rawText(field, singleLine: true) else { return nil }
        guard let value = T(rawValue: isJSON ? raw : TextRules.trimmed(raw)) else {
            errors.add(field.name, "Select \(field.label.lowercased())")
            return nil
        }
        return value
    }

    mutating func reference(_ field: FieldRule) -> UUID? {
        guard let raw = rawText(field, singleLine: true), let id = UUID(uuidString: isJSON ? raw : TextRules.trimmed(raw)) else {
            if errors[field.name] == nil { errors.add(field.name, "Select \(field.label.lowercased())") }
            return nil
        }
        return id
    }

    mutating func email(_ name: String, _ label: String = "Email address") -> String {
        let value = text(FieldRule(name, label, .line(max: 254))).lowercased()
        if errors[name] == nil, value.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            errors.add(name, "Enter an email address in the correct format, like name@example.org")
        }
        return value
    }

    mutating func colour(_ name: String, _ label: String) -> String {
        let value = text(FieldRule(name, label, .line(max: 7))).lowercased()
        if errors[name] == nil, value.wholeMatch(of: /#[0-9a-f]{6}/) == nil {
            errors.add(name, "\(label) must be a colour like #1d70b8")
        }
        return value
    }

    /// A field read without a rule of its own (a password, say): marked as read.
    mutating func accept(_ name: String) { read.insert(name) }

    mutating func fail(_ field: String, _ message: String) { errors.add(field, message) }

    /// A rule about the other records, not about the input: a duplicate name, a missing parent,
    /// an incomplete profile to publish. The API answers 409 when these are the only problems.
    mutating func conflict(_ field: String, _ message: String) { errors.add(field, message, conflict: true) }

    /// For the API: stop with a problem document if anything was wrong. Fields the rules did not
    /// read are refused, as the document's `additionalProperties: false` says.
    mutating func throwIfInvalid() throws {
        if isJSON {
            for name in input.values.keys.sorted() where !read.contains(name) {
                errors.add(name, "\(name) is not a field of this request")
            }
        }
        if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    }
}
