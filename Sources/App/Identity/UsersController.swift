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
        return try await req.render(UsersPages.list(users.map { .init(id: $0.id!, name: $0.name, email: $0.email, role: $0.role, active: $0.isActive) }))
    }

    static let emailRule = FieldRule("email", "Email address", .line(max: 320))
    static let activeRule = FieldRule("active", "Can sign in", .line(max: 3))

    private func form(_ req: Request, editing record: User?) -> FormSave<User> {
        let id = record?.id, storedName = record?.name
        return FormSave(req, rules: [Self.nameRule, Self.emailRule, Self.roleRule, Self.activeRule]) { f in
            try await req.render(UsersPages.form(id: id, editing: storedName, f))
        }
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await form(req, editing: nil).show(FormInput(["role": Role.officer.rawValue]))
    }

    /// A password is hashed before the write's transaction (bcrypt is slow: never under the
    /// write lock), and only if it meets the rules; the rules are checked again with the rest.
    private func hash(_ password: String, on req: Request) async throws -> String? {
        var check = Validator(FormInput())
        Self.checkPassword(password, required: false, &check)
        guard !password.isEmpty, check.errors.isEmpty else { return nil }
        return try await req.passwords.hash(password, on: req.application)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = FormInput.form(req)
        let password = input["password"]
        let hash = try await hash(password, on: req)
        return try await form(req, editing: nil).run(req, id: nil, input: input, write: {
            let user = User()
            try await req.createAudited(user, from: input, action: "user.create") { u, v, tx in
                let name = v.text(Self.nameRule)
                let email = v.email("email")
                let role = v.choice(Self.roleRule, as: Role.self)
                v.accept("password")
                Self.checkPassword(password, required: true, &v)
                if v.errors["email"] == nil, try await User.query(on: tx).filter(\.$email == email).count() > 0 {
                    v.conflict("email", "A user with this email address already exists")
                }
                try v.throwIfInvalid()
                u.name = name
                u.email = email.lowercased()
                u.role = role!
                u.isActive = true
                u.passwordHash = hash!
            }
            return user
        }) { user in
            req.redirect(to: .users, flash: "\(user.name) can now sign in as \(user.role.label.lowercased())")
        }
    }

    @Sendable func edit(req: Request) async throws -> Response {
        guard let u = try await User.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return try await form(req, editing: u).show(FormInput.editing(u))
    }

    /// Read, checked against its version and the other users, changed and recorded in one
    /// transaction: two administrators saving at once are told, so a deactivation is never undone
    /// by a form opened before it.
    @Sendable func update(req: Request) async throws -> Response {
        guard let record = try await User.find(req.uuid(), on: req.db), let id = record.id else { throw Abort(.notFound) }
        let me = try req.requireUser().requireID()
        let input = FormInput.form(req)
        let password = input["password"]
        let hash = try await hash(password, on: req)
        let now = req.now, actor = req.actor
        return try await form(req, editing: record).run(req, id: id, input: input, write: {
            try await req.editAudited(User.self, id, from: input) { u, v, tx in
                let name = v.text(Self.nameRule)
                let email = v.email("email")
                let role = v.choice(Self.roleRule, as: Role.self)
                let active = v.text(Self.activeRule) != "no"
                v.accept("password")
                Self.checkPassword(password, required: false, &v)
                if v.errors["email"] == nil, try await User.query(on: tx).filter(\.$email == email).filter(\.$id != id).count() > 0 {
                    v.conflict("email", "A user with this email address already exists")
                }
                // A responding organisation's people manage their own sign-in: an administrator at
                // the council who could set their password or address could read sealed answers.
                if u.organisationID != nil {
                    if hash != nil { v.conflict("password", "A responding organisation’s user resets their own password") }
                    if email.lowercased() != u.email { v.conflict("email", "A responding organisation’s user’s email address is theirs to change") }
                    if let role, role != u.role { v.conflict("role", "A responding organisation’s user keeps the supplier user role") }
                }
                if id == me && (role != .administrator || !active) {
                    v.fail("role", "You cannot remove your own administrator role or deactivate yourself; ask another administrator")
                }
                try v.throwIfInvalid()
                let roleChanged = role != u.role
                u.name = name
                u.email = email.lowercased()
                u.role = role!
                u.isActive = active
                if let hash {
                    u.passwordHash = hash
                    u.passwordChange = "changed; API tokens revoked"
                }
                // A changed role, password or deactivation signs the person out everywhere.
                if !active || roleChanged || hash != nil {
                    try await UserSession.query(on: tx).filter(\.$user.$id == id).delete()
                }
                // A new password is what an administrator sets after a compromise: tokens the
                // intruder may have made stop working too, each with its event.
                if hash != nil {
                    for token in try await APIToken.query(on: tx).filter(\.$user.$id == id).filter(\.$revokedAt == nil).all() {
                        let before = token.auditFields
                        token.revokedAt = now
                        try await token.save(on: tx)
                        try await AuditTrail.record("api-token.revoke", token, before: before, by: actor, at: now, on: tx)
                    }
                }
                return "user.update"
            }
        }) { u in
            req.redirect(to: .users, flash: "\(u.name) saved")
        }
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
