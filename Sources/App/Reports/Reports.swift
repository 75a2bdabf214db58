@preconcurrency import Crypto
import Fluent
import SQLKit
import Vapor

/// The words a person writes in a report before it is issued: its title, the meeting, whether it
/// is Part 1 or Part 2, the recommendations, the summary and the background documents. One draft
/// for each kind of report and the record it is about (an exercise, for an evaluation report).
final class ReportDraft: Model, @unchecked Sendable {
    static let schema = "report_drafts"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "kind") var kind: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "title") var title: String
    @Field(key: "meeting") var meeting: String
    /// `YYYY-MM-DD`, or empty.
    @Field(key: "meeting_date") var meetingDate: String
    /// The paragraph of Schedule 12A that makes it exempt; 0 for Part 1.
    @Field(key: "paragraph") var paragraph: Int
    /// One recommendation a line.
    @Field(key: "recommendations") var recommendations: String
    /// Paragraphs, separated by blank lines.
    @Field(key: "summary") var summary: String
    /// One document a line.
    @Field(key: "background") var background: String
    /// Who the report is from: "the Director of Corporate Services".
    @Field(key: "author") var author: String
    /// The report's facts by key (`Reports.facts`), as JSON.
    @Field(key: "facts") var factsJSON: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $kind, $subjectID, $title, $meeting, $meetingDate, $paragraph, $recommendations, $summary, $background,
                                          $author, $factsJSON] }

    init() { version = 1; author = ""; factsJSON = "{}" }

    var facts: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(factsJSON.utf8))) ?? [:] }
        set { factsJSON = sortedJSONText(newValue.filter { !$0.value.isEmpty }, orEmpty: "{}") }
    }
}

extension ReportDraft: Versioned {
    var auditFields: [String: String] {
        ["kind": kind, "subject": subjectID.lowercasedString, "title": title, "meeting": meeting, "meeting date": meetingDate,
         "paragraph": String(paragraph), "recommendations": recommendations, "summary": summary, "background": background,
         "author": author, "facts": factsJSON]
    }
    var currentInput: [String: InputValue] {
        ["title": .text(title), "meeting": .text(meeting), "meeting-date": .text(meetingDate), "part": .text(String(paragraph)),
         "recommendations": .text(recommendations), "summary": .text(summary), "background": .text(background),
         "author": .text(author)].merging(Reports.facts.map { ($0.rule.name, InputValue.text(facts[$0.rule.name] ?? "")) }) { a, _ in a }
    }
}

/// A report as it was issued: its words as they were shown, and the PDF's very bytes, so what was
/// issued can always be shown again, whatever has changed since. Numbered for each kind and subject.
final class IssuedReport: Model, @unchecked Sendable {
    static let schema = "issued_reports"

    @ID var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "meeting") var meeting: String
    @Field(key: "meeting_date") var meetingDate: String
    @Field(key: "paragraph") var paragraph: Int
    /// The report's body as issued (`CommitteeReport.body`).
    @Field(key: "body") var body: String
    @Field(key: "pdf") var pdf: Data
    @Field(key: "pdf_sha256") var pdfSHA256: String
    @Field(key: "issued_by") var issuedBy: String
    @Field(key: "issued_at") var issuedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $kind, $subjectID, $number, $title, $meeting, $meetingDate, $paragraph, $body, $pdf, $pdfSHA256, $issuedBy, $issuedAt] }

    init() {}

    /// A report issued from `draft` at `number`: the words as `body` shows them, and the PDF.
    init(_ draft: ReportDraft, number: Int, body: HTML, pdf: Data, by: String, at: Date) {
        kind = draft.kind
        subjectID = draft.subjectID
        self.number = number
        title = draft.title
        meeting = draft.meeting
        meetingDate = draft.meetingDate
        paragraph = draft.paragraph
        self.body = body.rendered
        self.pdf = pdf
        pdfSHA256 = Hex.encode(SHA256.hash(data: pdf))
        issuedBy = by
        issuedAt = at
    }

    var access: CommitteeReport.Access { .init(paragraph: paragraph) }
}

extension IssuedReport: Auditable {
    /// The PDF is named by its SHA-256, not copied into the trail.
    var auditFields: [String: String] {
        ["kind": kind, "subject": subjectID.lowercasedString, "number": String(number), "title": title, "meeting": meeting,
         "meeting date": meetingDate, "paragraph": String(paragraph), "pdf sha256": pdfSHA256, "pdf bytes": String(pdf.count)]
    }
}

struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportDraft.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("title", .string, .required)
            .field("meeting", .string, .required)
            .field("meeting_date", .string, .required)
            .field("paragraph", .int, .required)
            .field("recommendations", .string, .required)
            .field("summary", .string, .required)
            .field("background", .string, .required)
            .field("author", .string, .required)
            .field("facts", .string, .required)
            .unique(on: "kind", "subject_id")
            .create()
        try await database.schema(IssuedReport.schema)
            .id()
            .field("kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("meeting", .string, .required)
            .field("meeting_date", .string, .required)
            .field("paragraph", .int, .required)
            .field("body", .string, .required)
            .field("pdf", .data, .required)
            .field("pdf_sha256", .string, .required)
            .field("issued_by", .string, .required)
            .field("issued_at", .datetime, .required)
            .unique(on: "kind", "subject_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IssuedReport.schema).delete()
        try await database.schema(ReportDraft.schema).delete()
    }
}

