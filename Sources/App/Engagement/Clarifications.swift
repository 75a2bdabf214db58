import Fluent
import Vapor

/// A question an organisation asks about a notice, and the council's answer: published to all
/// without saying who asked (the default), or sent only to the organisation that asked.
final class Clarification: Model, @unchecked Sendable {
    static let schema = "clarifications"

    enum Visibility: String, Codable, Sendable, CaseIterable { case published, `private` }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "asked_by") var askedBy: UUID
    @Field(key: "question") var question: String
    @Field(key: "asked_at") var askedAt: Date
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @OptionalField(key: "visibility") var visibility: Visibility?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $version, $exercise, $organisation, $askedBy, $question, $askedAt, $answer, $answeredAt, $answeredBy, $visibility
        ]
    }

    init() { version = 1 }
}

extension Clarification: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "organisation": $organisation.id.lowercasedString, "question": question,
         "answer": answer ?? "", "visibility": visibility?.rawValue ?? ""]
    }
    var currentInput: [String: InputValue] { ["answer": .text(answer ?? ""), "visibility": .text((visibility ?? .published).rawValue)] }
}

struct CreateClarifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Clarification.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("asked_by", .uuid, .required)
            .field("question", .string, .required)
            .field("asked_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_at", .datetime)
            .field("answered_by", .string)
            .field("visibility", .string)
            .create()
        try await database.sql.raw("CREATE INDEX clarifications_exercise ON clarifications (exercise_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Clarification.schema).delete()
    }
}

enum ClarificationRules {
    static let question = FieldRule("question", "Your question", .text(max: 4_000))
    static let answer = FieldRule("answer", "Answer", .text(max: 10_000))
    static let visibility = FieldRule.choice("visibility", "who sees the answer", Clarification.Visibility.self)
}

/// Organisations ask until the clarification deadline; officers answer. A published answer
/// appears on the notice, without the asker's name, and is emailed to every organisation
/// taking part; a private one goes to the organisation that asked.
struct ClarificationsController {
    // MARK: An organisation's questions

    private func exercise(reference req: Request) async throws -> Exercise {
        guard let reference = req.parameters.get("reference"), reference.count <= 40,
              let e = try await Exercise.query(on: req.db).filter(\.$reference == reference).first(), e.status != .draft else { throw Abort(.notFound) }
        return e
    }

    private func own(_ req: Request, _ e: Exercise) async throws -> [Clarification] {
        try await Clarification.query(on: req.db).filter(\.$exercise.$id == e.id!).filter(\.$organisation.$id == req.user!.organisationID!)
            .sort(\.$askedAt).all()
    }

    @Sendable func mine(req: Request) async throws -> Response {
        let e = try await exercise(reference: req)
        return try await req.render(ClarificationPages.mine(e, try await own(req, e), now: req.now, FormState(input: FormInput(), csrf: req.csrfToken)))
    }

    @Sendable func ask(req: Request) async throws -> Response {
        let e = try await exercise(reference: req), user = try req.requireUser()
        let input = FormInput.form(req)
        let now = req.now, officersTold = req.application.settings.publicURL + SiteURL.clarifications(.value(e.id!)).path
        do {
            _ = try await req.application.auditWriter.transaction { tx -> Clarification in
                var v = Validator(input)
                let question = v.text(ClarificationRules.question)
                guard let current = try await Exercise.find(e.id, on: tx), current.stage(at: now) == .open,
                      let until = current.clarificationDeadline, now < until else {
                    v.conflict("question", "Questions were taken until \(e.clarificationDeadline.map(LondonTime.dateTime) ?? "the clarification deadline"); it has passed. Your question is below, so that you can keep a copy")
                    try v.throwIfInvalid()
                    throw Abort(.conflict)
                }
                try v.throwIfInvalid()
                let c = Clarification()
                c.$exercise.id = e.id!
                c.$organisation.id = user.organisationID!
                c.askedBy = user.id!
                c.question = question
                c.askedAt = now
                try await c.create(on: tx)
                try await AuditTrail.record("clarification.ask", c, before: nil, by: .user(user), at: now, on: tx)
                _ = officersTold
                return c
            }
            return req.redirect(to: .askClarification(.value(e.reference)), flash: "Your question is sent. The answer will be shown here, and emailed to you")
        } catch let failure as ValidationFailure {
            return try await req.render(ClarificationPages.mine(e, try await own(req, e), now: now,
                                                                FormState(input: input, errors: failure.errors, status: .unprocessableEntity, csrf: req.csrfToken)))
        }
    }

