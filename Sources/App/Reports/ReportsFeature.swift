import Fluent
import SQLKit
import Vapor

/// Issued reports, for those who read them: the board's list, each report as issued, and its PDF
/// (pages and API). Part 1 reports are open to anyone; Part 2 only to officers and board members.
/// Features draft and issue their own reports (`Reports.saveDraft`, `Reports.issue`).
struct ReportsFeature: Feature {
    typealias Op = APIOperation
    static let tag = "Reports"

    var endpoints: [Endpoint] {
        [
            Endpoint(.GET, .reportStylesheet, .anyone, .plain, ReportStyle.serve),
            .get(.reports, .anyone, list),
            .get(.report(.key), Reports.readable, show),
            .get(.reportPDF(.key), Reports.readable, pdf),
            Endpoint(.GET, .apiReports, .anyone, .api(Op("listReports",
                     "The issued reports the caller may read, newest first: every Part 1 report, and Part 2 (exempt) reports for officers and board members",
                     tag: Self.tag, success: .ok(Schema.array(of: "Report")))), apiList),
            Endpoint(.GET, .apiReport(.key), Reports.readable, .api(Op("getReport",
                     "An issued report: its title, meeting, Part, who issued it and when, the SHA-256 of its PDF, and its body as issued (HTML)",
                     tag: Self.tag, success: .ok(Schema.ref("Report")))), apiShow),
            Endpoint(.GET, .apiReportPDF(.key), Reports.readable, .api(Op("getReportPDF",
                     "An issued report's PDF, the very bytes that were issued",
                     tag: Self.tag, success: .file("application/pdf", "The PDF (A4)"))), pdf),
        ]
    }

    var schemas: [(String, JSON)] {
        [("Report", Schema.record([
            ("id", Schema.uuid), ("kind", ["type": "string", "description": "What the report is of, such as `evaluation`."]),
            ("subject", ["type": "string", "format": "uuid", "description": "The record it is about (for an evaluation report, the exercise)."]),
            ("number", ["type": "integer", "minimum": 1, "description": "Its number among the issued reports of the same kind and subject."]),
            ("title", Schema.string), ("meeting", Schema.string),
            ("meetingDate", ["type": "string", "format": "date"]),
            ("part", ["type": "integer", "enum": [1, 2]]),
            ("exemptParagraph", ["type": "integer", "minimum": 1, "maximum": 7, "description": "The paragraph of Schedule 12A to the Local Government Act 1972 that makes a Part 2 report exempt."]),
            ("issuedBy", Schema.string), ("issuedAt", Schema.dateTime),
            ("pdfSHA256", ["type": "string", "pattern": "^[0-9a-f]{64}$"]),
            ("pdfBytes", Schema.integer),
            ("body", ["type": "string", "description": "The report's body as issued, as HTML."]),
        ], optional: ["meetingDate", "exemptParagraph", "body"]))]
    }

    /// What a list shows of a report: never its body or PDF.
    struct Listed: Sendable {
        var id: UUID; var kind: String; var subject: UUID; var number: Int; var title: String; var meeting: String
        var meetingDate: String; var paragraph: Int; var issuedBy: String; var issuedAt: Date; var pdfSHA256: String; var pdfBytes: Int
    }

    static func listed(_ sql: any SQLDatabase, user: User?, id: UUID? = nil) async throws -> [Listed] {
        let everything = user.map { Reports.readers.contains($0.role) } == true
        let columns = "id, kind, subject_id, number, title, meeting, meeting_date, paragraph, issued_by, issued_at, pdf_sha256, LENGTH(pdf) AS pdf_bytes"
        let part = everything ? "" : " AND paragraph = 0"
        let query: SQLQueryString = if let id {
            "SELECT \(unsafeRaw: columns) FROM issued_reports WHERE id = \(bind: id)\(unsafeRaw: part)"
        } else {
            "SELECT \(unsafeRaw: columns) FROM issued_reports WHERE 1 = 1\(unsafeRaw: part) ORDER BY issued_at DESC, number DESC"
        }
        return try await sql.raw(query).all().map { row in
            try Listed(id: row.decode(column: "id", as: UUID.self), kind: row.decode(column: "kind", as: String.self),
                       subject: row.decode(column: "subject_id", as: UUID.self), number: row.decode(column: "number", as: Int.self),
                       title: row.decode(column: "title", as: String.self), meeting: row.decode(column: "meeting", as: String.self),
                       meetingDate: row.decode(column: "meeting_date", as: String.self), paragraph: row.decode(column: "paragraph", as: Int.self),
                       issuedBy: row.decode(column: "issued_by", as: String.self), issuedAt: row.decode(column: "issued_at", as: Date.self),
                       pdfSHA256: row.decode(column: "pdf_sha256", as: String.self), pdfBytes: row.decode(column: "pdf_bytes", as: Int.self))
        }
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.render(ReportsPages.list(try await Self.listed(req.sql, user: req.user), signedIn: req.user != nil))
    }

