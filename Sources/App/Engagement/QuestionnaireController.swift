import Fluent
import SQLKit
import Vapor

/// The rules of a question as officers write it.
enum QuestionRules {
    static let title = FieldRule("title", "Section title", .line(max: 200))
    static let intro = FieldRule("intro", "Introduction", .text(max: 2_000), required: false)
    static let section = FieldRule("section", "Section", .reference)
    static let kind = FieldRule.choice("kind", "A kind of question", QuestionnaireContent.Question.Kind.self)
    static let text = FieldRule("text", "Question", .text(max: 1_000))
    static let guidance = FieldRule("guidance", "Guidance", .text(max: 2_000), required: false)
    static let wordLimit = FieldRule("wordLimit", "Word limit", .integer(10...10_000), required: false)
    static let options = FieldRule("options", "Choices", .text(max: 5_000), required: false)
    static let minimum = FieldRule("minimum", "Smallest number", .line(max: 20), required: false)
    static let maximum = FieldRule("maximum", "Largest number", .line(max: 20), required: false)
    static let maxQuestions = 200
}

/// Writes to an exercise's questionnaire: each one a change of its working copy, under the
/// copy's version, audited. The copy is made by the first change.
enum QuestionnaireWrites {
    static func edit(_ exerciseID: UUID, _ input: FormInput, on req: Request, action: String,
                     _ apply: @escaping @Sendable (inout QuestionnaireContent, inout Validator, any Database) async throws -> Void) async throws -> Questionnaire {
        let now = req.now, actor = req.actor
        return try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(Questionnaire.schema, on: tx)
            guard let exercise = try await Exercise.find(exerciseID, on: tx) else { throw Abort(.notFound) }
            var v = Validator(input)
            v.accept(AuditedWrite.version.name)
            let seen = Int(input[AuditedWrite.version.name]) ?? -1
            guard exercise.isEditable(at: now) else {
                v.conflict("version", "This exercise is \(exercise.stage(at: now).label.lowercased()): its questionnaire can no longer be changed")
                try v.throwIfInvalid()
                throw Abort(.conflict)
            }
            let existing = try await Questionnaire.query(on: tx).filter(\.$exercise.$id == exerciseID).first()
            let q = existing ?? { let q = Questionnaire(); q.$exercise.id = exerciseID; q.version = 0; return q }()
            var content = q.content
            try await apply(&content, &v, tx)
            try v.throwIfInvalid()
            if seen != q.version { throw StaleEdit(seen: seen, current: q.version) }
            let before = existing?.auditFields
            q.content = content
            q.version += 1
            try await q.save(on: tx)
            try await AuditTrail.record(action, q, before: before, by: actor, at: now, on: tx)
            return q
        }
    }

    /// Publishes the working copy as the next version. On a published exercise this is a change
    /// respondents are told of, and the late-change rule applies.
    static func publishVersion(_ exerciseID: UUID, version seen: Int, on req: Request) async throws -> QuestionnaireVersion {
        let now = req.now, actor = req.actor, days = req.application.settings.lateChangeWorkingDays, base = req.application.settings.publicURL
        return try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(Questionnaire.schema, on: tx)
            guard let exercise = try await Exercise.find(exerciseID, on: tx) else { throw Abort(.notFound) }
            var v = Validator(FormInput())
            guard exercise.status == .published, exercise.stage(at: now) == .open else {
                v.conflict("version", "Only an open exercise’s questionnaire is published this way; a draft’s is published with its notice")
                try v.throwIfInvalid()
                throw Abort(.conflict)
            }
            guard let q = try await Questionnaire.query(on: tx).filter(\.$exercise.$id == exerciseID).first() else { throw Abort(.notFound) }
            if seen != q.version { throw StaleEdit(seen: seen, current: q.version) }
            let latest = try await QuestionnaireVersion.query(on: tx).filter(\.$exercise.$id == exerciseID).sort(\.$number, .descending).first()
            let changes = q.content.changes(from: latest?.content ?? QuestionnaireContent())
            if changes.isEmpty { v.conflict("version", "Nothing has changed since version \(q.publishedVersion)") }
            if q.content.questions.isEmpty { v.conflict("version", "The questionnaire has no questions") }
            if let late = ExerciseWrites.lateChange(exercise, at: now, days: days, calendar: try await WorkingDays.read(on: tx.sql)) {
                v.conflict("version", late)
            }
            try v.throwIfInvalid()
            let version = try await record(q, exercise: exercise, changes: changes, at: now, by: actor, on: tx)
            // Organisations with a draft answer the new version: they are told what changed.
            for person in try await Respondents.people(exerciseID, statuses: [.draft], on: tx) {
                try await Outbox.enqueue(Email(kind: "questionnaire-change", to: person.email, subject: "The questionnaire of \(exercise.reference) has changed",
                                               paragraphs: ["The council has published version \(version.number) of the questionnaire of “\(exercise.title)”. What changed:"] + changes,
                                               link: base + SiteURL.response(.value(exercise.reference)).path), at: now, on: tx)
            }
            return version
        }
    }

    /// Writes the next version from the working copy (inside the caller's transaction).
    static func record(_ q: Questionnaire, exercise: Exercise, changes: [String], at now: Date, by actor: Actor, on tx: any Database) async throws -> QuestionnaireVersion {
        let version = QuestionnaireVersion()
        version.$exercise.id = try exercise.requireID()
        version.number = q.publishedVersion + 1
        version.contentJSON = q.contentJSON
        version.publishedAt = now
        version.changes = changes.joined(separator: "\n")
        try await version.create(on: tx)
        try await AuditTrail.record("questionnaire-version.publish", version, before: nil, by: actor, at: now, on: tx)
        let before = q.auditFields
        q.publishedVersion = version.number
        q.version += 1
        try await q.save(on: tx)
        try await AuditTrail.record("questionnaire.publish", q, before: before, by: actor, at: now, on: tx)
        return version
    }

    /// Reads a question from the form: its section, kind, wording, guidance, whether it must be
    /// answered, its limits and choices, and the objectives it evidences.
    static func question(_ v: inout Validator, id: UUID, objectives: Set<Int>) -> (section: UUID?, question: QuestionnaireContent.Question) {
        typealias R = QuestionRules
        let section = v.reference(R.section)
        let kind = v.choice(R.kind, as: QuestionnaireContent.Question.Kind.self) ?? .shortText
        let text = v.text(R.text), guidance = v.text(R.guidance)
        v.accept("required")
        v.accept("condition")
        let summaryText = TextRules.trimmed(v.input["summary"])
        var summary: QuestionnaireContent.Question.SummaryRole?
        if summaryText.isEmpty { v.accept("summary") } else {
            summary = v.choice(FieldRule.choice("summary", "what the answer gives in the summary", QuestionnaireContent.Question.SummaryRole.self),
                               as: QuestionnaireContent.Question.SummaryRole.self)
        }
        let wordLimit = v.integer(R.wordLimit)
        let options = v.text(R.options).split(whereSeparator: \.isNewline).map { TextRules.trimmed(String($0)) }.filter { !$0.isEmpty }
        let minimum = v.text(R.minimum), maximum = v.text(R.maximum)
        var chosen: [Int] = []
        for n in 1...20 {
            v.accept("objective-\(n)")
            if !v.input["objective-\(n)"].isEmpty { chosen.append(n) }
        }
        if !chosen.allSatisfy(objectives.contains) { v.fail("objective-1", "Select objectives that exist") }
        if [.singleChoice, .multipleChoice].contains(kind) {
            if options.count < 2 { v.fail(R.options.name, "Give at least two choices, one a line") }
            else if Set(options).count != options.count { v.fail(R.options.name, "Give each choice once") }
            else if options.count > 50 || options.contains(where: { $0.count > 200 }) { v.fail(R.options.name, "Give at most 50 choices of at most 200 characters") }
        }
        var bounds: (Decimal?, Decimal?) = (nil, nil)
        if kind == .number {
            for (rule, text) in [(R.minimum, minimum), (R.maximum, maximum)] where !text.isEmpty && v.errors[rule.name] == nil {
                guard let d = Answers.decimal(text) else { v.fail(rule.name, "\(rule.label) must be a number, like 0 or 2500.50"); continue }
                if rule.name == R.minimum.name { bounds.0 = d } else { bounds.1 = d }
            }
            if let lo = bounds.0, let hi = bounds.1, lo > hi { v.fail(R.maximum.name, "The largest number must not be smaller than the smallest") }
        }
        return (section, .init(id: id, kind: kind, text: text, guidance: guidance, required: !v.input["required"].isEmpty,
                               wordLimit: kind == .longText ? wordLimit : nil, options: [.singleChoice, .multipleChoice].contains(kind) ? options : [],
                               minimum: kind == .number && !minimum.isEmpty ? minimum : nil, maximum: kind == .number && !maximum.isEmpty ? maximum : nil,
                               objectives: chosen, condition: v.input["condition"].isEmpty ? nil : true, summary: summary))
    }
}

