import Fluent
import Foundation
import SQLKit

/// The council running the programme: its name and colours are settings, not code.
final class Council: Model, @unchecked Sendable {
    static let schema = "council"

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    @Field(key: "header_colour") var headerColour: String
    @Field(key: "accent_colour") var accentColour: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $name, $headerColour, $accentColour] }

    init() { version = 1 }
    init(name: String, headerColour: String, accentColour: String) {
        self.version = 1
        self.name = name
        self.headerColour = headerColour
        self.accentColour = accentColour
    }

    static let fallback = Council(name: "Partnering", headerColour: "#0b0c0c", accentColour: "#1d70b8")
}

extension Council: Versioned {
    var auditFields: [String: String] {
        ["name": name, "header colour": headerColour, "accent colour": accentColour]
    }
}

final class Directorate: Model, @unchecked Sendable {
    static let schema = "directorates"

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int
    @Children(for: \.$directorate) var divisions: [Division]

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $name, $position, $divisions] }

    init() { version = 1 }
    init(id: UUID? = nil, name: String, position: Int) {
        self.id = id
        self.version = 1
        self.name = name
        self.position = position
    }
}

extension Directorate: Versioned {
    var auditFields: [String: String] { ["name": name, "position": String(position)] }
}

/// A service area, such as Finance or Salford IT Net.
final class Division: Model, @unchecked Sendable {
    static let schema = "divisions"

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Parent(key: "directorate_id") var directorate: Directorate
    @Field(key: "name") var name: String
    @Field(key: "summary") var summary: String
    @Field(key: "position") var position: Int
    @Children(for: \.$division) var services: [Service]

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $directorate, $name, $summary, $position, $services] }

    init() { version = 1 }
    init(id: UUID? = nil, directorateID: UUID, name: String, summary: String, position: Int) {
        self.id = id
        self.version = 1
        self.$directorate.id = directorateID
        self.name = name
        self.summary = summary
        self.position = position
    }
}

extension Division: Versioned {
    var auditFields: [String: String] {
        ["directorate": $directorate.id.lowercasedString, "name": name, "summary": summary, "position": String(position)]
    }
}

/// One service, with its public profile: the "mini business plan" a responding organisation reads.
final class Service: Model, @unchecked Sendable {
    static let schema = "services"

    enum Status: String, Codable, Sendable, CaseIterable {
        case draft, published
    }

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Parent(key: "division_id") var division: Division
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "position") var position: Int
    @Field(key: "status") var status: Status
    @Field(key: "purpose") var purpose: String
    @Field(key: "activities") var activities: String
    @Field(key: "customers") var customers: String
    @OptionalField(key: "staff") var staff: Int?
    @OptionalField(key: "budget_pounds") var budgetPounds: Int?
    @Field(key: "achievements") var achievements: String
    @Field(key: "issues") var issues: String
    @Field(key: "improvement_plans") var improvementPlans: String
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $version, $division, $name, $slug, $position, $status, $purpose, $activities, $customers, $staff, $budgetPounds, $achievements, $issues,
            $improvementPlans, $publishedAt, $updatedAt
        ]
    }

    init() { version = 1 }
    init(id: UUID? = nil, divisionID: UUID, name: String, slug: String, position: Int) {
        self.id = id
        self.version = 1
        self.$division.id = divisionID
        self.name = name
        self.slug = slug
        self.position = position
        self.status = .draft
        self.purpose = ""
        self.activities = ""
        self.customers = ""
        self.achievements = ""
        self.issues = ""
        self.improvementPlans = ""
    }
}

extension Service: Versioned {
    var auditFields: [String: String] {
        [
            "division": $division.id.lowercasedString, "name": name, "slug": slug,
            "position": String(position), "status": status.rawValue, "purpose": purpose,
            "activities": activities, "customers": customers, "staff": staff.map(String.init) ?? "",
            "budget": budgetPounds.map(String.init) ?? "", "achievements": achievements,
            "issues": issues, "improvement plans": improvementPlans,
        ]
    }
}

/// One of the council's corporate pledges, such as "A Safer Salford".
final class Pledge: Model, @unchecked Sendable {
    static let schema = "pledges"

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "position") var position: Int

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $title, $description, $position] }

    init() { version = 1 }
    init(id: UUID? = nil, title: String, description: String, position: Int) {
        self.id = id
        self.version = 1
        self.title = title
        self.description = description
        self.position = position
    }
}

extension Pledge: Versioned {
    var auditFields: [String: String] { ["title": title, "description": description, "position": String(position)] }
}

/// One of the programme's objectives (I–VIII), with the weight it carries in evaluation.
final class Objective: Model, @unchecked Sendable {
    static let schema = "objectives"

    @ID var id: UUID?
    /// Goes up by one with every change; an edit made from an older version is refused.
    @Field(key: "version") var version: Int
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "weight") var weight: Double

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $number, $title, $description, $weight] }

    init() { version = 1 }
    init(id: UUID? = nil, number: Int, title: String, description: String = "", weight: Double) {
        self.id = id
        self.version = 1
        self.number = number
        self.title = title
        self.description = description
        self.weight = weight
    }

    var numeral: String { RomanNumeral.string(number) }
}