    /// An issued report without its PDF: what the page and the JSON show (the permission has
    /// already said the caller may read it).
    static func withBody(_ req: Request) async throws -> (listed: Listed, body: String) {
        let id = try req.uuid()
        guard let listed = try await listed(req.sql, user: req.user, id: id).first,
              let row = try await req.sql.raw("SELECT body FROM issued_reports WHERE id = \(bind: id)").first()
        else { throw Abort(.notFound) }
        return (listed, try row.decode(column: "body", as: String.self))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (listed, body) = try await Self.withBody(req)
        return try await req.render(ReportsPages.show(listed, body: body))
    }

    /// The PDF as issued: the stored bytes, never made again.
    @Sendable func pdf(req: Request) async throws -> Response {
        guard let report = try await IssuedReport.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let name = "report-\(report.kind)-\(report.number).pdf"
        return Response(status: .ok, headers: [
            "Content-Type": "application/pdf",
            "Content-Disposition": "inline; filename=\"\(name)\"",
            "Cache-Control": "private, no-store",
            "ETag": "\"\(report.pdfSHA256)\"",
        ], body: .init(data: report.pdf))
    }

    struct ReportJSON: Content {
        var id: String; var kind: String; var subject: String; var number: Int; var title: String; var meeting: String
        var meetingDate: String?; var part: Int; var exemptParagraph: Int?; var issuedBy: String; var issuedAt: Date
        var pdfSHA256: String; var pdfBytes: Int; var body: String?

        init(_ l: Listed, body: String? = nil) {
            id = l.id.lowercasedString; kind = l.kind; subject = l.subject.lowercasedString; number = l.number; title = l.title; meeting = l.meeting
            meetingDate = l.meetingDate.isEmpty ? nil : l.meetingDate
            part = l.paragraph == 0 ? 1 : 2; exemptParagraph = l.paragraph == 0 ? nil : l.paragraph
            issuedBy = l.issuedBy; issuedAt = l.issuedAt; pdfSHA256 = l.pdfSHA256; pdfBytes = l.pdfBytes; self.body = body
        }
    }

    @Sendable func apiList(req: Request) async throws -> [ReportJSON] {
        try await Self.listed(req.sql, user: req.user).map { ReportJSON($0) }
    }

    @Sendable func apiShow(req: Request) async throws -> ReportJSON {
        let (listed, body) = try await Self.withBody(req)
        return ReportJSON(listed, body: body)
    }
}

extension SiteURL {
    static let reportStylesheet = SiteURL("report.css")
    static let reports = SiteURL("reports")
    static func report(_ p: Parameter<UUID>) -> SiteURL { SiteURL("reports", .id(p)) }
    static func reportPDF(_ p: Parameter<UUID>) -> SiteURL { SiteURL("reports", .id(p), "pdf") }
    static let apiReports = SiteURL("api", "v1", "reports")
    static func apiReport(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "reports", .id(p)) }
    static func apiReportPDF(_ p: Parameter<UUID>) -> SiteURL { SiteURL("api", "v1", "reports", .id(p), "pdf") }
}

/// The pages of issued reports.
enum ReportsPages {
    static func part(_ paragraph: Int) -> HTML {
        paragraph == 0 ? Component.tag("Part 1", "green") : Component.tag("Part 2, exempt (paragraph \(paragraph))", "red")
    }

    static func list(_ reports: [ReportsFeature.Listed], signedIn: Bool) -> Page {
        let rows = reports.map { r -> [HTML] in
            ["<a class=\"link\" href=\"\(SiteURL.report(.value(r.id)).path)\">\(r.title)</a>",
             "\(r.meeting)\(Day(iso: r.meetingDate).map { ", \($0.long)" } ?? "")",
             part(r.paragraph), ExercisePages.time(r.issuedAt),
             "<a class=\"link\" href=\"\(SiteURL.reportPDF(.value(r.id)).path)\">PDF<span class=\"visually-hidden\"> of \(r.title)</span></a> (\(String(max(1, r.pdfBytes / 1024))) KB)"]
        }
        let table: HTML = reports.isEmpty ? "<p class=\"body\">No report has been issued that you may read.</p>"
            : Component.table(caption: "Issued reports, newest first", headers: ["Report", "Meeting", "Part", "Issued", "PDF"], rows: rows)
        return Page(title: "Reports", body: """
            <h1 class="heading-l">Reports</h1>
            <p class="body">Reports to the council’s boards and committees, as issued. Part 1 reports are open to the public.
              Part 2 reports are exempt under Schedule 12A to the Local Government Act 1972\(signedIn ? "" : "; board members and officers sign in to read them").</p>
            \(table)
            """)
    }

    static func show(_ r: ReportsFeature.Listed, body: String) -> Page {
        Page(title: r.title, breadcrumbs: [("Reports", .reports)], body: """
            <p class="body">\(part(r.paragraph)) Issued \(ExercisePages.time(r.issuedAt)) by \(r.issuedBy), number \(String(r.number)).
              <a class="link" href="\(SiteURL.reportPDF(.value(r.id)).path)">Download the PDF as issued</a>
              <span class="secondary-text">(SHA-256 \(String(r.pdfSHA256.prefix(16)))…)</span></p>
            \(HTML(unsafe: body))
            """)
    }
}
