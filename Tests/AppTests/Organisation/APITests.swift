@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("The organisation API")
struct APITests {
    /// An officer's token, made through the page as a person would.
    static func officerToken(_ app: Application) async throws -> String {
        let officer = Browser(app)
        try await officer.signIn(as: .officer)
        try await officer.get("/manage/api-tokens")
        let page = try await officer.post("/manage/api-tokens", ["name": "tests"])
        let match = try #require(page.text.firstMatch(of: /<code id="new-token">(pt_[A-Za-z0-9_-]+)<\/code>/))
        return String(match.1)
    }

    static func json(_ token: String?) -> HTTPHeaders {
        var h: HTTPHeaders = ["Content-Type": "application/json"]
        if let token { h.bearerAuthorization = .init(token: token) }
        return h
    }

    struct ProblemBody: Decodable {
        var title: String; var status: Int; var detail: String?
        var errors: [Field]?
        struct Field: Decodable { var field: String; var message: String }
    }

    @Test func anyoneReadsThePublishedModel() async throws {
        try await withDemoApp { app, _ in
            let objectives = try await app.testing().sendRequest(.GET, "/api/v1/objectives")
            #expect(objectives.status == .ok)
            let list = try objectives.content.decode([OrganisationAPI.ObjectiveDTO].self)
            #expect(list.map(\.numeral).first == "I")
            let history = try await app.testing().sendRequest(.GET, "/api/v1/objectives/\(list[0].id)/weight-history")
            #expect(try history.content.decode([OrganisationAPI.WeightChangeDTO].self).first?.newWeight == 20)
        }
    }

