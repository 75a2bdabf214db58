import Fluent
import Vapor

/// The administrator's pages for people and their roles.
struct UsersController {
    static let minimumPasswordLength = 12
    static let nameRule = FieldRule("name", "Full name", .line(max: 200))
    static let roleRule = FieldRule.choice("role", "A role", Role.self)

    var endpoints: [Endpoint] {
        [
            .get(.users, .administrator, list),
            .get(.newUser, .administrator, new),
            .post(.newUser, .administrator, create),
            .get(.user(.key), .administrator, edit),
            .post(.user(.key), .administrator, update),
        ]
    }

    @Sendable func list(req: Request) async throws -> Response {
        let users = try await User.query(on: req.db).sort(\.$role).sort(\.$name).all()
        let rows = users.map { u -> [HTML] in [
            "\(u.name)", "\(u.email)", "\(u.role.label)",
            u.isActive ? Component.tag("Active", "green") : Component.tag("Deactivated", "grey"),
            "<a class=\"link\" href=\"\(SiteURL.user(.value(u.id!)).path)\">Change<span class=\"visually-hidden\"> \(u.name)</span></a>",
        ] }
        return try await req.render(Page(title: "Users", body: """
            <h1 class="heading-l">Users</h1>
            <p class="body"><a class="button" href="\(SiteURL.newUser.path)">Add a user</a></p>
            \(Component.table(caption: "Everyone who can sign in", headers: ["Name", "Email address", "Role", "Status", "Action"], rows: rows))
            """))
    }

    private func roleOptions() -> [(value: String, text: String)] {
        Role.allCases.map { ($0.rawValue, "\($0.label): \($0.summary)") }
    }

    private func form(_ req: Request, title: String, action: SiteURL, input: FormInput, errors: FormErrors, isNew: Bool, status: HTTPResponseStatus = .ok) async throws -> Response {
        let active: HTML = isNew ? .empty : Component.select("active", label: "Can sign in", options: [("yes", "Yes"), ("no", "No: deactivated")],
                                                              selected: input["active"], error: errors["active"],
                                                              hint: "Deactivating signs the person out everywhere and stops their API tokens.")
        return try await req.render(Page(title: title, breadcrumbs: [("Users", .users)], body: """
            \(Component.errorSummary(errors))
            <h1 class="heading-l">\(title)</h1>
            <form method="post" action="\(action.path)" novalidate>
              \(Component.csrf(req.csrfToken))
              \(Component.input("name", label: "Full name", value: input["name"], error: errors["name"], width: "20", autocomplete: "off"))
              \(Component.input("email", label: "Email address", value: input["email"], error: errors["email"], type: "email", width: "20", autocomplete: "off"))
              \(Component.select("role", label: "Role", options: roleOptions(), selected: input["role"], error: errors["role"]))
              \(active)
              \(Component.input("password", label: isNew ? "Password" : "New password", value: "", error: errors["password"], hint: "At least \(Self.minimumPasswordLength) characters." + (isNew ? " Give it to the person in a safe way." : " Leave empty to keep the current one. A new password signs the person out everywhere and revokes their API tokens."), type: "password", width: "20", autocomplete: "new-password"))
              \(Component.button("Save"))
            </form>
            """, status: status, hasErrors: !errors.isEmpty))
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await form(req, title: "Add a user", action: .newUser, input: FormInput(["role": Role.officer.rawValue]), errors: FormErrors(), isNew: true)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        var v = Validator(input)
        let name = v.text(Self.nameRule)
        let email = v.email("email")
        let role = v.choice(Self.roleRule, as: Role.self)
        let password = input["password"]
        v.accept("password")
        Self.checkPassword(password, required: true, &v)
        if v.errors["email"] == nil, try await User.query(on: req.db).filter(\.$email == email).count() > 0 {
            v.fail("email", "A user with this email address already exists")
        }
        guard v.errors.isEmpty, let role else {
            return try await form(req, title: "Add a user", action: .newUser, input: input, errors: v.errors, isNew: true, status: .unprocessableEntity)
        }
        let user = User(email: email, name: name, role: role, passwordHash: try await req.passwords.hash(password, on: req.application))
        try await req.saveAudited(user, action: "user.create", before: nil)
        return req.redirect(to: .users, flash: "\(user.name) can now sign in as \(role.label.lowercased())")
    }

    @Sendable func edit(req: Request) async throws -> Response {
        guard let u = try await User.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await form(req, title: "Change \(u.name)", action: .user(.value(u.id!)), input: FormInput([
            "name": u.name, "email": u.email, "role": u.role.rawValue, "active": u.isActive ? "yes" : "no",
        ]), errors: FormErrors(), isNew: false)
    }

    @Sendable func update(req: Request) async throws -> Response {
        guard let u = try await User.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let me = try req.requireUser()
        let input = FormInput.form(req)
        var v = Validator(input)
        let name = v.text(Self.nameRule)
        let email = v.email("email")
        let role = v.choice(Self.roleRule, as: Role.self)
        let active = input["active"] != "no"
        let password = input["password"]
        v.accept("password")
        Self.checkPassword(password, required: false, &v)
        if v.errors["email"] == nil, try await User.query(on: req.db).filter(\.$email == email).filter(\.$id != u.id!).count() > 0 {
            v.fail("email", "A user with this email address already exists")
        }
        if u.id == me.id && (role != .administrator || !active) {
            v.fail("role", "You cannot remove your own administrator role or deactivate yourself; ask another administrator")
        }
        guard v.errors.isEmpty, let role else {
            return try await form(req, title: "Change \(u.name)", action: .user(.value(u.id!)), input: input, errors: v.errors, isNew: false, status: .unprocessableEntity)
        }
        let before = u.auditFields
        u.name = name
        u.email = email
        u.role = role
        u.isActive = active
        if !password.isEmpty { u.passwordHash = try await req.passwords.hash(password, on: req.application) }
        let passwordChanged = !password.isEmpty
        let actor = req.actor, now = req.now
        try await AuditTrail.transaction(on: req.db) { tx in
            try await u.save(on: tx)
            // A changed role, password or deactivation signs the person out everywhere.
            if !active || role.rawValue != before["role"] || passwordChanged {
                try await UserSession.query(on: tx).filter(\.$user.$id == u.id!).delete()
            }
            // A new password is what an administrator sets after a compromise: tokens the
            // intruder may have made stop working too.
            if passwordChanged {
                try await APIToken.query(on: tx).filter(\.$user.$id == u.id!).filter(\.$revokedAt == nil)
                    .set(\.$revokedAt, to: now).update()
            }
            var summaryAfter = u.auditFields
            if passwordChanged { summaryAfter["password"] = "changed; API tokens revoked" }
            try await AuditTrail.record("user.update", subjectType: User.schema, subjectID: u.id!.uuidString.lowercased(),
                                        changes: AuditTrail.diff(before: before, after: summaryAfter), by: actor, at: now, on: tx)
        }
        return req.redirect(to: .users, flash: "\(u.name) saved")
    }

    static func checkPassword(_ password: String, required: Bool, _ v: inout Validator) {
        if password.isEmpty {
            if required { v.fail("password", "Enter a password") }
        } else if password.count < minimumPasswordLength {
            v.fail("password", "The password must be at least \(minimumPasswordLength) characters")
        } else if password.count > 200 {
            v.fail("password", "The password must be 200 characters or fewer")
        }
    }
}
