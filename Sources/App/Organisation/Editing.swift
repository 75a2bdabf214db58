import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// The rules for what may be written to the organisation model. The pages and the API both
/// read their input through these, so a rule and its message exist once.
enum Editing {
    static let shortText = 200
    static let positions = 1...999_999
    static let longText = 20_000

    /// "1 comes first": where a record stands in its lists.
    static let position = FieldRule("position", "Position", .integer(positions), required: false,
                                description: "Where it stands in lists, 1 first. Left out when making a record, it goes last.")

    enum DirectorateRules {
        static let name = FieldRule("name", "Name", .line(max: shortText))
        static let all = [name, position]
    }

    enum DivisionRules {
        static let directorate = FieldRule("directorateId", "Directorate", .reference, description: "The directorate the service area belongs to.")
        static let name = FieldRule("name", "Name", .line(max: shortText))
        static let summary = FieldRule("summary", "Summary", .text(max: 2000), required: false)
        static let all = [directorate, name, summary, position]
    }

    enum ServiceRules {
        static let division = FieldRule("divisionId", "Service area", .reference, description: "The service area (division) the service belongs to.")
        static let name = FieldRule("name", "Name", .line(max: shortText))
        static let status = FieldRule.choice("status", "A status (draft or published)", Service.Status.self, required: false)
        static let purpose = FieldRule("purpose", "Purpose", .text(max: longText), required: false)
        static let activities = FieldRule("activities", "What the service does", .text(max: longText), required: false)
        static let customers = FieldRule("customers", "Who the service is for", .text(max: longText), required: false)
        static let achievements = FieldRule("achievements", "Recent achievements", .text(max: longText), required: false)
        static let issues = FieldRule("issues", "Known issues", .text(max: longText), required: false)
        static let improvementPlans = FieldRule("improvementPlans", "Improvement plans", .text(max: longText), required: false)
        static let staff = FieldRule("staff", "Staff", .integer(0...100_000), required: false, nullable: true, description: "Full-time equivalent staff; null clears it.")
        static let budget = FieldRule("budget", "Annual budget", .integer(0...100_000_000_000), required: false, nullable: true, description: "Annual budget in whole pounds; null clears it.")
        static let placement = [division, name, position]
        static let profile = [purpose, activities, customers, achievements, issues, improvementPlans, staff, budget]
        static let all = placement + [status] + profile
    }

    enum PledgeRules {
        static let title = FieldRule("title", "Title", .line(max: shortText))
        static let description = FieldRule("description", "Description", .text(max: 2000), required: false)
        static let all = [title, description, position]
    }

    enum ObjectiveRules {
        static let title = FieldRule("title", "Wording", .line(max: 500))
        static let description = FieldRule("description", "Description", .text(max: 2000), required: false)
        static let weight = FieldRule("weight", "Weight", .decimal(0...100), required: false, description: "Its weight in evaluation; needs a `reason`.")
        static let reason = FieldRule("reason", "Reason for the weight change", .text(max: 2000), required: false, notBlank: true, description: "Why the weight changed; required with `weight`.")
    }

    struct DirectorateFields { var name: String; var position: Int? }
    struct DivisionFields { var directorateID: UUID?; var name: String; var summary: String; var position: Int? }
    struct ServiceFields { var divisionID: UUID?; var name: String; var position: Int? }
    struct ProfileFields {
        var purpose, activities, customers, achievements, issues, improvementPlans: String
        var staff: Int?
        var budget: Int?
    }
    struct PledgeFields { var title: String; var description: String; var position: Int? }
    struct ObjectiveFields { var title: String; var description: String }

    static func directorate(_ v: inout Validator) -> DirectorateFields {
        DirectorateFields(name: v.text(DirectorateRules.name), position: v.integer(position))
    }

    static func division(_ v: inout Validator) -> DivisionFields {
        DivisionFields(
            directorateID: v.reference(DivisionRules.directorate),
            name: v.text(DivisionRules.name),
            summary: v.text(DivisionRules.summary),
            position: v.integer(position))
    }

    static func service(_ v: inout Validator) -> ServiceFields {
        ServiceFields(divisionID: v.reference(ServiceRules.division), name: v.text(ServiceRules.name), position: v.integer(position))
    }

