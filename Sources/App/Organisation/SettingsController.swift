import Fluent
import Vapor

/// The council's name and colours, set by an administrator.
struct SettingsController {
    var endpoints: [Endpoint] {
        [.get(.settings, .administrator, show), .post(.settings, .administrator, update)]
    }

    private func form(_ req: Request) -> FormSave<Council> {
        FormSave(req, rules: Council.rules) { f in
            try await req.render(ManagePages.settingsForm(f))
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        // Until the settings are first saved there is no row: the form starts from the defaults, at version 0.
        let input = try await Council.query(on: req.db).first().map(FormInput.editing)
            ?? FormInput.editing(Council.fallback).setting(AuditedWrite.version.name, "0")
        return try await form(req).show(input)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        let existing = try await Council.query(on: req.db).first()
        return try await form(req).run(req, id: existing?.id, input: input, write: { try await Council.save(from: input, existing: existing?.id, on: req) }) { _ in
            req.redirect(to: .settings, flash: "Settings saved")
        }
    }
}

extension Council {
    static let rules = [
        FieldRule("name", "Council name", .line(max: 100)),
        FieldRule("headerColour", "Header colour", .line(max: 7)),
        FieldRule("accentColour", "Accent colour", .line(max: 7)),
    ]

    var currentInput: [String: InputValue] { ["name": .text(name), "headerColour": .text(headerColour), "accentColour": .text(accentColour)] }

    /// Saves the settings: the one row, made by the first save.
    static func save(from input: FormInput, existing: UUID?, on req: Request) async throws -> Council {
        if let existing {
            return try await req.editAudited(Council.self, existing, from: input) { c, v, _ in
                try c.apply(&v)
                return "settings.update"
            }
        }
        let council = Council()
        try await req.createAudited(council, from: input, action: "settings.update") { c, v, tx in
            v.accept(AuditedWrite.version.name)
            // Someone else saved the first settings while this form was open.
            if try await Council.query(on: tx).count() > 0 { throw StaleEdit(seen: 0, current: 1) }
            try c.apply(&v)
        }
        return council
    }

    private func apply(_ v: inout Validator) throws {
        let name = v.text(Council.rules[0])
        let header = v.colour("headerColour", "Header colour")
        let accent = v.colour("accentColour", "Accent colour")
        if v.errors["headerColour"] == nil, Contrast.ratio(header, "#ffffff") < 4.5 {
            v.fail("headerColour", "Header colour is too light for white text: choose a darker colour")
        }
        if v.errors["accentColour"] == nil, Contrast.ratio(accent, "#ffffff") < 4.5 {
            v.fail("accentColour", "Accent colour is too light for links on white: choose a darker colour")
        }
        try v.throwIfInvalid()
        self.name = name
        headerColour = header
        accentColour = accent
    }
}

/// WCAG 2.2 contrast ratio between two #rrggbb colours.
enum Contrast {
    static func ratio(_ a: String, _ b: String) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func luminance(_ hex: String) -> Double {
        let digits = hex.dropFirst()
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return 0 }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}
