import Crypto
import Fluent
import FluentSQL
import SQLKit
import Vapor

/// An organisation answering a notice: its response's sections, saved as drafts at any time;
/// checking the answers; submitting (once per key); its receipts and its own submitted copy.
/// Only the organisation's own users reach its response; only its administrators submit or
/// withdraw. After the deadline everything is read-only, and what was being typed is shown back.
struct RespondController {
    struct Context {
        var exercise: Exercise
        var user: User
        var version: QuestionnaireVersion
        var response: EngagementResponse?
        var sections: [UUID: ResponseSection]
        var now: Date
        var open: Bool { exercise.stage(at: now) == .open }
        /// The answers saved so far, each from the section that now holds its question.
        var answers: [UUID: Answer] { ResponseWrites.answers(Array(sections.values), for: version.content) }
    }

    /// The exercise named in the path (published, with a questionnaire) and the organisation's response.
    static func context(_ req: Request) async throws -> Context {
        guard let reference = req.parameters.get("reference"), reference.count <= 40 else { throw Abort(.notFound) }
        return try await context(req, exercise: SQLColumn("reference", table: "e"), is: reference)
    }

    /// The same for the exercise with this id (the API's paths name exercises by id).
    static func context(_ req: Request, exerciseID: UUID, sections: Bool = true) async throws -> Context {
        try await context(req, exercise: SQLColumn("id", table: "e"), is: exerciseID, sections: sections, notFound: "No exercise has that id.")
    }

    /// The response's columns as `r_<column>`, every one its model has (made once, not per request).
    private static let responseColumns = SQLList(EngagementResponse.keys.map {
        SQLAlias(SQLColumn($0.description, table: "r"), as: SQLIdentifier("r_" + $0.description))
    })

    /// The organisation's response to the published exercise whose `column` is `value`, for the
    /// signed-in user; its sections too unless `sections` is false. The exercise, the id of its
    /// latest questionnaire version and the response are one statement (a respondent's every
    /// request reads them). Read outside Fluent's connections (`Request.sql`), which on SQLite
    /// the writer holds while it commits: a respondent's page does not wait for other
    /// organisations' submissions.
    private static func context(_ req: Request, exercise column: SQLColumn, is value: some Encodable & Sendable, sections withSections: Bool = true,
                                notFound: String? = nil) async throws -> Context {
        let sql = try req.sql
        guard let user = req.user, let organisation = user.organisationID else { throw Abort(.notFound) }
        let noExercise = notFound.map { Abort(.notFound, reason: $0) } ?? Abort(.notFound)
        guard let row = try await sql.raw("""
            SELECT e.*,
                \(QuestionnaireVersion.latestIDOfExerciseE) AS latest_version,
                \(Self.responseColumns)
            FROM \(ident: Exercise.schema) e LEFT JOIN \(ident: EngagementResponse.schema) r ON r.exercise_id = e.id AND r.organisation_id = \(bind: organisation)
            WHERE \(column) = \(bind: value)
            """).first()
        else { throw noExercise }
        let exercise = try row.decode(fluentModel: Exercise.self)
        guard exercise.status != .draft else { throw noExercise }
        guard let versionID = try row.decode(column: "latest_version", as: UUID?.self),
              let version = try await QuestionnaireVersion.cached(versionID, sql: sql) else { throw Abort(.notFound) }
        var response: EngagementResponse?
        if try !row.decodeNil(column: "r_id") {
            let read = EngagementResponse()
            try read.output(from: PrefixedRow(row: row, prefix: "r_"))
            response = read
        }
        var sections: [UUID: ResponseSection] = [:]
        if let response, withSections {
            for s in try await sql.select().column("*").from(ResponseSection.schema).where("response_id", .equal, response.id!)
                .all(decodingFluent: ResponseSection.self) { sections[s.sectionID] = s }
        }
        return Context(exercise: exercise, user: user, version: version, response: response, sections: sections, now: req.now)
    }

