import Fluent
import Foundation
import Vapor

/// `partnering evaluation-setup`: for `bench/evaluation`, grows the demo's evaluation of 2003 to
/// N responses, each scored by every one of E evaluators and moderated, written straight to the
/// database with their audit events. The added respondents answer as the demo's eight do, in
/// turn, and are scored from their merits with the demo's spread. Prints the exercise's id. Run
/// it on a copy of the demo, never on a council's live database.
struct EvaluationSetupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "responses", help: "How many responses in all (default 1000)") var responses: Int?
        @Option(name: "evaluators", help: "How many evaluators in all (default 5)") var evaluators: Int?
    }

    var help: String { "Grow the demo's 2003 evaluation for the evaluation benchmark (on a copy)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard context.console.confirm("This adds fictitious responses and scores to \(context.application.settings.database.description). Is it a copy?") else {
            throw Abort(.badRequest, reason: "not run: use a copy of the database")
        }
        let app = context.application, total = signature.responses ?? 1000, evaluatorCount = signature.evaluators ?? 5
        guard (8...20_000).contains(total), (1...20).contains(evaluatorCount) else {
            throw Abort(.badRequest, reason: "--responses is 8 to 20000 and --evaluators 1 to 20")
        }
        guard let exercise = try await Exercise.query(on: app.db).filter(\.$reference == SalfordExercise.reference).first(),
              let version = try await QuestionnaireVersion.query(on: app.db).filter(\.$exercise.$id == exercise.id!).sort(\.$number, .descending).first(),
              let criteria = try await Criteria.of(exercise.id!, on: app.db.sql),
              let moderator = try await PanelMember.query(on: app.db).filter(\.$exercise.$id == exercise.id!).filter(\.$role == .moderator).first()
        else { throw Abort(.notFound, reason: "the demo's evaluation of 2003 is not in this database") }
        let now = Date(), actor = Actor.system("bench evaluation-setup"), exerciseID = exercise.id!, run = String(Secrets.token().prefix(8)).lowercased()
        let hash = try await app.password.async.hash(Secrets.token())

        // The panel: the demo's evaluators, and more to make up the number.
        let demoEvaluators = try await PanelMember.query(on: app.db).filter(\.$exercise.$id == exerciseID).filter(\.$role == .evaluator).all().map { $0.$user.id }
        let existing = try await ResponsesController.counting(exerciseID, on: app.db).map { $0.organisation.id! }
        let have = demoEvaluators.count
        let added = try await AuditTrail.transaction(on: app.db) { tx -> [UUID] in
            var out: [UUID] = []
            for k in have ..< max(have, evaluatorCount) {
                let u = User(email: "bench-evaluator-\(k)@salford.example", name: "Bench Evaluator \(k) (fictitious)", role: .evaluator, passwordHash: hash)
                try await u.create(on: tx)
                try await AuditTrail.record("user.create", u, before: nil, by: actor, at: now, on: tx)
                let m = PanelMember()
                m.$exercise.id = exerciseID; m.$user.id = u.id!; m.role = .evaluator; m.addedAt = now; m.submittedAt = now
                try await m.create(on: tx)
                try await AuditTrail.record("panel.add", m, before: nil, by: actor, at: now, on: tx)
                out.append(u.id!)
            }
            return out
        }
        let evaluators = demoEvaluators + added

        /// Declarations and sheets of `evaluators` for `organisation`, scored from `merits` with the demo's spread.
        @Sendable func score(_ organisation: UUID, index i: Int, merits: [Int: SalfordRespondents.Merit], by who: [UUID], on tx: any Database) async throws {
            for (k, user) in who.enumerated() {
                let d = Declaration()
                d.$exercise.id = exerciseID; d.$evaluator.id = user; d.$organisation.id = organisation
                d.conflict = false; d.note = ""; d.declaredAt = now
                try await d.create(on: tx)
                try await AuditTrail.record("declaration.make", d, before: nil, by: actor, at: now, on: tx)
                let sheet = ScoreSheet()
                sheet.$exercise.id = exerciseID; sheet.$evaluator.id = user; sheet.$organisation.id = organisation
                sheet.entries = criteria.criteria.enumerated().map { j, c in
                    let merit = merits[c.number] ?? .init(score: 0, evidence: "Nothing to this objective.")
                    return .init(criterion: c.number, score: min(max(merit.score + SalfordEvaluation.offset(k, i, j), 0), 5), rationale: merit.evidence)
                }
                sheet.updatedAt = now
                try await sheet.create(on: tx)
                try await AuditTrail.record("scores.record", sheet, before: nil, by: actor, at: now, on: tx)
            }
        }

        // The added evaluators score the demo's own respondents too.
        if !added.isEmpty {
            try await AuditTrail.transaction(on: app.db) { tx in
                for (i, o) in existing.enumerated() {
                    let merits = SalfordRespondents.all[i % SalfordRespondents.all.count].merits
                    try await score(o, index: i, merits: merits, by: added, on: tx)
                }
            }
        }

        // The responses, two hundred a transaction.
        let first = existing.count
        for start in stride(from: first, to: total, by: 200) {
            try await AuditTrail.transaction(on: app.db) { tx in
                for i in start ..< min(total, start + 200) {
                    let r = SalfordRespondents.all[i % SalfordRespondents.all.count]
                    let o = SupplierOrganisation()
                    o.name = "Bench Respondent \(i) (fictitious)"
                    o.address = "\(i) Bench Street, Salford (a fictitious address)"
                    o.isSME = r.isSME; o.isVCSE = r.isVCSE; o.createdAt = now
                    try await o.create(on: tx)
                    try await AuditTrail.record("supplier-organisation.register", o, before: nil, by: actor, at: now, on: tx)
                    // Its contact signs in like the demo's respondents' (with a password nobody knows).
                    let contact = User(email: "bench-respondent-\(run)-\(i)@bench.example", name: "Bench Contact \(i)", role: .supplierUser, passwordHash: hash)
                    contact.organisationID = o.id
                    contact.organisationRole = .administrator
                    contact.emailConfirmedAt = now
                    try await contact.create(on: tx)
                    try await AuditTrail.record("user.create", contact, before: nil, by: actor, at: now, on: tx)
                    try await SalfordEvaluation.respond(r, organisation: o, number: i + 1, exercise: exercise, version: version, startedAt: now,
                                                        submittedAt: exercise.responseDeadline!.addingTimeInterval(-3_600), by: contact, key: "bench-\(i)", on: tx)
                    try await score(o.id!, index: i, merits: r.merits, by: evaluators, on: tx)
                    let agreed = ModerationSheet()
                    agreed.$exercise.id = exerciseID; agreed.$organisation.id = o.id!; agreed.moderatorID = moderator.$user.id
                    agreed.entries = criteria.criteria.map { .init(criterion: $0.number, score: r.merits[$0.number]?.score ?? 0, reason: "Agreed for the benchmark.") }
                    agreed.updatedAt = now
                    try await agreed.create(on: tx)
                    try await AuditTrail.record("moderation.record", agreed, before: nil, by: actor, at: now, on: tx)
                }
            }
        }
        context.console.output(exerciseID.lowercasedString.consoleText())
    }
}
