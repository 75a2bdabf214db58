import Fluent
import FluentSQL
import Vapor

/// The organisation's own response through the API, for a supplier's systems: read it, save a
/// section as a draft, and submit (with the answers, or as saved) once per `Idempotency-Key`.
/// The same rules as the pages: only the organisation's users, only its administrators submit,
/// the deadline by the database's clock, a stale section refused.
struct ResponsesAPI {
    typealias Op = APIOperation

    var endpoints: [Endpoint] {
        let member = SuppliersFeature.member, orgAdmin = SuppliersFeature.orgAdministrator, tag = ExercisesAPI.tag
        return [
            Endpoint(.GET, .apiOwnResponse(.key), member, .api(Op(
                "getOwnResponse", "Your organisation's response to the exercise: its sections as saved, and its submissions with their receipts", tag: tag,
                success: .ok(Schema.ref("OwnResponse")))), own),
            Endpoint(.PUT, .apiOwnResponseSection(.key, .key), member, .api(Op(
                "saveResponseSection", "Save one section's answers as a draft, replacing what the section held (at the `version` you read; 409 if a colleague saved it since). "
                    + Self.conflicts, tag: tag, request: Self.sectionBody, success: .ok(Schema.ref("ResponseSection")), conflicts: true)), saveSection),
            Endpoint(.POST, .apiOwnFiles(.key), member, .api(Op(
                "uploadResponseFile", "Upload a file for your organisation's response, to name in an answer afterwards (a file question's answer is the object this returns). "
                    + "The body is the file's bytes; `name` is its name, whose extension says its kind: \(FileKind.allowedList), checked by what the file contains. "
                    + "The same bytes uploaded again are kept once. 415 when the content is not what the name says (or there is none); "
                    + "409 once the exercise has closed, or when the organisation's kept uploads would pass its quota.",
                tag: tag, success: .init(status: 201, description: "Kept: the file, as an answer names it.", schema: Schema.ref("File")), conflicts: true,
                query: [("name", "The file's name, ending in its kind's extension (up to \(FileCheck.maxNameLength) characters; no path, quotes or control characters; "
                            + "not starting with a space).", FileCheck.nameSchema)],
                fileBody: ("The file's bytes, at most the attachment limit (25 MB unless the council set another).", "the attachment limit (25 MB unless the council set another)"))),
                upload).streamingUploads(),
            Endpoint(.POST, .apiOwnSubmissions(.key), orgAdmin, .api(Op(
                "submitResponse", "Submit the response and get its receipt. With `answers`, they replace every section's answers first, in the same transaction; "
                    + "without, the response is submitted as saved. Send a new `Idempotency-Key` for each submission: a retry with the same key and the same body returns the same receipt "
                    + "(and changes nothing), never a second submission; the same key with a different body conflicts with the submission it made (409, `errors` naming `Idempotency-Key`). 409 after the deadline, or while required questions are unanswered. " + Self.conflicts,
                tag: tag, request: Self.submitBody, success: .init(status: 201, description: "Submitted (or, for a key already used, submitted before): the receipt.", schema: Schema.ref("Receipt")), conflicts: true,
                headers: [("Idempotency-Key", "A key of your choosing, new for each submission (1–200 visible ASCII characters).",
                           ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"])])), submit),
            Endpoint(.GET, .apiOwnSubmission(.key, .key), member, .api(Op(
                "getOwnSubmission", "One of your organisation's submissions, by its number: its receipt and the submitted copy (the `Location` a submission answers with)",
                tag: tag, success: .ok(Schema.ref("Receipt")))), receipt),
        ]
    }

    static let conflicts = "Answers are checked against the questionnaire as it stands: an answer it does not take (a question it does not have, a choice it does not offer, a number out of bounds, too many words, a file the server does not hold) conflicts with it: 409, with `errors` naming `answers/<question id>`."

    static let answerValue: JSON = ["oneOf": [
        ["type": "string", "maxLength": 50_000, "pattern": .string(TextRules.pattern(singleLine: false, nonBlank: false))],
        ["type": "array", "maxItems": 100, "items": ["type": "string", "maxLength": 500, "pattern": .string(TextRules.pattern(singleLine: false, nonBlank: false))]],
        Schema.ref("File"),
    ]]
    static let file: JSON = [
        "type": "object", "description": "A file the organisation uploaded (through the API or a section page), by its SHA-256.", "additionalProperties": false,
        "required": ["sha256", "name", "size", "type"],
        "properties": ["sha256": ["type": "string", "pattern": "^[0-9a-f]{64}$"], "name": ["type": "string", "minLength": 1, "maxLength": 200],
                       "size": ["type": "integer", "minimum": 1, "maximum": 100_000_000_000], "type": ["type": "string", "enum": .array(FileKind.allCases.map { .string($0.rawValue) })]],
    ]
    static let answersInput: JSON = [
        "type": "object", "description": "Answers by question id: text (a number as its decimal text, a date as YYYY-MM-DD, yes or no), a list of the choices made, or a file.",
        "maxProperties": 500, "propertyNames": Schema.uuid, "additionalProperties": answerValue,
    ]
    static let sectionBody: JSON = [
        "type": "object", "additionalProperties": false, "required": ["version", "answers"],
        "properties": ["version": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000, "description": "The section's version as read (0 before its first save)."], "answers": answersInput],
    ]
    static let submitBody: JSON = [
        "type": "object", "additionalProperties": false,
        "properties": ["answers": answersInput],
    ]

    static let schemas: [(String, JSON)] = [
        ("File", file),
        ("ResponseSection", Schema.record([
            ("id", Schema.uuid), ("version", Schema.integer), ("updatedAt", Schema.dateTime), ("updatedBy", Schema.string), ("answers", ExercisesAPI.answers),
        ])),
        ("Receipt", Schema.record([
            ("number", Schema.integer), ("receipt", Schema.string), ("submittedAt", Schema.dateTime), ("questionnaireVersion", Schema.integer),
            ("sha256", ["type": "string", "pattern": "^[0-9a-f]{64}$"]), ("withdrawn", ["type": "boolean"]),
            ("copy", ["type": "string", "description": "The submitted copy: canonical JSON (RFC 8785) whose UTF-8 bytes `sha256` is over."]),
        ])),
        ("OwnResponse", Schema.record([
            ("exercise", Schema.uuid), ("status", ["type": "string", "enum": ["not-started", "draft", "submitted", "withdrawn"]]),
            ("questionnaireVersion", Schema.integer),
            ("sections", ["type": "array", "items": Schema.ref("ResponseSection")]),
            ("submissions", ["type": "array", "items": Schema.ref("Receipt")]),
        ])),
    ]

    struct SectionDTO: Content { var id: UUID; var version: Int; var updatedAt: Date; var updatedBy: String; var answers: [String: Answer] }
    struct ReceiptDTO: Content {
        var number: Int; var receipt: String; var submittedAt: Date; var questionnaireVersion: Int; var sha256: String; var withdrawn: Bool; var copy: String
    }
    struct OwnResponseDTO: Content {
        var exercise: UUID; var status: String; var questionnaireVersion: Int; var sections: [SectionDTO]; var submissions: [ReceiptDTO]
    }

    static func dto(_ s: ResponseSection) -> SectionDTO {
        SectionDTO(id: s.sectionID, version: s.version, updatedAt: s.updatedAt, updatedBy: s.updatedBy,
                   answers: Dictionary(uniqueKeysWithValues: s.answers.map { ($0.key.lowercasedString, $0.value) }))
    }

    static func dto(_ s: Submission) -> ReceiptDTO {
        ReceiptDTO(number: s.number, receipt: s.receiptNumber, submittedAt: s.submittedAt, questionnaireVersion: s.questionnaireVersion,
                   sha256: s.sha256, withdrawn: s.withdrawnAt != nil, copy: s.document)
    }

    /// The published exercise named by the path, with the caller's organisation's context (its
    /// sections only if `sections`).
    private func context(_ req: Request, sections: Bool = true) async throws -> RespondController.Context {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound, reason: "No exercise has that id.") }
        return try await RespondController.context(req, exerciseID: id, sections: sections)
    }

    /// The files the organisation's response holds, saved or submitted: the only ones its answers
    /// may name. Looked up (every submission's copy read) only when an answer names a file: most
    /// submissions in a rush name none.
    /// Each as the kinds it was checked as: a file is named only as a kind it was checked as by
    /// its content (a file checked as a Word document is not named as an OpenDocument one).
    static func ownFiles(_ c: RespondController.Context, naming raw: [String: StrictJSON.Value], sql: any SQLDatabase) async throws -> [String: Set<String>] {
        let named = raw.values.compactMap { value -> String? in
            if case .object(let o) = value, case .string(let sha)? = o["sha256"] { sha } else { nil }
        }
        guard !named.isEmpty else { return [:] }
        var sets = c.sections.values.map(\.answers)
        sets += try await RespondController.submissions(c, sql: sql).map { ResponsePages.answers(in: $0.document) }
        var own: [String: Set<String>] = [:]
        for f in sets.flatMap({ $0.values.compactMap(\.file) }) { own[f.sha256, default: []].insert(f.type) }
        // And what it uploaded (through the API, or on a page whose form was not saved).
        own.merge(try await FileLedger.kinds(of: named, owner: c.user.organisationID!, on: sql)) { $0.union($1) }
        return own
    }

    @Sendable func own(req: Request) async throws -> OwnResponseDTO {
        let c = try await context(req)
        let submissions = try await RespondController.submissions(c, sql: try req.sql)
        return OwnResponseDTO(exercise: c.exercise.id!, status: c.response?.status.rawValue ?? "not-started", questionnaireVersion: c.version.number,
                              sections: c.sections.values.sorted { $0.sectionID.uuidString < $1.sectionID.uuidString }.map(Self.dto),
                              submissions: submissions.map(Self.dto))
    }

    /// A receipt as the `Receipt` schema has it, written straight to bytes: a submission's copy
    /// is tens of kilobytes of text to escape, and every submission answers with one.
    static func receiptJSON(_ s: Submission, status: HTTPResponseStatus = .ok) -> Response {
        var w = JSONWriter(capacity: s.document.utf8.count + 512)
        w.object { w in
            w.field("number", s.number)
            w.field("receipt", s.receiptNumber)
            w.field("submittedAt", s.submittedAt)
            w.field("questionnaireVersion", s.questionnaireVersion)
            w.field("sha256", s.sha256)
            w.field("withdrawn", s.withdrawnAt != nil)
            w.field("copy", s.document)
        }
        return w.response(status: status)
    }

    @Sendable func receipt(req: Request) async throws -> Response {
        let c = try await context(req, sections: false)
        guard let text = req.parameters.get("number"), !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let number = Int(text), let response = c.response,
              let s = try await req.sql.select().column("*").from(Submission.schema)
                .where("response_id", .equal, response.id!).where("number", .equal, number).first(decodingFluent: Submission.self)
        else { throw Abort(.notFound, reason: "Your organisation has no submission with that number.") }
        return Self.receiptJSON(s)
    }

    @Sendable func saveSection(req: Request) async throws -> SectionDTO {
        let body = try StrictJSON.object(req)
        var v = StrictJSON.Reader(body, allowed: ["version", "answers"])
        let version = v.integer("version", required: true, minimum: 0, maximum: 1_000_000_000)
        let answers = v.answers("answers", required: true)
        try v.finish()
        let c = try await context(req)
        guard let s = req.parameters.get("section").flatMap(UUID.init(uuidString:)).flatMap({ id in c.version.content.sections.first { $0.id == id } }) else {
            throw Abort(.notFound, reason: "The questionnaire has no section with that id.")
        }
        let own = try await Self.ownFiles(c, naming: answers ?? [:], sql: try req.sql)
        let (input, files) = try await APIAnswers.form(answers ?? [:], questions: s.questions, version: version ?? 0, own: own, store: req.application.files)
        do {
            return Self.dto(try await ResponseWrites.saveSection(c.exercise, section: s, input: input, files: files, user: c.user, on: req))
        } catch let failure as ValidationFailure {
            throw APIAnswers.conflicts(failure)
        }
    }

    /// A file streamed to the store as it arrives, checked by its content and against the
    /// organisation's quota, and recorded as the organisation's.
    @Sendable func upload(req: Request) async throws -> Response {
        var errors = FormErrors()
        let name = (try? req.query.get(String.self, at: "name")) ?? ""
        if name.isEmpty {
            errors.add("name", "Required: the file's name, with its extension.")
        } else if FileKind(name: name) == nil, FileCheck.cleanName(name) != nil {
            errors.add("name", "This kind of file is not accepted: send \(FileKind.allowedList).")
        } else if !FileCheck.isExactName(name) {
            errors.add("name", "This name cannot be used: up to \(FileCheck.maxNameLength) characters, with no path, quotes or control characters, not starting with a space.")
        }
        guard errors.isEmpty, let kind = FileKind(name: name) else { throw ValidationFailure(errors: errors) }
        let c = try await context(req, sections: false)
        guard c.open else {
            if c.exercise.status == .cancelled { throw LateSubmission(cancelled: c.exercise) }
            throw LateSubmission(deadline: c.exercise.responseDeadline ?? c.now)
        }
        let settings = req.application.settings
        let tooLarge = FileTooLarge(limit: settings.attachmentLimit).message + "."
        if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > settings.attachmentLimit {
            throw Abort(.payloadTooLarge, reason: tooLarge)
        }
        // Already at its quota: refused before a byte is stored (a file it holds already is kept once, and is no reason).
        let used = try await FileLedger.used(by: c.user.organisationID!, on: req.db)
        if used >= settings.organisationFileQuota { throw Abort(.conflict, reason: FileLedger.overQuota(used: used, quota: settings.organisationFileQuota) + ".") }
        let upload = req.application.files.begin(limit: settings.attachmentLimit)
        var text = TextCheck()
        do {
            for try await buffer in req.body {
                buffer.withUnsafeReadableBytes { text.update($0) }
                try await upload.append(buffer)
            }
        } catch is FileTooLarge {
            throw Abort(.payloadTooLarge, reason: tooLarge)
        } catch {
            await upload.discard()
            throw error
        }
        switch try await FileLedger.conclude(upload, name: name, kind: kind, text: text.finish(),
                                             owner: FileOwner(id: c.user.organisationID!, quota: settings.organisationFileQuota), app: req.application) {
        case .kept(let f):
            var w = JSONWriter(capacity: 256)
            w.object { w in
                w.field("sha256", f.sha256)
                w.field("name", f.name)
                w.field("size", f.size)
                w.field("type", f.type)
            }
            return w.response(status: .created)
        case .refused(let message):
            throw Abort(.unsupportedMediaType, reason: message + ".")
        case .overQuota(let message):
            throw Abort(.conflict, reason: message + ".")
        }
    }

    @Sendable func submit(req: Request) async throws -> Response {
        var header = FormErrors()
        let key = req.headers.first(name: "Idempotency-Key") ?? ""
        if key.isEmpty || key.count > 200 || !key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) {
            header.add("Idempotency-Key", "Send an `Idempotency-Key` header: 1–200 visible ASCII characters, new for each submission.")
        }
        let body = try StrictJSON.object(req)
        var v = StrictJSON.Reader(body, allowed: ["answers"])
        let answers = v.answers("answers", required: false)
        try v.finish(adding: header)
        // The sections as saved are needed only to know the response's files, when an answer names one.
        let c = try await context(req, sections: answers.map { $0.values.contains { if case .object = $0 { true } else { false } } } ?? false)
        guard c.user.isOrganisationAdministrator else { throw Abort(.forbidden, reason: "Only your organisation's administrators submit its response.") }
        do {
            var replacing: ResponseWrites.Replacement?
            if let raw = answers {
                let own = try await Self.ownFiles(c, naming: raw, sql: try req.sql)
                replacing = .init(version: c.version.number, answers: try await APIAnswers.answers(raw, content: c.version.content, own: own, store: req.application.files),
                                  content: c.version.content)
            }
            let (s, replayed) = try await ResponseWrites.submit(c.exercise, user: c.user, key: key, fingerprint: ResponseWrites.fingerprint(replacing), replacing: replacing, on: req)
            let response = Self.receiptJSON(s, status: .created)
            response.headers.replaceOrAdd(name: .location, value: SiteURL.apiOwnSubmission(.value(c.exercise.id!), .value(String(s.number))).path)
            if replayed { response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true") }
            return response
        } catch let failure as ValidationFailure {
            throw APIAnswers.conflicts(failure)
        } catch is KeyReused {
            var errors = FormErrors()
            errors.add("Idempotency-Key", KeyReused().reason, conflict: true)
            throw ValidationFailure(errors: errors)
        } catch let incomplete as IncompleteResponse {
            var errors = FormErrors()
            for q in incomplete.missing { errors.add("answers/\(q.id.lowercasedString)", "Required: not answered.", conflict: true) }
            for item in incomplete.invalid { errors.add("answers/\(item.question.id.lowercasedString)", item.message, conflict: true) }
            throw ValidationFailure(errors: errors)
        }
    }
}

/// Answers sent as JSON, read into what the pages' rules read: a form's fields (so one set of
/// rules checks both) and the files named.
enum APIAnswers {
    /// The answers to `questions` as a section's form, and their files. A key that is not one of
    /// the questions, or a value of the wrong shape for its question, is a conflict.
    static func form(_ raw: [String: StrictJSON.Value], questions: [QuestionnaireContent.Question], version: Int,
                     own: [String: Set<String>], store: any FileStore) async throws -> (FormInput, [UUID: ResponseWrites.FileChange]) {
        var values: [String: String] = ["version": String(version)]
        var files: [UUID: ResponseWrites.FileChange] = [:]
        var errors = FormErrors()
        let byID = Dictionary(questions.map { ($0.id.lowercasedString, $0) }, uniquingKeysWith: { a, _ in a })
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) {
            let field = "answers/\(key)"
            guard let q = byID[key.lowercased()] else { errors.add(field, "No question here has this id.", conflict: true); continue }
            switch (q.kind, value) {
            case (.multipleChoice, .array(let items)):
                for item in items {
                    guard case .string(let choice) = item, let i = q.options.firstIndex(of: choice) else {
                        errors.add(field, "Choose from the question's options.", conflict: true); break
                    }
                    values[Answers.choiceField(q, i)] = "yes"
                }
            case (.file, .object(let o)):
                if case .string(let sha)? = o["sha256"], case .string(let name)? = o["name"], case .int(let size)? = o["size"], case .string(let type)? = o["type"],
                   let kind = FileKind(rawValue: type), FileCheck.cleanName(name) == name, FileKind(name: name) == kind,
                   own[sha]?.contains(type) == true, try await store.size(of: sha) == size {
                    files[q.id] = .set(FileAnswer(sha256: sha, name: name, size: size, type: type))
                } else {
                    errors.add(field, "Your response holds no such file: upload it first (`uploadResponseFile`, or on the section's page).", conflict: true)
                }
            case (.multipleChoice, _), (.file, _), (_, .array), (_, .object):
                errors.add(field, q.kind == .multipleChoice ? "Send the choices as a list." : q.kind == .file ? "Send the file as an object." : "Send the answer as text.", conflict: true)
            case (_, .string(let text)):
                values[Answers.field(q)] = text
            default:
                errors.add(field, "Send the answer as text.", conflict: true)
            }
        }
        // A file question left out is a file removed: the body is the section's answers.
        for q in questions where q.kind == .file && files[q.id] == nil { files[q.id] = .remove }
        if !errors.isEmpty { throw ValidationFailure(errors: errors) }
        return (FormInput(values), files)
    }

    /// The answers to every question of `content`, by section, read and checked as each
    /// section's page would.
    static func answers(_ raw: [String: StrictJSON.Value], content: QuestionnaireContent, own: [String: Set<String>], store: any FileStore) async throws -> [UUID: [UUID: Answer]] {
        // Each answer to its section, by the question's id as text.
        var sectionOf: [String: UUID] = [:]
        for s in content.sections { for q in s.questions { sectionOf[q.id.lowercasedString] = s.id } }
        var errors = FormErrors()
        var bySection: [UUID: [String: StrictJSON.Value]] = [:]
        for (key, value) in raw {
            if let section = sectionOf[key.lowercased()] { bySection[section, default: [:]][key] = value }
        }
        for key in raw.keys.sorted() where sectionOf[key.lowercased()] == nil { errors.add("answers/\(key)", "The questionnaire has no question with this id.", conflict: true) }
        if !errors.isEmpty { throw ValidationFailure(errors: errors) }
        var out: [UUID: [UUID: Answer]] = [:]
        for s in content.sections {
            let (input, files) = try await form(bySection[s.id] ?? [:], questions: s.questions, version: 0, own: own, store: store)
            var v = Validator(input)
            var answers: [UUID: Answer] = [:]
            for q in s.questions { if let a = Answers.read(q, &v) { answers[q.id] = a } }
            for (id, change) in files { if case .set(let f) = change { answers[id] = .file(f) } }
            do { try v.throwIfInvalid() } catch let failure as ValidationFailure { throw conflicts(failure) }
            out[s.id] = answers
        }
        return out
    }

    /// A form's messages as the API names them (`answers/<question id>`), each a conflict with
    /// the questionnaire as stored.
    static func conflicts(_ failure: ValidationFailure) -> ValidationFailure {
        var errors = FormErrors()
        for item in failure.errors.items {
            let field = item.field.hasPrefix("q-") ? "answers/" + String(item.field.dropFirst(2).prefix(36)) : item.field
            errors.add(field, item.message, conflict: true)
        }
        return ValidationFailure(errors: errors)
    }
}
