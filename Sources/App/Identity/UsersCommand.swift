import Fluent
import Vapor

/// `partnering users create --email E --role R [--name N]`: makes a user, reading the password from
/// standard input so it never appears in the process list or shell history.
struct UsersCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["create": Create()]
    var help: String { "Manage users from the command line" }

    struct Create: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "The user's email address") var email: String?
            @Option(name: "role", help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String?
            @Option(name: "name", help: "The user's full name (defaults to the email address)") var name: String?
        }

        var help: String { "Create a user; the password is read from standard input" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            var v = Validator(FormInput([
                "email": signature.email ?? "", "role": signature.role ?? "",
                "name": signature.name ?? signature.email ?? "", "password": readLine(strippingNewline: true) ?? "",
            ]))
            let email = v.email("email")
            let role = v.choice(FieldRule.choice("role", "A role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))", Role.self), as: Role.self)
            let name = v.text(FieldRule("name", "Name", .line(max: 200)))
            let password = v.input["password"]
            UsersController.checkPassword(password, required: true, &v)
            if v.errors["email"] == nil, try await User.query(on: app.db).filter(\.$email == email).count() > 0 {
                v.fail("email", "A user with this email address already exists")
            }
            guard v.errors.isEmpty, let role else {
                for item in v.errors.items { context.console.error("\(item.field): \(item.message)") }
                throw Abort(.badRequest, reason: "user not created")
            }
            let user = User(email: email, name: name, role: role, passwordHash: try await app.password.async.hash(password))
            let now = app.clock.now()
            try await AuditTrail.transaction(on: app.db) { tx in
                try await user.create(on: tx)
                try await AuditTrail.record("user.create", user, before: nil, by: .system("command line"), at: now, on: tx)
            }
            context.console.print("Created \(role.label.lowercased()) \(email).")
        }
    }
}
