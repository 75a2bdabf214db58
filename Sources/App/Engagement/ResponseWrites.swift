import Fluent
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

    init(cancelled: Exercise) {
        reason = "The council cancelled this exercise\(cancelled.cancelledReason.map { " (\($0))" } ?? ""): responses can no longer be changed or submitted."
    }
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
    /// The latest published questionnaire version of an exercise.
    static func questionnaire(_ exerciseID: UUID, on db: any Database) async throws -> QuestionnaireVersion? {
        try await QuestionnaireVersion.query(on: db).filter(\.$exercise.$id == exerciseID).sort(\.$number, .descending).first()
    }

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
    static func response(for exercise: Exercise, organisation: UUID, at now: Date, actor: Actor, on tx: any Database) async throws -> EngagementResponse {
        // Locked before looking: two colleagues starting at once make one response, not two.
        try await AuditedWrite.lockTable(EngagementResponse.schema, on: tx)
        if let found = try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == exercise.id!).filter(\.$organisation.$id == organisation).first() {
            return found
        }
        let r = EngagementResponse()
        r.version = 1
        r.$exercise.id = exercise.id!
        r.$organisation.id = organisation
        r.number = (try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == exercise.id!).max(\.$number) ?? 0) + 1
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
            try await AuditedWrite.lockTable(EngagementResponse.schema, on: tx)
            let (exercise, now) = try await requireOpen(exerciseID, app, on: tx)
            var v = Validator(input)
            // A form without a readable version is treated as stale: the person sees what is saved.
            v.accept(AuditedWrite.version.name)
            let seen = Int(input[AuditedWrite.version.name]) ?? -1
            var answers: [UUID: Answer] = [:]
            for q in section.questions { if let a = Answers.read(q, &v) { answers[q.id] = a } }
            try v.throwIfInvalid()
            let response = try await response(for: exercise, organisation: user.organisationID!, at: now, actor: actor, on: tx)
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

    /// The document a submission is: what was answered, to which questionnaire version, by whom.
    /// Its canonical JSON is what the receipt's SHA-256 is over.
    static func document(exercise: Exercise, organisation: SupplierOrganisation, response: EngagementResponse, number: Int,
                         version: QuestionnaireVersion, answers: [UUID: Answer], at: Date) -> JSON {
        let content = version.content
        let answered = content.questions.compactMap { q in answers[q.id].map { (q.id.uuidString.lowercased(), $0.json) } }
        // Each file's own SHA-256 and size, so that the copy and the files can be checked together.
        var files: [String: Int] = [:]
        for q in content.questions { if let f = answers[q.id]?.file { files[f.sha256] = f.size } }
        return .object([
            ("exercise", .string(exercise.reference)),
            ("organisation", .object([("id", .string(organisation.id!.uuidString.lowercased())), ("name", .string(organisation.name))])),
            ("response", .int(response.number)),
            ("submission", .int(number)),
            ("questionnaireVersion", .int(version.number)),
            ("submittedAt", .string(ISO8601DateFormatter().string(from: at))),
            ("answers", .object(answered)),
            ("files", .object(files.sorted { $0.key < $1.key }.map { ($0.key, JSON.int($0.value)) })),
        ])
    }

    /// New answers for every section, already read and checked against questionnaire version
    /// `version` (before the transaction: the checks are most of a submission's work, and the
    /// transaction is what submissions queue for).
    struct Replacement: Sendable {
        var version: Int
        var answers: [UUID: [UUID: Answer]]
    }

    /// Submits the response as it stands (or with `replacing`'s answers in every section first).
    /// Idempotent by `key`: the same key returns the same receipt (`replayed`), never a second
    /// version. Only after the commit is the receipt given out.
    static func submit(_ given: Exercise, user: User, key: String, replacing: Replacement? = nil,
                       on req: Request) async throws -> (submission: Submission, replayed: Bool) {
        let app = req.application, actor = Actor.user(user), base = app.settings.publicURL, exerciseID = given.id!
        guard (1...200).contains(key.count) else { throw Abort(.badRequest, reason: "The submission key is missing: open the check-your-answers page again and submit from there.") }
        return try await app.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(Submission.schema, on: tx)
            var found = try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == exerciseID).filter(\.$organisation.$id == user.organisationID!).first()
            if let found, let again = try await Submission.query(on: tx).filter(\.$response.$id == found.id!).filter(\.$idempotencyKey == key).first() {
                return (again, true)
            }
            let (exercise, now) = try await requireOpen(exerciseID, app, on: tx)
            guard let version = try await questionnaire(exerciseID, on: tx),
                  let organisation = try await SupplierOrganisation.find(user.organisationID, on: tx) else { throw Abort(.notFound) }
            let content = version.content
            if let replacing {
                guard replacing.version == version.number else {
                    throw Abort(.conflict, reason: "The questionnaire changed to version \(version.number) while this was sent: read it again and submit again.")
                }
                let bySection = replacing.answers
                let response = try await response(for: exercise, organisation: organisation.id!, at: now, actor: actor, on: tx)
                let existing = try await ResponseSection.query(on: tx).filter(\.$response.$id == response.id!).all()
                for section in content.sections {
                    let row = existing.first { $0.sectionID == section.id } ?? ResponseSection()
                    let before = row.id == nil ? nil : row.auditFields
                    if row.id == nil {
                        row.$response.id = response.id!
                        row.sectionID = section.id
                        row.version = 0
                    }
                    row.answers = bySection[section.id] ?? [:]
                    row.version += 1
                    row.updatedAt = now
                    row.updatedBy = user.name
                    try await row.save(on: tx)
                    try await AuditTrail.record("response-section.save", row, before: before, by: actor, at: now, on: tx)
                }
                found = response
            }
            guard let response = found else { throw IncompleteResponse(missing: content.questions.filter(\.required)) }
            let rows = try await ResponseSection.query(on: tx).filter(\.$response.$id == response.id!).all()
            let answers = answers(rows, for: content)
            // Answers just checked against this version need no second check.
            let missing = Answers.missing(content, answers), invalid = replacing == nil ? invalid(answers, for: content) : []
            guard missing.isEmpty, invalid.isEmpty else { throw IncompleteResponse(missing: missing, invalid: invalid) }
            let number = response.submissions + 1
            let document = CanonicalJSON.encode(document(exercise: exercise, organisation: organisation, response: response, number: number,
                                                         version: version, answers: answers, at: now))
            let s = Submission()
            s.$response.id = response.id!
            s.number = number
            s.questionnaireVersion = version.number
            s.submittedAt = now
            s.submittedBy = user.id!
            s.document = document
            s.sha256 = CanonicalJSON.sha256(document)
            s.receiptNumber = "\(exercise.reference)-\(String(format: "%04d", response.number))-\(number)"
            s.idempotencyKey = key
            try await s.create(on: tx)
            try await AuditTrail.record("submission.create", s, before: nil, by: actor, at: now, on: tx)
            let before = response.auditFields
            response.submissions = number
            response.status = .submitted
            response.version += 1
            try await response.save(on: tx)
            try await AuditTrail.record("response.submit", response, before: before, by: actor, at: now, on: tx)
            try await Outbox.enqueue(Email(kind: "receipt", to: user.email, subject: "Receipt \(s.receiptNumber): your response to \(exercise.reference)", paragraphs: [
                "\(organisation.name) submitted its response to “\(exercise.title)” (\(exercise.reference)) at \(LondonTime.dateTime(now)).",
                "Receipt number: \(s.receiptNumber). Questionnaire version: \(version.number). SHA-256 of the submitted content: \(s.sha256).",
                "You can change the response and submit it again until the deadline, \(exercise.responseDeadline.map(LondonTime.dateTime) ?? ""); this submission counts until you do.",
            ], link: base + SiteURL.receipt(.value(exercise.reference), .value(String(number))).path), at: now, on: tx)
            return (s, false)
        }
    }

    /// Withdraws the submitted response: nothing of it counts, until it is submitted again.
    @discardableResult
    static func withdraw(_ given: Exercise, user: User, on req: Request) async throws -> Bool {
        let app = req.application, actor = Actor.user(user), exerciseID = given.id!
        return try await app.auditWriter.transaction { tx in
            // Under the submissions' lock, so that a submission and a withdrawal cannot interleave.
            try await AuditedWrite.lockTable(Submission.schema, on: tx)
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
