import Fluent
import Vapor

/// A form as one showing of it needs it: what is in its fields, the messages beside them, a
/// notice above it (someone else saved first), the status, and the CSRF token it sends back.
struct FormState: Sendable {
    var input: FormInput
    var errors = FormErrors()
    var notice: HTML = .empty
    var status: HTTPResponseStatus = .ok
    var csrf: String
}

extension FormState {
    /// The form again after a save refused as stale: what was typed, the version now saved (so that
    /// saving again works) and, beside each field that differs, what is saved now.
    static func stale<M: Versioned>(_ input: FormInput, current: M, rules: [FieldRule], seen: Int? = nil, csrf: String) -> FormState {
        let told = StaleEdit(seen: seen ?? Int(input[AuditedWrite.version.name]) ?? 0, current: current.version)
        return FormState(input: input.setting(AuditedWrite.version.name, String(current.version)), errors: told.errors,
                         notice: Component.staleNotice(rules, saved: current.currentInput, yours: input), status: told.status, csrf: csrf)
    }

    /// A page that is one form: the error summary, a caption and the title, the notice, `intro`,
    /// then the form with its CSRF token, the version it was opened at, `fields` and a button;
    /// `after` follows the form.
    func page(_ title: String, breadcrumbs: [(String, SiteURL)], action: SiteURL, caption: String? = nil, intro: HTML = .empty,
              fields: HTML, button: String = "Save", after: HTML = .empty) -> Page {
        Page(title: title, breadcrumbs: breadcrumbs, body: """
            \(Component.errorSummary(errors))
            \(caption.map { "<span class=\"caption\">\($0)</span>" as HTML })
            <h1 class="heading-l">\(title)</h1>
            \(notice)\(notice.rendered.isEmpty && errors["version"] != nil ? "<span id=\"version\"></span>" as HTML : .empty)
            \(intro)
            <form method="post" action="\(action.path)" novalidate>
              \(Component.csrf(csrf))\(Component.version(input))
              \(fields)
              \(Component.button(button))
            </form>
            \(after)
            """, status: status, hasErrors: !errors.isEmpty)
    }
}

/// How a form page answers a save, the same for every record:
/// - saved: `done` (a redirect with a message);
/// - refused by the rules or by the other records: the form again, with what was typed and a
///   message beside each field (422);
/// - someone else saved first (`StaleEdit`): the form again with what was typed, set to the latest
///   version, and a notice showing what is saved now beside it (409). Saving again then replaces it.
struct FormSave<M: Versioned> {
    /// The form's fields, in order: their labels name the differences in the stale-edit notice.
    var rules: [FieldRule]
    /// The token the form sends back (the session's, or the visitor's CSRF cookie).
    var csrf: String
    /// Renders the form as this showing of it is (`FormState`).
    var form: @Sendable (FormState) async throws -> Response

    init(_ req: Request, rules: [FieldRule], form: @escaping @Sendable (FormState) async throws -> Response) {
        self.rules = rules
        self.csrf = req.csrfToken
        self.form = form
    }

    /// The form as first opened: `input` holds what is stored (or the defaults), no messages.
    func show(_ input: FormInput) async throws -> Response {
        try await form(FormState(input: input, csrf: csrf))
    }

    func run(_ req: Request, id: UUID?, input: FormInput, write: () async throws -> M, done: (M) -> Response) async throws -> Response {
        do {
            // A change sent without a readable version of what it was opened at (a form from
            // before versions, one that lost or garbled its hidden field) cannot be trusted to be
            // current: it is treated as stale, so the person sees what is saved and can save
            // again, instead of a message about a field they cannot see.
            if id != nil, Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: 0) }
            return done(try await write())
        } catch let failure as ValidationFailure {
            return try await form(FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: csrf))
        } catch let stale as StaleEdit {
            // (No id: the one record of its kind, made by someone else first.)
            let found = if let id { try await M.find(id, on: req.db) } else { try await M.query(on: req.db).first() }
            guard let current = found else { throw Abort(.notFound) }
            return try await form(FormState.stale(input, current: current, rules: rules, seen: stale.seen, csrf: csrf))
        }
    }
}
