import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Too late: the deadline had passed by the database's clock when the change reached it (or
/// the exercise was cancelled, or its responses opened, meanwhile).
struct LateSubmission: AbortError {
    var reason: String
    var status: HTTPResponseStatus { .conflict }

    init(deadline: Date) {
        reason = "The deadline, \(LondonTime.dateTime(deadline)), has passed: responses can no longer be changed or submitted."
    }

    init(cancelled: Exercise) { self.init(cancelledReason: cancelled.cancelledReason) }

    init(cancelledReason: String?) {
        reason = "The council cancelled this exercise\(cancelledReason.map { " (\($0))" } ?? ""): responses can no longer be changed or submitted."
    }
}

/// An idempotency key already used for a submission sent with another body: the key names that
/// submission, not the one now asked for.
struct KeyReused: AbortError {
    var status: HTTPResponseStatus { .conflict }
    var reason: String { "This Idempotency-Key was used for a submission with a different body: send a new key for a new submission." }
}

/// What a submission still lacks: the required questions left unanswered, and answers the
/// questionnaire's current version no longer accepts (a choice removed, a word limit lowered).
struct IncompleteResponse: AbortError {
    var missing: [QuestionnaireContent.Question]
    var invalid: [(question: QuestionnaireContent.Question, message: String)] = []
    var status: HTTPResponseStatus { .unprocessableEntity }
    var reason: String {
        var parts: [String] = []
        if !missing.isEmpty { parts.append("\(missing.count) required \(missing.count == 1 ? "question is" : "questions are") not answered") }
        if !invalid.isEmpty { parts.append("\(invalid.count) \(invalid.count == 1 ? "answer needs" : "answers need") changing") }
        return "Before submitting: " + parts.joined(separator: ", and ") + "."
    }
}

/// The people who answer for the organisations taking part in an exercise (those with a
/// response), optionally only those whose response has one of `statuses`.
enum Respondents {
    static func people(_ exerciseID: UUID, statuses: Set<EngagementResponse.Status>? = nil, on db: any Database) async throws -> [User] {
        var query = EngagementResponse.query(on: db).filter(\.$exercise.$id == exerciseID)
        if let statuses { query = query.filter(\.$status ~~ statuses) }
        let organisations = try await query.all(\.$organisation.$id)
        guard !organisations.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$organisationID ~~ Set(organisations)).filter(\.$isActive == true).all().filter(\.hasConfirmedEmail)
    }
}

/// The writes to a response: a section saved, the response submitted (once per key), withdrawn.
enum ResponseWrites {
    /// The latest published questionnaire version of an exercise. A version never changes once
    /// published, so only its id is read each time; the version itself once per process.
    static func questionnaire(_ exerciseID: UUID, on db: any Database) async throws -> QuestionnaireVersion? {
        try await questionnaire(exerciseID, sql: try db.sql)
    }

    static func questionnaire(_ exerciseID: UUID, sql: any SQLDatabase) async throws -> QuestionnaireVersion? {
        guard let row = try await sql.select().column("id").from(QuestionnaireVersion.schema).where("exercise_id", .equal, exerciseID)
            .orderBy("number", .descending).limit(1).first() else { return nil }
        return try await QuestionnaireVersion.cached(try row.decode(column: "id", as: UUID.self), sql: sql)
    }

    /// Takes, to the end of the transaction, the lock for writing to one organisation's response
    /// to one exercise: its sections, its submissions, its withdrawal. Other organisations' writes
    /// do not wait for it. On PostgreSQL an advisory lock; SQLite's audited transactions already
    /// hold the database's write lock.
    static func lockResponse(_ exerciseID: UUID, organisation: UUID, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, !(tx is any SQLiteDatabase) else { return }
        let name = "\(exerciseID.lowercasedString):\(organisation.lowercasedString)"
        // The two-key form: a key space of its own, apart from the tables' and the start-up lock's.
        try await sql.raw("SELECT pg_advisory_xact_lock(\(unsafeRaw: String(responseLockClass)), hashtext(\(bind: name)))").run()
    }

    /// The first key of responses' locks ("RESP").
    static let responseLockClass: Int32 = 0x5245_5350

