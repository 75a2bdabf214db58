import Fluent
import SQLKit
import Vapor

/// Who evaluates an exercise: evaluators, who score each response on their own, and one
/// moderator, who agrees the scores. An officer assigns them; a person's panel role follows the
/// role their account has.
final class PanelMember: Model, @unchecked Sendable {
    static let schema = "panel_members"

    enum Role: String, Codable, Sendable, CaseIterable {
        case evaluator, moderator
        var label: String { self == .evaluator ? "Evaluator" : "Moderator" }
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: Role
    @Field(key: "added_at") var addedAt: Date
    /// When an evaluator submitted all their scores, which locks them.
    @OptionalField(key: "submitted_at") var submittedAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $user, $role, $addedAt, $submittedAt] }

    init() { version = 1 }
}

extension PanelMember: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "user": $user.id.lowercasedString, "role": role.rawValue,
         "scores submitted": submittedAt.map(LondonTime.iso) ?? ""]
    }
    var currentInput: [String: InputValue] { ["user": .text($user.id.lowercasedString)] }
}

/// An evaluator's declaration about one responding organisation, made before reading anything:
/// no conflict of interest, or a conflict and what it is. A declared conflict hides that
/// organisation's response from the evaluator.
final class Declaration: Model, @unchecked Sendable {
    static let schema = "declarations"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "user_id") var evaluator: User
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "conflict") var conflict: Bool
    @Field(key: "note") var note: String
    @Field(key: "declared_at") var declaredAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $evaluator, $organisation, $conflict, $note, $declaredAt] }

    init() { version = 1 }
}

extension Declaration: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "evaluator": $evaluator.id.lowercasedString,
         "organisation": $organisation.id.lowercasedString, "conflict": conflict ? "yes" : "no", "note": note]
    }
    var currentInput: [String: InputValue] { ["conflict": .text(conflict ? "yes" : "no"), "note": .text(note)] }
}

struct CreateEvaluationPanels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PanelMember.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("role", .string, .required)
            .field("added_at", .datetime, .required)
            .unique(on: "exercise_id", "user_id")
            .create()
        try await database.schema(Declaration.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("conflict", .bool, .required)
            .field("note", .string, .required)
            .field("declared_at", .datetime, .required)
            .unique(on: "exercise_id", "user_id", "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Declaration.schema).delete()
        try await database.schema(PanelMember.schema).delete()
    }
}

/// The panel's rules, for pages and API alike.
enum Panel {
    static let user = FieldRule("user", "Who to add to the panel", .reference)

    /// Evaluators and moderators, who see the exercises whose panels they are on.
    static let people = Permission.roles(.evaluator, .moderator)

    /// An evaluator on this exercise's panel, once its responses are open. Anyone else is told
    /// the exercise does not exist, so ids leak nothing; a panel member before the opening is told why.
    static let declaring = Permission.roles(.evaluator).and("on the exercise's panel, after the responses were opened") { req in
        guard let id = try? req.uuid(), let user = req.user else { return .notFound }
        return try await mayDeclare(exercise: id, evaluator: user.id!, on: req.db)
    }

    /// The declaring rule itself: the permission asks it of each request, and the writing
    /// transaction again, in case the exercise was cancelled or the evaluator taken off the panel
    /// in between.
    static func mayDeclare(exercise id: UUID, evaluator: UUID, on db: any Database) async throws -> Permission.Outcome {
        guard let e = try await Exercise.find(id, on: db),
              try await PanelMember.query(on: db).filter(\.$exercise.$id == id).filter(\.$user.$id == evaluator)
                .filter(\.$role == .evaluator).first() != nil
        else { return .notFound }
        if e.status == .cancelled { return .forbidden("The exercise is cancelled, so nothing more is declared.") }
        return e.openedAt != nil ? .allowed
            : .forbidden("The responses are sealed until two officers open them after the deadline. You declare your interests once they are open.")
    }

    /// Whom an evaluator declares about (`respondents`), and what they have declared so far, by organisation.
    static func declarations(exercise id: UUID, evaluator: UUID, on db: any Database) async throws
        -> (respondents: [SupplierOrganisation], declared: [UUID: Declaration]) {
        let respondents = try await Panel.respondents(id, on: db)
        let own = try await Declaration.query(on: db).filter(\.$exercise.$id == id).filter(\.$evaluator.$id == evaluator).all()
        return (respondents, Dictionary(own.map { ($0.$organisation.id, $0) }) { a, _ in a })
    }

    /// The organisations `respondents` gives, their ids and names alone, in one narrow read: what
    /// the busy pages need.
    static func respondentNames(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> [(id: UUID, name: String)] {
        try await sql.raw("""
            SELECT o.id, o.name FROM supplier_organisations o
            WHERE o.id IN (SELECT r.organisation_id FROM responses r
                           WHERE r.exercise_id = \(bind: exerciseID) AND r.status = 'submitted'
                             AND EXISTS (SELECT 1 FROM submissions s WHERE s.response_id = r.id AND s.withdrawn_at IS NULL))
            ORDER BY o.name
            """).all().map { row in (try row.decodeID("id"), try row.decode(column: "name", as: String.self)) }
    }

    /// The organisations whose responses count (submitted, not withdrawn), by name: whom each
    /// evaluator declares about. Only after opening: before it, who responded is sealed too.
    /// Counting as `ResponsesController.counting` counts: submitted, with a submission not withdrawn.
    static func respondents(_ exerciseID: UUID, on db: any Database) async throws -> [SupplierOrganisation] {
        let responses = try await EngagementResponse.query(on: db).filter(\.$exercise.$id == exerciseID).filter(\.$status == .submitted).all()
        guard !responses.isEmpty else { return [] }
        let standing = Set(try await Submission.query(on: db).filter(\.$response.$id ~~ responses.map { $0.id! })
            .filter(\.$withdrawnAt == nil).all(\.$response.$id))
        let ids = Set(responses.filter { standing.contains($0.id!) }.map { $0.$organisation.id })
        guard !ids.isEmpty else { return [] }
        return try await SupplierOrganisation.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
    }
}