    // MARK: The officer's side

    @Sendable func list(req: Request) async throws -> Response {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let all = try await Clarification.query(on: req.db).filter(\.$exercise.$id == e.id!).with(\.$organisation).sort(\.$askedAt).all()
        return try await req.render(ClarificationPages.list(e, all))
    }

    private func find(_ req: Request) async throws -> (Exercise, Clarification) {
        guard let e = try await Exercise.find(req.uuid(), on: req.db),
              let cid = req.parameters.get("question").flatMap(UUID.init(uuidString:)),
              let c = try await Clarification.query(on: req.db).filter(\.$id == cid).filter(\.$exercise.$id == e.id!).with(\.$organisation).first()
        else { throw Abort(.notFound) }
        return (e, c)
    }

    private func form(_ req: Request, _ e: Exercise, _ c: Clarification) -> FormSave<Clarification> {
        let organisation = c.organisation.name, question = c.question, exerciseID = e.id!, id = c.id!
        return FormSave(req, rules: [ClarificationRules.answer, ClarificationRules.visibility]) { f in
            try await req.render(ClarificationPages.answerForm(exerciseID: exerciseID, id: id, organisation: organisation, question: question, f))
        }
    }

    @Sendable func answerForm(req: Request) async throws -> Response {
        let (e, c) = try await find(req)
        return try await form(req, e, c).show(FormInput.editing(c))
    }

    /// Answers (or corrects the answer to) a question; the answer is emailed as it is published.
    @Sendable func answer(req: Request) async throws -> Response {
        let (e, c) = try await find(req)
        let input = FormInput.form(req), now = req.now, officer = try req.requireUser()
        let link = req.application.settings.publicURL
        return try await form(req, e, c).run(req, id: c.id, input: input, write: {
            try await req.editAudited(Clarification.self, c.id!, from: input) { c, v, tx in
                let answer = v.text(ClarificationRules.answer)
                let visibility = v.choice(ClarificationRules.visibility, as: Clarification.Visibility.self)
                try v.throwIfInvalid()
                c.answer = answer
                c.visibility = visibility
                c.answeredAt = now
                c.answeredBy = officer.name
                // Who is told: everyone taking part for a published answer, the asker for a private one.
                let organisations: [UUID] = visibility == .published
                    ? try await EngagementResponse.query(on: tx).filter(\.$exercise.$id == e.id!).all(\.$organisation.$id) + [c.$organisation.id]
                    : [c.$organisation.id]
                let people = try await User.query(on: tx).filter(\.$organisationID ~~ Set(organisations)).filter(\.$isActive == true).all()
                for person in people where person.hasConfirmedEmail {
                    try await Outbox.enqueue(Email(kind: "clarification", to: person.email, subject: "A question about \(e.reference) is answered", paragraphs: [
                        visibility == .published ? "The council has published the answer to a question about “\(e.title)”." : "The council has answered your organisation’s question about “\(e.title)”.",
                        "Question: \(c.question)",
                        "Answer: \(answer)",
                    ], link: link + (visibility == .published ? SiteURL.notice(.value(e.reference)).path : SiteURL.askClarification(.value(e.reference)).path)), at: now, on: tx)
                }
                return "clarification.answer"
            }
        }) { _ in req.redirect(to: .clarifications(.value(e.id!)), flash: "Answer saved and emailed") }
    }
}

