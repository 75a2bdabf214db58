import Fluent
import Vapor

/// `partnering tokens create --email E --name N`: makes an API token for a user and prints it,
/// alone, on standard output, for a program that sets up an integration (or the contract tests).
struct TokensCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["create": Create()]
    var help: String { "Manage API tokens from the command line" }

    struct Create: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Whose token it is") var email: String?
            @Option(name: "name", help: "What the token is for") var name: String?
        }

        var help: String { "Create an API token for a user and print it" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            var v = Validator(FormInput(["email": signature.email ?? "", "name": signature.name ?? ""]))
            let email = v.email("email")
            let name = v.text(FieldRule("name", "Name", .line(max: 100)))
            guard v.errors.isEmpty else {
                for item in v.errors.items { context.console.error("\(item.field): \(item.message)") }
                throw Abort(.badRequest, reason: "token not created")
            }
            guard let user = try await User.query(on: app.db).filter(\.$email == email).first(), user.isActive else {
                throw Abort(.notFound, reason: "no active user has the address \(email)")
            }
            let secret = Secrets.token(prefix: "pt_")
            let now = app.clock.now()
            let token = APIToken(userID: try user.requireID(), name: name, tokenHash: Secrets.sha256(secret), createdAt: now)
            try await AuditTrail.transaction(on: app.db) { tx in
                try await token.create(on: tx)
                try await AuditTrail.record("api-token.create", token, before: nil, by: .system("command line"), at: now, on: tx)
            }
            context.console.output(secret.consoleText())
        }
    }
}