    /// The exercise as it is now, read in the writing transaction, if it still takes changes by
    /// the database's clock; else why not. Returns it with that clock's time.
    static func requireOpen(_ exerciseID: UUID, _ app: Application, on tx: any Database) async throws -> (Exercise, Date) {
        guard let exercise = try await Exercise.find(exerciseID, on: tx), let deadline = exercise.responseDeadline, exercise.status != .draft else { throw Abort(.notFound) }
        if exercise.status == .cancelled { throw LateSubmission(cancelled: exercise) }
        let now = try await DatabaseTime.now(app, on: tx)
        guard exercise.status == .published, now < deadline else { throw LateSubmission(deadline: deadline) }
        return (exercise, now)
    }

    /// The answers of a response to the questions of `content`, each taken from the section the
    /// content puts it in (a question moved to another section starts unanswered there).
    static func answers(_ rows: [ResponseSection], for content: QuestionnaireContent) -> [UUID: Answer] {
        let bySection = Dictionary(rows.map { ($0.sectionID, $0.answers) }, uniquingKeysWith: { a, _ in a })
        var out: [UUID: Answer] = [:]
        for section in content.sections {
            guard let stored = bySection[section.id] else { continue }
            for q in section.questions { if let a = stored[q.id] { out[q.id] = a } }
        }
        return out
    }

    /// The answers the questionnaire's rules no longer accept, each with why.
    static func invalid(_ answers: [UUID: Answer], for content: QuestionnaireContent) -> [(question: QuestionnaireContent.Question, message: String)] {
        var values: [String: String] = [:]
        for q in content.questions { values.merge(Answers.formValues(q, answers[q.id])) { a, _ in a } }
        var v = Validator(FormInput(values))
        var out: [(QuestionnaireContent.Question, String)] = []
        for q in content.questions {
            let stored = answers[q.id]
            let read = Answers.read(q, &v)
            if let message = v.errors[Answers.field(q)] { out.append((q, message)) }
            else if let stored, !stored.isEmpty, read != stored, q.kind != .number, q.kind != .file { out.append((q, "Answer again: the choices have changed")) }
        }
        return out
    }

