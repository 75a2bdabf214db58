import Fluent
import Vapor

/// The panel and the declarations of interest as JSON: an officer reads who is on an
/// exercise's panel; an evaluator on it reads and makes their own declarations, under the same
/// rules as the pages (only once the responses are open).
struct PanelAPI {
    typealias Op = APIOperation
    static let tag = "Evaluation"

    /// The API's body for one declaration; the same words as the form's radios.
    static let conflict = FieldRule("conflict", "whether you have a conflict of interest", .choice(["no", "yes"]),
                                    description: "\"yes\" if you have a conflict of interest with the organisation, \"no\" if not.")
    static let note = FieldRule("note", "What the conflict is", .text(max: 2_000), required: false,
                                description: "What the conflict is: required with \"yes\", and not kept with \"no\".")

    var endpoints: [Endpoint] {
        [
            Endpoint(.GET, .apiPanel(.key), .officer, .api(Op("listPanel", "Who evaluates and moderates the exercise, with how far each has declared", tag: Self.tag,
                                                              success: .ok(Schema.array(of: "PanelMember")))), panel),
            Endpoint(.GET, .apiDeclarations(.key), Panel.declaring, .api(Op("listDeclarations",
                     "Your declarations of interest: one for each organisation whose response counts, once the responses are open (403 while sealed; 404 if you are not on the exercise's panel)",
                     tag: Self.tag, success: .ok(Schema.array(of: "Declaration")))), declarations),
            Endpoint(.PUT, .apiDeclaration(.key, .key), Panel.declaring, .api(Op("putDeclaration",
                     "Declare whether you have a conflict of interest with one responding organisation",
                     tag: Self.tag, request: Schema.input([Self.conflict, Self.note], creating: true, extra: [
                         // With "yes", a note that is not blank.
                         ("if", ["properties": ["conflict": ["const": "yes"]], "required": ["conflict"]]),
                         ("then", ["required": ["note"], "properties": ["note": ["pattern": .string(TextRules.pattern(singleLine: false, nonBlank: true))]]]),
                     ]),
                     success: .ok(Schema.ref("Declaration")), conflicts: true)), declare),
        ]
    }

    static let schemas: [(String, JSON)] = [
        ("PanelMember", Schema.record([
            ("id", Schema.uuid), ("version", Schema.integer), ("userId", Schema.uuid), ("name", Schema.string),
            ("role", ["type": "string", "enum": .array(PanelMember.Role.allCases.map { .string($0.rawValue) })]),
            ("addedAt", Schema.dateTime),
            ("declared", ["type": "integer", "minimum": 0, "description": "How many responding organisations the evaluator has declared about (0 until the responses are open)."]),
            ("conflicts", ["type": "integer", "minimum": 0, "description": "How many of those declarations are conflicts."]),
        ])),
        ("Declaration", Schema.record([
            ("organisation", Schema.record([("id", Schema.uuid), ("name", Schema.string)])),
            ("declared", ["type": "boolean", "description": "Whether you have declared about this organisation yet."]),
            ("conflict", ["type": "boolean"]), ("note", Schema.string), ("declaredAt", Schema.dateTime),
        ], optional: ["conflict", "note", "declaredAt"])),
    ]

    struct MemberDTO: Content {
        var id: UUID; var version: Int; var userId: UUID; var name: String; var role: PanelMember.Role; var addedAt: Date
        var declared: Int; var conflicts: Int
    }
    struct OrganisationDTO: Content { var id: UUID; var name: String }
    struct DeclarationDTO: Content {
        var organisation: OrganisationDTO; var declared: Bool; var conflict: Bool?; var note: String?; var declaredAt: Date?
    }

    @Sendable func panel(req: Request) async throws -> [MemberDTO] {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound, reason: "No exercise has that id.") }
        return try await PanelController.view(e, on: req.db).members.map { m in
            MemberDTO(id: m.id, version: m.version, userId: m.userID, name: m.name, role: m.role, addedAt: m.addedAt,
                      declared: m.declared, conflicts: m.conflicts)
        }
    }

    private func own(_ req: Request) async throws -> (UUID, [SupplierOrganisation], [UUID: Declaration]) {
        let user = try req.requireUser(), exerciseID = try req.uuid()
        let (respondents, declared) = try await Panel.declarations(exercise: exerciseID, evaluator: user.id!, on: req.db)
        return (exerciseID, respondents, declared)
    }

    static func dto(_ o: SupplierOrganisation, _ d: Declaration?) -> DeclarationDTO {
        DeclarationDTO(organisation: .init(id: o.id!, name: o.name), declared: d != nil, conflict: d?.conflict, note: d?.note, declaredAt: d?.declaredAt)
    }

    @Sendable func declarations(req: Request) async throws -> [DeclarationDTO] {
        let (_, respondents, stored) = try await own(req)
        return respondents.map { Self.dto($0, stored[$0.id!]) }
    }

    @Sendable func declare(req: Request) async throws -> DeclarationDTO {
        let (exerciseID, respondents, _) = try await own(req)
        guard let organisationID = req.parameters.get("organisation").flatMap(UUID.init(uuidString:)),
              let organisation = respondents.first(where: { $0.id == organisationID })
        else { throw Abort(.notFound, reason: "No organisation whose response counts in this exercise has that id.") }
        var v = Validator(try FormInput.json(req))
        let conflict = v.choice(Self.conflict, as: ConflictAnswer.self)
        let note = v.text(Self.note)
        if conflict == .yes, note.isEmpty, v.errors["note"] == nil { v.fail("note", "Say what your conflict of interest with \(organisation.name) is") }
        try v.throwIfInvalid()
        let user = try req.requireUser()
        try await DeclarationsController.write([(organisationID, conflict == .yes, conflict == .yes ? note : "")],
                                               exercise: exerciseID, evaluator: user.id!, on: req)
        let saved = try await Declaration.query(on: req.db).filter(\.$exercise.$id == exerciseID).filter(\.$evaluator.$id == user.id!)
            .filter(\.$organisation.$id == organisationID).first()
        return Self.dto(organisation, saved)
    }

    enum ConflictAnswer: String { case no, yes }
}

extension SiteURL {
    static func apiPanel(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "panel") }
    static func apiDeclarations(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "exercises", .id(p), "declarations") }
    static func apiDeclaration(_ p: Parameter<UUID>, _ o: Parameter<String>) -> SiteURL {
        SiteURL("api", "v1", "exercises", .id(p), "declarations", .text(o, "organisation"))
    }
}