/// Drafting and issuing reports, and who may read them: for every kind of report alike.
enum Reports {
    static let title = FieldRule("title", "The report’s title", .line(max: 200))
    static let meeting = FieldRule("meeting", "The meeting it goes to", .line(max: 200))
    static let meetingDate = FieldRule("meeting-date", "The meeting’s date", .line(max: 10), required: false)
    static let part = FieldRule("part", "Who may read it", .line(max: 1))
    static let recommendations = FieldRule("recommendations", "The recommendations", .text(max: 10_000))
    static let summary = FieldRule("summary", "The executive summary", .text(max: 20_000))
    static let background = FieldRule("background", "The background documents", .text(max: 5_000), required: false)
    static let author = FieldRule("author", "Who the report is from", .line(max: 200))
    /// What council reports state beside the recommendations, each optional; only those given are shown.
    static let facts: [(rule: FieldRule, label: String)] = [
        (FieldRule("risk", "The assessment of risk", .text(max: 2_000), required: false), "Assessment of risk"),
        (FieldRule("funding", "The source of funding", .line(max: 300), required: false), "The source of funding is"),
        (FieldRule("legal", "Whose legal advice was obtained", .line(max: 300), required: false), "Legal advice obtained"),
        (FieldRule("financial", "Whose financial advice was obtained", .line(max: 300), required: false), "Financial advice obtained"),
        (FieldRule("contact", "The contact officer", .line(max: 300), required: false), "Contact officer"),
        (FieldRule("wards", "The wards it relates to", .line(max: 300), required: false), "Wards to which the report relates"),
        (FieldRule("policies", "The key council policies", .text(max: 2_000), required: false), "Key council policies"),
    ]
    static var rules: [FieldRule] { [title, author, meeting, meetingDate, part, recommendations, summary, background] + facts.map(\.rule) }

    /// Reads the draft form into `d`, telling each field that is wrong.
    static func read(_ d: ReportDraft, _ v: inout Validator) {
        d.title = v.text(title)
        d.author = v.text(author)
        d.meeting = v.text(meeting)
        let date = v.text(meetingDate)
        if !date.isEmpty, Day(iso: date) == nil { v.fail(meetingDate.name, "Enter the meeting’s date as year-month-day, such as 2003-06-02") }
        d.meetingDate = date
        let chosen = Int(v.text(part))
        if let chosen, chosen == 0 || CommitteeReport.schedule12A.contains(where: { $0.number == chosen }) {
            d.paragraph = chosen
        } else {
            if v.errors[part.name] == nil { v.fail(part.name, "Select who may read it: Part 1, or a paragraph of Schedule 12A for Part 2") }
            d.paragraph = CommitteeReport.defaultParagraph
        }
        d.recommendations = v.text(recommendations)
        d.summary = v.text(summary)
        d.background = v.text(background)
        d.facts = Dictionary(facts.map { ($0.rule.name, v.text($0.rule)) }) { a, _ in a }
    }

    /// The facts the draft gives, labelled, in the order councils list them.
    static func facts(of d: ReportDraft) -> [(label: String, text: String)] {
        let given = d.facts
        return facts.compactMap { f in given[f.rule.name].map { (f.label, $0) } }
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .filter { !$0.isEmpty }
    }

    /// The form's fields, as the draft or what was typed fills them.
    static func fields(_ f: FormState) -> HTML {
        let parts = [(value: "0", text: "Part 1: open to the public")]
            + CommitteeReport.schedule12A.map { (value: String($0.number), text: "Part 2, exempt under paragraph \($0.number): \($0.text)") }
        return """
            \(Component.input(title.name, label: "Title", value: f.input[title.name], error: f.errors[title.name]))
            \(Component.input(author.name, label: "Report of", value: f.input[author.name], error: f.errors[author.name], hint: "For example: the Director of Corporate Services"))
            \(Component.input(meeting.name, label: "Meeting", value: f.input[meeting.name], error: f.errors[meeting.name], hint: "For example: Project Board"))
            \(Component.input(meetingDate.name, label: "Date of the meeting (optional)", value: f.input[meetingDate.name], error: f.errors[meetingDate.name],
                              hint: "Year-month-day, such as 2003-06-02", width: "10"))
            \(Component.select(part.name, label: "Who may read it", options: parts, selected: f.input[part.name], error: f.errors[part.name],
                               hint: "Exempt by default: the report quotes proposals, which are the organisations’ business affairs (paragraph 3)."))
            \(Component.textarea(recommendations.name, label: "Recommendations", value: f.input[recommendations.name], error: f.errors[recommendations.name],
                                 hint: "One recommendation a line.", rows: 5))
            \(Component.textarea(summary.name, label: "Executive summary", value: f.input[summary.name], error: f.errors[summary.name],
                                 hint: "Leave a blank line between paragraphs.", rows: 8))
            \(Component.textarea(background.name, label: "Background documents (optional)", value: f.input[background.name], error: f.errors[background.name],
                                 hint: "One document a line. The documents the report is made from are listed for you.", rows: 3))
            \(facts.map { fact -> HTML in
                let name = fact.rule.name
                if case .text = fact.rule.kind {
                    return Component.textarea(name, label: "\(fact.label) (optional)", value: f.input[name], error: f.errors[name], rows: 2)
                }
                return Component.input(name, label: "\(fact.label) (optional)", value: f.input[name], error: f.errors[name])
            })
            """
    }