    static func submissions(_ c: Context, sql: any SQLDatabase) async throws -> [Submission] {
        guard let r = c.response else { return [] }
        return try await sql.select().column("*").from(Submission.schema).where("response_id", .equal, r.id!).orderBy("number")
            .all(decodingFluent: Submission.self)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        let answers = c.answers
        let submissions = try await Self.submissions(c, sql: try req.sql)
        let changedSince = submissions.last.map { last in c.sections.values.contains { $0.updatedAt > last.submittedAt } } ?? false
        return try await req.render(RespondPages.overview(c, answers: answers, submissions: submissions, changedSinceSubmission: changedSince, csrf: req.csrfToken))
    }

    private func section(_ req: Request, _ c: Context) throws -> QuestionnaireContent.Section {
        guard let id = req.parameters.get("section").flatMap(UUID.init(uuidString:)),
              let s = c.version.content.sections.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return s
    }

    @Sendable func sectionForm(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        let s = try section(req, c)
        let stored = c.sections[s.id]
        var values = ["version": String(stored?.version ?? 0)]
        for q in s.questions { values.merge(Answers.formValues(q, stored?.answers[q.id])) { a, _ in a } }
        return try await req.render(RespondPages.section(c, s, FormState(input: FormInput(values), csrf: req.csrfToken), limit: req.application.settings.attachmentLimit))
    }

    /// A file chosen in a form that was not saved, carried in a hidden field as
    /// `sha256:size:kind:seal:name` until the form is saved. The seal is an HMAC, by a key only
    /// the server holds, over the organisation and the file's details: the field cannot be made
    /// to name another file, another name or kind, or be used by another organisation.
    static func keptValue(_ f: FileAnswer, organisation: UUID, key: SymmetricKey) -> String {
        "\(f.sha256):\(f.size):\(f.type):\(seal(f, organisation: organisation, key: key)):\(f.name)"
    }

