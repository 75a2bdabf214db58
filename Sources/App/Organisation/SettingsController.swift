import Fluent
import Vapor

/// The council's name and colours, set by an administrator.
struct SettingsController {
    var endpoints: [Endpoint] {
        [.get(.settings, .administrator, show), .post(.settings, .administrator, update)]
    }

    private func form(_ req: Request, input: FormInput, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.render(Page(title: "Settings", body: """
            \(Component.errorSummary(errors))
            <h1 class="heading-l">Settings</h1>
            <form method="post" action="\(SiteURL.settings.path)" novalidate>
              \(Component.csrf(req.csrfToken))
              \(Component.input("name", label: "Council name", value: input["name"], error: errors["name"], hint: "Shown in the header of every page.", width: "20"))
              \(Component.input("headerColour", label: "Header colour", value: input["headerColour"], error: errors["headerColour"], hint: "A dark colour, as #rrggbb: white text sits on it.", width: "10"))
              \(Component.input("accentColour", label: "Accent colour", value: input["accentColour"], error: errors["accentColour"], hint: "Used for links and the line under the header, as #rrggbb.", width: "10"))
              \(Component.button("Save settings"))
            </form>
            """, status: status, hasErrors: !errors.isEmpty))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let c = await req.council()
        return try await form(req, input: FormInput(["name": c.name, "headerColour": c.headerColour, "accentColour": c.accentColour]), errors: FormErrors())
    }

    @Sendable func update(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        var v = Validator(input)
        let name = v.text(FieldRule("name", "Council name", .line(max: 100)))
        let header = v.colour("headerColour", "Header colour")
        let accent = v.colour("accentColour", "Accent colour")
        if v.errors["headerColour"] == nil, Contrast.ratio(header, "#ffffff") < 4.5 {
            v.fail("headerColour", "Header colour is too light for white text: choose a darker colour")
        }
        if v.errors["accentColour"] == nil, Contrast.ratio(accent, "#ffffff") < 4.5 {
            v.fail("accentColour", "Accent colour is too light for links on white: choose a darker colour")
        }
        guard v.errors.isEmpty else { return try await form(req, input: input, errors: v.errors, status: .unprocessableEntity) }
        let council = try await Council.query(on: req.db).first() ?? Council(name: name, headerColour: header, accentColour: accent)
        let before = council.id == nil ? nil : council.auditFields
        council.name = name
        council.headerColour = header
        council.accentColour = accent
        try await req.saveAudited(council, action: "settings.update", before: before)
        return req.redirect(to: .settings, flash: "Settings saved")
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