    static func profile(_ v: inout Validator) -> ProfileFields {
        typealias R = ServiceRules
        return ProfileFields(
            purpose: v.text(R.purpose), activities: v.text(R.activities), customers: v.text(R.customers),
            achievements: v.text(R.achievements), issues: v.text(R.issues), improvementPlans: v.text(R.improvementPlans),
            staff: v.integer(R.staff), budget: v.integer(R.budget))
    }

    static func pledge(_ v: inout Validator) -> PledgeFields {
        PledgeFields(title: v.text(PledgeRules.title), description: v.text(PledgeRules.description), position: v.integer(position))
    }

    static func objective(_ v: inout Validator) -> ObjectiveFields {
        ObjectiveFields(title: v.text(ObjectiveRules.title), description: v.text(ObjectiveRules.description))
    }

    /// A profile can be published, and stay published, only while it says what the service is and does.
    static func publishable(_ profile: ProfileFields, alreadyPublished: Bool) -> FormErrors {
        let when = alreadyPublished ? "while the profile is published" : "before publishing the profile"
        var errors = FormErrors()
        if profile.purpose.isEmpty { errors.add("purpose", "Enter the purpose \(when)") }
        if profile.activities.isEmpty { errors.add("activities", "Enter what the service does \(when)") }
        return errors
    }

    static func slug(_ name: String) -> String {
        let lowered = name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let parts = lowered.split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        let slug = parts.joined(separator: "-")
        return slug.isEmpty ? "service" : String(slug.prefix(80))
    }

