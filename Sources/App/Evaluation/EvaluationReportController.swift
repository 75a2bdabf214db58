import Fluent
import Vapor

/// The officer's evaluation report: the draft's words, the report as it stands, its printable
/// view, issuing it (its PDF kept), and the scores as CSV. Only once the responses are open.
struct EvaluationReportController {
    private func page(_ l: EvaluationReport.Loaded, _ f: FormState, _ req: Request) async throws -> Response {
        try await req.render(EvaluationReportPages.page(l, f))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let l = try await EvaluationReport.load(req)
        return try await page(l, FormState(input: EvaluationReport.input(l), csrf: req.csrfToken), req)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let l = try await EvaluationReport.load(req), input = FormInput.form(req), id = l.exercise.id!
        do {
            _ = try await Reports.saveDraft(req, kind: EvaluationReport.kind, subject: id, input: input)
        } catch let failure as ValidationFailure {
            return try await page(l, FormState(input: input, errors: failure.errors, status: failure.errors.onlyConflicts ? .conflict : .unprocessableEntity,
                                               csrf: req.csrfToken), req)
        } catch is StaleEdit {
            let now = try await EvaluationReport.load(req)
            guard let current = now.draft else { throw Abort(.notFound) }
            return try await page(now, FormState.stale(input, current: current, rules: Reports.rules, csrf: req.csrfToken), req)
        }
        return req.redirect(to: .evaluationReport(.value(id)), flash: "The draft is saved")
    }

    /// Issues the report as the saved draft's words and the records now make it. Only once the
    /// results are final: the Board reads no score in progress.
    @Sendable func issue(req: Request) async throws -> Response {
        let l = try await EvaluationReport.load(req), id = l.exercise.id!
        var v = Validator(FormInput.form(req))
        guard let draft = l.draft else { throw Abort(.conflict, reason: "Save the report’s draft before issuing it.") }
        guard let seen = v.integer(AuditedWrite.version) else { throw Abort(.conflict, reason: "The form did not say which version of the draft it issues.") }
        guard seen == draft.version else {
            throw Abort(.conflict, reason: "The draft was changed after you read it (it is now version \(draft.version)). Read the report again before issuing it.")
        }
        guard let why = EvaluationReport.notReady(l.results) else {
            let number = v.integer(FieldRule("number", "The report's number", .integer(1...1_000_000))) ?? (l.issued.map(\.number).max() ?? 0) + 1
            let report = EvaluationReport.report(l, words: draft, status: "Issued \(LondonTime.date(req.now)), number \(number)")
            let issued = try await Reports.issue(req, kind: EvaluationReport.kind, subject: id, report: report, number: number, draftVersion: seen)
            return req.redirect(to: .report(.value(issued.id!)), flash: "The report is issued, number \(issued.number)")
        }
        throw Abort(.conflict, reason: why)
    }

    /// The draft as a printable document (A4 in the browser's print, as in the PDF).
    @Sendable func print(req: Request) async throws -> Response {
        let l = try await EvaluationReport.load(req)
        let words = l.draft ?? EvaluationReport.words(EvaluationReport.input(l))
        let html = EvaluationReport.report(l, words: words, status: "Draft, not issued").document(.linked, back: ("Back to the evaluation report", .evaluationReport(.value(l.exercise.id!))))
        return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store"], body: .init(string: html.rendered))
    }

    /// Every submitted score with its rationale, and every agreed score with its reason, one row
    /// each. Scores not yet submitted are nobody's to read, so they are not in it.
    @Sendable func scoresCSV(req: Request) async throws -> Response {
        let l = try await ResultsController.load(req), id = l.exercise.id!
        let names = Dictionary(l.results.rows.map { ($0.organisation, $0.name) }) { a, _ in a }
        let submitted = try await Scoring.submitted(exercise: id, organisations: Set(names.keys), on: req.sql)
        let evaluators = Dictionary(submitted.evaluators.map { ($0.id, $0) }) { a, _ in a }
        let agreed = try await ModerationSheet.query(on: req.db).filter(\.$exercise.$id == id).all()
        let criteria = l.results.criteria.criteria
        var csv = CSV(["Organisation", "Objective", "Objective title", "Scored by", "Score", "Rationale or reason", "Submitted"])
        for row in l.results.rows {
            for c in criteria {
                for (evaluator, marks) in (submitted.marks[row.organisation] ?? [:]).sorted(by: { (evaluators[$0.key]?.name ?? "") < (evaluators[$1.key]?.name ?? "") }) {
                    guard let mark = marks[c.number], let who = evaluators[evaluator] else { continue }
                    csv.row([row.name, c.numeral, c.title, who.name, String(mark.score), mark.rationale, who.submittedAt.map(LondonTime.iso) ?? ""])
                }
                if let sheet = agreed.first(where: { $0.$organisation.id == row.organisation }), let entry = sheet.consensus.first(where: { $0.criterion == c.number }) {
                    csv.row([row.name, c.numeral, c.title, "Agreed by the moderator", String(entry.score), entry.reason, LondonTime.iso(sheet.updatedAt)])
                }
            }
        }
        let name = "scores-\(l.exercise.reference.filter { $0.isLetter || $0.isNumber || $0 == "-" }).csv"
        return Response(status: .ok, headers: [
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"\(name)\"",
            "Cache-Control": "private, no-store",
        ], body: .init(string: csv.text))
    }
}