enum ClarificationPages {
    static func mine(_ e: Exercise, _ asked: [Clarification], now: Date, _ f: FormState) -> Page {
        let open = e.stage(at: now) == .open && (e.clarificationDeadline.map { now < $0 } ?? false)
        let items = asked.map { c -> HTML in
            """
            <div class="summary-card">
              <h2 class="heading-s">Asked \(ExercisePages.time(c.askedAt))</h2>
              \(prose(c.question))
              \(c.answer.map { "<p class=\"body\"><strong>Answer</strong> (\(c.visibility == .published ? "published to all, without saying who asked" : "to your organisation only")):</p>\(prose($0))" as HTML }
                ?? "<p class=\"body secondary-text\">Not answered yet.</p>")
            </div>
            """
        }
        let form: HTML = open || !f.errors.isEmpty ? """
            \(Component.errorSummary(f.errors))
            <form method="post" action="\(SiteURL.askClarification(.value(e.reference)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.textarea("question", label: "Your question", value: f.input["question"], error: f.errors["question"], hint: "The council usually publishes its answer to everyone, without saying who asked.", rows: 5))
              \(open ? Component.button("Send the question") : .empty)
            </form>
            """ : "<p class=\"body\">Questions were taken until \(ExercisePages.time(e.clarificationDeadline)).</p>"
        return Page(title: "Questions about \(e.title)", breadcrumbs: [("Notices", .notices), (e.reference, .notice(.value(e.reference)))], body: """
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Your organisation’s questions</h1>
            \(open ? "<p class=\"body\">Ask until \(ExercisePages.time(e.clarificationDeadline)).</p>" as HTML : .empty)
            \(form)
            \(items)
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }

    static func list(_ e: Exercise, _ all: [Clarification]) -> Page {
        let rows = all.map { c -> [HTML] in [
            "<a class=\"link\" href=\"\(SiteURL.clarification(.value(e.id!), .value(c.id!.lowercasedString)).path)\">\(String(c.question.prefix(120)))\(c.question.count > 120 ? "…" : "")</a>",
            "\(c.organisation.name)", ExercisePages.time(c.askedAt),
            c.answer == nil ? Component.tag("To answer", "yellow") : c.visibility == .published ? Component.tag("Published", "green") : Component.tag("Answered privately", "grey"),
        ] }
        return Page(title: "Questions about \(e.title)", breadcrumbs: [("Exercises", .exercises), ("The exercise", .exercise(.value(e.id!)))], body: """
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Clarification questions</h1>
            \(rows.isEmpty ? "<p class=\"body\">No questions yet.</p>" as HTML : Component.table(caption: "Questions asked", headers: ["Question", "Organisation", "Asked", "Status"], rows: rows))
            """)
    }

    static func answerForm(exerciseID: UUID, id: UUID, organisation: String, question: String, _ f: FormState) -> Page {
        let choices: [(String, String)] = [("published", "Publish it on the notice to everyone, without saying who asked"), ("private", "Send it only to \(organisation)")]
        let radios = choices.map { value, text -> HTML in
            "<div class=\"checkbox\"><input type=\"radio\" id=\"visibility-\(value)\" name=\"visibility\" value=\"\(value)\"\("checked", when: f.input["visibility"] == value)><label for=\"visibility-\(value)\">\(text)</label></div>"
        }
        return f.page("Answer a question", breadcrumbs: [("Exercises", .exercises), ("Questions", .clarifications(.value(exerciseID)))],
                      action: .clarification(.value(exerciseID), .value(id.lowercasedString)), intro: """
            <p class="body">Asked by \(organisation):</p>
            <div class="inset-text">\(prose(question))</div>
            """, fields: """
            \(Component.textarea("answer", label: "Answer", value: f.input["answer"], error: f.errors["answer"], rows: 6))
            <div class="form-group\(f.errors["visibility"] == nil ? "" : " form-group--error")" id="visibility">
              <fieldset class="fieldset">
                <legend class="fieldset__legend">Who sees the answer</legend>
                \(f.errors["visibility"].map { "<p class=\"error-message\"><span class=\"visually-hidden\">Error:</span> \($0)</p>" as HTML })
                \(radios)
              </fieldset>
            </div>
            """, button: "Save and send the answer")
    }
}
