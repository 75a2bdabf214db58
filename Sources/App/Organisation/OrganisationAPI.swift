import Fluent
import Vapor

/// `/api/v1`: the organisation model as JSON. Anyone may read what the public pages show; an
/// officer's bearer token may also read drafts and make changes. Bad input gets an RFC 9457
/// problem document naming each field, using the same rules as the pages.
struct OrganisationAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("directorates", use: directorates)
        routes.get("divisions", use: divisions)
        routes.get("services", use: services)
        routes.get("services", ":id", use: service)
        routes.get("pledges", use: pledges)
        routes.get("objectives", use: objectives)
        routes.get("objectives", ":id", "weight-history", use: weightHistory)

        let officer = routes.grouped(RoleGuard(.officer))
        officer.post("directorates", use: createDirectorate)
        officer.patch("directorates", ":id", use: updateDirectorate)
        officer.post("divisions", use: createDivision)
        officer.patch("divisions", ":id", use: updateDivision)
        officer.post("services", use: createService)
        officer.patch("services", ":id", use: updateService)
        officer.post("pledges", use: createPledge)
        officer.patch("pledges", ":id", use: updatePledge)
        officer.patch("objectives", ":id", use: updateObjective)
    }

    // MARK: Shapes

    struct DirectorateDTO: Content { var id: UUID; var name: String; var position: Int }
    struct DivisionDTO: Content { var id: UUID; var directorateId: UUID; var name: String; var summary: String; var position: Int }
    struct ServiceDTO: Content {
        var id: UUID; var divisionId: UUID; var name: String; var slug: String; var position: Int
        var status: Service.Status; var purpose: String; var activities: String; var customers: String
        var staff: Int?; var budget: Int?; var achievements: String; var issues: String; var improvementPlans: String
        var publishedAt: Date?
    }
    struct PledgeDTO: Content { var id: UUID; var title: String; var description: String; var position: Int }
    struct ObjectiveDTO: Content { var id: UUID; var number: Int; var numeral: String; var title: String; var description: String; var weight: Double }
    struct WeightChangeDTO: Content { var changedAt: Date; var oldWeight: Double?; var newWeight: Double; var changedBy: String; var reason: String }

    static func dto(_ d: Directorate) -> DirectorateDTO { .init(id: d.id!, name: d.name, position: d.position) }
    static func dto(_ d: Division) -> DivisionDTO { .init(id: d.id!, directorateId: d.$directorate.id, name: d.name, summary: d.summary, position: d.position) }
    static func dto(_ s: Service) -> ServiceDTO {
        .init(id: s.id!, divisionId: s.$division.id, name: s.name, slug: s.slug, position: s.position, status: s.status,
              purpose: s.purpose, activities: s.activities, customers: s.customers, staff: s.staff, budget: s.budgetPounds,
              achievements: s.achievements, issues: s.issues, improvementPlans: s.improvementPlans, publishedAt: s.publishedAt)
    }
    static func dto(_ p: Pledge) -> PledgeDTO { .init(id: p.id!, title: p.title, description: p.description, position: p.position) }
    static func dto(_ o: Objective) -> ObjectiveDTO { .init(id: o.id!, number: o.number, numeral: o.numeral, title: o.title, description: o.description, weight: o.weight) }

    private func created<T: Content>(_ req: Request, _ value: T, at path: String) async throws -> Response {
        let response = try await value.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: path)
        return response
    }

    private func id(_ req: Request) throws -> UUID { try req.uuid() }

    // MARK: Reads

    @Sendable func directorates(req: Request) async throws -> [DirectorateDTO] {
        try await Directorate.query(on: req.db).sort(\.$position).all().map(Self.dto)
    }

    @Sendable func divisions(req: Request) async throws -> [DivisionDTO] {
        try await Division.query(on: req.db).sort(\.$position).all().map(Self.dto)
    }

    @Sendable func services(req: Request) async throws -> [ServiceDTO] {
        let query = Service.query(on: req.db).sort(\.$position)
        if req.user?.role != .officer { query.filter(\.$status == .published) }
        return try await query.all().map(Self.dto)
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
        let d = Directorate()
        try await d.write(FormInput.json(req), isNew: true, on: req)
        return try await created(req, Self.dto(d), at: "/api/v1/directorates/\(d.id!)")
    }

    @Sendable func updateDirectorate(req: Request) async throws -> DirectorateDTO {
        guard let d = try await Directorate.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No directorate has that id.") }
        try await d.write(FormInput.json(req).over(["name": d.name, "position": String(d.position)]), isNew: false, on: req)
        return Self.dto(d)
    }

    @Sendable func createDivision(req: Request) async throws -> Response {
        let d = Division()
        try await d.write(FormInput.json(req), isNew: true, on: req)
        return try await created(req, Self.dto(d), at: "/api/v1/divisions/\(d.id!)")
    }

    @Sendable func updateDivision(req: Request) async throws -> DivisionDTO {
        guard let d = try await Division.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No service area has that id.") }
        try await d.write(FormInput.json(req).over([
            "directorateId": d.$directorate.id.uuidString, "name": d.name, "summary": d.summary, "position": String(d.position),
        ]), isNew: false, on: req)
        return Self.dto(d)
    }

    @Sendable func createService(req: Request) async throws -> Response {
        let s = Service()
        try await s.write(FormInput.json(req), isNew: true, on: req)
        return try await created(req, Self.dto(s), at: "/api/v1/services/\(s.id!)")
    }

    @Sendable func updateService(req: Request) async throws -> ServiceDTO {
        guard let s = try await Service.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No service has that id.") }
        try await s.write(FormInput.json(req).over(s.currentInput), isNew: false, on: req)
        return Self.dto(s)
    }

    @Sendable func createPledge(req: Request) async throws -> Response {
        let p = Pledge()
        try await p.write(FormInput.json(req), isNew: true, on: req)
        return try await created(req, Self.dto(p), at: "/api/v1/pledges/\(p.id!)")
    }

    @Sendable func updatePledge(req: Request) async throws -> PledgeDTO {
        guard let p = try await Pledge.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No pledge has that id.") }
        try await p.write(FormInput.json(req).over(["title": p.title, "description": p.description, "position": String(p.position)]), isNew: false, on: req)
        return Self.dto(p)
    }

    /// Wording changes are saved as they are; a weight change also needs a `reason`, and is kept
    /// in the weight history.
    @Sendable func updateObjective(req: Request) async throws -> ObjectiveDTO {
        guard let o = try await Objective.find(id(req), on: req.db) else { throw Abort(.notFound, reason: "No objective has that id.") }
        let input = try FormInput.json(req).over(["title": o.title, "description": o.description, "weight": Weight.format(o.weight)])
        var v = Validator(input)
        let fields = Editing.objective(&v)
        let weight = v.decimal("weight", "Weight", range: 0...100)
        let weightChanges = weight != nil && weight != o.weight
        let reason = weightChanges ? v.text("reason", "Reason for the weight change", max: 2000) : ""
        try v.throwIfInvalid()
        let actor = req.actor, now = req.now
        if fields.title != o.title || fields.description != o.description {
            let before = o.auditFields
            o.title = fields.title
            o.description = fields.description
            try await req.saveAudited(o, action: "objective.update", before: before)
        }
        if weightChanges, let weight {
            try await WeightChanges.apply([(o, weight)], reason: reason, by: actor, at: now, on: req.db)
        }
        return Self.dto(o)
    }
}