    /// The organisation's response, made if it has none yet (numbered in the order they start).
    /// The caller holds the response's lock (`lockResponse`), so two colleagues starting at once
    /// make one response, not two; only making one takes the table's lock, for its number.
    static func response(for exerciseID: UUID, organisation: UUID, at now: Date, actor: Actor, on tx: any Database) async throws -> EngagementResponse {
        func existing() async throws -> EngagementResponse? {
            try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$organisation.$id == organisation).first()
        }
        if let found = try await existing() { return found }
        try await AuditedWrite.lockTable(EngagementResponse.schema, on: tx)
        if let found = try await existing() { return found }
        let r = EngagementResponse()
        r.version = 1
        r.$exercise.id = exerciseID
        r.$organisation.id = organisation
        r.number = (try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == exerciseID).max(\.$number) ?? 0) + 1
        r.status = .draft
        r.createdAt = now
        r.submissions = 0
        try await r.create(on: tx)
        try await AuditTrail.record("response.start", r, before: nil, by: actor, at: now, on: tx)
        return r
    }

    /// What a save does to a file question's answer; a question without one keeps its file.
    enum FileChange: Sendable, Equatable {
        case set(FileAnswer)
        case remove
    }

    /// Saves one section's answers as a draft, if it is still at the version the person opened.
    static func saveSection(_ given: Exercise, section: QuestionnaireContent.Section, input: FormInput, files: [UUID: FileChange] = [:],
                            user: User, on req: Request) async throws -> ResponseSection {
        let app = req.application, actor = Actor.user(user), exerciseID = given.id!
        return try await app.auditWriter.transaction { tx in
            // The lock first, then the time: a save that waited for the lock is judged when it gets it.
            try await lockResponse(exerciseID, organisation: user.organisationID!, on: tx)
            let (exercise, now) = try await requireOpen(exerciseID, app, on: tx)
            var v = Validator(input)
            // A form without a readable version is treated as stale: the person sees what is saved.
            v.accept(AuditedWrite.version.name)
            let seen = Int(input[AuditedWrite.version.name]) ?? -1
            var answers: [UUID: Answer] = [:]
            for q in section.questions { if let a = Answers.read(q, &v) { answers[q.id] = a } }
            try v.throwIfInvalid()
            let response = try await response(for: exercise.id!, organisation: user.organisationID!, at: now, actor: actor, on: tx)
            let existing = try await ResponseSection.query(on: tx).filter(\.$response.$id == response.id!).filter(\.$sectionID == section.id).first()
            let stored = existing?.version ?? 0
            if seen != stored { throw StaleEdit(seen: seen, current: stored) }
            for q in section.questions where q.kind == .file {
                switch files[q.id] {
                case .set(let file)?: answers[q.id] = .file(file)
                case .remove?: break
                case nil: if let kept = existing?.answers[q.id], kept.file != nil { answers[q.id] = kept }
                }
            }
            // A file newly named must still be held: `FileSweep` lets go of files no answer names.
            let gone = try await FileLedger.missing(files.values.compactMap { if case .set(let f) = $0 { f.sha256 } else { nil } }, on: tx)
            if !gone.isEmpty {
                var failed = Validator(input)
                for q in section.questions { if case .set(let f)? = files[q.id], gone.contains(f.sha256) { failed.fail(Answers.field(q), "The server no longer holds this file: choose it again") } }
                try failed.throwIfInvalid()
            }
            let row = existing ?? ResponseSection()
            let before = existing?.auditFields
            if existing == nil {
                row.$response.id = response.id!
                row.sectionID = section.id
                row.version = 0
            }
            row.answers = answers
            row.version += 1
            row.updatedAt = now
            row.updatedBy = user.name
            try await row.save(on: tx)
            try await AuditTrail.record("response-section.save", row, before: before, by: actor, at: now, on: tx)
            return row
        }
    }

    /// The document a submission is, as canonical JSON (RFC 8785): what was answered, to which
    /// questionnaire version, by whom. The receipt's SHA-256 is over its UTF-8.
    ///
    /// Its answers come already encoded (`Replacement` encodes them before the writing
    /// transaction): "answers" sorts before every other member, so the document is that member
    /// followed by the canonical form of the rest.
    static func document(exercise reference: String, organisation: (id: UUID, name: String), response: Int, number: Int,
                         version: Int, answers: Replacement.Encoded, at: Date) -> String {
        let rest = CanonicalJSON.encode(.object([
            ("exercise", .string(reference)),
            ("files", .object(answers.files.sorted { $0.key < $1.key }.map { ($0.key, JSON.int($0.value)) })),
            ("organisation", .object([("id", .string(organisation.id.lowercasedString)), ("name", .string(organisation.name))])),
            ("questionnaireVersion", .int(version)),
            ("response", .int(response)),
            ("submission", .int(number)),
            ("submittedAt", .string(JSONWriter.iso8601(at))),
        ]))
        return "{\"answers\":" + answers.canonical + "," + rest.dropFirst()
    }

    /// New answers for every section, already read and checked against questionnaire version
    /// `version`, and encoded, before the transaction: the checks and the encoding are most of a
    /// submission's work, and the transaction is what submissions queue for.
    struct Replacement: Sendable {
        var version: Int
        var answers: [UUID: [UUID: Answer]]
        /// Each section's answers as stored (`ResponseSection.answersJSON`).
        var texts: [UUID: String]
        var encoded: Encoded

        /// The answers as a submitted copy holds them: canonical JSON by question id, and each
        /// file's SHA-256 with its size.
        struct Encoded: Sendable {
            var canonical: String
            var files: [String: Int]

            init(_ answers: [UUID: Answer], for content: QuestionnaireContent) {
                canonical = CanonicalJSON.encode(.object(content.questions.compactMap { q in answers[q.id].map { (q.id.lowercasedString, $0.json) } }))
                var files: [String: Int] = [:]
                for q in content.questions { if let f = answers[q.id]?.file { files[f.sha256] = f.size } }
                self.files = files
            }
        }

        init(version: Int, answers: [UUID: [UUID: Answer]], content: QuestionnaireContent) {
            self.version = version
            // Only what each section of this version asks.
            var bySection: [UUID: [UUID: Answer]] = [:], all: [UUID: Answer] = [:]
            for section in content.sections {
                var kept: [UUID: Answer] = [:]
                for q in section.questions { if let a = answers[section.id]?[q.id] { kept[q.id] = a; all[q.id] = a } }
                bySection[section.id] = kept
            }
            self.answers = bySection
            texts = bySection.mapValues(ResponseSection.text(of:))
            encoded = Encoded(all, for: content)
        }

        /// Every answer, by question.
        var all: [UUID: Answer] { answers.values.reduce(into: [:]) { $0.merge($1) { a, _ in a } } }
    }

    /// What an API submission asked, as its `Idempotency-Key` remembers it: the SHA-256 of its
    /// answers as read, in the canonical JSON `Replacement` has already made (so the same answers
    /// however the client spaced, ordered or cased them), or of nothing for "submit as saved".
    static func fingerprint(_ replacing: Replacement?) -> String {
        CanonicalJSON.sha256(replacing.map { "{\"answers\":" + $0.encoded.canonical + "}" } ?? "{}")
    }

    /// What a submission reads before it writes, in one statement: the exercise, its latest
    /// questionnaire version, the organisation, its response (if any), the submission already
    /// made with this key (if any), and the database's clock.
    private struct Standing {
        var status: Exercise.Status
        var deadline: Date?
        var reference: String
        var title: String
        var cancelledReason: String?
        var versionID: UUID?
        var organisationName: String
        var responseID: UUID?
        var responseNumber: Int?
        var submissions: Int?
        var responseStatus: String?
        var replayed: UUID?
        var now: Date

        static func read(exercise: UUID, organisation: UUID, key: String, _ app: Application, on tx: any Database) async throws -> Standing? {
            let sql = try tx.sql
            guard let row = try await sql.raw("""
                SELECT e.status, e.response_deadline, e.reference, e.title, e.cancelled_reason, o.name AS organisation_name,
                  \(QuestionnaireVersion.latestIDOfExerciseE) AS version_id,
                  r.id AS response_id, r.number AS response_number, r.submissions, r.status AS response_status,
                  (SELECT s.id FROM submissions s WHERE s.response_id = r.id AND s.idempotency_key = \(bind: key)) AS replayed,
                  \(DatabaseTime.expression(app)) AS now
                FROM exercises e
                JOIN supplier_organisations o ON o.id = \(bind: organisation)
                LEFT JOIN responses r ON r.exercise_id = e.id AND r.organisation_id = o.id
                WHERE e.id = \(bind: exercise)
                """).first() else { return nil }
            return Standing(
                status: try row.decode(column: "status", as: Exercise.Status.self),
                deadline: try row.decode(column: "response_deadline", as: Date?.self),
                reference: try row.decode(column: "reference", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                cancelledReason: try row.decode(column: "cancelled_reason", as: String?.self),
                versionID: try row.decode(column: "version_id", as: UUID?.self),
                organisationName: try row.decode(column: "organisation_name", as: String.self),
                responseID: try row.decode(column: "response_id", as: UUID?.self),
                responseNumber: try row.decode(column: "response_number", as: Int?.self),
                submissions: try row.decode(column: "submissions", as: Int?.self),
                responseStatus: try row.decode(column: "response_status", as: String?.self),
                replayed: try row.decode(column: "replayed", as: UUID?.self),
                now: Date(timeIntervalSince1970: try row.decode(column: "now", as: Double.self)))
        }
    }

    /// Submits the response as it stands (or with `replacing`'s answers in every section first).
    /// Idempotent by `key`: the same key returns the same receipt (`replayed`), never a second
    /// version. Only after the commit is the receipt given out.
    ///
    /// This is what organisations do all at once at a deadline, so it is written for that: one
    /// statement reads everything it needs, the sections are written in one statement and their
    /// events with the submission's and the response's in another (about eight statements where
    /// Fluent's models took forty).
    ///
    /// `fingerprint` says what the API request asked (`fingerprint(_:)`): a key sent again with
    /// another request is refused (`KeyReused`), since the submission it names is not the one being asked for.
    static func submit(_ given: Exercise, user: User, key: String, fingerprint: String? = nil, replacing: Replacement? = nil,
                       on req: Request) async throws -> (submission: Submission, replayed: Bool) {
        let app = req.application, actor = Actor.user(user), base = app.settings.publicURL, exerciseID = given.id!
        guard let organisationID = user.organisationID, let userID = user.id else { throw Abort(.forbidden) }
        guard (1...200).contains(key.count) else { throw Abort(.badRequest, reason: "The submission key is missing: open the check-your-answers page again and submit from there.") }
        return try await app.auditWriter.transaction { tx in
            try await lockResponse(exerciseID, organisation: organisationID, on: tx)
            guard let standing = try await Standing.read(exercise: exerciseID, organisation: organisationID, key: key, app, on: tx) else { throw Abort(.notFound) }
            if let replayed = standing.replayed, let again = try await Submission.find(replayed, on: tx) {
                // (A submission made before fingerprints were kept has none: its retry is taken as the same.)
                guard again.requestFingerprint == nil || again.requestFingerprint == fingerprint else { throw KeyReused() }
                return (again, true)
            }
            // As `requireOpen`, from what was read.
            guard let deadline = standing.deadline, standing.status != .draft else { throw Abort(.notFound) }
            if standing.status == .cancelled { throw LateSubmission(cancelledReason: standing.cancelledReason) }
            let now = standing.now
            guard standing.status == .published, now < deadline else { throw LateSubmission(deadline: deadline) }
            guard let versionID = standing.versionID, let version = try await QuestionnaireVersion.cached(versionID, sql: try tx.sql) else { throw Abort(.notFound) }
            let content = version.content
            let sql = try tx.sql
            var events: [AuditTrail.Change] = []
            var responseID = standing.responseID, responseNumber = standing.responseNumber, submitted = standing.submissions ?? 0
            var beforeStatus = standing.responseStatus
            let answers: [UUID: Answer], encoded: Replacement.Encoded
            if let replacing {
                guard replacing.version == version.number else {
                    throw Abort(.conflict, reason: "The questionnaire changed to version \(version.number) while this was sent: read it again and submit again.")
                }
                if responseID == nil {
                    let made = try await response(for: exerciseID, organisation: organisationID, at: now, actor: actor, on: tx)
                    responseID = made.id; responseNumber = made.number; submitted = made.submissions; beforeStatus = made.status.rawValue
                }
                guard let rid = responseID else { throw Abort(.internalServerError) }
                // Every section of this version, in one statement: a new row, or the row's next version.
                var upsert = sql.insert(into: ResponseSection.schema).columns("id", "version", "response_id", "section_id", "answers", "updated_at", "updated_by")
                for section in content.sections {
                    upsert = upsert.values(SQLBind(UUID.random()), SQLBind(1), SQLBind(rid), SQLBind(section.id), SQLBind(replacing.texts[section.id] ?? "{}"),
                                           SQLBind(now), SQLBind(user.name))
                }
                upsert = upsert.onConflict(with: ["response_id", "section_id"]) { update in
                    update.set(SQLIdentifier("version"), to: SQLRaw("\(ResponseSection.schema).version + 1"))
                        .set(excludedValueOf: "answers").set(excludedValueOf: "updated_at").set(excludedValueOf: "updated_by")
                }
                let written = try await upsert.returning("id", "section_id", "version").all()
                // Each row its event, as a section saved on its own has (with the batch's other events, one INSERT).
                let ledger = AuditLedger.current
                for row in written {
                    let id = try row.decode(column: "id", as: UUID.self), section = try row.decode(column: "section_id", as: UUID.self)
                    let v = try row.decode(column: "version", as: Int.self)
                    let fields = { (version: Int) in ["response": rid.lowercasedString, "section": section.lowercasedString, "version": String(version)] }
                    ledger?.wrote(AuditLedger.subject(ResponseSection.schema, id.lowercasedString))
                    events.append(.init(action: "response-section.save", subjectType: ResponseSection.schema, subjectID: id.lowercasedString,
                                        changes: AuditTrail.diff(before: v == 1 ? nil : fields(v - 1), after: fields(v))))
                }
                answers = replacing.all
                encoded = replacing.encoded
            } else {
                guard let rid = responseID else { throw IncompleteResponse(missing: content.questions.filter(\.required)) }
                let rows = try await ResponseSection.query(on: tx).filter(\.$response.$id == rid).all()
                answers = Self.answers(rows, for: content)
                encoded = Replacement.Encoded(answers, for: content)
            }
            guard let rid = responseID, let responseNumber else { throw Abort(.internalServerError) }
            // The files the copy names must still be held (see `saveSection`); the ledger keeps them for good.
            let files = content.questions.compactMap { answers[$0.id]?.file }
            let gone = try await FileLedger.missing(files.map(\.sha256), on: tx)
            if !gone.isEmpty {
                var errors = FormErrors()
                for q in content.questions { if let f = answers[q.id]?.file, gone.contains(f.sha256) { errors.add(Answers.field(q), "The server no longer holds this file: upload it again") } }
                throw ValidationFailure(errors: errors)
            }
            // Answers just checked against this version need no second check.
            let missing = Answers.missing(content, answers), invalid = replacing == nil ? invalid(answers, for: content) : []
            guard missing.isEmpty, invalid.isEmpty else { throw IncompleteResponse(missing: missing, invalid: invalid) }
            let number = submitted + 1
            let document = document(exercise: standing.reference, organisation: (organisationID, standing.organisationName),
                                    response: responseNumber, number: number, version: version.number, answers: encoded, at: now)
            let s = Submission()
            s.id = UUID.random()
            s.$response.id = rid
            s.number = number
            s.questionnaireVersion = version.number
            s.submittedAt = now
            s.submittedBy = userID
            s.document = document
            s.sha256 = CanonicalJSON.sha256(document)
            s.receiptNumber = "\(standing.reference)-\(String(format: "%04d", responseNumber))-\(number)"
            s.idempotencyKey = key
            s.requestFingerprint = fingerprint
            try await sql.insert(into: Submission.schema)
                .columns("id", "response_id", "number", "questionnaire_version", "submitted_at", "submitted_by", "document", "sha256", "receipt_number", "idempotency_key",
                         "request_sha256")
                .values(SQLBind(s.id!), SQLBind(rid), SQLBind(number), SQLBind(s.questionnaireVersion), SQLBind(now), SQLBind(userID), SQLBind(document),
                        SQLBind(s.sha256), SQLBind(s.receiptNumber), SQLBind(key), SQLBind(fingerprint))
                .run()
            try await sql.update(EngagementResponse.schema)
                .set("submissions", to: SQLBind(number)).set("status", to: SQLBind(EngagementResponse.Status.submitted.rawValue))
                .set(SQLIdentifier("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, SQLBind(rid)).run()
            try await FileLedger.submitted(files, owner: organisationID, at: now, on: tx)
            AuditLedger.current?.wrote(AuditLedger.subject(Submission.schema, s.auditSubjectID))
            AuditLedger.current?.wrote(AuditLedger.subject(EngagementResponse.schema, rid.lowercasedString))
            events.append(.init(action: "submission.create", subjectType: Submission.schema, subjectID: s.auditSubjectID,
                                changes: AuditTrail.diff(before: nil, after: s.auditFields)))
            events.append(.init(action: "response.submit", subjectType: EngagementResponse.schema, subjectID: rid.lowercasedString,
                                changes: AuditTrail.diff(before: ["status": beforeStatus ?? "", "submissions": String(submitted)],
                                                         after: ["status": EngagementResponse.Status.submitted.rawValue, "submissions": String(number)])))
            try await AuditTrail.record(events, by: actor, at: now, on: tx)
            try await Outbox.enqueue(Email(kind: "receipt", to: user.email, subject: "Receipt \(s.receiptNumber): your response to \(standing.reference)", paragraphs: [
                "\(standing.organisationName) submitted its response to “\(standing.title)” (\(standing.reference)) at \(LondonTime.dateTime(now)).",
                "Receipt number: \(s.receiptNumber). Questionnaire version: \(version.number). SHA-256 of the submitted content: \(s.sha256).",
                "You can change the response and submit it again until the deadline, \(LondonTime.dateTime(deadline)); this submission counts until you do.",
            ], link: base + SiteURL.receipt(.value(standing.reference), .value(String(number))).path), at: now, on: tx)
            return (s, false)
        }
    }

    /// Withdraws the submitted response: nothing of it counts, until it is submitted again.
    @discardableResult
    static func withdraw(_ given: Exercise, user: User, on req: Request) async throws -> Bool {
        let app = req.application, actor = Actor.user(user), exerciseID = given.id!
        return try await app.auditWriter.transaction { tx in
            // Under the response's lock, so that a submission and a withdrawal cannot interleave.
            try await lockResponse(exerciseID, organisation: user.organisationID!, on: tx)
            let (exercise, now) = try await requireOpen(exerciseID, app, on: tx)
            guard let response = try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == exercise.id!)
                .filter(\.$organisation.$id == user.organisationID!).first(), response.status == .submitted else { return false }
            for s in try await Submission.query(on: tx).filter(\.$response.$id == response.id!).filter(\.$withdrawnAt == nil).all() {
                let before = s.auditFields
                s.withdrawnAt = now
                try await s.save(on: tx)
                try await AuditTrail.record("submission.withdraw", s, before: before, by: actor, at: now, on: tx)
            }
            let before = response.auditFields
            response.status = .withdrawn
            response.version += 1
            try await response.save(on: tx)
            try await AuditTrail.record("response.withdraw", response, before: before, by: actor, at: now, on: tx)
            return true
        }
    }
}