    static func uniqueSlug(for name: String, on db: any Database) async throws -> String {
        let base = slug(name)
        var candidate = base
        var n = 2
        while try await Service.query(on: db).filter(\.$slug == candidate).count() > 0 {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    /// The position after the last, read inside the transaction that saves the record, under
    /// the table's write lock (`AuditedWrite.lockTable`), so two records made at once never get
    /// the same one.
    static func nextPosition<M: Model>(_ type: M.Type, _ field: KeyPath<M, FieldProperty<M, Int>>, on tx: any Database) async throws -> Int {
        min((try await M.query(on: tx).max(field) ?? 0) + 1, positions.upperBound)
    }

    /// Whether another record of the table already has this value in a unique field.
    static func taken<M: Model, V: Codable & Sendable>(_ field: KeyPath<M, FieldProperty<M, V>>, _ value: V, except id: UUID?, on tx: any Database) async throws -> Bool
        where M.IDValue == UUID {
        try await M.query(on: tx).filter(field == value).filter(\._$id != id ?? UUID()).count() > 0
    }
}

extension Request {
    /// Saves a record that has no version (a user, a token) with its audit event, in one
    /// transaction. `prepare` runs inside the transaction first.
    func saveAudited<M: Model & Auditable>(
        _ model: M, action: String, before: [String: String]?,
        prepare: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws where M.IDValue == UUID {
        let actor = self.actor, now = self.now
        try await application.auditWriter.transaction { tx in
            try await prepare(tx)
            try await model.save(on: tx)
            try await AuditTrail.record(action, model, before: before, by: actor, at: now, on: tx)
        }
    }
}

// One way to write each record, for the pages and the API alike: inside the write's transaction,
// check the input against the rules and against the other records, then change the record. A
// problem throws `ValidationFailure` (the pages show it beside the fields, the API sends a 422,
// or a 409 for a conflict); a stale version throws `StaleEdit`.

/// A record made and changed from one set of fields, whose events are "<name>.create" and
/// "<name>.update".
protocol PlainRecord: Versioned {
    static var auditName: String { get }
    /// Reads the input into the record, checking it against the rules and the other records
    /// (inside the write's transaction); throws `ValidationFailure` before changing anything.
    func apply(_ v: inout Validator, isNew: Bool, on tx: any Database) async throws
}

extension PlainRecord {
    static func create(from input: FormInput, on req: Request) async throws -> Self {
        let record = Self()
        try await req.createAudited(record, from: input, action: auditName + ".create") { r, v, tx in try await r.apply(&v, isNew: true, on: tx) }
        return record
    }

    static func update(_ id: UUID, from input: FormInput, on req: Request) async throws -> Self {
        try await req.editAudited(Self.self, id, from: input) { r, v, tx in
            try await r.apply(&v, isNew: false, on: tx)
            return auditName + ".update"
        }
    }
}

extension Directorate: PlainRecord {
    var currentInput: [String: InputValue] { ["name": .text(name), "position": .integer(position)] }

    static let auditName = "directorate"

    func apply(_ v: inout Validator, isNew: Bool, on tx: any Database) async throws {
        let fields = Editing.directorate(&v)
        if v.errors["name"] == nil, try await Editing.taken(\Directorate.$name, fields.name, except: id, on: tx) {
            v.conflict("name", "A directorate called \(fields.name) already exists")
        }
        try v.throwIfInvalid()
        name = fields.name
        if let chosen = fields.position { position = chosen } else if isNew { position = try await Editing.nextPosition(Directorate.self, \.$position, on: tx) }
    }
}

extension Division: PlainRecord {
    var currentInput: [String: InputValue] {
        ["directorateId": .text($directorate.id.lowercasedString), "name": .text(name), "summary": .text(summary), "position": .integer(position)]
    }

    static let auditName = "division"

    func apply(_ v: inout Validator, isNew: Bool, on tx: any Database) async throws {
        let fields = Editing.division(&v)
        if let id = fields.directorateID, try await Directorate.find(id, on: tx) == nil { v.conflict("directorateId", "Select a directorate: the one given does not exist") }
        if v.errors["name"] == nil, try await Editing.taken(\Division.$name, fields.name, except: id, on: tx) {
            v.conflict("name", "A service area called \(fields.name) already exists")
        }
        try v.throwIfInvalid()
        $directorate.id = fields.directorateID!
        name = fields.name
        summary = fields.summary
        if let chosen = fields.position { position = chosen } else if isNew { position = try await Editing.nextPosition(Division.self, \.$position, on: tx) }
    }
}

extension Pledge: PlainRecord {
    var currentInput: [String: InputValue] { ["title": .text(title), "description": .text(description), "position": .integer(position)] }

    static let auditName = "pledge"

    func apply(_ v: inout Validator, isNew: Bool, on tx: any Database) async throws {
        let fields = Editing.pledge(&v)
        if v.errors["title"] == nil, try await Editing.taken(\Pledge.$title, fields.title, except: id, on: tx) {
            v.conflict("title", "A pledge called \(fields.title) already exists")
        }
        try v.throwIfInvalid()
        title = fields.title
        description = fields.description
        if let chosen = fields.position { position = chosen } else if isNew { position = try await Editing.nextPosition(Pledge.self, \.$position, on: tx) }
    }
}

extension Objective {
    var currentInput: [String: InputValue] { ["title": .text(title), "description": .text(description)] }

    /// Wording, and for the API the weight too: a weight change needs a reason and is kept in
    /// the weight history, in the same transaction as the change.
    static func update(_ id: UUID, from input: FormInput, on req: Request) async throws -> Objective {
        let actor = req.actor, now = req.now
        return try await req.editAudited(Objective.self, id, from: input) { o, v, tx in
            let fields = Editing.objective(&v)
            let weight = v.decimal(Editing.ObjectiveRules.weight)
            let reason = v.text(Editing.ObjectiveRules.reason)
            if v.input.has("weight") && reason.isEmpty && v.errors["reason"] == nil { v.fail("reason", "Enter the reason for the weight change") }
            try v.throwIfInvalid()
            o.title = fields.title
            o.description = fields.description
            guard let weight, weight != o.weight else { return "objective.update" }
            try await WeightChange(objectiveID: try o.requireID(), oldWeight: o.weight, newWeight: weight,
                                   changedAt: now, changedBy: actor.label, reason: reason).create(on: tx)
            o.weight = weight
            return "objective.weight"
        }
    }
}

/// Changing several weights at once, from the weights page: each change is kept in the weight
/// history and the audit trail, all in one transaction, so the history can never disagree with
/// the weights. The page showed every weight, so a change to any objective since is a stale edit.
enum WeightChanges {
    static func apply(_ weights: [UUID: Double], seen: [UUID: Int], reason: String, on req: Request) async throws {
        let actor = req.actor, now = req.now
        try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(Objective.schema, on: tx)
            let objectives = try await Objective.query(on: tx).sort(\.$number).all()
            for o in objectives where seen[o.id!] != o.version {
                throw StaleEdit(seen: seen[o.id!] ?? 0, current: o.version)
            }
            try await change(objectives.compactMap { o in weights[o.id!].map { (o, $0) } }, reason: reason, by: actor, at: now, on: tx)
        }
    }

    /// Inside an audited transaction: each weight that differs is changed, kept in the history and recorded.
    static func change(_ changes: [(Objective, Double)], reason: String, by actor: Actor, at now: Date, on tx: any Database) async throws {
        for (o, weight) in changes where weight != o.weight {
            let before = o.auditFields
            try await WeightChange(objectiveID: try o.requireID(), oldWeight: o.weight, newWeight: weight,
                                   changedAt: now, changedBy: actor.label, reason: reason).create(on: tx)
            o.weight = weight
            o.version += 1
            try await o.save(on: tx)
            try await AuditTrail.record("objective.weight", o, before: before, by: actor, at: now, on: tx)
        }
    }
}

extension Service {
    /// Every field as input, for laying a partial change over: a PATCH, the profile form, a publish button.
    var currentInput: [String: InputValue] {
        [
            "divisionId": .text($division.id.lowercasedString), "name": .text(name), "position": .integer(position),
            "status": .text(status.rawValue), "purpose": .text(purpose), "activities": .text(activities), "customers": .text(customers),
            "staff": staff.map(InputValue.integer) ?? .null, "budget": budgetPounds.map(InputValue.integer) ?? .null,
            "achievements": .text(achievements), "issues": .text(issues), "improvementPlans": .text(improvementPlans),
        ]
    }

    static func create(from input: FormInput, on req: Request) async throws -> Service {
        let s = Service()
        let now = req.now
        try await req.createAudited(s, from: input, action: "service.create") { s, v, tx in _ = try await s.apply(&v, input: input, isNew: true, now: now, on: tx) }
        return s
    }

    static func update(_ id: UUID, from input: FormInput, on req: Request) async throws -> Service {
        let now = req.now, days = req.application.settings.lateChangeWorkingDays
        return try await req.editAudited(Service.self, id, from: input) { s, v, tx in
            try await s.apply(&v, input: v.input, isNew: false, now: now, lateChangeDays: days, on: tx)
        }
    }

    /// Placement, profile and status in one write; returns the event's action. Everything is
    /// checked before anything changes.
    private func apply(_ v: inout Validator, input: FormInput, isNew: Bool, now: Date, lateChangeDays: Int = 0, on tx: any Database) async throws -> String {
        let fields = Editing.service(&v)
        let profile = Editing.profile(&v)
        let newStatus = input.has("status") ? v.choice(Editing.ServiceRules.status, as: Service.Status.self) : .draft
        if let id = fields.divisionID, try await Division.find(id, on: tx) == nil { v.conflict("divisionId", "Select a service area: the one given does not exist") }
        let wasPublished = !isNew && status == .published
        if newStatus == .published {
            for item in Editing.publishable(profile, alreadyPublished: wasPublished).items { v.conflict(item.field, item.message) }
        }
        // A profile respondents read for an open exercise is part of its notice: the late-change rule holds.
        if !isNew, v.errors.isEmpty, let id {
            let profileChanged = fields.name != name || newStatus != status || profile.purpose != purpose || profile.activities != activities
                || profile.customers != customers || profile.staff != staff || profile.budget != budgetPounds || profile.achievements != achievements
                || profile.issues != issues || profile.improvementPlans != improvementPlans
            if profileChanged, let late = try await ExerciseWrites.lateProfileChange(service: id, at: now, days: lateChangeDays, on: tx) {
                v.conflict("purpose", late)
            }
        }
        try v.throwIfInvalid()

        $division.id = fields.divisionID!
        name = fields.name
        if isNew { slug = try await Editing.uniqueSlug(for: fields.name, on: tx) }
        if let chosen = fields.position { position = chosen } else if isNew { position = try await Editing.nextPosition(Service.self, \.$position, on: tx) }
        purpose = profile.purpose
        activities = profile.activities
        customers = profile.customers
        staff = profile.staff
        budgetPounds = profile.budget
        achievements = profile.achievements
        issues = profile.issues
        improvementPlans = profile.improvementPlans
        if newStatus == .published && !wasPublished { publishedAt = now }
        status = newStatus ?? .draft
        return isNew ? "service.create"
            : !wasPublished && status == .published ? "service-profile.publish"
            : wasPublished && status == .draft ? "service-profile.unpublish"
            : "service.update"
    }
}