    @Test func anOfficersTokenCreatesAndChanges() async throws {
        try await withDemoApp { app, _ in
            let token = try await Self.officerToken(app)
            let finance = try #require(try await Division.query(on: app.db).filter(\.$name == "Finance").first())
            let created = try await app.testing().sendRequest(.POST, "/api/v1/services", headers: Self.json(token), body: ByteBuffer(string: """
                {"divisionId": "\(finance.id!)", "name": "Insurance", "purpose": "Insuring the council", "activities": "Claims", "staff": 4}
                """))
            #expect(created.status == .created)
            let service = try created.content.decode(OrganisationAPI.ServiceDTO.self)
            #expect(service.status == .draft && service.slug == "insurance" && service.staff == 4)
            #expect(created.headers.first(name: .location) == "/api/v1/services/\(service.id.uuidString.lowercased())")

            let published = try await app.testing().sendRequest(.PATCH, "/api/v1/services/\(service.id)", headers: Self.json(token), body: ByteBuffer(string: #"{"status": "published", "version": 1}"#))
            #expect(published.status == .ok)
            #expect(try published.content.decode(OrganisationAPI.ServiceDTO.self).name == "Insurance", "PATCH keeps fields not sent")
            #expect(try await Browser(app).get("/services/insurance").status == .ok)

            let objective = try #require(try await Objective.query(on: app.db).filter(\.$number == 2).first())
            let reweighted = try await app.testing().sendRequest(.PATCH, "/api/v1/objectives/\(objective.id!)", headers: Self.json(token), body: ByteBuffer(string: #"{"weight": 9, "reason": "Board review", "version": \#(objective.version)}"#))
            #expect(reweighted.status == .ok)
            #expect(try await WeightChange.query(on: app.db).filter(\.$reason == "Board review").count() == 1)
        }
    }

    @Test func badInputGetsAProblemDocumentNamingTheFields() async throws {
        try await withDemoApp { app, _ in
            let token = try await Self.officerToken(app)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/pledges", headers: Self.json(token), body: ByteBuffer(string: #"{"title": ["not", "text"], "position": "first"}"#))
            #expect(response.status == .unprocessableEntity)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.text.utf8))
            #expect(problem.status == 422)
            let fields = Dictionary(uniqueKeysWithValues: (problem.errors ?? []).map { ($0.field, $0.message) })
            #expect(fields["title"] == "Title must be text (a JSON string)")
            #expect(fields["position"] == "Position must be a whole number (a JSON integer)")

            let weight = try #require(try await Objective.query(on: app.db).first())
            let noReason = try await app.testing().sendRequest(.PATCH, "/api/v1/objectives/\(weight.id!)", headers: Self.json(token), body: ByteBuffer(string: #"{"weight": 50, "version": \#(weight.version)}"#))
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.text.contains("Enter the reason for the weight change"))
        }
    }

    @Test(arguments: [
        ("not json at all", HTTPStatus.badRequest),
        ("[1, 2, 3]", .badRequest),
        ("", .badRequest),
        (#"{"title": "A pledge", "position": 1.5}"#, .unprocessableEntity),
        (#"{"title": "\u0000"}"#, .unprocessableEntity),
    ])
    func malformedBodiesNeverCauseA500(body: String, expected: HTTPStatus) async throws {
        try await withDemoApp { app, _ in
            let token = try await Self.officerToken(app)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/pledges", headers: Self.json(token), body: ByteBuffer(string: body))
            #expect(response.status == expected, "\(response.text.prefix(200))")
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    /// The in-memory tester hands the body over whole, so the size limit is tried on a real socket.
    @Test func aBodyOverTheLimitIsRefusedWith413() async throws {
        try await withDemoApp { app, _ in
            let token = try await Self.officerToken(app)
            let port = Int.random(in: 20_000...40_000)
            let body = ByteBuffer(string: #"{"title": ""# + String(repeating: "a", count: 2_000_000) + #""}"#)
            let response = try await app.testing(method: .running(hostname: "127.0.0.1", port: port))
                .sendRequest(.POST, "/api/v1/pledges", headers: Self.json(token), body: body)
            #expect(response.status == .payloadTooLarge)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test(arguments: [#"{"weight": "NaN", "reason": "x"}"#, #"{"weight": "Infinity", "reason": "x"}"#, #"{"weight": 1e400, "reason": "x"}"#, #"{"weight": {"a": 1}}"#])
    func nonsenseWeightsAreRefused(body: String) async throws {
        try await withDemoApp { app, _ in
            let token = try await Self.officerToken(app)
            let objective = try #require(try await Objective.query(on: app.db).filter(\.$number == 1).first())
            // With the right version, so that it is the weight that is refused.
            let versioned = #"{"version": \#(objective.version), "# + body.dropFirst()
            let response = try await app.testing().sendRequest(.PATCH, "/api/v1/objectives/\(objective.id!)", headers: Self.json(token), body: ByteBuffer(string: versioned))
            #expect([.unprocessableEntity, .badRequest].contains(response.status), "\(body): \(response.status)")
            #expect(try await Objective.find(objective.id, on: app.db)?.weight == 20)
        }
    }

    @Test func unknownIdsAndRevokedTokensAreProblemsToo() async throws {
        try await withDemoApp { app, _ in
            let token = try await Self.officerToken(app)
            let unknown = try await app.testing().sendRequest(.PATCH, "/api/v1/pledges/\(UUID())", headers: Self.json(token), body: ByteBuffer(string: "{}"))
            #expect(unknown.status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/services/banana").status == .notFound)

            let stored = try #require(try await APIToken.query(on: app.db).first())
            stored.revokedAt = Date()
            try await saveFixture(stored, on: app.db)
            let refused = try await app.testing().sendRequest(.GET, "/api/v1/services", headers: Self.json(token))
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("revoked"))
        }
    }

    @Test func theOpenAPIDocumentDescribesExactlyTheAPIRoutes() async throws {
        try await withDemoApp { app, _ in
            let response = try await app.testing().sendRequest(.GET, "/api/openapi.json")
            #expect(response.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                let pattern = path.replacing(/\{([a-z0-9]+)\}/) { ":" + $0.1 }
                for method in operations.keys { documented.insert("\(method.uppercased()) \(pattern)") }
            }
            let served = Set(app.routes.all
                .map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
                .filter { $0.contains(" /api/v1/") })
            #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")
        }
    }

    /// Every change that needs the version it was read at also documents the 409 a stale one gets.
    @Test func everyVersionedChangeDocumentsItsConflict() async throws {
        try await withDemoApp { app, _ in
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(try await app.testing().sendRequest(.GET, "/api/openapi.json").text.utf8)) as? [String: Any])
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var versioned = 0
            for (path, operations) in paths {
                for (method, value) in operations {
                    guard let op = value as? [String: Any],
                          let body = (op["requestBody"] as? [String: Any])?["content"] as? [String: Any],
                          let schema = (body["application/json"] as? [String: Any])?["schema"] as? [String: Any],
                          (schema["required"] as? [String])?.contains("version") == true else { continue }
                    versioned += 1
                    let responses = try #require(op["responses"] as? [String: Any])
                    #expect(responses["409"] != nil, "\(method.uppercased()) \(path) needs a version but does not document 409")
                }
            }
            #expect(versioned == 6)
        }
    }
}
