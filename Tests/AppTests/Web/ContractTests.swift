@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The API does what its document says, and hostile text is refused on the way in, by forms and
/// API alike, in the one place both read input through.
@Suite("Input rules and the API contract")
struct ContractTests {
    static func post(_ app: Application, _ path: String, _ json: String, token: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: APITests.json(token), body: ByteBuffer(string: json))
    }

    static func fieldErrors(_ response: TestingHTTPResponse) throws -> [String: String] {
        let problem = try JSONDecoder().decode(APITests.ProblemBody.self, from: Data(response.text.utf8))
        return Dictionary(uniqueKeysWithValues: (problem.errors ?? []).map { ($0.field, $0.message) })
    }

    @Test(arguments: [
        (#"{"name": "Bad\u0086name"}"#, "Name must not contain control characters"),
        (#"{"name": "Bad\u007fname"}"#, "Name must not contain control characters"),
        (#"{"name": "Bad\u0007name"}"#, "Name must not contain control characters"),
        (#"{"name": "Two\nlines"}"#, "Name must be on one line"),
        (#"{"name": "Two\u2028lines"}"#, "Name must be on one line"),
        (#"{"name": "Non\ufffecharacter"}"#, "Name must not contain control characters"),
        (#"{"name": "Non\ud83f\udffecharacter"}"#, "Name must not contain control characters"),
        (#"{"name": false}"#, "Name must be text (a JSON string)"),
        (#"{"name": 12345}"#, "Name must be text (a JSON string)"),
        (#"{"name": "   "}"#, "Enter name"),
        (#"{"name": "Fine", "position": "3"}"#, "Position must be a whole number (a JSON integer)"),
        (#"{"name": "Fine", "colour": "red"}"#, "colour is not a field of this request"),
    ])
    func theAPIRefusesWhatItsSchemaForbids(body: String, message: String) async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let before = try await Directorate.query(on: app.db).count()
            let response = try await Self.post(app, "/api/v1/directorates", body, token: token)
            #expect(response.status == .unprocessableEntity, "\(body): \(response.status)")
            #expect(try Self.fieldErrors(response).values.contains(message), "\(body): \(response.text)")
            #expect(try await Directorate.query(on: app.db).count() == before, "nothing stored")
        }
    }

    @Test func everyOptionalFieldIsOptionalAndEveryLocationCanBeFetched() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let directorate = try await Self.post(app, "/api/v1/directorates", #"{"name": "Only a name"}"#, token: token)
            #expect(directorate.status == .created)
            let directorateID = try directorate.content.decode(OrganisationAPI.DirectorateDTO.self).id
            let division = try await Self.post(app, "/api/v1/divisions", #"{"directorateId": "\#(directorateID)", "name": "An area"}"#, token: token)
            #expect(division.status == .created, "\(division.text)")
            let divisionID = try division.content.decode(OrganisationAPI.DivisionDTO.self).id
            let service = try await Self.post(app, "/api/v1/services", #"{"divisionId": "\#(divisionID)", "name": "A service"}"#, token: token)
            #expect(service.status == .created, "\(service.text)")
            let pledge = try await Self.post(app, "/api/v1/pledges", #"{"title": "A pledge"}"#, token: token)
            #expect(pledge.status == .created)
            for created in [directorate, division, service, pledge] {
                let location = try #require(created.headers.first(name: .location))
                let fetched = try await app.testing().sendRequest(.GET, location, headers: APITests.json(token))
                #expect(fetched.status == .ok, "\(location): \(fetched.status)")
                let a = try JSONSerialization.jsonObject(with: Data(fetched.text.utf8)) as? NSDictionary
                let b = try JSONSerialization.jsonObject(with: Data(created.text.utf8)) as? NSDictionary
                #expect(a != nil && a == b, "\(location) is the record that was made")
            }
        }
    }

    @Test func valuesThatConflictWithTheStoredRecordsAre409() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let existing = try #require(try await Directorate.query(on: app.db).first())
            let duplicate = try await Self.post(app, "/api/v1/directorates", #"{"name": "\#(existing.name)"}"#, token: token)
            #expect(duplicate.status == .conflict)
            #expect(try Self.fieldErrors(duplicate)["name"]?.contains("already exists") == true)
            let orphan = try await Self.post(app, "/api/v1/divisions", #"{"directorateId": "\#(UUID())", "name": "Nowhere"}"#, token: token)
            #expect(orphan.status == .conflict)
        }
    }

    @Test(arguments: [
        (HTTPMethod.TRACE, "/api/v1/directorates", "GET, HEAD, POST"),
        (.PUT, "/api/v1/directorates", "GET, HEAD, POST"),
        (.DELETE, "/api/v1/services/6f1d3e0a-0000-4000-8000-000000000001", "GET, HEAD, PATCH"),
        (.POST, "/api/v1/objectives", "GET, HEAD"),
        (.DELETE, "/manage/pledges/new", "GET, HEAD, POST"),
        (.PUT, "/healthz", "GET, HEAD"),
    ])
    func aMethodThePathDoesNotAnswerIs405WithAllow(method: HTTPMethod, path: String, allow: String) async throws {
        try await withDemoApp { app, _ in
            let response = try await app.testing().sendRequest(method, path)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers.first(name: "Allow") == allow)
            #expect(try await app.testing().sendRequest(.GET, "/no/such/page").status == .notFound)
        }
    }

    /// The OpenAPI `pattern` and the server's own check agree on every code point tried.
    @Test(arguments: [true, false])
    func theDocumentsPatternIsTheServersRule(singleLine: Bool) throws {
        let regex = try NSRegularExpression(pattern: TextRules.pattern(singleLine: singleLine, nonBlank: false))
        // Every boundary of the rules, and a little either side of each.
        var scalars = (0...0x300).compactMap(Unicode.Scalar.init)
        for range in [0x1670...0x1690, 0x1FF0...0x2070, 0x3000...0x3010, 0xFDC0...0xFDFF, 0xFFF0...0xFFFF] {
            scalars += range.compactMap(Unicode.Scalar.init)
        }
        scalars += (1...16).flatMap { plane in [0xFFFD, 0xFFFE, 0xFFFF].compactMap { Unicode.Scalar(UInt32(plane << 16 | $0)) } }
        for scalar in scalars {
            let text = "a" + String(Character(scalar)) + "a"
            let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(matches == !TextRules.isForbidden(scalar, singleLine: singleLine), "U+\(String(scalar.value, radix: 16)) singleLine=\(singleLine)")
        }
    }

    @Test func aFormRefusesHostileTextBesideTheFieldAndKeepsTheRest() async throws {
        try await withDemoApp { app, _ in
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/directorates/new")
            let response = try await officer.post("/manage/directorates/new", ["name": "Bad\u{86}name", "position": "7"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("id=\"name-error\""))
            #expect(response.text.contains("Name must not contain control characters"))
            #expect(response.text.contains("value=\"7\""), "what was typed in the other field is kept")
            #expect(!response.text.unicodeScalars.contains { $0.value == 0x86 }, "the refused text is not sent back as it was")
        }
    }

    @Test func idsInPagesAreUniqueWhateverTheData() async throws {
        try await withDemoApp { app, _ in
            for division in try await Division.query(on: app.db).all() {
                division.position = 1
                try await saveFixture(division, on: app.db)
            }
            let page = try await Browser(app).get("/services").text
            let ids = page.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
            #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys)")
        }
    }

    @Test func aServerErrorShowsARequestIDAndNotItsDetail() async throws {
        struct Secret: Error, CustomStringConvertible { var description: String { "password=hunter2 at /srv/partnering" } }
        try await withDemoApp { app, _ in
            app.get("api", "v1", "boom") { _ -> String in throw Secret() }
            app.get("boom") { _ -> String in throw Secret() }
            for path in ["/api/v1/boom", "/boom"] {
                let response = try await app.testing().sendRequest(.GET, path, headers: ["X-Request-Id": "req-1234"])
                #expect(response.status == .internalServerError)
                #expect(!response.text.contains("hunter2"), "\(path) leaked the error")
                #expect(response.text.contains("req-1234"), "\(path) names the request id")
            }
        }
    }

    /// Thirty at once: every new record gets its own position, and thirty of one title make one
    /// record and twenty-nine conflicts, never a server error.
    @Test func concurrentCreatesNeitherCollideNorFail() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            let distinct = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<30 {
                    group.addTask { try await Self.post(app, "/api/v1/pledges", #"{"title": "Pledge \#(i)"}"#, token: token).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(distinct.allSatisfy { $0 == .created }, "\(distinct)")
            let positions = try await Pledge.query(on: app.db).all().map(\.position)
            #expect(Set(positions).count == positions.count, "duplicate positions: \(positions.sorted())")

            let same = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await Self.post(app, "/api/v1/pledges", #"{"title": "One title"}"#, token: token).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(same.filter { $0 == .created }.count == 1)
            #expect(same.filter { $0 == .conflict }.count == 29, "\(same)")
        }
    }
}
