import Foundation
import Vapor

/// What a person or program sent, as plain strings by field name. Reading never fails: a wrong
/// type or a missing field becomes a message beside the field, and what was typed is kept to be
/// shown again.
struct FormInput: Sendable {
    var values: [String: String]

    init(_ values: [String: String] = [:]) { self.values = values }

    /// A posted HTML form.
    static func form(_ req: Request) -> FormInput {
        FormInput((try? req.content.decode([String: String].self, as: .urlEncodedForm)) ?? [:])
    }

    /// A JSON object. Scalars become strings (so `"weight": 20` and `"weight": "20"` read alike);
    /// arrays and objects become a value no rule accepts. Anything but an object is a 400.
    static func json(_ req: Request) throws -> FormInput {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "The request needs a JSON object body.")
        }
        let object: [String: JSONScalar]
        do {
            object = try JSONDecoder().decode([String: JSONScalar].self, from: buffer)
        } catch {
            throw Abort(.badRequest, reason: "The body is not a JSON object.")
        }
        var values: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case .text(let s): values[key] = s
            case .null: break
            case .structured: values[key] = JSONScalar.structuredMarker
            }
        }
        return FormInput(values)
    }

    subscript(_ name: String) -> String {
        values[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    func has(_ name: String) -> Bool { values[name] != nil }

    /// What was sent, laid over the current values: fields not sent keep what they had.
    func over(_ current: [String: String]) -> FormInput {
        FormInput(current.merging(values) { _, sent in sent })
    }
}

enum JSONScalar: Decodable {
    case text(String)
    case null
    case structured

    static let structuredMarker = "\u{0}structured"

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .text(b ? "true" : "false") }
        else if let i = try? c.decode(Int.self) { self = .text(String(i)) }
        else if let d = try? c.decode(Double.self) { self = .text(String(d)) }
        else if let s = try? c.decode(String.self) { self = .text(s) }
        else { self = .structured }
    }
}

/// Reads fields out of a `FormInput`, collecting a message for each one that is not right.
/// Messages follow GOV.UK's wording: say what is wrong and how to put it right.
struct Validator {
    let input: FormInput
    var errors = FormErrors()

    init(_ input: FormInput) { self.input = input }

    private mutating func plain(_ field: String, _ label: String) -> String? {
        let raw = input[field]
        if raw == JSONScalar.structuredMarker {
            errors.add(field, "\(label) must be text")
            return nil
        }
        if raw.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            errors.add(field, "\(label) must not contain control characters")
            return nil
        }
        return raw
    }

    mutating func text(_ field: String, _ label: String, required: Bool = true, max: Int = 200) -> String {
        guard let raw = plain(field, label) else { return input[field] }
        if required && raw.isEmpty { errors.add(field, "Enter \(label.lowercased())") }
        else if raw.count > max { errors.add(field, "\(label) must be \(max) characters or fewer") }
        return raw
    }

    mutating func integer(_ field: String, _ label: String, required: Bool, range: ClosedRange<Int>) -> Int? {
        guard let raw = plain(field, label) else { return nil }
        let cleaned = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
        if cleaned.isEmpty {
            if required { errors.add(field, "Enter \(label.lowercased())") }
            return nil
        }
        guard let value = Int(cleaned) else {
            errors.add(field, "\(label) must be a whole number, like 12")
            return nil
        }
        guard range.contains(value) else {
            errors.add(field, "\(label) must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func decimal(_ field: String, _ label: String, range: ClosedRange<Double>) -> Double? {
        guard let raw = plain(field, label) else { return nil }
        if raw.isEmpty { errors.add(field, "Enter \(label.lowercased())"); return nil }
        guard let value = Double(raw), value.isFinite else {
            errors.add(field, "\(label) must be a number, like 12.5")
            return nil
        }
        guard range.contains(value) else {
            errors.add(field, "\(label) must be between \(Weight.format(range.lowerBound)) and \(Weight.format(range.upperBound))")
            return nil
        }
        return value
    }

    mutating func choice<T: RawRepresentable>(_ field: String, _ label: String, as: T.Type) -> T? where T.RawValue == String {
        guard let raw = plain(field, label) else { return nil }
        guard let value = T(rawValue: raw) else {
            errors.add(field, "Select \(label.lowercased())")
            return nil
        }
        return value
    }

    mutating func uuid(_ field: String, _ label: String) -> UUID? {
        guard let raw = plain(field, label), let id = UUID(uuidString: raw) else {
            errors.add(field, "Select \(label.lowercased())")
            return nil
        }
        return id
    }

    mutating func email(_ field: String, _ label: String = "Email address") -> String {
        let value = text(field, label, max: 254).lowercased()
        if errors[field] == nil, value.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) == nil {
            errors.add(field, "Enter an email address in the correct format, like name@example.org")
        }
        return value
    }

    mutating func colour(_ field: String, _ label: String) -> String {
        let value = text(field, label, max: 7).lowercased()
        if errors[field] == nil, value.wholeMatch(of: /#[0-9a-f]{6}/) == nil {
            errors.add(field, "\(label) must be a colour like #1d70b8")
        }
        return value
    }

    mutating func fail(_ field: String, _ message: String) { errors.add(field, message) }

    /// For the API: stop with a 422 problem document if anything was wrong.
    func throwIfInvalid() throws {
        if !errors.isEmpty { throw ValidationFailure(errors: errors) }
    }
}
