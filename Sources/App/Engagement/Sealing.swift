import Fluent
import SQLKit
import Vapor

/// Sealed until opening: before the deadline nobody at the council reads an answer, only how
/// many organisations have registered, started and submitted. After the deadline two different
/// officers (a setting) each confirm the opening; only then are the responses read. The rule is
/// the permission of every route that shows an answer, so it holds in pages and API alike.
enum Sealing {
    static let opened = Permission.officer.and("after the responses were opened") { req in
        guard let id = try? req.uuid(), let e = try await Exercise.find(id, on: req.db) else { return .notFound }
        return e.openedAt != nil ? .allowed : .forbidden("The responses are sealed until two officers open them after the deadline.")
    }

    struct Counts: Sendable { var organisations: Int; var started: Int; var submitted: Int }

    static func counts(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> Counts {
        let row = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM supplier_organisations) AS organisations,
                   (SELECT COUNT(*) FROM responses WHERE exercise_id = \(bind: exerciseID)) AS started,
                   (SELECT COUNT(*) FROM responses WHERE exercise_id = \(bind: exerciseID) AND status = 'submitted') AS submitted
            """).first()
        return Counts(organisations: try row?.decode(column: "organisations", as: Int.self) ?? 0, started: try row?.decode(column: "started", as: Int.self) ?? 0,
                      submitted: try row?.decode(column: "submitted", as: Int.self) ?? 0)
    }

    /// One officer's confirmation. The second different officer's opens the responses.
    static func confirm(_ exerciseID: UUID, on req: Request) async throws -> (opened: Bool, confirmations: [Opening]) {
        let officer = try req.requireUser(), actor = req.actor, needed = req.application.settings.twoOfficerOpening ? 2 : 1, app = req.application
        return try await req.application.auditWriter.transaction { tx in
            // Judged by the same clock as the submissions: the database's.
            try await AuditedWrite.lockTable(Opening.schema, on: tx)
            let now = try await DatabaseTime.now(app, on: tx)
            guard let e = try await Exercise.find(exerciseID, on: tx) else { throw Abort(.notFound) }
            guard e.stage(at: now) == .closed else {
                var v = Validator(FormInput())
                v.conflict("version", e.stage(at: now) == .open ? "The responses are opened only after the deadline, \(LondonTime.dateTime(e.responseDeadline!))" : "This exercise is \(e.stage(at: now).label.lowercased())")
                try v.throwIfInvalid()
                throw Abort(.conflict)
            }
            var confirmations = try await Opening.query(on: tx).filter(\.$exercise.$id == exerciseID).all()
            if !confirmations.contains(where: { $0.officerID == officer.id }) {
                let o = Opening()
                o.$exercise.id = exerciseID
                o.officerID = officer.id!
                o.officerName = officer.name
                o.confirmedAt = now
                try await o.create(on: tx)
                try await AuditTrail.record("opening.confirm", o, before: nil, by: actor, at: now, on: tx)
                confirmations.append(o)
            }
            guard confirmations.count >= needed else { return (false, confirmations) }
            let before = e.auditFields
            e.status = .opened
            e.openedAt = now
            e.version += 1
            try await e.save(on: tx)
            try await AuditTrail.record("exercise.open", e, before: before, by: actor, at: now, on: tx)
            // What the responses will be scored against is fixed as they are opened.
            try await Criteria.freeze(exerciseID, by: actor, at: now, on: tx)
            return (true, confirmations)
        }
    }
}

/// The officer's pages for an exercise's responses: the counts while sealed, the opening, and
/// once opened each organisation's response as it counts.
struct ResponsesController {
    @Sendable func list(req: Request) async throws -> Response {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let counts = try await Sealing.counts(e.id!, on: req.sql)
        let openings = try await Opening.query(on: req.db).filter(\.$exercise.$id == e.id!).sort(\.$confirmedAt).all()
        var rows: [ResponsePages.Row] = []
        if e.openedAt != nil {
            let responses = try await EngagementResponse.query(on: req.db).filter(\.$exercise.$id == e.id!).with(\.$organisation).sort(\.$number).all()
            for r in responses {
                let latest = try await Submission.query(on: req.db).filter(\.$response.$id == r.id!).filter(\.$withdrawnAt == nil).sort(\.$number, .descending).first()
                rows.append(.init(id: r.id!, organisation: r.organisation.name, status: r.status, receipt: latest?.receiptNumber, submittedAt: latest?.submittedAt))
            }
        }
        return try await req.render(ResponsePages.list(
            exercise: .init(id: e.id!, reference: e.reference, title: e.title, stage: e.stage(at: req.now)), openedAt: e.openedAt, counts: counts,
            openings: openings.map { ($0.officerName, $0.confirmedAt) }, rows: rows, me: req.user?.id, confirmedByMe: openings.contains { $0.officerID == req.user?.id },
            needed: req.application.settings.twoOfficerOpening ? 2 : 1, csrf: req.csrfToken))
    }

    @Sendable func open(req: Request) async throws -> Response {
        let id = try req.uuid()
        do {
            let result = try await Sealing.confirm(id, on: req)
            return req.redirect(to: .exerciseResponses(.value(id)), flash: result.opened ? "The responses are open" : "Your confirmation is recorded: a second officer confirms to open the responses")
        } catch let failure as ValidationFailure {
            throw Abort(.conflict, reason: failure.errors.items.first?.message ?? "The responses cannot be opened now.")
        }
    }

    /// The submissions that count, with their organisations, in the order the responses started.
    static func counting(_ exerciseID: UUID, on db: any Database) async throws -> [(organisation: SupplierOrganisation, submission: Submission)] {
        let responses = try await EngagementResponse.query(on: db).filter(\.$exercise.$id == exerciseID).filter(\.$status == .submitted).with(\.$organisation).sort(\.$number).all()
        guard !responses.isEmpty else { return [] }
        let submissions = try await Submission.query(on: db).filter(\.$response.$id ~~ responses.map { $0.id! }).filter(\.$withdrawnAt == nil).all()
        let latest = Dictionary(grouping: submissions, by: { $0.$response.id }).compactMapValues { $0.max { $0.number < $1.number } }
        return responses.compactMap { r in latest[r.id!].map { (r.organisation, $0) } }
    }

    /// A file of a counting submission (sealed like the answers: the permission says so).
    @Sendable func file(req: Request) async throws -> Response {
        let id = try req.uuid()
        guard let sha = req.parameters.get("sha256"), sha.wholeMatch(of: /[0-9a-f]{64}/) != nil,
              let f = try await Self.counting(id, on: req.db).lazy.compactMap({ RespondController.file(sha, in: [ResponsePages.answers(in: $0.submission.document)]) }).first
        else { throw Abort(.notFound) }
        return RespondController.download(f, req)
    }

    /// Every counting submission's files as one ZIP: a folder per receipt, with the submitted
    /// copy (the JSON its receipt's SHA-256 is over) beside its files.
    @Sendable func zip(req: Request) async throws -> Response {
        guard let e = try await Exercise.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        let rows = try await Self.counting(e.id!, on: req.db).map { row in
            (folder: "\(row.submission.receiptNumber) \(Self.safe(row.organisation.name))", receipt: row.submission.receiptNumber,
             document: row.submission.document, files: RespondPages.filesOf(row.submission))
        }
        let store = req.application.files
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(e.reference)-files.zip\"")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            var zip = ZipWriter()
            do {
                for row in rows {
                    try await writer.writeBuffer(zip.entry("\(row.folder)/\(row.receipt).json", ByteBuffer(string: row.document)))
                    var used: Set<String> = []
                    for f in row.files {
                        var name = Self.safe(f.name)
                        if used.contains(name) { name = String(f.sha256.prefix(8)) + " " + name }
                        used.insert(name)
                        try await writer.writeBuffer(zip.begin("\(row.folder)/\(name)"))
                        for try await chunk in store.chunks(of: f.sha256) {
                            zip.data(chunk)
                            try await writer.writeBuffer(chunk)
                        }
                        try await writer.writeBuffer(zip.end())
                    }
                }
                try await writer.writeBuffer(zip.finish())
                try await writer.write(.end)
            } catch {
                // Cut short: the archive is left without its directory, which every reader refuses.
                try? await writer.write(.error(error))
            }
        }))
    }

    /// A name safe as a path in a ZIP: no slashes, no leading dots.
    static func safe(_ name: String) -> String {
        let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.map { "/\\:*?\"<>|\n\r\u{85}\u{2028}\u{2029}\u{0B}\u{0C}".unicodeScalars.contains($0) ? "_" : $0 }))
        return cleaned.drop(while: { $0 == "." || $0 == " " }).isEmpty ? "file" : String(cleaned.drop(while: { $0 == "." || $0 == " " }))
    }

    /// Every counting submission as CSV, columns by the latest questionnaire version.
    @Sendable func csv(req: Request) async throws -> Response {
        guard let e = try await Exercise.find(req.uuid(), on: req.db), let version = try await ResponseWrites.questionnaire(e.id!, on: req.db) else { throw Abort(.notFound) }
        let rows = try await Self.counting(e.id!, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(e.reference)-responses.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: ResponsesCSV.render(content: version.content, rows: rows)))
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let e = try await Exercise.find(req.uuid(), on: req.db),
              let rid = req.parameters.get("response").flatMap(UUID.init(uuidString:)),
              let r = try await EngagementResponse.query(on: req.db).filter(\.$id == rid).filter(\.$exercise.$id == e.id!).with(\.$organisation).first()
        else { throw Abort(.notFound) }
        let submission = try await Submission.query(on: req.db).filter(\.$response.$id == rid).filter(\.$withdrawnAt == nil).sort(\.$number, .descending).first()
        var version: QuestionnaireVersion?
        var answers: [UUID: Answer] = [:]
        if let submission {
            version = try await QuestionnaireVersion.query(on: req.db).filter(\.$exercise.$id == e.id!).filter(\.$number == submission.questionnaireVersion).first()
            answers = ResponsePages.answers(in: submission.document)
        }
        return try await req.render(ResponsePages.response(exerciseID: e.id!, reference: e.reference, organisation: r.organisation, submission: submission,
                                                           content: version?.content, answers: answers))
    }
}

/// The responses of an opened exercise as CSV (RFC 4180): one row per organisation whose
/// submission counts, one column per question of the version each answered.
enum ResponsesCSV {
    static func cell(_ text: String) -> String {
        // A cell a spreadsheet would run as a formula is written as text.
        let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    static func render(content: QuestionnaireContent, rows: [(organisation: SupplierOrganisation, submission: Submission)]) -> String {
        var numbered: [(String, QuestionnaireContent.Question)] = []
        for (i, s) in content.sections.enumerated() { for (j, q) in s.questions.enumerated() { numbered.append(("\(i + 1).\(j + 1) \(q.text)", q)) } }
        var lines = [(["Organisation", "Companies House number", "SME", "VCSE", "Receipt", "Submitted", "Questionnaire version", "SHA-256"] + numbered.map(\.0)).map(cell).joined(separator: ",")]
        for row in rows {
            let answers = ResponsePages.answers(in: row.submission.document)
            let o = row.organisation
            let fixed = [o.name, o.companiesNumber ?? "", o.isSME ? "yes" : "no", o.isVCSE ? "yes" : "no", row.submission.receiptNumber,
                         LondonTime.iso(row.submission.submittedAt), String(row.submission.questionnaireVersion), row.submission.sha256]
            let cells = numbered.map { _, q -> String in
                switch answers[q.id] {
                case .text(let t)?: t
                case .list(let l)?: l.joined(separator: "; ")
                case .file(let f)?: "\(f.name) (SHA-256 \(f.sha256))"
                case nil: ""
                }
            }
            lines.append((fixed + cells).map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

enum ResponsePages {
    struct Row: Sendable { var id: UUID; var organisation: String; var status: EngagementResponse.Status; var receipt: String?; var submittedAt: Date? }

    /// The answers of a submitted document, by question.
    static func answers(in document: String) -> [UUID: Answer] {
        struct Doc: Decodable { var answers: [String: Answer] }
        let doc = try? JSONDecoder().decode(Doc.self, from: Data(document.utf8))
        return Dictionary(uniqueKeysWithValues: (doc?.answers ?? [:]).compactMap { k, v in UUID(uuidString: k).map { ($0, v) } })
    }

    static func list(exercise e: QuestionnairePages.ExerciseRef, openedAt: Date?, counts: Sealing.Counts, openings: [(String, Date)], rows: [Row],
                     me: UUID?, confirmedByMe: Bool, needed: Int, csrf: String) -> Page {
        let body: HTML
        if let openedAt {
            body = """
            <p class="body">Opened \(ExercisePages.time(openedAt)) by \(openings.map(\.0).joined(separator: " and ")).
              <a class="link" href="\(SiteURL.exportResponses(.value(e.id)).path)" download>Download the responses (CSV)</a>
              · <a class="link" href="\(SiteURL.exportResponseFiles(.value(e.id)).path)" download>Download the files (ZIP)</a></p>
            \(rows.isEmpty ? "<p class=\"body\">No organisation responded.</p>" as HTML : Component.table(caption: "Responses", headers: ["Organisation", "Status", "Receipt", "Submitted"], rows: rows.map { r in [
                "<a class=\"link\" href=\"\(SiteURL.exerciseResponse(.value(e.id), .value(r.id.lowercasedString)).path)\">\(r.organisation)</a>",
                "\(r.status.rawValue.capitalized)", "\(r.receipt ?? "None")", r.submittedAt.map { ExercisePages.time($0) } ?? "",
            ] }))
            """
        } else {
            let opening: HTML
            switch e.stage {
            case .closed:
                let who: HTML = openings.isEmpty ? "No officer has confirmed yet." : "Confirmed by \(openings.map { "\($0.0) (\(LondonTime.dateTime($0.1)))" }.joined(separator: ", "))."
                opening = """
                <h2 class="heading-m">Opening the responses</h2>
                <p class="body">\(needed == 2 ? "Two different officers each confirm the opening, as contract standing orders require." : "An officer confirms the opening.") \(who)</p>
                \(confirmedByMe ? "<p class=\"body\">You have confirmed. Another officer confirms to open them.</p>" as HTML : Component.actionForm(.openResponses(.value(e.id)), csrf: csrf, label: "Confirm the opening"))
                """
            case .open:
                opening = "<p class=\"body\">The responses are opened after the deadline.</p>"
            default:
                opening = .empty
            }
            body = """
            <div class="notice"><p class="body">The responses are sealed: until they are opened, nobody at the council can read an answer.</p></div>
            \(Component.summaryList([
                .init(key: "Organisations registered on the site", value: "\(counts.organisations)"),
                .init(key: "Responses started", value: "\(counts.started)"),
                .init(key: "Responses submitted", value: "\(counts.submitted)"),
            ]))
            \(opening)
            """
        }
        _ = me
        return Page(title: "Responses to \(e.title)", breadcrumbs: [("Exercises", .exercises), ("The exercise", .exercise(.value(e.id)))], body: """
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">Responses</h1>
            \(body)
            """)
    }

    static func response(exerciseID: UUID, reference: String, organisation o: SupplierOrganisation, submission: Submission?, content: QuestionnaireContent?, answers: [UUID: Answer]) -> Page {
        let sections: HTML = content.map { content in
            content.sections.enumerated().map { i, s -> HTML in
                """
                <h2 class="heading-m">\(i + 1). \(s.title)</h2>
                \(Component.summaryList(s.questions.enumerated().map { j, q in Component.Row(key: "\(i + 1).\(j + 1) \(q.text)", value: RespondPages.shown(answers[q.id], file: { .exerciseResponseFile(.value(exerciseID), .value($0.sha256)) })) }))
                """
            }.joined()
        } ?? "<p class=\"body\">This organisation has no submitted response that counts.</p>"
        let flags = [o.isSME ? "SME" : nil, o.isVCSE ? "VCSE" : nil].compactMap { $0 }.joined(separator: ", ")
        return Page(title: o.name, breadcrumbs: [("Exercises", .exercises), ("Responses", .exerciseResponses(.value(exerciseID)))], body: """
            <span class="caption">\(reference)\(flags.isEmpty ? "" : " · \(flags)")</span>
            <h1 class="heading-l">\(o.name)</h1>
            \(submission.map { s in "<p class=\"body\">Receipt \(s.receiptNumber), submitted \(ExercisePages.time(s.submittedAt)), questionnaire version \(s.questionnaireVersion). SHA-256 <code class=\"hash\">\(s.sha256)</code></p>" as HTML })
            \(sections)
            """)
    }
}
