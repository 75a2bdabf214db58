import Fluent
import SQLKit
import Vapor

/// `/api/v1`: the organisation model as JSON. Anyone may read what the public pages show; an
/// officer's bearer token may also read drafts and make changes. Bad input gets an RFC 9457
/// problem document naming each field, using the same rules as the pages.
struct OrganisationAPI {
    typealias Op = APIOperation
    static let tag = "Organisation"

    var endpoints: [Endpoint] {
        func read<R: AsyncResponseEncodable>(_ url: SiteURL, _ op: Op, _ handler: @escaping @Sendable (Request) async throws -> R) -> Endpoint {
            Endpoint(.GET, url, .anyone, .api(op), handler)
        }
        func write<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: SiteURL, _ op: Op, _ handler: @escaping @Sendable (Request) async throws -> R) -> Endpoint {
            Endpoint(method, url, .officer, .api(op), handler)
        }
        typealias E = Editing
        return [
            read(.apiDirectorates, Op("listDirectorates", "List directorates", tag: Self.tag, success: .ok(Schema.array(of: "Directorate"))), directorates),
            write(.POST, .apiDirectorates, Op("createDirectorate", "Add a directorate", tag: Self.tag,
                  request: Schema.input(E.DirectorateRules.all, creating: true), success: .created(Schema.ref("Directorate")),
                  conflicts: true, links: [("GetDirectorate", "getDirectorate"), ("UpdateDirectorate", "updateDirectorate")]), createDirectorate),
            read(.apiDirectorate(.key), Op("getDirectorate", "One directorate", tag: Self.tag, success: .ok(Schema.ref("Directorate"))), directorate),
            write(.PATCH, .apiDirectorate(.key), Op("updateDirectorate", "Change a directorate", tag: Self.tag,
                  request: Schema.input(E.DirectorateRules.all, creating: false, versioned: true), success: .ok(Schema.ref("Directorate")), conflicts: true), updateDirectorate),

            read(.apiDivisions, Op("listDivisions", "List service areas", tag: Self.tag, success: .ok(Schema.array(of: "Division"))), divisions),
            write(.POST, .apiDivisions, Op("createDivision", "Add a service area", tag: Self.tag,
                  request: Schema.input(E.DivisionRules.all, creating: true), success: .created(Schema.ref("Division")),
                  conflicts: true, links: [("GetDivision", "getDivision"), ("UpdateDivision", "updateDivision")]), createDivision),
            read(.apiDivision(.key), Op("getDivision", "One service area", tag: Self.tag, success: .ok(Schema.ref("Division"))), division),
            write(.PATCH, .apiDivision(.key), Op("updateDivision", "Change a service area", tag: Self.tag,
                  request: Schema.input(E.DivisionRules.all, creating: false, versioned: true), success: .ok(Schema.ref("Division")), conflicts: true), updateDivision),

            read(.apiServices, Op("listServices", "List services (drafts only for officers)", tag: Self.tag, success: .ok(Schema.array(of: "Service"))), services),
            write(.POST, .apiServices, Op("createService", "Add a service, with its profile", tag: Self.tag,
                  request: Schema.input(E.ServiceRules.all, creating: true), success: .created(Schema.ref("Service")),
                  conflicts: true, links: [("GetService", "getService"), ("UpdateService", "updateService")]), createService),
            read(.apiService(.key), Op("getService", "One service and its profile (a draft only for officers)", tag: Self.tag, success: .ok(Schema.ref("Service"))), service),
            write(.PATCH, .apiService(.key), Op("updateService", "Change a service, its profile or its status", tag: Self.tag,
                  request: Schema.input(E.ServiceRules.all, creating: false, versioned: true), success: .ok(Schema.ref("Service")), conflicts: true), updateService),

            read(.apiPledges, Op("listPledges", "List pledges", tag: Self.tag, success: .ok(Schema.array(of: "Pledge"))), pledges),
            write(.POST, .apiPledges, Op("createPledge", "Add a pledge", tag: Self.tag,
                  request: Schema.input(E.PledgeRules.all, creating: true), success: .created(Schema.ref("Pledge")),
                  conflicts: true, links: [("GetPledge", "getPledge"), ("UpdatePledge", "updatePledge")]), createPledge),
            read(.apiPledge(.key), Op("getPledge", "One pledge", tag: Self.tag, success: .ok(Schema.ref("Pledge"))), pledge),
            write(.PATCH, .apiPledge(.key), Op("updatePledge", "Change a pledge", tag: Self.tag,
                  request: Schema.input(E.PledgeRules.all, creating: false, versioned: true), success: .ok(Schema.ref("Pledge")), conflicts: true), updatePledge),

            read(.apiObjectives, Op("listObjectives", "List objectives with their weights", tag: Self.tag, success: .ok(Schema.array(of: "Objective"))), objectives),
            read(.apiObjective(.key), Op("getObjective", "One objective", tag: Self.tag, success: .ok(Schema.ref("Objective"))), objective),
            write(.PATCH, .apiObjective(.key), Op("updateObjective", "Change an objective's wording or weight", tag: Self.tag,
                  request: Schema.input([E.ObjectiveRules.title, E.ObjectiveRules.description, E.ObjectiveRules.weight, E.ObjectiveRules.reason],
                                        creating: false, versioned: true, extra: [("dependentRequired", ["weight": ["reason"]])]),
                  success: .ok(Schema.ref("Objective")), conflicts: true), updateObjective),
            read(.apiWeightHistory(.key), Op("getWeightHistory", "The history of an objective's weight, oldest first", tag: Self.tag,
                 success: .ok(Schema.array(of: "WeightChange"))), weightHistory),
        ]
    }

    static let schemas: [(String, JSON)] = [
        ("Directorate", Schema.record([("id", Schema.uuid), ("version", Schema.integer), ("name", Schema.string), ("position", Schema.integer)])),
        ("Division", Schema.record([("id", Schema.uuid), ("version", Schema.integer), ("directorateId", Schema.uuid), ("name", Schema.string), ("summary", Schema.string), ("position", Schema.integer)])),
        ("Service", Schema.record([
            ("id", Schema.uuid), ("version", Schema.integer), ("divisionId", Schema.uuid), ("name", Schema.string), ("slug", Schema.string),
            ("position", Schema.integer), ("status", ["type": "string", "enum": ["draft", "published"]]),
            ("purpose", Schema.string), ("activities", Schema.string), ("customers", Schema.string),
            ("staff", ["type": "integer", "description": "Full-time equivalent staff; absent when not known."]),
            ("budget", ["type": "integer", "description": "Annual budget in whole pounds; absent when not known."]),
            ("achievements", Schema.string), ("issues", Schema.string), ("improvementPlans", Schema.string),
            ("publishedAt", Schema.dateTime),
        ], optional: ["staff", "budget", "publishedAt"])),
        ("Pledge", Schema.record([("id", Schema.uuid), ("version", Schema.integer), ("title", Schema.string), ("description", Schema.string), ("position", Schema.integer)])),
        ("Objective", Schema.record([
            ("id", Schema.uuid), ("version", Schema.integer), ("number", Schema.integer), ("numeral", Schema.string), ("title", Schema.string),
            ("description", Schema.string), ("weight", ["type": "number", "minimum": 0, "maximum": 100]),
        ])),
        ("WeightChange", Schema.record([
            ("changedAt", Schema.dateTime), ("oldWeight", Schema.number), ("newWeight", Schema.number),
            ("changedBy", Schema.string), ("reason", Schema.string),
        ], optional: ["oldWeight"])),
    ]

    // MARK: Shapes

    struct DirectorateDTO: Content { var id: UUID; var version: Int; var name: String; var position: Int }
    struct DivisionDTO: Content { var id: UUID; var version: Int; var directorateId: UUID; var name: String; var summary: String; var position: Int }
    struct ServiceDTO: Content {
        var id: UUID; var version: Int; var divisionId: UUID; var name: String; var slug: String; var position: Int
        var status: Service.Status; var purpose: String; var activities: String; var customers: String
        var staff: Int?; var budget: Int?; var achievements: String; var issues: String; var improvementPlans: String
        var publishedAt: Date?
    }
    struct PledgeDTO: Content { var id: UUID; var version: Int; var title: String; var description: String; var position: Int }
    struct ObjectiveDTO: Content { var id: UUID; var version: Int; var number: Int; var numeral: String; var title: String; var description: String; var weight: Double }
    struct WeightChangeDTO: Content { var changedAt: Date; var oldWeight: Double?; var newWeight: Double; var changedBy: String; var reason: String }

    static func dto(_ d: Directorate) -> DirectorateDTO { .init(id: d.id!, version: d.version, name: d.name, position: d.position) }
    static func dto(_ d: Division) -> DivisionDTO { .init(id: d.id!, version: d.version, directorateId: d.$directorate.id, name: d.name, summary: d.summary, position: d.position) }
    static func dto(_ s: Service) -> ServiceDTO {
        .init(id: s.id!, version: s.version, divisionId: s.$division.id, name: s.name, slug: s.slug, position: s.position, status: s.status,
              purpose: s.purpose, activities: s.activities, customers: s.customers, staff: s.staff, budget: s.budgetPounds,
              achievements: s.achievements, issues: s.issues, improvementPlans: s.improvementPlans, publishedAt: s.publishedAt)
    }
    static func dto(_ p: Pledge) -> PledgeDTO { .init(id: p.id!, version: p.version, title: p.title, description: p.description, position: p.position) }
    static func dto(_ o: Objective) -> ObjectiveDTO { .init(id: o.id!, version: o.version, number: o.number, numeral: o.numeral, title: o.title, description: o.description, weight: o.weight) }

    private func created<T: Content>(_ req: Request, _ value: T, at url: SiteURL) async throws -> Response {
        let response = try await value.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: url.path)
        return response
    }

    private func id(_ req: Request) throws -> UUID { try req.uuid() }

    // MARK: Reads

    @Sendable func directorates(req: Request) async throws -> [DirectorateDTO] {
        try await Directorate.query(on: req.db).sort(\.$position).all().map(Self.dto)
    }

    @Sendable func directorate(req: Request) async throws -> DirectorateDTO {
        guard let d = try await Directorate.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No directorate has that id.") }
        return Self.dto(d)
    }

    @Sendable func division(req: Request) async throws -> DivisionDTO {
        guard let d = try await Division.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No service area has that id.") }
        return Self.dto(d)
    }

    @Sendable func pledge(req: Request) async throws -> PledgeDTO {
        guard let p = try await Pledge.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No pledge has that id.") }
        return Self.dto(p)
    }

    @Sendable func objective(req: Request) async throws -> ObjectiveDTO {
        guard let o = try await Objective.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No objective has that id.") }
        return Self.dto(o)
    }

    @Sendable func divisions(req: Request) async throws -> [DivisionDTO] {
        try await Division.query(on: req.db).sort(\.$position).all().map(Self.dto)
    }

    /// Read with one narrow query and written straight out as JSON: the list is the API's
    /// busiest read, and decoding every row through `Decodable`, then encoding it again through
    /// `JSONEncoder`, cost three times the rest (docs/performance.md). The fields are
    /// `ServiceDTO`'s, which `JSONWriterTests` hold this to.
    @Sendable func services(req: Request) async throws -> Response {
        let onlyPublished: SQLQueryString = req.user?.role == .officer ? "" : "WHERE status = 'published'"
        let rows = try await req.sql.raw("""
            SELECT id, version, division_id, name, slug, position, status, purpose, activities, customers,
                   staff, budget_pounds, achievements, issues, improvement_plans, published_at
            FROM services \(onlyPublished) ORDER BY position, id
            """).all()
        var json = JSONWriter(capacity: 1024 * rows.count)
        try json.array(rows) { json, row in
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
            func int(_ column: String) throws -> Int? { try row.decodeNil(column: column) ? nil : row.decode(column: column, as: Int.self) }
            try json.object { json in
                json.field("id", try row.decode(column: "id", as: UUID.self))
                json.field("version", try row.decode(column: "version", as: Int.self))
                json.field("divisionId", try row.decode(column: "division_id", as: UUID.self))
                json.field("name", try text("name"))
                json.field("slug", try text("slug"))
                json.field("position", try row.decode(column: "position", as: Int.self))
                json.field("status", try row.decode(column: "status", as: Service.Status.self).rawValue)
                json.field("purpose", try text("purpose"))
                json.field("activities", try text("activities"))
                json.field("customers", try text("customers"))
                json.field("staff", try int("staff"))
                json.field("budget", try int("budget_pounds"))
                json.field("achievements", try text("achievements"))
                json.field("issues", try text("issues"))
                json.field("improvementPlans", try text("improvement_plans"))
                json.field("publishedAt", try row.decodeNil(column: "published_at") ? nil : row.decode(column: "published_at", as: Date.self))
            }
        }
        return json.response()
    }

    @Sendable func service(req: Request) async throws -> ServiceDTO {
        guard let s = try await Service.find(id(req), on: req.db), s.status == .published || req.user?.role == .officer else {
            throw Abort(.notFound, reason: "No service has that id.")
        }
        return Self.dto(s)
    }

    @Sendable func pledges(req: Request) async throws -> [PledgeDTO] {
        try await Pledge.query(on: req.db).sort(\.$position).all().map(Self.dto)
    }

    @Sendable func objectives(req: Request) async throws -> [ObjectiveDTO] {
        try await Objective.query(on: req.db).sort(\.$number).all().map(Self.dto)
    }

    @Sendable func weightHistory(req: Request) async throws -> [WeightChangeDTO] {
        guard let o = try await Objective.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No objective has that id.") }
        return try await WeightChange.query(on: req.db).filter(\.$objective.$id == o.id!).sort(\.$changedAt).all()
            .map { .init(changedAt: $0.changedAt, oldWeight: $0.oldWeight, newWeight: $0.newWeight, changedBy: $0.changedBy, reason: $0.reason) }
    }

    // MARK: Writes

    @Sendable func createDirectorate(req: Request) async throws -> Response {
        let d = try await Directorate.create(from: FormInput.json(req), on: req)
        return try await created(req, Self.dto(d), at: .apiDirectorate(.value(d.id!)))
    }

    @Sendable func updateDirectorate(req: Request) async throws -> DirectorateDTO {
        Self.dto(try await Directorate.update(id(req), from: FormInput.json(req), on: req))
    }

    @Sendable func createDivision(req: Request) async throws -> Response {
        let d = try await Division.create(from: FormInput.json(req), on: req)
        return try await created(req, Self.dto(d), at: .apiDivision(.value(d.id!)))
    }

    @Sendable func updateDivision(req: Request) async throws -> DivisionDTO {
        Self.dto(try await Division.update(id(req), from: FormInput.json(req), on: req))
    }

    @Sendable func createService(req: Request) async throws -> Response {
        let s = try await Service.create(from: FormInput.json(req), on: req)
        return try await created(req, Self.dto(s), at: .apiService(.value(s.id!)))
    }

    @Sendable func updateService(req: Request) async throws -> ServiceDTO {
        Self.dto(try await Service.update(id(req), from: FormInput.json(req), on: req))
    }

    @Sendable func createPledge(req: Request) async throws -> Response {
        let p = try await Pledge.create(from: FormInput.json(req), on: req)
        return try await created(req, Self.dto(p), at: .apiPledge(.value(p.id!)))
    }

    @Sendable func updatePledge(req: Request) async throws -> PledgeDTO {
        Self.dto(try await Pledge.update(id(req), from: FormInput.json(req), on: req))
    }

    /// Wording and weight in one change; a weight change also needs a `reason`, and is kept in
    /// the weight history.
    @Sendable func updateObjective(req: Request) async throws -> ObjectiveDTO {
        Self.dto(try await Objective.update(id(req), from: FormInput.json(req), on: req))
    }
}