/// The officer's pages for an exercise's questionnaire.
struct QuestionnaireController {
    private func exercise(_ req: Request) async throws -> Exercise {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        return e
    }

    private func working(_ req: Request, _ e: Exercise) async throws -> Questionnaire? {
        try await Questionnaire.query(on: req.db).filter(\.$exercise.$id == e.id!).first()
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await render(req, try await exercise(req))
    }

    private func render(_ req: Request, _ e: Exercise, problems: [String] = []) async throws -> Response {
        let q = try await working(req, e)
        let versions = try await QuestionnaireVersion.query(on: req.db).filter(\.$exercise.$id == e.id!).sort(\.$number).all()
        let others = try await Exercise.query(on: req.db).filter(\.$id != e.id!).sort(\.$reference).all()
        let content = q?.content ?? QuestionnaireContent()
        let unpublished = content.changes(from: versions.last?.content ?? QuestionnaireContent())
        var page = QuestionnairePages.overview(
            exercise: .init(id: e.id!, reference: e.reference, title: e.title, stage: e.stage(at: req.now)),
            content: content, version: q?.version ?? 0, versions: versions.map { .init(number: $0.number, at: $0.publishedAt, changes: $0.changes) },
            unpublished: unpublished, copyFrom: others.map { .init(id: $0.id!, label: "\($0.reference): \($0.title)") },
            objectives: try await ExercisesController.objectives(req.db), problems: problems, csrf: req.csrfToken)
        if !problems.isEmpty { page.status = .conflict }
        return try await req.render(page)
    }

