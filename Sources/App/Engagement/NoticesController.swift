import Fluent
import Vapor

/// The public notices: every exercise once published (open, closed, concluded or cancelled),
/// and each one's notice. A draft is not found, except by an officer, who sees a preview.
/// These pages are not cached: whether an exercise is open depends on the clock, not only on
/// the tables.
struct NoticesController {
    @Sendable func list(req: Request) async throws -> Response {
        let now = req.now
        let exercises = try await Exercise.query(on: req.db).filter(\.$status != .draft)
            .sort(\.$responseDeadline, .descending).sort(\.$reference).all()
        let rows = exercises.map { ExercisePages.Row(id: $0.id!, reference: $0.reference, title: $0.title, stage: $0.stage(at: now), deadline: $0.responseDeadline) }
        return try await req.render(NoticePages.list(rows))
    }

    @Sendable func notice(req: Request) async throws -> Response {
        guard let reference = req.parameters.get("reference"), reference.count <= 40,
              let e = try await Exercise.query(on: req.db).filter(\.$reference == reference).first()
        else { throw Abort(.notFound) }
        let isOfficer = req.user?.role == .officer
        guard e.status != .draft || isOfficer else { throw Abort(.notFound) }
        let answered = try await Clarification.query(on: req.db).filter(\.$exercise.$id == e.id!).filter(\.$visibility == .published)
            .sort(\.$answeredAt).all().map { (question: $0.question, answer: $0.answer ?? "", at: $0.answeredAt ?? $0.askedAt) }
        return try await req.render(NoticePages.notice(try await ExercisesController.shown(e, on: req), clarifications: answered))
    }
}

enum NoticePages {
    static func list(_ rows: [ExercisePages.Row]) -> Page {
        let open = rows.filter { $0.stage == .open }, past = rows.filter { $0.stage != .open }
        func table(_ caption: String, _ rows: [ExercisePages.Row]) -> HTML {
            Component.table(caption: caption, headers: ["Notice", "Stage", "Responses by"], rows: rows.map { r in [
                "<a class=\"link\" href=\"\(SiteURL.notice(.value(r.reference)).path)\">\(r.title)</a> <span class=\"secondary-text\">\(r.reference)</span>",
                Component.tag(r.stage.label, r.stage.colour),
                ExercisePages.time(r.deadline),
            ] })
        }
        return Page(title: "Market engagement notices", breadcrumbs: [("Home", .home)], body: """
            <h1 class="heading-l">Market engagement notices</h1>
            <p class="body">The council asks organisations how a partnership could help, before deciding whether and how to procure. Taking part is not a tender, and commits neither side.</p>
            <h2 class="heading-m">Open now</h2>
            \(open.isEmpty ? "<p class=\"body\">No exercise is open for responses now.</p>" as HTML : table("Open for responses", open))
            \(past.isEmpty ? .empty : "<h2 class=\"heading-m\">Earlier exercises</h2>\(table("Earlier exercises", past))" as HTML)
            """)
    }

    static func notice(_ x: ExercisePages.Shown, clarifications: [(question: String, answer: String, at: Date)] = []) -> Page {
        let n = x.notice
        let changes = x.releases.filter { $0.number > 1 }
        let deadline: HTML = switch x.stage {
        case .open: "<div class=\"inset-text\"><p class=\"body\"><strong>Responses by \(ExercisePages.time(n.responseDeadline)).</strong></p></div>"
        case .cancelled: "<div class=\"inset-text\"><p class=\"body\"><strong>This exercise was cancelled: \(n.cancelledReason ?? "").</strong></p></div>"
        case .draft: "<div class=\"notice\"><p class=\"body\">This is a draft, shown only to officers. It is not public.</p></div>"
        default: "<div class=\"inset-text\"><p class=\"body\"><strong>Responses closed at \(ExercisePages.time(n.responseDeadline)).</strong></p></div>"
        }
        return Page(title: n.title, breadcrumbs: [("Home", .home), ("Notices", .notices)], body: """
            <span class="caption">Preliminary market engagement notice (UK2) · \(n.reference)</span>
            <h1 class="heading-l">\(n.title)</h1>
            <p class="body">\(Component.tag(x.stage.label, x.stage.colour))</p>
            \(deadline)
            \(prose(n.advert))
            <h2 class="heading-m">What is sought</h2>
            <p class="body">Ideas and proposals for partnering models that could deliver these benefits:</p>
            \(ExercisePages.benefits(n.benefits, objectives: x.objectives))
            <h2 class="heading-m">Scope</h2>
            <p class="body">Some or all of these services, one lot for each service area. Each service’s profile says what it does now.</p>
            \(ExercisePages.lots(n.lots, linkProfiles: true))
            <h2 class="heading-m">How engagement will be carried out</h2>
            \(prose(n.engagement))
            <h2 class="heading-m">Key dates</h2>
            \(Component.summaryList(ExercisePages.dates(n)))
            \(changes.isEmpty ? .empty : """
                <h2 class="heading-m">Changes to this notice</h2>
                \(Component.table(caption: "Changes to this notice", headers: ["When", "What changed"], rows: changes.map { [ExercisePages.time($0.at), "\($0.summary)"] }))
                """ as HTML)
            <h2 class="heading-m">Questions and answers</h2>
            \(clarifications.isEmpty ? "<p class=\"body\">No answers published yet.</p>" as HTML : clarifications.map { c in
                """
                <div class="summary-card">
                  <h3 class="heading-s">Answered \(ExercisePages.time(c.at))</h3>
                  \(prose(c.question))
                  <p class="body"><strong>Answer:</strong></p>
                  \(prose(c.answer))
                </div>
                """ as HTML
            }.joined())
            \(x.stage == .open && (n.clarificationDeadline.map { $0 > x.now } ?? false) ? "<p class=\"body\">Organisations taking part can <a class=\"link\" href=\"\(SiteURL.askClarification(.value(n.reference)).path)\">ask a question</a> until \(ExercisePages.time(n.clarificationDeadline)).</p>" as HTML : .empty)
            <h2 class="heading-m">How to respond</h2>
            \(x.stage == .open ? """
                <p class="body">Answer the questionnaire on this site, as an organisation: <a class="link" href="\(SiteURL.register.path)">register your organisation</a> if it is new here, then <a class="link" href="\(SiteURL.response(.value(n.reference)).path)">respond to this notice</a>. You can save your answers as a draft and come back; your colleagues can answer too.</p>
                """ as HTML : .empty)
            <p class="body">Questions about the notice:</p>
            \(prose(n.contact))
            <h2 class="heading-m">This is not a tender</h2>
            \(prose(n.disclaimer))
            """)
    }
}