/// CSV as spreadsheets read it (RFC 4180, CRLF, a byte-order mark so Excel reads UTF-8). A cell a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) starts
/// with an apostrophe, so a rationale can never run as one.
struct CSV {
    private(set) var text = "\u{FEFF}"

    init(_ header: [String]) { row(header) }

    mutating func row(_ cells: [String]) {
        text += cells.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

enum EvaluationReportPages {
    static func page(_ l: EvaluationReport.Loaded, _ f: FormState) -> Page {
        let id = l.exercise.id!
        let issued: HTML = l.issued.isEmpty ? "<p class=\"body\">Not issued yet.</p>" : Component.table(
            caption: "Issued", headers: ["Number", "Title", "Part", "Issued", "PDF"],
            rows: l.issued.map { r in
                ["\(String(r.number))", "<a class=\"link\" href=\"\(SiteURL.report(.value(r.id)).path)\">\(r.title)</a>", ReportsPages.part(r.paragraph),
                 "\(ExercisePages.time(r.issuedAt)) by \(r.issuedBy)",
                 "<a class=\"link\" href=\"\(SiteURL.reportPDF(.value(r.id)).path)\">PDF<span class=\"visually-hidden\"> of number \(String(r.number))</span></a>"]
            }, numericColumns: [0])
        let next = (l.issued.map(\.number).max() ?? 0) + 1
        let issueForm: HTML
        if let why = EvaluationReport.notReady(l.results) {
            issueForm = "<p class=\"body\">\(why)</p>"
        } else if let d = l.draft, f.errors.isEmpty {
            issueForm = """
                <p class="body">Issuing keeps the report as it now stands, with its PDF, for the Board, as number \(String(next)); what is issued never changes.</p>
                <form method="post" action="\(SiteURL.issueEvaluationReport(.value(id)).path)" class="inline-form" novalidate>
                  \(Component.csrf(f.csrf))<input type="hidden" name="version" value="\(String(d.version))"><input type="hidden" name="number" value="\(String(next))">
                  \(Component.button("Issue the saved draft"))
                </form>
                """
        } else {
            issueForm = "<p class=\"body\">Save the draft below before issuing the report.</p>"
        }
        let preview = EvaluationReport.report(l, words: EvaluationReport.words(f.input), status: "Draft, not issued")
        return Page(title: "Evaluation report", breadcrumbs: [("Exercises", .exercises), (l.exercise.reference, .exercise(.value(id))), ("Results", .results(.value(id)))], body: """
            \(Component.errorSummary(f.errors))
            \(f.notice)
            <span class="caption">\(l.exercise.reference)</span>
            <h1 class="heading-l">Evaluation report</h1>
            <p class="body">The report to the Project Board in a committee report’s layout. Your words are the title, the meeting, the Part,
              the recommendations, the summary and any further background documents; everything else is read from the evaluation as it stands.</p>
            <p class="body"><a class="link" href="\(SiteURL.evaluationReportPrint(.value(id)).path)">Print the report as it stands</a>
              · <a class="link" href="\(SiteURL.scoresCSV(.value(id)).path)">Download every submitted and agreed score (CSV)</a></p>
            <h2 class="heading-m">Issued reports</h2>
            \(issued)
            \(issueForm)
            <h2 class="heading-m">The draft</h2>
            <form method="post" action="\(SiteURL.evaluationReport(.value(id)).path)" novalidate>
              \(Component.csrf(f.csrf))
              \(Component.version(f.input))
              \(Reports.fields(f))
              \(Component.button("Save the draft"))
            </form>
            <h2 class="heading-m">The report as it stands</h2>
            <div class="report-preview">
            \(preview.body(headingsLowerBy: 2))
            </div>
            """, status: f.status, hasErrors: !f.errors.isEmpty)
    }
}
