import Fluent
import Vapor

/// An officer's own API tokens: make one (shown once), see them, revoke them.
struct APITokensController {
    var endpoints: [Endpoint] {
        [
            .get(.apiTokens, .officer, list),
            .post(.apiTokens, .officer, create),
            .post(.revokeAPIToken(.key), .officer, revoke),
        ]
    }

    private func page(_ req: Request, input: FormInput, errors: FormErrors, created: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt, .descending).all()
        return try await req.render(TokensPage.render(tokens.map { .init(id: $0.id!, name: $0.name, createdAt: $0.createdAt, revoked: $0.revokedAt != nil) },
                                                      created: created, FormState(input: input, errors: errors, status: status, csrf: req.csrfToken)))
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await page(req, input: FormInput(), errors: FormErrors())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = FormInput.form(req)
        var v = Validator(input)
        let name = v.text(FieldRule("name", "Name", .line(max: 100)))
        guard v.errors.isEmpty else { return try await page(req, input: input, errors: v.errors, status: .unprocessableEntity) }
        let secret = Secrets.token(prefix: "pt_")
        let token = APIToken(userID: try user.requireID(), name: name, tokenHash: Secrets.sha256(secret), createdAt: req.now)
        try await req.saveAudited(token, action: "api-token.create", before: nil)
        return try await page(req, input: FormInput(), errors: FormErrors(), created: secret)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let user = try req.requireUser()
        // Only your own tokens: someone else's id is "not found", not "forbidden", so ids leak nothing.
        let id = try req.uuid(), owner = try user.requireID(), actor = req.actor, now = req.now
        // Read and revoked in one transaction: revoking twice at once records one revocation.
        let revoked = try await req.application.auditWriter.transaction { tx -> String? in
            guard let token = try await APIToken.query(on: tx).filter(\.$id == id).filter(\.$user.$id == owner).first() else {
                throw Abort(.notFound)
            }
            guard token.revokedAt == nil else { return nil }
            let before = token.auditFields
            token.revokedAt = now
            try await token.save(on: tx)
            try await AuditTrail.record("api-token.revoke", token, before: before, by: actor, at: now, on: tx)
            return token.name
        }
        guard let revoked else { return req.redirect(to: .apiTokens) }
        return req.redirect(to: .apiTokens, flash: "Token \(revoked) revoked")
    }
}

/// The officer's own tokens as markup made from plain values (the controller reads).
enum TokensPage {
    struct Token: Sendable { var id: UUID; var name: String; var createdAt: Date; var revoked: Bool }

    /// `created` is a token just made: shown this once, never again.
    static func render(_ tokens: [Token], created: String?, _ f: FormState) -> Page {
        let rows = tokens.map { t -> [HTML] in [
            "\(t.name)",
            "<time datetime=\"\(LondonTime.iso(t.createdAt))\">\(LondonTime.dateTime(t.createdAt))</time>",
            t.revoked ? Component.tag("Revoked", "grey") : Component.tag("Active", "green"),
            t.revoked ? .empty : Component.actionForm(.revokeAPIToken(.value(t.id)), csrf: f.csrf, label: "Revoke", warning: true),
        ] }
        let panel: HTML = created.map {
            Component.panel("Token created", """
                Copy it now: it will not be shown again.<br><code id="new-token">\($0)</code>
                """)
        } ?? .empty
        return Page(title: "API tokens", breadcrumbs: [("Manage", .manage)], body: """
            \(Component.errorSummary(f.errors))
            \(panel)
            <h1 class="heading-l">API tokens</h1>
            <p class="body">A token lets a program read and change the organisation model through the API, as you. Send it as <code>Authorization: Bearer …</code>. The <a class="link" href="\(SiteURL.openAPI.path)">OpenAPI description</a> lists what it can do.</p>
            \(rows.isEmpty ? "<p class=\"body\">You have no tokens.</p>" as HTML : Component.table(caption: "Your tokens", headers: ["Name", "Created", "Status", "Action"], rows: rows))
            <h2 class="heading-m">Create a token</h2>
            <form method="post" action="\(SiteURL.apiTokens.path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.input("name", label: "Name", value: f.input["name"], error: f.errors["name"], hint: "What the token is for, such as “performance import”.", width: "20"))
              \(Component.button("Create token"))
            </form>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}
