@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Files uploaded through the API, from the outside: checked as a page's are, kept once, named
/// in answers only by the organisation that uploaded them; each organisation's uploads within
/// its quota; and files no answer names let go a day after their last upload.
@Suite("Uploads")
struct UploadsTests {
    static func upload(_ app: Application, _ exercise: UUID, _ headers: HTTPHeaders, name: String?, _ bytes: [UInt8]) async throws -> TestingHTTPResponse {
        var headers = headers
        headers.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
        let query = name.map { "?name=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return try await app.testing().sendRequest(.POST, "/api/v1/exercises/\(exercise.uuidString.lowercased())/response/files\(query)",
                                                   headers: headers, body: ByteBuffer(bytes: bytes))
    }

    struct Uploaded: Decodable, Equatable { var sha256: String; var name: String; var size: Int; var type: String }

    /// Saves the file section through the API, at its current version, with its required answers
    /// and `file` as the file question's answer (none: the file removed).
    static func nameInSection(_ app: Application, _ headers: HTTPHeaders, file: [String: Any]?) async throws -> TestingHTTPResponse {
        let e = try await ResponsesTests.exercise(app)
        let (s, q) = try await AttachmentsTests.fileSection(app)
        var answers: [String: Any] = [:]
        if let file { answers[q.id.uuidString.lowercased()] = file }
        for q in s.questions where q.required && q.kind != .file { answers[q.id.uuidString.lowercased()] = ResponsesTests.answer(q)[Answers.field(q)]! }
        struct Own: Decodable { struct Section: Decodable { var id: UUID; var version: Int }; var sections: [Section] }
        let own = try await ResponsesAPITests.send(app, .GET, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response", headers)
        let current = try JSONDecoder().decode(Own.self, from: own.body).sections.first { $0.id == s.id }?.version ?? 0
        return try await ResponsesAPITests.send(app, .PUT, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response/sections/\(s.id.uuidString.lowercased())",
                                                headers, ["version": current, "answers": answers])
    }

    @Test func aFileUploadedThroughTheAPIIsCheckedKeptOnceAndNamedInAnAnswer() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let headers = try await ResponsesAPITests.supplierHeaders(app, clock)
            let bytes = FileCheckTests.pdf + Array("more words".utf8)
            let made = try await Self.upload(app, e.id!, headers, name: "Outline proposal.pdf", bytes)
            #expect(made.status == .created, "\(made.text)")
            let file = try JSONDecoder().decode(Uploaded.self, from: made.body)
            #expect(file == Uploaded(sha256: AttachmentsTests.sha(bytes), name: "Outline proposal.pdf", size: bytes.count, type: "pdf"))
            #expect(try await StoredFileRecord.find(file.sha256, on: app.db)?.size == bytes.count)
            // The same bytes again: kept once.
            #expect(try await Self.upload(app, e.id!, headers, name: "Outline proposal.pdf", bytes).status == .created)
            #expect(try await StoredFileRecord.query(on: app.db).count() == 1)
            #expect(try await FileChunk.query(on: app.db).count() == 1)

            // Named in the file question's answer, as the upload returned it.
            let named = try await Self.nameInSection(app, headers, file: ["sha256": file.sha256, "name": file.name, "size": file.size, "type": file.type])
            #expect(named.status == .ok && named.plain.contains(file.sha256), "\(named.text)")

            // Refused, each beside its field, and nothing kept.
            // A name the schema does not take: 422 naming it, before any byte is read.
            for (name, message) in [
                (nil, "Required"), ("", "Required"), ("run.exe", "not accepted"), ("plan", "not accepted"), ("../up.pdf", "cannot be used"),
                ("bell\u{07}.pdf", "cannot be used"), (" lead.pdf", "cannot be used"), ("say \"hi\".pdf", "cannot be used"),
                (String(repeating: "x", count: 197) + ".pdf", "cannot be used"),
            ] as [(String?, String)] {
                let refused = try await Self.upload(app, e.id!, headers, name: name, bytes)
                #expect(refused.status == .unprocessableEntity && refused.plain.contains("\"field\":\"name\"") && refused.text.contains(message),
                        "\(name ?? "nil"): \(refused.status) \(refused.text)")
            }
            // Content that is not what the name says: 415, saying why.
            for (name, body, message) in [
                ("fake.pdf", Array("not a pdf at all".utf8), "This is not a PDF"),
                ("renamed.DOCX", try FileCheckTests.zip([("x.txt", "x")]), "lacks the parts"),
                ("notes.txt", [0x66, 0x00, 0x67], "must be UTF-8 text"),
                ("empty.pdf", [], "empty"),
            ] as [(String, [UInt8], String)] {
                let refused = try await Self.upload(app, e.id!, headers, name: name, body)
                #expect(refused.status == .unsupportedMediaType && refused.text.contains(message), "\(name): \(refused.status) \(refused.text)")
            }
            // The longest name, and an extension in capitals, are taken.
            #expect(try await Self.upload(app, e.id!, headers, name: String(repeating: "x", count: 196) + ".PDF", bytes).status == .created)
            app.settings.attachmentLimit = 1024
            let large = try await Self.upload(app, e.id!, headers, name: "large.pdf", FileCheckTests.pdf + [UInt8](repeating: 0x20, count: 4096))
            #expect(large.status == .payloadTooLarge && large.text.contains("The file is larger than"), "\(large.text)")
            app.settings.attachmentLimit = 25 * 1024 * 1024
            #expect(try await StoredFileRecord.query(on: app.db).count() == 1)
            #expect(try await FileChunk.query(on: app.db).count() == 1)
        }
    }

    @Test func onlyTheUploadingOrganisationNamesItsFileAndOnlyWhileTheExerciseIsOpen() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let headers = try await ResponsesAPITests.supplierHeaders(app, clock)
            let made = try await Self.upload(app, e.id!, headers, name: "ours.pdf", FileCheckTests.pdf)
            let file = try JSONDecoder().decode(Uploaded.self, from: made.body)
            let answer: [String: Any] = ["sha256": file.sha256, "name": file.name, "size": file.size, "type": file.type]

            // Another organisation knows the hash: it still cannot name the file.
            _ = try await AttachmentsTests.rival(app, clock)
            let rival = try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first())
            let rivalHeaders = try await ResponsesAPITests.token(app, for: rival, at: clock.now())
            let lent = try await Self.nameInSection(app, rivalHeaders, file: answer)
            #expect(lent.status == .conflict && lent.text.contains("holds no such file"), "\(lent.text)")
            // A colleague (a contributor) uploads and names files too.
            let ownerID = try #require(try await User.query(on: app.db).filter(\.$email == Browser.email(for: .supplierUser)).first()?.organisationID)
            let organisation = try #require(try await SupplierOrganisation.find(ownerID, on: app.db))
            let contributor = try await supplierFixture(app, email: "colleague@supplier.example", password: "colleague password", role: .contributor,
                                                        organisation: organisation, at: clock.now())
            let colleague = try await ResponsesAPITests.token(app, for: contributor, at: clock.now())
            #expect(try await Self.upload(app, e.id!, colleague, name: "theirs.txt", Array("a note\n".utf8)).status == .created)
            #expect(try await Self.nameInSection(app, colleague, file: answer).status == .ok)

            // No one else uploads: the council's roles, anonymous, a bad token, a guessed exercise.
            for role in [Role.officer, .administrator, .evaluator] {
                let user = try #require(try await User.query(on: app.db).filter(\.$role == role).first())
                let h = try await ResponsesAPITests.token(app, for: user, at: clock.now())
                #expect(try await Self.upload(app, e.id!, h, name: "x.pdf", FileCheckTests.pdf).status == .forbidden, "\(role)")
            }
            #expect(try await Self.upload(app, e.id!, HTTPHeaders(), name: "x.pdf", FileCheckTests.pdf).status == .unauthorized)
            var forged = HTTPHeaders()
            forged.bearerAuthorization = .init(token: "pt_not-a-token")
            #expect(try await Self.upload(app, e.id!, forged, name: "x.pdf", FileCheckTests.pdf).status == .unauthorized)
            #expect(try await Self.upload(app, UUID(), headers, name: "x.pdf", FileCheckTests.pdf).status == .notFound)

            // At the deadline: refused, nothing stored.
            let before = try await FileChunk.query(on: app.db).count()
            clock.set(e.responseDeadline!)
            let late = try await Self.upload(app, e.id!, headers, name: "late.pdf", FileCheckTests.pdf + [0x20])
            #expect(late.status == .conflict && late.text.contains("has passed"), "\(late.text)")
            #expect(try await FileChunk.query(on: app.db).count() == before)
        }
    }

    /// The same bytes are kept once for everyone; what each organisation holds is its own. Once
    /// its upload's day is over, an organisation whose answers do not name the file no longer
    /// holds it, even while another's answers keep the file: naming it then tells it nothing
    /// about anyone else.
    @Test func whatAnOrganisationHoldsIsItsOwnThoughTheBytesAreKeptOnce() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let ours = try await ResponsesAPITests.supplierHeaders(app, clock)
            let bytes = FileCheckTests.pdf + Array("shared".utf8)
            let made = try JSONDecoder().decode(Uploaded.self, from: try await Self.upload(app, e.id!, ours, name: "shared.pdf", bytes).body)
            let answer: [String: Any] = ["sha256": made.sha256, "name": made.name, "size": made.size, "type": made.type]
            #expect(try await Self.nameInSection(app, ours, file: answer).status == .ok)
            _ = try await AttachmentsTests.rival(app, clock)
            let rival = try await ResponsesAPITests.token(app, for: try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first()), at: clock.now())
            #expect(try await Self.upload(app, e.id!, rival, name: "same.pdf", bytes).status == .created)
            #expect(try await StoredFileRecord.query(on: app.db).count() == 1)
            let rivalOrganisation = try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first()?.organisationID)
            #expect(try await FileLedger.used(by: rivalOrganisation, on: app.db) == bytes.count)
            // A day on, unnamed by the rival: its hold goes, the file stays (ours names it).
            try await FileSweep.run(app, now: clock.now().addingTimeInterval(FileSweep.grace + 60))
            #expect(try await StoredFileRecord.find(made.sha256, on: app.db) != nil)
            #expect(try await FileLedger.used(by: rivalOrganisation, on: app.db) == 0)
            let late = try await Self.nameInSection(app, rival, file: answer)
            #expect(late.status == .conflict && late.text.contains("holds no such file"), "\(late.text)")
            // A file checked as one kind is not named as another.
            let docx = try JSONDecoder().decode(Uploaded.self, from: try await Self.upload(app, e.id!, ours, name: "plan.docx", FileCheckTests.docx).body)
            let renamed: [String: Any] = ["sha256": docx.sha256, "name": "plan.odt", "size": docx.size, "type": "odt"]
            let refused = try await Self.nameInSection(app, ours, file: renamed)
            #expect(refused.status == .conflict && refused.text.contains("holds no such file"), "\(refused.text)")
        }
    }

    /// A form shown back with a chosen file, left open past the day: the file has been let go,
    /// and saving the form says so beside the question rather than dropping it silently.
    @Test func aFileChosenOnAFormLeftOpenForADayIsAskedForAgain() async throws {
        try await withDemoApp { app, clock in
            let (s, q) = try await AttachmentsTests.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            let (field, value) = try await AttachmentsTests.keptField(b, s, q, name: "chosen.pdf", FileCheckTests.pdf + [0x0A], note: "Kept in the form")
            #expect(try await FileSweep.run(app, now: clock.now().addingTimeInterval(FileSweep.grace + 60)).files == 1)
            var again = AttachmentsTests.answers(s, note: "Saved a day later")
            again[field] = value
            let saved = try await b.postMultipart(AttachmentsTests.path(s), again)
            #expect(saved.status == .unprocessableEntity && saved.text.contains("The file chosen before is no longer held"), "\(saved.status)")
            let row = try #require(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first())
            #expect(row.answers.values.contains(.text("Saved a day later")) && row.answers[q.id] == nil)
        }
    }

    @Test func anOrganisationsUploadsStayWithinItsQuotaOnPagesAndInTheAPI() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let headers = try await ResponsesAPITests.supplierHeaders(app, clock)
            let first = FileCheckTests.pdf + [UInt8](repeating: 0x20, count: 600), second = FileCheckTests.pdf + [UInt8](repeating: 0x0A, count: 600)
            app.settings.organisationFileQuota = first.count + 100
            #expect(try await Self.upload(app, e.id!, headers, name: "first.pdf", first).status == .created)
            // The same bytes again take no more room.
            #expect(try await Self.upload(app, e.id!, headers, name: "again.pdf", first).status == .created)
            let over = try await Self.upload(app, e.id!, headers, name: "second.pdf", second)
            #expect(over.status == .conflict && over.text.contains("it may keep"), "\(over.text)")
            // At its quota already, an upload is refused before any byte is stored.
            app.settings.organisationFileQuota = first.count
            let chunks = try await FileChunk.query(on: app.db).count()
            let full = try await Self.upload(app, e.id!, headers, name: "third.pdf", FileCheckTests.pdf + [0x0A])
            #expect(full.status == .conflict && full.text.contains("it may keep"), "\(full.text)")
            #expect(try await FileChunk.query(on: app.db).count() == chunks)
            app.settings.organisationFileQuota = first.count + 100
            #expect(try await StoredFileRecord.find(AttachmentsTests.sha(second), on: app.db) == nil)
            // On the section's page, beside the field, the other answers saved.
            let (s, q) = try await AttachmentsTests.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            try await b.get(AttachmentsTests.path(s))
            let page = try await b.postMultipart(AttachmentsTests.path(s), AttachmentsTests.answers(s, note: "Saved without the file"),
                                                 files: [(Answers.field(q), "second.pdf", second)])
            #expect(page.status == .unprocessableEntity && page.text.contains("it may keep"), "\(page.status)")
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.answers.values.contains(.text("Saved without the file")) == true)
            // Another organisation's room is its own.
            _ = try await AttachmentsTests.rival(app, clock)
            let rival = try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first())
            #expect(try await Self.upload(app, e.id!, try await ResponsesAPITests.token(app, for: rival, at: clock.now()), name: "second.pdf", second).status == .created)
            // Once the sweep lets go of the unnamed first file, there is room again.
            try await FileSweep.run(app, now: clock.now().addingTimeInterval(FileSweep.grace + 1))
            #expect(try await Self.upload(app, e.id!, headers, name: "second.pdf", second).status == .created)
        }
    }

    @Test func theSweepLetsGoOfFilesNoAnswerNamesADayAfterTheirLastUpload() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let headers = try await ResponsesAPITests.supplierHeaders(app, clock)
            let named = FileCheckTests.pdf + Array("named".utf8), loose = FileCheckTests.pdf + Array("loose".utf8)
            let made = try JSONDecoder().decode(Uploaded.self, from: try await Self.upload(app, e.id!, headers, name: "named.pdf", named).body)
            #expect(try await Self.nameInSection(app, headers, file: ["sha256": made.sha256, "name": made.name, "size": made.size, "type": made.type]).status == .ok)
            #expect(try await Self.upload(app, e.id!, headers, name: "loose.pdf", loose).status == .created)
            // An upload that never finished (a connection lost): chunks of no kept file.
            let unfinished = app.files.begin(limit: 10 * DatabaseFileStore.chunkSize)
            try await unfinished.append(ByteBuffer(bytes: [UInt8](repeating: 0x41, count: DatabaseFileStore.chunkSize + 1)))
            #expect(try await FileChunk.query(on: app.db).count() == 3)

            // Within the day: nothing goes.
            #expect(try await FileSweep.run(app, now: clock.now().addingTimeInterval(FileSweep.grace - 60)) == FileSweep.Result())
            // After it: the loose file and the unfinished upload's chunk; the named file stays.
            let swept = try await FileSweep.run(app, now: clock.now().addingTimeInterval(FileSweep.grace + 60))
            #expect(swept == FileSweep.Result(files: 1, bytes: loose.count, ledgerRows: 1, abandonedChunks: 1))
            #expect(try await StoredFileRecord.find(AttachmentsTests.sha(loose), on: app.db) == nil)
            #expect(try await StoredFileRecord.find(made.sha256, on: app.db) != nil)
            #expect(try await FileChunk.query(on: app.db).count() == 1)
            // Submitted copies name files too: submit, clear the answer, sweep again, the file stays.
            var submitting = headers
            submitting.replaceOrAdd(name: "Idempotency-Key", value: "with-file")
            let content = try await ResponsesTests.content(app)
            var all = ResponsesAPITests.allAnswers(content)
            let (_, q) = try await AttachmentsTests.fileSection(app)
            all[q.id.uuidString.lowercased()] = ["sha256": made.sha256, "name": made.name, "size": made.size, "type": made.type]
            let submitted = try await ResponsesAPITests.send(app, .POST, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response/submissions", submitting, ["answers": all])
            #expect(submitted.status == .created, "\(submitted.text)")
            let cleared = try await Self.nameInSection(app, headers, file: nil)
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(try await ResponseSection.query(on: app.db).all().allSatisfy { $0.answers[q.id] == nil })
            #expect(try await FileSweep.run(app, now: clock.now().addingTimeInterval(3 * FileSweep.grace)).files == 0)
            #expect(try await StoredFileRecord.find(made.sha256, on: app.db) != nil)

            // Naming a file the sweep let go: refused in the writing transaction, not saved naming nothing.
            let (s, fileQuestion) = try await AttachmentsTests.fileSection(app)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == Browser.email(for: .supplierUser)).first())
            var form: [String: String] = ["version": String(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.version ?? 0)]
            for q in s.questions where q.required && q.kind != .file { form.merge(ResponsesTests.answer(q)) { a, _ in a } }
            let gone = FileAnswer(sha256: AttachmentsTests.sha(loose), name: "loose.pdf", size: loose.count, type: "pdf")
            let req = Request(application: app, on: app.eventLoopGroup.next())
            await #expect(throws: ValidationFailure.self) {
                _ = try await ResponseWrites.saveSection(e, section: s, input: FormInput(form), files: [fileQuestion.id: .set(gone)], user: user, on: req)
            }
        }
    }
}
