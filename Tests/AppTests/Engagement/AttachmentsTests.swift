@testable import App
import Crypto
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Files as answers, from the outside: attached with the section's other answers, checked by
/// content, refused without losing anything else, kept in the database in chunks, named in the
/// receipt by their SHA-256, and sealed like the answers until the responses are opened.
@Suite("Attachments")
struct AttachmentsTests {
    static let reference = ResponsesTests.reference

    static func fileSection(_ app: Application) async throws -> (QuestionnaireContent.Section, QuestionnaireContent.Question) {
        let content = try await ResponsesTests.content(app)
        let s = try #require(content.sections.first { $0.questions.contains { $0.kind == .file } })
        return (s, s.questions.first { $0.kind == .file }!)
    }

    /// A section's form sent with `name` chosen for `q` and a date that fails, so it is shown back
    /// with the chosen file carried in its hidden field: that field's name and value.
    static func keptField(_ b: Browser, _ s: QuestionnaireContent.Section, _ q: QuestionnaireContent.Question, name: String, _ bytes: [UInt8],
                          note: String = "x") async throws -> (field: String, value: String) {
        try await b.get(path(s))
        var bad = answers(s, note: note)
        if let date = s.questions.first(where: { $0.kind == .date }) { bad[Answers.field(date)] = "not a date" }
        let shown = try await b.postMultipart(path(s), bad, files: [(Answers.field(q), name, bytes)])
        let hidden = try #require(shown.text.firstMatch(of: /name="(q-[0-9a-f-]+-kept)" value="([^"]+)"/))
        return (String(hidden.1), String(hidden.2))
    }

    static func path(_ s: QuestionnaireContent.Section) -> String {
        "/notices/\(reference)/response/sections/\(s.id.uuidString.lowercased())"
    }

    static func sha(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    /// The section's required answers and one long-text answer to look for.
    static func answers(_ s: QuestionnaireContent.Section, note: String) -> [String: String] {
        var form: [String: String] = [:]
        for q in s.questions where q.required { form.merge(ResponsesTests.answer(q)) { a, _ in a } }
        if let extra = s.questions.first(where: { $0.kind == .longText && !$0.required }) { form[Answers.field(extra)] = note }
        return form
    }

    @Test func aFileIsAttachedWithTheOtherAnswersKeptInChunksAndDownloadedAsItWas() async throws {
        try await withDemoApp { app, _ in
            let (s, q) = try await Self.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            // Over two chunks, so that it is kept as three rows.
            let bytes = FileCheckTests.pdf + [UInt8](repeating: 0x20, count: DatabaseFileStore.chunkSize * 2 + 100)
            let page = try await b.get(Self.path(s))
            #expect(page.text.contains("enctype=\"multipart/form-data\"") && page.text.contains("type=\"file\""))
            let saved = try await b.postMultipart(Self.path(s), Self.answers(s, note: "Sent with a file"), files: [(Answers.field(q), "Outline proposal.pdf", bytes)])
            #expect(saved.status == .seeOther, "\(ResponsesTests.problems(saved.text))")
            let stored = try #require(try await StoredFileRecord.find(Self.sha(bytes), on: app.db))
            #expect(stored.size == bytes.count)
            #expect(try await FileChunk.query(on: app.db).filter(\.$blob == stored.blob).count() == 3)
            let section = try #require(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first())
            #expect(section.answers[q.id] == .file(FileAnswer(sha256: Self.sha(bytes), name: "Outline proposal.pdf", size: bytes.count, type: "pdf")))
            #expect(section.answers.values.contains(.text("Sent with a file")))

            // Shown on the section page, and downloaded byte for byte.
            let again = try await b.get(Self.path(s))
            #expect(again.text.contains("Outline proposal.pdf") && again.text.contains(Self.sha(bytes)))
            let download = try await b.get("/notices/\(Self.reference)/response/files/\(Self.sha(bytes))")
            #expect(download.status == .ok && download.headers.contentType?.description.hasPrefix("application/pdf") == true)
            #expect(Array(download.body.readableBytesView) == bytes)

            // Saving the section again without choosing a file keeps it; ticking "remove" removes it.
            #expect(try await b.postMultipart(Self.path(s), Self.answers(s, note: "Changed, file kept")).status == .seeOther)
            let kept = try #require(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first())
            #expect(kept.answers[q.id]?.file?.sha256 == Self.sha(bytes))
            try await b.get(Self.path(s))
            var removing = Self.answers(s, note: "File removed")
            removing[Answers.field(q) + "-remove"] = "yes"
            #expect(try await b.post(Self.path(s), removing).status == .seeOther)
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.answers[q.id] == nil)
        }
    }