extension Objective: Versioned {
    var auditFields: [String: String] {
        ["number": numeral, "title": title, "description": description, "weight": Weight.format(weight)]
    }
}

/// A recorded change of an objective's weight: who, when, old → new, and why.
final class WeightChange: Model, @unchecked Sendable {
    static let schema = "weight_changes"

    @ID var id: UUID?
    @Parent(key: "objective_id") var objective: Objective
    @OptionalField(key: "old_weight") var oldWeight: Double?
    @Field(key: "new_weight") var newWeight: Double
    @Field(key: "changed_at") var changedAt: Date
    @Field(key: "changed_by") var changedBy: String
    @Field(key: "reason") var reason: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $objective, $oldWeight, $newWeight, $changedAt, $changedBy, $reason] }

    init() {}
    init(objectiveID: UUID, oldWeight: Double?, newWeight: Double, changedAt: Date, changedBy: String, reason: String) {
        self.$objective.id = objectiveID
        self.oldWeight = oldWeight
        self.newWeight = newWeight
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.reason = reason
    }
}

enum RomanNumeral {
    static func string(_ n: Int) -> String {
        guard n > 0 && n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n, out = ""
        for (value, symbol) in table {
            while rest >= value { out += symbol; rest -= value }
        }
        return out
    }
}

enum Weight {
    /// "20", "12.5": no trailing zeros.
    static func format(_ w: Double) -> String {
        w == w.rounded() ? String(Int(w)) : String(format: "%.2f", w).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    /// Each weight's share of the total, as a percentage to one decimal place.
    static func share(_ w: Double, of total: Double) -> String {
        total > 0 ? Figures.percent(w / total * 100) : "–"
    }
}

struct CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Council.schema)
            .id()
            .field("name", .string, .required)
            .field("header_colour", .string, .required)
            .field("accent_colour", .string, .required)
            .create()
        try await database.schema(Directorate.schema)
            .id()
            .field("name", .string, .required)
            .field("position", .int, .required)
            .unique(on: "name")
            .create()
        try await database.schema(Division.schema)
            .id()
            .field("directorate_id", .uuid, .required, .references(Directorate.schema, "id"))
            .field("name", .string, .required)
            .field("summary", .string, .required)
            .field("position", .int, .required)
            .unique(on: "name")
            .create()
        try await database.schema(Service.schema)
            .id()
            .field("division_id", .uuid, .required, .references(Division.schema, "id"))
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .field("position", .int, .required)
            .field("status", .string, .required)
            .field("purpose", .string, .required)
            .field("activities", .string, .required)
            .field("customers", .string, .required)
            .field("staff", .int)
            .field("budget_pounds", .int64)
            .field("achievements", .string, .required)
            .field("issues", .string, .required)
            .field("improvement_plans", .string, .required)
            .field("published_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()
        try await database.schema(Pledge.schema)
            .id()
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("position", .int, .required)
            .unique(on: "title")
            .create()
        try await database.schema(Objective.schema)
            .id()
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("weight", .double, .required)
            .unique(on: "number")
            .create()
        try await database.schema(WeightChange.schema)
            .id()
            .field("objective_id", .uuid, .required, .references(Objective.schema, "id", onDelete: .cascade))
            .field("old_weight", .double)
            .field("new_weight", .double, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by", .string, .required)
            .field("reason", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [WeightChange.schema, Objective.schema, Pledge.schema, Service.schema,
                       Division.schema, Directorate.schema, Council.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// Each parent's children in their order, read without a scan: the services page walks
/// directorates → areas → services, and without these SQLite built a temporary index for each
/// join on every request.
struct IndexOrganisationParents: IndexesMigration {
    static let indexes = [
        ("divisions_directorate_position", Division.schema, "directorate_id, position"),
        ("services_division_position", Service.schema, "division_id, position"),
        ("weight_changes_objective", WeightChange.schema, "objective_id"),
    ]
}

/// A migration that makes indexes (name, table, columns) and drops them when reverted.
protocol IndexesMigration: AsyncMigration {
    static var indexes: [(String, String, String)] { get }
}

extension IndexesMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, table, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX \(ident: name) ON \(ident: table) (\(unsafeRaw: columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, _, _) in Self.indexes { try await sql.raw("DROP INDEX \(ident: name)").run() }
    }
}

/// Each record that forms and the API edit carries a version, so that an edit made from what
/// someone saw before another person's change is refused instead of silently overwriting it.
struct AddRecordVersions: AsyncMigration {
    static let tables = [Council.schema, Directorate.schema, Division.schema, Service.schema, Pledge.schema, Objective.schema]

    func prepare(on database: any Database) async throws {
        for table in Self.tables {
            try await database.schema(table).field("version", .int, .required, .sql(.default(1))).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables { try await database.schema(table).deleteField("version").update() }
    }
}
