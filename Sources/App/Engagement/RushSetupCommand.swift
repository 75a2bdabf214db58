import Fluent
import Foundation
import Vapor

/// `partnering rush-setup`: for `bench/deadline-rush` and `bench/crash-rush`, N fictitious
/// organisations, each with one administrator (all sharing one password hash: registration's
/// bcrypt is not what the rush measures) and an API token, written straight to the database with
/// their audit events. Prints the exercise's id on the first line, then one token a line. Run it
/// on a copy (the demo), never on a council's live database.
struct RushSetupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "organisations", help: "How many organisations (default 200)") var organisations: Int?
        @Option(name: "exercise", help: "The exercise's reference (default the demo's open one)") var exercise: String?
    }

    var help: String { "Set up organisations, users and API tokens for the deadline-rush benchmark (on a copy)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard context.console.confirm("This adds fictitious organisations to \(context.application.settings.database.description). Is it a copy?") else {
            throw Abort(.badRequest, reason: "not run: use a copy of the database")
        }
        let app = context.application, count = signature.organisations ?? 200
        guard (1...100_000).contains(count) else { throw Abort(.badRequest, reason: "--organisations is 1 to 100000") }
        let reference = signature.exercise ?? SalfordExercise.openReference
        guard let exercise = try await Exercise.query(on: app.db).filter(\.$reference == reference).first() else {
            throw Abort(.notFound, reason: "no exercise has the reference \(reference)")
        }
        let hash = try await app.password.async.hash(Secrets.token())
        let now = Date(), actor = Actor.system("bench rush-setup"), run = String(Secrets.token().prefix(8)).lowercased()
        var tokens: [String] = []
        // A thousand at a time: one transaction each.
        for start in stride(from: 0, to: count, by: 1000) {
            let batch = try await AuditTrail.transaction(on: app.db) { tx -> [String] in
                var out: [String] = []
                for i in start ..< min(count, start + 1000) {
                    let o = SupplierOrganisation()
                    o.name = "Rush Test Organisation \(run)-\(i) (fictitious)"
                    o.address = "\(i) Bench Street, Salford"
                    o.createdAt = now
                    try await o.create(on: tx)
                    try await AuditTrail.record("organisation.register", o, before: nil, by: actor, at: now, on: tx)
                    let u = User(email: "rush-\(run)-\(i)@bench.example", name: "Rush User \(i)", role: .supplierUser, passwordHash: hash)
                    u.organisationID = o.id
                    u.organisationRole = .administrator
                    u.emailConfirmedAt = now
                    try await u.create(on: tx)
                    try await AuditTrail.record("user.create", u, before: nil, by: actor, at: now, on: tx)
                    let secret = Secrets.token(prefix: "pt_")
                    let t = APIToken(userID: u.id!, name: "deadline rush", tokenHash: Secrets.sha256(secret), createdAt: now)
                    try await t.create(on: tx)
                    try await AuditTrail.record("api-token.create", t, before: nil, by: actor, at: now, on: tx)
                    out.append(secret)
                }
                return out
            }
            tokens += batch
        }
        context.console.output(exercise.id!.lowercasedString.consoleText())
        for t in tokens { context.console.output(t.consoleText()) }
    }
}
