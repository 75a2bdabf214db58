import Fluent
import Vapor

/// Loads the Salford 2003 demo into an empty database.
enum Demo {
    /// Loads the demo if the database holds no council and no users. Returns the demo users'
    /// passwords (generated unless `PARTNERING_DEMO_PASSWORD` is set), or nil if nothing was loaded.
    /// Without `evaluation` the 2003 exercise is left closed and sealed, with no responses: most
    /// of the tests start from there (`SalfordEvaluation` says what it adds).
    @discardableResult
    static func loadIfEmpty(_ app: Application, announce: Bool, evaluation: Bool = true) async throws -> [(SalfordDemo.DemoUser, String)]? {
        let db = app.db
        guard try await Council.query(on: db).count() == 0, try await User.query(on: db).count() == 0 else { return nil }
        let passwords = try await SalfordDemo.users.asyncMap { user -> (SalfordDemo.DemoUser, String, String) in
            let password = app.settings.demoPassword ?? Secrets.token().prefix(16).description
            return (user, password, try await app.password.async.hash(password))
        }
        let actor = Actor.system("demo loader")
        let now = app.clock.now()
        let drafted = try await AuditTrail.transaction(on: db) { tx -> (report: CommitteeReport, draft: ReportDraft, officer: User)? in
            func save<M: Model & Auditable>(_ model: M, _ action: String) async throws where M.IDValue == UUID {
                try await model.create(on: tx)
                try await AuditTrail.record(action, model, before: nil, by: actor, at: now, on: tx)
            }
            try await save(Council(name: SalfordDemo.councilName, headerColour: "#1d1d1b", accentColour: "#b10e1e"), "settings.update")
            var directorateIDs: [String: UUID] = [:]
            for (i, name) in SalfordDemo.directorates.enumerated() {
                let d = Directorate(name: name, position: i + 1)
                try await save(d, "directorate.create")
                directorateIDs[name] = d.id
            }
            for (i, area) in SalfordDemo.areas.enumerated() {
                let division = Division(directorateID: directorateIDs[area.directorate]!, name: area.name, summary: area.summary, position: i + 1)
                try await save(division, "division.create")
                for (j, seed) in area.services.enumerated() {
                    let s = Service(divisionID: division.id!, name: seed.name, slug: try await Editing.uniqueSlug(for: seed.name, on: tx), position: j + 1)
                    s.purpose = "\(seed.name), part of \(area.name) in the \(area.directorate) directorate of the City of Salford."
                    s.activities = seed.activities
                    s.customers = seed.customers
                    s.achievements = seed.achievements.map { "- " + $0 }.joined(separator: "\n")
                    s.issues = seed.issues.map { "- " + $0 }.joined(separator: "\n")
                    s.improvementPlans = seed.plans.map { "- " + $0 }.joined(separator: "\n")
                    if seed.isPublishable {
                        s.status = .published
                        s.publishedAt = now
                    }
                    try await save(s, "service.create")
                }
            }
            for (i, pledge) in SalfordDemo.pledges.enumerated() {
                try await save(Pledge(title: pledge.0, description: pledge.1, position: i + 1), "pledge.create")
            }
            var changes: [(Objective, Double)] = []
            for (i, objective) in SalfordDemo.objectives.enumerated() {
                let o = Objective(number: i + 1, title: objective.title, description: "Cabinet report, 5 March 2003: \(objective.cabinetWording).", weight: SalfordDemo.equalWeight)
                try await save(o, "objective.create")
                changes.append((o, SalfordDemo.boostedObjectives.contains(i + 1) ? SalfordDemo.boardWeight : SalfordDemo.otherWeight))
            }
            try await WeightChanges.change(changes, reason: SalfordDemo.boardReason, by: .system("Project Board"), at: SalfordDemo.boardMeeting, on: tx)
            // The demo's supplier answers for a fictitious organisation.
            let supplier = SupplierOrganisation()
            supplier.name = SalfordDemo.supplierOrganisation
            supplier.companiesNumber = "00000000"
            supplier.isSME = true
            supplier.address = "1 Example Street, Manchester M1 1AA (a fictitious address)"
            supplier.createdAt = now
            try await save(supplier, "supplier-organisation.register")
            var people: [Role: User] = [:]
            for (user, _, hash) in passwords {
                let u = User(email: user.email, name: user.name, role: user.role, passwordHash: hash)
                people[user.role] = u
                if user.role == .supplierUser {
                    u.organisationID = supplier.id
                    u.organisationRole = .administrator
                    u.emailConfirmedAt = now
                }
                try await save(u, "user.create")
            }
            try await SalfordServiceAssessment.load(on: tx, actor: actor)
            try await SalfordExercise.load(on: tx, now: now, actor: actor)
            if evaluation, let officer = people[.officer], let evaluator = people[.evaluator], let moderator = people[.moderator] {
                try await SalfordEvaluation.load(on: tx, now: now, actor: actor, officer: officer, evaluator: evaluator, moderator: moderator)
                if let d = try await SalfordEvaluation.draftReport(on: tx, officer: officer) { return (d.report, d.draft, officer) }
            }
            return nil
        }
        // Its PDF takes a second or two to make, so the report is issued after the rest is stored.
        if let drafted { try await SalfordEvaluation.issueReport((drafted.report, drafted.draft), officer: drafted.officer, app: app) }
        let result = passwords.map { ($0.0, $0.1) }
        if announce {
            var lines = ["", "Loaded the City of Salford 2003 demo. Sign in at \(app.settings.publicURL)/sign-in as:"]
            for (user, password) in result {
                lines.append("  \(user.role.label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(user.email.padding(toLength: 28, withPad: " ", startingAt: 0)) password: \(password)")
            }
            lines.append(app.settings.demoPassword == nil ? "These passwords are shown once; they are stored only as bcrypt hashes." : "Passwords come from PARTNERING_DEMO_PASSWORD.")
            lines.append("")
            print(lines.joined(separator: "\n"))
        }
        return result
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { try await out.append(transform(element)) }
        return out
    }
}

/// `partnering demo`: loads the Salford 2003 demo into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Load the City of Salford 2003 demo into an empty database" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        try await context.application.prepareDatabase()
        if try await Demo.loadIfEmpty(context.application, announce: true) == nil {
            context.console.print("The database already holds data; the demo was not loaded.")
        }
    }
}