    @Test func aRefusedFileIsToldBesideItsQuestionAndLosesNothingElse() async throws {
        try await withDemoApp { app, _ in
            let (s, q) = try await Self.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            try await b.get(Self.path(s))
            #expect(try await b.postMultipart(Self.path(s), Self.answers(s, note: "First"), files: [(Answers.field(q), "first.odt", FileCheckTests.odt)]).status == .seeOther)

            let disguises: [(String, [UInt8], String)] = [
                ("proposal.docx", try FileCheckTests.zip([("x.txt", "x")]), "lacks the parts"),
                ("proposal.pdf", FileCheckTests.program, "not a PDF"),
                ("setup.exe", FileCheckTests.program, "This kind of file is not accepted"),
                ("notes.txt", [0x63, 0x61, 0x66, 0xE9], "UTF-8"),
            ]
            for (i, (name, bytes, message)) in disguises.enumerated() {
                try await b.get(Self.path(s))
                let note = "Typed with a bad file \(i)"
                let refused = try await b.postMultipart(Self.path(s), Self.answers(s, note: note), files: [(Answers.field(q), name, bytes)])
                #expect(refused.status == .unprocessableEntity && refused.text.contains(message), "\(name): \(ResponsesTests.problems(refused.text))")
                #expect(refused.text.contains("Your other answers in this section were saved"))
                let row = try #require(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first())
                #expect(row.answers.values.contains(.text(note)), "the other answers are saved")
                #expect(row.answers[q.id]?.file?.name == "first.odt", "the earlier file stays")
            }
            // Nothing of the refused files is kept.
            #expect(try await StoredFileRecord.query(on: app.db).count() == 1)
            #expect(try await FileChunk.query(on: app.db).count() == 1)

            // Over the limit: refused as it streams, the same way.
            app.settings.attachmentLimit = 1024
            try await b.get(Self.path(s))
            let large = try await b.postMultipart(Self.path(s), Self.answers(s, note: "With a large file"),
                                                  files: [(Answers.field(q), "large.pdf", FileCheckTests.pdf + [UInt8](repeating: 0x20, count: 4096))])
            #expect(large.status == .unprocessableEntity && large.text.contains("The file is larger than"))
            #expect(try await FileChunk.query(on: app.db).count() == 1)

            // A text answer wrong as well: nothing saved, the typed answers and the good file kept in the form.
            app.settings.attachmentLimit = 25 * 1024 * 1024
            try await b.get(Self.path(s))
            var bad = Self.answers(s, note: "Kept in the form")
            if let date = s.questions.first(where: { $0.kind == .date }) { bad[Answers.field(date)] = "not a date" }
            let invalid = try await b.postMultipart(Self.path(s), bad, files: [(Answers.field(q), "second.pdf", FileCheckTests.pdf)])
            #expect(invalid.status == .unprocessableEntity && invalid.text.contains("Kept in the form") && invalid.text.contains("Chosen, not yet saved"))
            let hidden = try #require(invalid.text.firstMatch(of: /name="(q-[0-9a-f-]+-kept)" value="([^"]+)"/))
            var fixed = Self.answers(s, note: "Now saved with the second file")
            fixed[String(hidden.1)] = String(hidden.2)
            #expect(try await b.postMultipart(Self.path(s), fixed).status == .seeOther)
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.answers[q.id]?.file?.name == "second.pdf")
        }
    }

    /// Over a real connection, a file larger than any body the server collects (1 MB) streams
    /// through to the store; the same size sent to a form that collects its body is refused.
    @Test func aFileStreamsPastTheLimitOfCollectedBodies() async throws {
        try await withDemoApp { app, _ in
            let (s, q) = try await Self.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            try await b.get(Self.path(s))
            b.live = true
            let bytes = FileCheckTests.pdf + [UInt8](repeating: 0x20, count: 3 * 1024 * 1024 / 2)
            let saved = try await b.postMultipart(Self.path(s), Self.answers(s, note: "Over a real connection"), files: [(Answers.field(q), "large.pdf", bytes)])
            // (The real client follows the redirect, so the section's record says what happened.)
            #expect(saved.status != .payloadTooLarge && saved.status.code < 400, "\(saved.status) \(ResponsesTests.problems(saved.text))")
            #expect(try await StoredFileRecord.find(Self.sha(bytes), on: app.db)?.size == bytes.count)
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.answers[q.id]?.file?.sha256 == Self.sha(bytes))
            let collected = try await b.post("/notices/\(Self.reference)/questions", ["question": String(repeating: "x", count: bytes.count)])
            #expect(collected.status == .payloadTooLarge)
        }
    }

    /// The hidden field that carries a chosen file across a failed save is sealed: changed (a
    /// new name or kind) or taken to another organisation, it names nothing.
    @Test func theFieldCarryingAChosenFileCannotBeForgedOrLent() async throws {
        try await withDemoApp { app, clock in
            let (s, q) = try await Self.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            let text = Array("plain words\n".utf8)
            let (field, value) = try await Self.keptField(b, s, q, name: "notes.txt", text)
            // Renamed to a program: refused, nothing saved as a file.
            var renamed = Self.answers(s, note: "renamed")
            renamed[field] = value.replacingOccurrences(of: ":txt:", with: ":txt:").replacingOccurrences(of: "notes.txt", with: "run.bat")
            #expect(try await b.postMultipart(Self.path(s), renamed).status == .seeOther)
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.answers[q.id] == nil)
            var rekind = Self.answers(s, note: "rekind")
            rekind[field] = value.replacingOccurrences(of: ":txt:", with: ":pdf:").replacingOccurrences(of: "notes.txt", with: "notes.pdf")
            try await b.get(Self.path(s))
            #expect(try await b.postMultipart(Self.path(s), rekind).status == .seeOther)
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).first()?.answers[q.id] == nil)
            // Another organisation with the same field: nothing.
            let rival = try await Self.rival(app, clock)
            try await rival.get(Self.path(s))
            var lent = Self.answers(s, note: "lent")
            lent[field] = value
            #expect(try await rival.postMultipart(Self.path(s), lent).status == .seeOther)
            let rivalOrganisation = try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first()?.organisationID)
            let theirs = try #require(try await EngagementResponse.query(on: app.db).filter(\.$organisation.$id == rivalOrganisation).first())
            #expect(try await ResponseSection.query(on: app.db).filter(\.$response.$id == theirs.id!).first()?.answers[q.id] == nil)
            // Untouched, it works.
            try await b.get(Self.path(s))
            var honest = Self.answers(s, note: "honest")
            honest[field] = value
            #expect(try await b.postMultipart(Self.path(s), honest).status == .seeOther)
            #expect(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).filter(\.$response.$id != theirs.id!).first()?.answers[q.id]?.file?.name == "notes.txt")

            // Nor through the API can another organisation name the file by its hash.
            let rivalUser = try #require(try await User.query(on: app.db).filter(\.$email == "rival@rival.example").first())
            let headers = try await ResponsesAPITests.token(app, for: rivalUser, at: clock.now())
            let e = try await ResponsesTests.exercise(app)
            let file: [String: Any] = ["sha256": Self.sha(text), "name": "notes.txt", "size": text.count, "type": "txt"]
            let section = try #require(try await ResponseSection.query(on: app.db).filter(\.$response.$id == theirs.id!).filter(\.$sectionID == s.id).first())
            let viaAPI = try await ResponsesAPITests.send(app, .PUT, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response/sections/\(s.id.uuidString.lowercased())",
                                                          headers, ["version": section.version, "answers": [q.id.uuidString.lowercased(): file]])
            #expect(viaAPI.status == .conflict && viaAPI.text.contains("holds no such file"), "\(viaAPI.text)")
            // The organisation that holds it names it through the API, with the section's other answers.
            let ownerHeaders = try await ResponsesAPITests.supplierHeaders(app, clock)
            let mine = try #require(try await ResponseSection.query(on: app.db).filter(\.$sectionID == s.id).filter(\.$response.$id != theirs.id!).first())
            var answers: [String: Any] = [q.id.uuidString.lowercased(): file]
            for q in s.questions where q.required { answers[q.id.uuidString.lowercased()] = ResponsesTests.answer(q)[Answers.field(q)]! }
            let owned = try await ResponsesAPITests.send(app, .PUT, "/api/v1/exercises/\(e.id!.uuidString.lowercased())/response/sections/\(s.id.uuidString.lowercased())",
                                                         ownerHeaders, ["version": mine.version, "answers": answers])
            #expect(owned.status == .ok && owned.plain.contains(Self.sha(text)), "\(owned.text)")
        }
    }

    /// After the deadline a file sent with a section is not stored at all; what was typed comes back.
    @Test func afterTheDeadlineNoFileIsStoredAndTheTypedAnswersComeBack() async throws {
        try await withDemoApp { app, clock in
            let (s, q) = try await Self.fileSection(app)
            clock.set(try #require(try await ResponsesTests.exercise(app).responseDeadline))
            let b = try await ResponsesTests.supplier(app)
            try await b.get(Self.path(s))
            let late = try await b.postMultipart(Self.path(s), Self.answers(s, note: "Typed too late").merging(["version": "0"]) { _, b in b },
                                                 files: [(Answers.field(q), "outline.pdf", FileCheckTests.pdf)])
            #expect(late.status == .conflict && late.text.contains("has passed") && late.text.contains("Typed too late"), "\(late.status) \(ResponsesTests.problems(late.text))")
            #expect(try await FileChunk.query(on: app.db).count() == 0)
            #expect(try await StoredFileRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aFormFromElsewhereStoresNoByte() async throws {
        try await withDemoApp { app, _ in
            let (s, q) = try await Self.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            try await b.get(Self.path(s))
            let forged = try await b.postMultipart(Self.path(s), Self.answers(s, note: "x"), files: [(Answers.field(q), "a.pdf", FileCheckTests.pdf)], csrf: false)
            #expect(forged.status == .forbidden)
            let wrong = try await b.postMultipart(Self.path(s), Self.answers(s, note: "x").merging(["_csrf": "not-the-token"]) { a, _ in a },
                                                  files: [(Answers.field(q), "a.pdf", FileCheckTests.pdf)])
            #expect(wrong.status == .forbidden)
            #expect(try await FileChunk.query(on: app.db).count() == 0)
            #expect(try await ResponseSection.query(on: app.db).count() == 0)
        }
    }

    @Test func theReceiptCoversEachFileAndTheFilesAreSealedUntilOpened() async throws {
        try await withDemoApp { app, clock in
            let e = try await ResponsesTests.exercise(app)
            let (s, q) = try await Self.fileSection(app)
            let b = try await ResponsesTests.supplier(app)
            try await ResponsesTests.answerAll(b, try await ResponsesTests.content(app))
            let docx = FileCheckTests.docx
            try await b.get(Self.path(s))
            #expect(try await b.postMultipart(Self.path(s), Self.answers(s, note: "With the outline"), files: [(Answers.field(q), "Outline.docx", docx)]).status == .seeOther)
            let ready = try await b.get("/notices/\(Self.reference)/response/check")
            #expect(ready.text.contains("Outline.docx"))
            let key = String(try #require(ready.text.firstMatch(of: /name="submissionKey" value="([^"]+)"/)).1)
            #expect(try await b.post("/notices/\(Self.reference)/response/submit", ["submissionKey": key]).status == .seeOther)

            // The copy names the file by its SHA-256; the receipt's hash is over the copy.
            let submission = try #require(try await Submission.query(on: app.db).first())
            let copy = try await b.get("/notices/\(Self.reference)/response/receipts/1/copy")
            #expect(Self.sha(Array(copy.body.readableBytesView)) == submission.sha256)
            #expect(copy.text.contains("\"files\":{\"\(Self.sha(docx))\":\(docx.count)}"))
            #expect(copy.text.contains("\"sha256\":\"\(Self.sha(docx))\""))
            let receipt = try await b.get("/notices/\(Self.reference)/response/receipts/1")
            #expect(receipt.text.contains("Files submitted") && receipt.text.contains("/notices/\(Self.reference)/response/files/\(Self.sha(docx))"))

            // Sealed: no officer, and no other organisation, reaches the file.
            let id = e.id!.uuidString.lowercased()
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            #expect(try await officer.get("/manage/exercises/\(id)/responses/files/\(Self.sha(docx))").status == .forbidden)
            #expect(try await officer.get("/manage/exercises/\(id)/responses/files").status == .forbidden)
            let rival = try await Self.rival(app, clock)
            #expect(try await rival.get("/notices/\(Self.reference)/response/files/\(Self.sha(docx))").status == .notFound)

            // Opened (one officer, by the setting): the file and the ZIP of every file.
            app.settings.twoOfficerOpening = false
            clock.set(e.responseDeadline!)
            try await officer.signIn(as: .officer)
            try await officer.get("/manage/exercises/\(id)/responses")
            #expect(try await officer.post("/manage/exercises/\(id)/responses/open").status == .seeOther)
            let file = try await officer.get("/manage/exercises/\(id)/responses/files/\(Self.sha(docx))")
            #expect(file.status == .ok && Array(file.body.readableBytesView) == docx)
            #expect(file.headers.first(name: .contentDisposition)?.contains("Outline.docx") == true)
            let zip = try await officer.get("/manage/exercises/\(id)/responses/files")
            #expect(zip.status == .ok && zip.headers.contentType?.subType == "zip")
            let zipBytes = Array(zip.body.readableBytesView)
            let names = try await FileCheck.zipEntryNames(size: zipBytes.count) { o, l in Array(zipBytes[o ..< min(zipBytes.count, o + l)]) }
            #expect(names?.contains { $0.hasSuffix("/Outline.docx") } == true && names?.contains { $0.hasSuffix("/\(submission.receiptNumber).json") } == true, "\(names ?? [])")
            #expect(zipBytes.firstRange(of: docx) != nil, "the file's bytes, stored as they are")
            // A guessed hash names nothing.
            #expect(try await officer.get("/manage/exercises/\(id)/responses/files/\(String(repeating: "0", count: 64))").status == .notFound)
        }
    }

    /// A user of another organisation, signed in.
    static func rival(_ app: Application, _ clock: TestClock) async throws -> Browser {
        try await supplierFixture(app, email: "rival@rival.example", password: "rival password here", role: .administrator, at: clock.now())
        let r = Browser(app)
        try await r.signIn("rival@rival.example", password: "rival password here")
        return r
    }
}