    private static func seal(_ f: FileAnswer, organisation: UUID, key: SymmetricKey) -> String {
        let keptKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("partnering kept file".utf8), using: key))
        let message = [organisation.lowercasedString, f.sha256, String(f.size), f.type, f.name].joined(separator: "\n")
        return HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: keptKey).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The file a hidden field names, as shown on the page (not yet trusted).
    static func keptFile(_ value: String) -> FileAnswer? {
        let parts = value.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0].wholeMatch(of: /[0-9a-f]{64}/) != nil, let size = Int(parts[1]), size > 0,
              let kind = FileKind(rawValue: parts[2]), let name = FileCheck.cleanName(parts[4]), name == parts[4], FileKind(name: name) == kind
        else { return nil }
        return FileAnswer(sha256: parts[0], name: name, size: size, type: parts[2])
    }

    /// The file a hidden field names, if its seal is this organisation's.
    static func trustedKept(_ value: String, organisation: UUID, on req: Request) -> FileAnswer? {
        guard let f = keptFile(value), let sealed = value.split(separator: ":", maxSplits: 4).dropFirst(3).first,
              Secrets.constantTimeEquals(String(sealed), seal(f, organisation: organisation, key: req.application.auditKey)) else { return nil }
        return f
    }

    /// The form of a section: a plain form, or (for a section with file questions) a multipart
    /// one whose files are stored as they stream in. Returns the fields, what to do to each file
    /// question, and the files refused (each with its message).
    /// Once the exercise has closed no file is stored: the form's text is read, to be shown back.
    private func readForm(_ req: Request, _ s: QuestionnaireContent.Section, organisation: UUID, open: Bool) async throws -> (FormInput, [UUID: ResponseWrites.FileChange], FormErrors) {
        let fileQuestions = s.questions.filter { $0.kind == .file }
        var input: FormInput, refused = FormErrors(), changes: [UUID: ResponseWrites.FileChange] = [:]
        if req.headers.contentType?.type == "multipart" {
            let form = try await MultipartUpload.read(req, fileFields: open ? Set(fileQuestions.map(Answers.field)) : [], expectedCSRF: req.expectedCSRF,
                                                      limit: req.application.settings.attachmentLimit,
                                                      owner: FileOwner(id: organisation, quota: req.application.settings.organisationFileQuota))
            input = FormInput(form.fields)
            for q in fileQuestions {
                let name = Answers.field(q)
                switch form.uploads[name] {
                case .kept(let f)?:
                    changes[q.id] = .set(f)
                    input = input.setting(name + "-kept", Self.keptValue(f, organisation: organisation, key: req.application.auditKey))
                case .refused(let message)?, .overQuota(let message)?: refused.add(name, message)
                case nil: break
                }
            }
        } else {
            input = FormInput.form(req)
        }
        for q in fileQuestions where changes[q.id] == nil {
            let name = Answers.field(q)
            if refused[name] != nil {
                // The file chosen now was refused: nothing chosen before replaces the saved one.
                input.values[name + "-kept"] = nil
            } else if input[name + "-remove"] == "yes" {
                changes[q.id] = .remove
                input.values[name + "-kept"] = nil
            } else if input.has(name + "-kept") {
                if let kept = Self.trustedKept(input[name + "-kept"], organisation: organisation, on: req) {
                    if try await req.application.files.size(of: kept.sha256) == kept.size {
                        changes[q.id] = .set(kept)
                    } else {
                        // Let go by `FileSweep`: the form was left open for a day.
                        input.values[name + "-kept"] = nil
                        refused.add(name, "The file chosen before is no longer held: choose it again")
                    }
                } else {
                    input.values[name + "-kept"] = nil   // not made by this server for this organisation
                }
            }
        }
        return (input, changes, refused)
    }

    @Sendable func saveSection(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        let s = try section(req, c)
        let limit = req.application.settings.attachmentLimit
        let (input, files, refused) = try await readForm(req, s, organisation: c.user.organisationID!, open: c.open)
        do {
            _ = try await ResponseWrites.saveSection(c.exercise, section: s, input: input, files: files, user: c.user, on: req)
            guard !refused.isEmpty else {
                return req.redirect(to: .response(.value(c.exercise.reference)), flash: "“\(s.title)” saved as a draft")
            }
            // Saved, all but a refused file: the page again, with why, and the answers as saved.
            let current = try await Self.context(req)
            let stored = current.sections[s.id]
            var values = ["version": String(stored?.version ?? 0)]
            for q in s.questions { values.merge(Answers.formValues(q, stored?.answers[q.id])) { a, _ in a } }
            let notice: HTML = "<div class=\"notice\"><p class=\"body\">Your other answers in this section were saved. The file below was not: choose another.</p></div>"
            return try await req.render(RespondPages.section(current, s, FormState(input: FormInput(values), errors: refused, notice: notice, status: .unprocessableEntity, csrf: req.csrfToken), limit: limit))
        } catch let failure as ValidationFailure {
            var errors = failure.errors
            for item in refused.items { errors.add(item.field, item.message) }
            return try await req.render(RespondPages.section(c, s, FormState(input: input, errors: errors, status: .unprocessableEntity, csrf: req.csrfToken), limit: limit))
        } catch let stale as StaleEdit {
            // A colleague saved this section first: theirs is shown beside what was typed, which stays in the form.
            let current = try await Self.context(req)
            let theirs = current.sections[s.id]
            var errors = FormErrors()
            errors.add("version", "\(theirs?.updatedBy ?? "A colleague") saved this section since you opened it. Your answers are still in the form: compare them with what is saved now, below, and save again to replace it.", conflict: true)
            let kept = input.setting("version", String(stale.current))
            for item in refused.items { errors.add(item.field, item.message) }
            var page = RespondPages.section(current, s, FormState(input: kept, errors: errors, status: .conflict, csrf: req.csrfToken), saved: theirs?.answers ?? [:], limit: limit)
            page.status = .conflict
            return try await req.render(page)
        } catch let late as LateSubmission {
            var errors = FormErrors()
            errors.add("version", late.reason + " Nothing was saved; your answers are shown below so that you can keep a copy.", conflict: true)
            return try await req.render(RespondPages.section(c, s, FormState(input: input, errors: errors, status: .conflict, csrf: req.csrfToken), limit: limit))
        }
    }

    @Sendable func check(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        let answers = c.answers
        return try await req.render(RespondPages.check(c, answers: answers, key: Secrets.token(), problem: nil, csrf: req.csrfToken))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        guard c.user.isOrganisationAdministrator else { throw Abort(.forbidden, reason: "Only your organisation's administrators submit its response.") }
        let key = FormInput.form(req)["submissionKey"]
        do {
            let (s, _) = try await ResponseWrites.submit(c.exercise, user: c.user, key: key, on: req)
            return req.redirect(to: .receipt(.value(c.exercise.reference), .value(String(s.number))))
        } catch let failure as IncompleteResponse {
            let answers = c.answers
            var page = RespondPages.check(c, answers: answers, key: key, problem: failure.reason, invalid: failure.invalid, csrf: req.csrfToken)
            page.status = .unprocessableEntity
            return try await req.render(page)
        } catch let late as LateSubmission {
            let answers = c.answers
            var page = RespondPages.check(c, answers: answers, key: key, problem: late.reason, csrf: req.csrfToken)
            page.status = .conflict
            return try await req.render(page)
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        guard c.user.isOrganisationAdministrator else { throw Abort(.forbidden, reason: "Only your organisation's administrators withdraw its response.") }
        guard try await ResponseWrites.withdraw(c.exercise, user: c.user, on: req) else {
            return req.redirect(to: .response(.value(c.exercise.reference)), flash: "There is no submitted response to withdraw")
        }
        return req.redirect(to: .response(.value(c.exercise.reference)), flash: "Your response is withdrawn: nothing of it counts unless you submit it again before the deadline")
    }

    private func submission(_ req: Request, _ c: Context) async throws -> Submission {
        guard let raw = req.parameters.get("number"), let n = Int(raw), let r = c.response,
              let s = try await Submission.query(on: req.db).filter(\.$response.$id == r.id!).filter(\.$number == n).first() else { throw Abort(.notFound) }
        return s
    }

    /// The file with this SHA-256 among these answers.
    static func file(_ sha: String, in answers: [[UUID: Answer]]) -> FileAnswer? {
        for set in answers { for a in set.values { if let f = a.file, f.sha256 == sha { return f } } }
        return nil
    }

    /// A stored file, streamed from the store a chunk at a time, under the name it was given.
    static func download(_ f: FileAnswer, _ req: Request) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: FileKind(rawValue: f.type)?.mediaType ?? "application/octet-stream")
        let ascii = String(f.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        // RFC 5987's attr-char: ASCII letters and digits and a few marks; everything else percent-encoded.
        let encoded = f.name.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")) ?? ascii
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        let store = req.application.files
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            do {
                for try await chunk in store.chunks(of: f.sha256) { try await writer.writeBuffer(chunk) }
                try await writer.write(.end)
            } catch {
                try? await writer.write(.error(error))
            }
        }))
    }

    /// A file of the organisation's own response: in a saved section or a submission.
    @Sendable func file(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        guard let sha = req.parameters.get("sha256"), sha.wholeMatch(of: /[0-9a-f]{64}/) != nil else { throw Abort(.notFound) }
        var sets = c.sections.values.map(\.answers)
        if Self.file(sha, in: sets) == nil { sets = try await Self.submissions(c, sql: try req.sql).map { ResponsePages.answers(in: $0.document) } }
        guard let f = Self.file(sha, in: sets) else { throw Abort(.notFound) }
        return Self.download(f, req)
    }

    @Sendable func receipt(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        let s = try await submission(req, c)
        return try await req.render(RespondPages.receipt(c, s))
    }

    /// The submitted copy, exactly the bytes the receipt's SHA-256 is over.
    @Sendable func copy(req: Request) async throws -> Response {
        let c = try await Self.context(req)
        let s = try await submission(req, c)
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(s.receiptNumber).json\"")
        return Response(status: .ok, headers: headers, body: .init(string: s.document))
    }
}

/// The columns of one model among a row's others, each named `prefix` + its column (`r_id`), as
/// Fluent reads a model: two records read by one statement, each decoded as Fluent decodes it.
struct PrefixedRow: DatabaseOutput {
    let row: any SQLRow
    let prefix: String

    var description: String { "\(prefix)… of \(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: prefix + key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: prefix + key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: prefix + key.description, as: T.self) }
}