    /// A form about the questionnaire; on a refusal or a stale version, the page again with why.
    private func write(_ req: Request, _ e: Exercise, done: String, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return req.redirect(to: .questionnaire(.value(e.id!)), flash: done)
        } catch let failure as ValidationFailure {
            return try await render(req, e, problems: failure.errors.items.map(\.message))
        } catch is StaleEdit {
            return try await render(req, e, problems: ["Someone changed the questionnaire since you opened it, so nothing was saved. Here it is as it is now."])
        }
    }

    // MARK: Sections

    @Sendable func sectionForm(req: Request) async throws -> Response {
        let e = try await exercise(req)
        let q = try await working(req, e)
        var input = FormInput(["version": String(q?.version ?? 0)])
        var sectionID: UUID?
        if let raw = req.parameters.get("section") {
            guard let id = UUID(uuidString: raw), let s = q?.content.sections.first(where: { $0.id == id }) else { throw Abort(.notFound) }
            sectionID = id
            input.values["title"] = .text(s.title)
            input.values["intro"] = .text(s.intro)
        }
        return try await req.render(QuestionnairePages.sectionForm(exerciseID: e.id!, sectionID: sectionID, FormState(input: input, csrf: req.csrfToken)))
    }

    @Sendable func saveSection(req: Request) async throws -> Response {
        let e = try await exercise(req), input = FormInput.form(req)
        let sectionID = req.parameters.get("section").flatMap(UUID.init(uuidString:))
        if req.parameters.get("section") != nil, sectionID == nil { throw Abort(.notFound) }
        do {
            _ = try await QuestionnaireWrites.edit(e.id!, input, on: req, action: "questionnaire.section") { content, v, _ in
                let title = v.text(QuestionRules.title), intro = v.text(QuestionRules.intro)
                try v.throwIfInvalid()
                if let sectionID {
                    guard let i = content.sections.firstIndex(where: { $0.id == sectionID }) else { throw Abort(.notFound) }
                    content.sections[i].title = title
                    content.sections[i].intro = intro
                } else {
                    guard content.sections.count < 50 else { v.conflict("title", "A questionnaire has at most 50 sections"); try v.throwIfInvalid(); return }
                    content.sections.append(.init(id: UUID(), title: title, intro: intro, questions: []))
                }
            }
            return req.redirect(to: .questionnaire(.value(e.id!)), flash: "Section saved")
        } catch let failure as ValidationFailure {
            return try await req.render(QuestionnairePages.sectionForm(exerciseID: e.id!, sectionID: sectionID,
                                                                       FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        } catch is StaleEdit {
            return try await render(req, e, problems: ["Someone changed the questionnaire since you opened it, so your section was not saved. Here it is as it is now."])
        }
    }

    @Sendable func removeSection(req: Request) async throws -> Response {
        let e = try await exercise(req)
        guard let sectionID = req.parameters.get("section").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return try await write(req, e, done: "Section removed") {
            _ = try await QuestionnaireWrites.edit(e.id!, FormInput.form(req), on: req, action: "questionnaire.section-remove") { content, v, _ in
                guard let i = content.sections.firstIndex(where: { $0.id == sectionID }) else { throw Abort(.notFound) }
                if !content.sections[i].questions.isEmpty { v.conflict("version", "Remove or move the section’s questions first") }
                try v.throwIfInvalid()
                content.sections.remove(at: i)
            }
        }
    }

    // MARK: Questions

    @Sendable func questionForm(req: Request) async throws -> Response {
        let e = try await exercise(req)
        let q = try await working(req, e)
        let content = q?.content ?? QuestionnaireContent()
        var input = FormInput(["version": String(q?.version ?? 0), "section": req.query[String.self, at: "section"] ?? "", "kind": "long-text", "required": "yes"])
        var questionID: UUID?
        if let raw = req.parameters.get("question") {
            guard let id = UUID(uuidString: raw), let question = content.question(id),
                  let section = content.sections.first(where: { $0.questions.contains { $0.id == id } }) else { throw Abort(.notFound) }
            questionID = id
            input = QuestionnairePages.input(question, section: section.id, version: q?.version ?? 0)
        }
        return try await renderQuestionForm(req, e, questionID: questionID, content: content, FormState(input: input, csrf: req.csrfToken))
    }

    private func renderQuestionForm(_ req: Request, _ e: Exercise, questionID: UUID?, content: QuestionnaireContent, _ f: FormState) async throws -> Response {
        try await req.render(QuestionnairePages.questionForm(exerciseID: e.id!, questionID: questionID, sections: content.sections.map { ($0.id, $0.title) },
                                                             objectives: try await ExercisesController.objectives(req.db), f))
    }

    @Sendable func saveQuestion(req: Request) async throws -> Response {
        let e = try await exercise(req), input = FormInput.form(req)
        let questionID = req.parameters.get("question").flatMap(UUID.init(uuidString:))
        if req.parameters.get("question") != nil, questionID == nil { throw Abort(.notFound) }
        let objectives = Set(try await ExercisesController.objectives(req.db).map(\.number))
        do {
            _ = try await QuestionnaireWrites.edit(e.id!, input, on: req, action: "questionnaire.question") { content, v, _ in
                let (sectionID, question) = QuestionnaireWrites.question(&v, id: questionID ?? UUID(), objectives: objectives)
                if let sectionID, !content.sections.contains(where: { $0.id == sectionID }) { v.fail("section", "Select a section of this questionnaire") }
                if questionID == nil, content.questions.count >= QuestionRules.maxQuestions { v.conflict("text", "A questionnaire has at most \(QuestionRules.maxQuestions) questions") }
                try v.throwIfInvalid()
                // Taken out of wherever it was, and put in its section (at the end if it moved).
                var position: (Int, Int)?
                for (i, s) in content.sections.enumerated() {
                    if let j = s.questions.firstIndex(where: { $0.id == question.id }) { position = (i, j) }
                }
                if let questionID, position == nil { _ = questionID; throw Abort(.notFound) }
                let target = content.sections.firstIndex { $0.id == sectionID }!
                if let (i, j) = position, i == target {
                    content.sections[i].questions[j] = question
                } else {
                    if let (i, j) = position { content.sections[i].questions.remove(at: j) }
                    content.sections[target].questions.append(question)
                }
            }
            return req.redirect(to: .questionnaire(.value(e.id!)), flash: "Question saved")
        } catch let failure as ValidationFailure {
            let content = try await working(req, e)?.content ?? QuestionnaireContent()
            return try await renderQuestionForm(req, e, questionID: questionID, content: content, FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken))
        } catch is StaleEdit {
            return try await render(req, e, problems: ["Someone changed the questionnaire since you opened it, so your question was not saved. Here it is as it is now."])
        }
    }

    @Sendable func removeQuestion(req: Request) async throws -> Response {
        let e = try await exercise(req)
        guard let questionID = req.parameters.get("question").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return try await write(req, e, done: "Question removed") {
            _ = try await QuestionnaireWrites.edit(e.id!, FormInput.form(req), on: req, action: "questionnaire.question-remove") { content, _, _ in
                guard let i = content.sections.firstIndex(where: { $0.questions.contains { $0.id == questionID } }) else { throw Abort(.notFound) }
                content.sections[i].questions.removeAll { $0.id == questionID }
            }
        }
    }

    /// Copies another exercise's questionnaire (its working copy) into this one's, which must be empty.
    @Sendable func copy(req: Request) async throws -> Response {
        let e = try await exercise(req), input = FormInput.form(req)
        return try await write(req, e, done: "Questionnaire copied") {
            _ = try await QuestionnaireWrites.edit(e.id!, input, on: req, action: "questionnaire.copy") { content, v, tx in
                let from = v.reference(FieldRule("from", "The exercise to copy from", .reference))
                guard let from, let source = try await Questionnaire.query(on: tx).filter(\.$exercise.$id == from).first() else {
                    v.fail("from", "Select an exercise with a questionnaire to copy")
                    try v.throwIfInvalid()
                    return
                }
                if !content.questions.isEmpty { v.conflict("from", "This questionnaire already has questions: copy only into an empty one") }
                try v.throwIfInvalid()
                content = source.content
            }
        }
    }

    @Sendable func publish(req: Request) async throws -> Response {
        let e = try await exercise(req)
        guard let seen = Int(FormInput.form(req)["version"]) else {
            return try await render(req, e, problems: ["Someone changed the questionnaire since you opened it, so nothing was published. Here it is as it is now."])
        }
        return try await write(req, e, done: "The questionnaire’s new version is published") {
            _ = try await QuestionnaireWrites.publishVersion(e.id!, version: seen, on: req)
        }
    }
}
