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

    /// The position after the last, read inside the transaction that saves the record. SQLite's
    /// audited transactions hold the write lock from their start; on PostgreSQL a lock for the
    /// table's positions is taken for the rest of the transaction, so two records made at once
    /// never get the same one.
    static func nextPosition<M: Model>(_ type: M.Type, _ field: KeyPath<M, FieldProperty<M, Int>>, on tx: any Database) async throws -> Int {
        if let sql = tx as? any SQLDatabase, !(tx is any SQLiteDatabase) {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "position:" + M.schema)))").run()
        }
        return min((try await M.query(on: tx).max(field) ?? 0) + 1, positions.upperBound)
    }
}

extension Request {
    var actor: Actor { user.map(Actor.user) ?? .system("anonymous") }

    /// Saves a model and records it in the audit trail, both in one transaction.
    /// `prepare` runs inside the transaction first, for what must be read and written together
    /// (the next free position).
    func saveAudited<M: Model & Auditable>(
        _ model: M, action: String, before: [String: String]?,
        prepare: @escaping @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws where M.IDValue == UUID {
        let actor = self.actor, now = self.now
        try await AuditTrail.transaction(on: db) { tx in
            try await prepare(tx)
            try await model.save(on: tx)
            try await AuditTrail.record(action, model, before: before, by: actor, at: now, on: tx)
        }
    }
}

// One way to write each record, for the pages and the API alike: check the input against the
// rules (and against the other records), then save with its audit event. A problem throws
// `ValidationFailure`; the pages show it beside the fields, the API sends it as a 422.

extension Directorate {
    func write(_ input: FormInput, isNew: Bool, on req: Request) async throws {
        var v = Validator(input)
        let fields = Editing.directorate(&v)
        if v.errors["name"] == nil, try await Directorate.query(on: req.db).filter(\.$name == fields.name).filter(\.$id != id ?? UUID()).count() > 0 {
            v.conflict("name", "A directorate called \(fields.name) already exists")
        }
        try v.throwIfInvalid()
        let before = isNew ? nil : auditFields
        name = fields.name
        position = fields.position ?? (isNew ? 0 : position)
        let autoPosition = isNew && fields.position == nil
        try await req.saveAudited(self, action: isNew ? "directorate.create" : "directorate.update", before: before) { tx in
            if autoPosition { self.position = try await Editing.nextPosition(Directorate.self, \.$position, on: tx) }
        }
    }
}

extension Division {
    func write(_ input: FormInput, isNew: Bool, on req: Request) async throws {
        var v = Validator(input)
        let fields = Editing.division(&v)
        if let id = fields.directorateID, try await Directorate.find(id, on: req.db) == nil { v.conflict("directorateId", "Select a directorate: the one given does not exist") }
        if v.errors["name"] == nil, try await Division.query(on: req.db).filter(\.$name == fields.name).filter(\.$id != id ?? UUID()).count() > 0 {
            v.conflict("name", "A service area called \(fields.name) already exists")
        }
        try v.throwIfInvalid()
        let before = isNew ? nil : auditFields
        $directorate.id = fields.directorateID!
        name = fields.name
        summary = fields.summary
        position = fields.position ?? (isNew ? 0 : position)
        let autoPosition = isNew && fields.position == nil
        try await req.saveAudited(self, action: isNew ? "division.create" : "division.update", before: before) { tx in
            if autoPosition { self.position = try await Editing.nextPosition(Division.self, \.$position, on: tx) }
        }
    }
}

extension Pledge {
    func write(_ input: FormInput, isNew: Bool, on req: Request) async throws {
        var v = Validator(input)
        let fields = Editing.pledge(&v)
        if v.errors["title"] == nil, try await Pledge.query(on: req.db).filter(\.$title == fields.title).filter(\.$id != id ?? UUID()).count() > 0 {
            v.conflict("title", "A pledge called \(fields.title) already exists")
        }
        try v.throwIfInvalid()
        let before = isNew ? nil : auditFields
        title = fields.title
        description = fields.description
        position = fields.position ?? (isNew ? 0 : position)
        let autoPosition = isNew && fields.position == nil
        try await req.saveAudited(self, action: isNew ? "pledge.create" : "pledge.update", before: before) { tx in
            if autoPosition { self.position = try await Editing.nextPosition(Pledge.self, \.$position, on: tx) }
        }
    }
}

extension Service {
    /// Every field as input, for laying a partial change over: a PATCH, the profile form, a publish button.
    var currentInput: [String: InputValue] {
        [
            "divisionId": .text($division.id.uuidString.lowercased()), "name": .text(name), "position": .integer(position),
            "status": .text(status.rawValue), "purpose": .text(purpose), "activities": .text(activities), "customers": .text(customers),
            "staff": staff.map(InputValue.integer) ?? .null, "budget": budgetPounds.map(InputValue.integer) ?? .null,
            "achievements": .text(achievements), "issues": .text(issues), "improvementPlans": .text(improvementPlans),
        ]
    }

    /// Placement, profile and status in one write. Everything is checked before anything changes,
    /// so a refused write leaves the model as it was.
    func write(_ input: FormInput, isNew: Bool, on req: Request) async throws {
        var v = Validator(input)
        let fields = Editing.service(&v)
        let profile = Editing.profile(&v)
        let newStatus = input.has("status") ? v.choice(Editing.ServiceRules.status, as: Service.Status.self) : .draft
        if let id = fields.divisionID, try await Division.find(id, on: req.db) == nil { v.conflict("divisionId", "Select a service area: the one given does not exist") }
        let wasPublished = !isNew && status == .published
        if newStatus == .published {
            for item in Editing.publishable(profile, alreadyPublished: wasPublished).items { v.conflict(item.field, item.message) }
        }
        try v.throwIfInvalid()

        let before = isNew ? nil : auditFields
        $division.id = fields.divisionID!
        name = fields.name
        if isNew { slug = try await Editing.uniqueSlug(for: fields.name, on: req.db) }
        position = fields.position ?? (isNew ? 0 : position)
        let autoPosition = isNew && fields.position == nil
        purpose = profile.purpose
        activities = profile.activities
        customers = profile.customers
        staff = profile.staff
        budgetPounds = profile.budget
        achievements = profile.achievements
        issues = profile.issues
        improvementPlans = profile.improvementPlans
        if newStatus == .published && !wasPublished { publishedAt = req.now }
        status = newStatus ?? .draft
        let action = isNew ? "service.create"
            : !wasPublished && status == .published ? "service-profile.publish"
            : wasPublished && status == .draft ? "service-profile.unpublish"
            : "service.update"
        try await req.saveAudited(self, action: action, before: before) { tx in
            if autoPosition { self.position = try await Editing.nextPosition(Service.self, \.$position, on: tx) }
        }
    }
}