    /// Saves the draft of a report: made on its first save, then an audited edit at the version
    /// the form was opened at (a stale form is told, with what was typed kept).
    static func saveDraft(_ req: Request, kind: String, subject: UUID, input: FormInput) async throws -> ReportDraft {
        let existing = try await ReportDraft.query(on: req.db).filter(\.$kind == kind).filter(\.$subjectID == subject).first()
        if let existing {
            // A form without the version it was opened at (opened before anyone saved a draft) is stale.
            if Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: existing.version) }
            return try await req.editAudited(ReportDraft.self, existing.id!, from: input) { d, v, _ in
                read(d, &v)
                return "report.draft"
            }
        }
        let draft = ReportDraft()
        try await req.createAudited(draft, from: input, action: "report.draft") { d, v, tx in
            d.kind = kind
            d.subjectID = subject
            read(d, &v)
            if try await ReportDraft.query(on: tx).filter(\.$kind == kind).filter(\.$subjectID == subject).first() != nil {
                v.conflict(title.name, "Someone else saved this report’s draft first. Nothing was saved: open the report again.")
            }
        }
        return draft
    }

    /// Issues `report`, made from the draft at `draftVersion`: makes its PDF, then in one
    /// transaction checks the draft has not changed since, numbers it and keeps the words and the
    /// PDF with its event. The PDF is made first, outside the transaction: it takes seconds.
    /// `number` is the number the report says it is: if another was issued meanwhile (a second
    /// press of the button, another officer), nothing is issued.
    static func issue(_ req: Request, kind: String, subject: UUID, report: CommitteeReport, number: Int, draftVersion: Int) async throws -> IssuedReport {
        let pdf: Data
        do {
            pdf = try await PDFMaker.pdf(report.document(.inline), python: req.application.settings.python, on: req.application.pdfThreads)
        } catch let failure as PDFMaker.Failure {
            req.logger.error("The report's PDF could not be made: \(failure.description)")
            throw Abort(.serviceUnavailable, reason: "The report’s PDF could not be made, so nothing was issued. Try again; if it fails again, tell your IT team (the server’s log says why).")
        }
        let actor = req.actor, now = req.now, by = try req.requireUser().name
        return try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(IssuedReport.schema, on: tx)
            guard let draft = try await ReportDraft.query(on: tx).filter(\.$kind == kind).filter(\.$subjectID == subject).first() else {
                throw Abort(.conflict, reason: "Save the report’s draft before issuing it.")
            }
            guard draft.version == draftVersion else { throw StaleEdit(seen: draftVersion, current: draft.version) }
            let next = (try await IssuedReport.query(on: tx).filter(\.$kind == kind).filter(\.$subjectID == subject).max(\.$number) ?? 0) + 1
            guard next == number else {
                throw Abort(.conflict, reason: "Report number \(next - 1) was issued while this one was being made, so this one was not issued. Read the report again before issuing it.")
            }
            let issued = IssuedReport(draft, number: number, body: report.body, pdf: pdf, by: by, at: now)
            try await issued.create(on: tx)
            try await AuditTrail.record("report.issue", issued, before: nil, by: actor, at: now, on: tx)
            return issued
        }
    }

    /// Who reads reports in full: officers and the board. Part 1 reports are open to anyone.
    static let readers: Set<Role> = [.officer, .boardMember]

    static func mayRead(_ paragraph: Int, _ user: User?) -> Bool {
        paragraph == 0 || user.map { readers.contains($0.role) } == true
    }

    /// An issued report: anyone for Part 1; officers and board members for Part 2. To anyone else
    /// an exempt report is not there.
    static let readable = Permission.anyone.and("Part 1 reports; Part 2 only officers and board members") { req in
        guard let id = try? req.uuid(),
              let row = try await req.sql.raw("SELECT paragraph FROM issued_reports WHERE id = \(bind: id)").first(),
              let paragraph = try? row.decode(column: "paragraph", as: Int.self) else { return .notFound }
        return mayRead(paragraph, req.user) ? .allowed : .notFound
    }
}
