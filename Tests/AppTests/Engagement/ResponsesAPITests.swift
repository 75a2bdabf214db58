@testable import App
import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The organisation's own response through the API: the same rules as the pages, read strictly,
/// and a submission once per `Idempotency-Key`.
@Suite("Responses API")
struct ResponsesAPITests {
    static func token(_ app: Application, for user: User, at now: Date) async throws -> HTTPHeaders {
        let token = Secrets.token(prefix: "pt_")
        try await saveFixture(APIToken(userID: user.id!, name: "api test", tokenHash: Secrets.sha256(token), createdAt: now), on: app.db)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        headers.contentType = .json
        return headers
    }

    static func supplierHeaders(_ app: Application, _ clock: TestClock) async throws -> HTTPHeaders {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == Browser.email(for: .supplierUser)).first())
        return try await token(app, for: user, at: clock.now())
    }

    /// A valid answer to every required question, as the API takes it.
    static func allAnswers(_ content: QuestionnaireContent) -> [String: Any] {
        var out: [String: Any] = [:]
        for q in content.questions where q.required {
            let id = q.id.uuidString.lowercased()
            switch q.kind {
            case .multipleChoice: out[id] = [q.options[0]]
            case .file: break
            default: out[id] = ResponsesTests.answer(q)[Answers.field(q)]!
            }
        }
        return out
    }

    /// Members sorted the other way round from how `JSONSerialization` sorts them.
    static func canonical(_ object: [String: Any]) throws -> String {
        let members = try object.sorted { $0.key > $1.key }.map { key, value in
            "\"\(key)\":" + String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    static func send(_ app: Application, _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ body: [String: Any]? = nil,
                     raw: String? = nil) async throws -> TestingHTTPResponse {
        let buffer = try raw.map { ByteBuffer(string: $0) } ?? body.map(json)
        return try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
    }

    @Test func aSectionIsSavedAtItsVersionAndReadStrictly() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app), content = try await ResponsesTests.content(app)
            let headers = try await Self.supplierHeaders(app, clock)
            let base = "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response"
            let fresh = try await Self.send(app, .GET, base, headers)
            #expect(fresh.status == .ok && fresh.text.contains("\"status\":\"not-started\""))

            let s = content.sections[0]
            let path = "\(base)/sections/\(s.id.uuidString.lowercased())"
            var answers: [String: Any] = [:]
            for q in s.questions where q.required { answers[q.id.uuidString.lowercased()] = q.kind == .multipleChoice ? [q.options[0]] : ResponsesTests.answer(q)[Answers.field(q)]! }
            let saved = try await Self.send(app, .PUT, path, headers, ["version": 0, "answers": answers])
            #expect(saved.status == .ok && saved.text.contains("\"version\":1"), "\(saved.text)")
            // A colleague's save since: refused, not overwritten.
            let stale = try await Self.send(app, .PUT, path, headers, ["version": 0, "answers": answers])
            #expect(stale.status == .conflict)

            // Breaking the schema: 422, each field named.
            let q = s.questions.first { $0.kind == .longText }!
            let key = q.id.uuidString.lowercased()
            for (body, field) in [
                (["version": "1", "answers": answers] as [String: Any], "version"),
                (["version": 1, "answers": [key: [1, 2]]], "answers/\(key)"),
                (["version": 1, "answers": [key: "bell \u{07}"]], "answers/\(key)"),
                (["version": 1, "answers": ["not-a-uuid": "x"]], "answers/not-a-uuid"),
                (["version": 1, "answers": answers, "extra": true], "extra"),
            ] {
                let refused = try await Self.send(app, .PUT, path, headers, body)
                #expect(refused.status == .unprocessableEntity && refused.plain.contains("\"field\":\"\(field)\""), "\(field): \(refused.text)")
            }
            #expect(try await Self.send(app, .PUT, path, headers, raw: "[1]").status == .badRequest)
            // Valid JSON that the questionnaire does not take: a conflict with it, named.
            let unknown = UUID().uuidString.lowercased()
            let conflict = try await Self.send(app, .PUT, path, headers, ["version": 1, "answers": [unknown: "x"]])
            #expect(conflict.status == .conflict && conflict.plain.contains("answers/\(unknown)"))
            if let choice = s.questions.first(where: { $0.kind == .singleChoice }) {
                let notOffered = try await Self.send(app, .PUT, path, headers, ["version": 1, "answers": [choice.id.uuidString.lowercased(): "Not an option"]])
                #expect(notOffered.status == .conflict && notOffered.plain.contains("answers/\(choice.id.uuidString.lowercased())"), "\(notOffered.text)")
            }
            #expect(try await ResponseSection.query(on: app.db).first()?.version == 1, "nothing refused was saved")
            let read = try await Self.send(app, .GET, base, headers)
            #expect(read.text.contains("\"status\":\"draft\"") && read.plain.contains(s.id.uuidString.lowercased()))
        }
    }

    @Test func aSubmissionIsOncePerIdempotencyKeyAndItsReceiptVerifies() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app), content = try await ResponsesTests.content(app)
            var headers = try await Self.supplierHeaders(app, clock)
            let path = "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response/submissions"
            let body: [String: Any] = ["answers": Self.allAnswers(content)]
            #expect(try await Self.send(app, .POST, path, headers, body).status == .unprocessableEntity, "no Idempotency-Key")
            headers.replaceOrAdd(name: "Idempotency-Key", value: "rush-1")
            // Incomplete: a conflict naming each required question.
            let incomplete = try await Self.send(app, .POST, path, headers, ["answers": [:] as [String: Any]])
            #expect(incomplete.status == .conflict && incomplete.text.contains("Required: not answered"))
            #expect(try await Submission.query(on: app.db).count() == 0)

            let first = try await Self.send(app, .POST, path, headers, body)
            #expect(first.status == .created, "\(first.text)")
            struct Receipt: Decodable { var number: Int; var receipt: String; var sha256: String; var copy: String }
            let receipt = try JSONDecoder().decode(Receipt.self, from: first.body)
            #expect(SHA256.hash(data: Data(receipt.copy.utf8)).map { String(format: "%02x", $0) }.joined() == receipt.sha256)
            // A retry with the same key: the same receipt, nothing new.
            let retry = try await Self.send(app, .POST, path, headers, body)
            #expect(retry.status == .created && retry.headers.first(name: "Idempotent-Replayed") == "true")
            let again = try JSONDecoder().decode(Receipt.self, from: retry.body)
            #expect(again.receipt == receipt.receipt)
            // The same body spaced and ordered otherwise is the same request; another body is not.
            let respaced = try await Self.send(app, .POST, path, headers, raw: " {\n \"answers\" : " + (try Self.canonical(Self.allAnswers(content))) + " } ")
            #expect(respaced.status == .created && respaced.headers.first(name: "Idempotent-Replayed") == "true", "\(respaced.text)")
            var other = Self.allAnswers(content)
            let changed = try #require(content.questions.first { $0.kind == .longText && $0.required })
            other[changed.id.uuidString.lowercased()] = "A different answer"
            let reused = try await Self.send(app, .POST, path, headers, ["answers": other])
            #expect(reused.status == .conflict && reused.plain.contains("\"field\":\"idempotency-key\"") && reused.text.contains("different body"), "\(reused.text)")
            // The receipt is a resource of its own, where the answer's Location says.
            let location = try #require(first.headers.first(name: .location))
            #expect(location == "\(path)/1" && retry.headers.first(name: .location) == location)
            let read = try await Self.send(app, .GET, location, headers)
            #expect(read.status == .ok)
            let stored = try JSONDecoder().decode(Receipt.self, from: read.body)
            #expect(stored.receipt == receipt.receipt && stored.sha256 == receipt.sha256 && stored.copy == receipt.copy)
            for missing in ["2", "0", "01x", "99999999999", "-1"] {
                #expect(try await Self.send(app, .GET, "\(path)/\(missing)", headers).status == .notFound, "\(missing)")
            }
            #expect(try await Submission.query(on: app.db).count() == 1)
            // A new key: a resubmission.
            headers.replaceOrAdd(name: "Idempotency-Key", value: "rush-2")
            let second = try await Self.send(app, .POST, path, headers, ["answers": Self.allAnswers(content)])
            let secondNumber = try JSONDecoder().decode(Receipt.self, from: second.body).number
            #expect(second.status == .created && secondNumber == 2)
            // The trail: each section row written has its event with its version before and after
            // (its subject the row, as when a section is saved on its page), the response and each
            // submission theirs; none holds an answer (administrators read the trail while sealed).
            let responseID = try #require(try await EngagementResponse.query(on: app.db).first()?.id)
            let rows = try await ResponseSection.query(on: app.db).filter(\.$response.$id == responseID).all()
            #expect(rows.count == content.sections.count)
            for row in rows {
                let saves = try await AuditEvent.query(on: app.db).filter(\.$action == "response-section.save")
                    .filter(\.$subjectID == row.id!.uuidString.lowercased()).all()
                    .map { try JSONDecoder().decode([String: FieldChange].self, from: Data($0.changes.utf8)) }
                // The tests' clock stands still: the two events share a time, so they are compared as a set.
                #expect(row.version == 2 && saves.count == 2)
                #expect(saves.contains(["version": FieldChange(before: "1", after: "2")]))
                #expect(saves.contains(["response": FieldChange(before: nil, after: responseID.uuidString.lowercased()),
                                        "section": FieldChange(before: nil, after: row.sectionID.uuidString.lowercased()),
                                        "version": FieldChange(before: nil, after: "1")]))
            }
            let submitEvents = try await AuditEvent.query(on: app.db).filter(\.$action == "response.submit")
                .filter(\.$subjectID == responseID.uuidString.lowercased()).count()
            #expect(submitEvents == 2)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "submission.create").count() == 2)
            let trail = try await AuditEvent.query(on: app.db).all().map(\.changes).joined()
            let given = Self.allAnswers(content)
            let written = content.questions.filter { $0.kind == .longText }.compactMap { given[$0.id.uuidString.lowercased()] as? String }
            #expect(!written.isEmpty && !written.contains { trail.contains($0) })
            // The same as the pages show.
            let b = try await ResponsesTests.supplier(app)
            #expect(try await b.get("/notices/\(ResponsesTests.reference)/response").text.contains("\(ResponsesTests.reference)-0001-2"))

            // At the deadline: refused.
            clock.set(e.responseDeadline!)
            headers.replaceOrAdd(name: "Idempotency-Key", value: "rush-3")
            let late = try await Self.send(app, .POST, path, headers, body)
            #expect(late.status == .conflict && late.text.contains("has passed"))
            // A retry of an acknowledged submission still returns its receipt after the deadline.
            headers.replaceOrAdd(name: "Idempotency-Key", value: "rush-2")
            #expect(try await Self.send(app, .POST, path, headers, body).status == .created)
        }
    }

    @Test func onlyTheOrganisationsAdministratorsSubmitAndNoOneElseReadsIt() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app), content = try await ResponsesTests.content(app)
            let base = "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response"
            var supplier = try await Self.supplierHeaders(app, clock)
            supplier.replaceOrAdd(name: "Idempotency-Key", value: "k")
            #expect(try await Self.send(app, .POST, "\(base)/submissions", supplier, ["answers": Self.allAnswers(content)]).status == .created)

            let organisation = try #require(try await SupplierOrganisation.query(on: app.db).first())
            let contributor = try await supplierFixture(app, email: "contributor@supplier.example", password: "contributor password",
                                                        role: .contributor, organisation: organisation, at: clock.now())
            var asContributor = try await Self.token(app, for: contributor, at: clock.now())
            asContributor.replaceOrAdd(name: "Idempotency-Key", value: "c")
            #expect(try await Self.send(app, .POST, "\(base)/submissions", asContributor, [:]).status == .forbidden)
            #expect(try await Self.send(app, .GET, base, asContributor).text.contains("\"status\":\"submitted\""), "a colleague reads it")

            #expect(try await Self.send(app, .GET, "\(base)/submissions/1", asContributor).status == .ok, "a colleague reads the receipt")
            for role in [Role.officer, .administrator, .evaluator] {
                let user = try #require(try await User.query(on: app.db).filter(\.$role == role).first())
                var headers = try await Self.token(app, for: user, at: clock.now())
                headers.replaceOrAdd(name: "Idempotency-Key", value: "o")
                #expect(try await Self.send(app, .GET, base, headers).status == .forbidden, "\(role)")
                #expect(try await Self.send(app, .GET, "\(base)/submissions/1", headers).status == .forbidden, "\(role)")
                #expect(try await Self.send(app, .POST, "\(base)/submissions", headers, [:]).status == .forbidden, "\(role)")
            }
            #expect(try await Self.send(app, .GET, base, [:]).status == .unauthorized)
            // Another organisation sees only its own (nothing yet).
            let rival = try await AttachmentsTests.rival(app, clock)
            _ = rival
            let rivalUser = try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first())
            let theirs = try await Self.send(app, .GET, base, try await Self.token(app, for: rivalUser, at: clock.now()))
            #expect(theirs.status == .ok && theirs.text.contains("\"status\":\"not-started\"") && !theirs.text.contains("IRW-7731"))
            // Their receipt number 1 is not ours: they have none.
            #expect(try await Self.send(app, .GET, "\(base)/submissions/1", try await Self.token(app, for: rivalUser, at: clock.now())).status == .notFound)
            #expect(try await Self.send(app, .GET, "\(base)/submissions/1", [:]).status == .unauthorized)
            // A guessed exercise id names nothing.
            #expect(try await Self.send(app, .GET, "/api/v1/exercises/\(UUID().uuidString.lowercased())/response", supplier).status == .notFound)
        }
    }
}

extension TestingHTTPResponse {
    /// The body with JSON's escaped slashes unescaped, in lower case: for looking up ids and field names.
    var plain: String { text.replacingOccurrences(of: "\\/", with: "/").lowercased() }
}
