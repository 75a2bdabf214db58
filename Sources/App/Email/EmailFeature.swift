import Fluent
import Vapor

/// The outbox as the administrator reads it: every email the server has written, whether it
/// has gone, and what it says. With no SMTP server configured (the demo), this is where emails
/// are read, so nothing is lost.
struct EmailFeature: Feature {
    var endpoints: [Endpoint] {
        [
            .get(.outbox, .administrator, list),
            .get(.outboxEmail(.key), .administrator, show),
        ]
    }

    static let shown = 200

    @Sendable func list(req: Request) async throws -> Response {
        let emails = try await OutgoingEmail.query(on: req.db).sort(\.$createdAt, .descending).sort(\.$id).limit(Self.shown).all()
        let waiting = try await OutgoingEmail.query(on: req.db).filter(\.$sentAt == nil).filter(\.$failedAt == nil).count()
        return try await req.render(OutboxPages.list(emails, waiting: waiting, delivering: req.application.outboxDelivery != nil))
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let email = try await OutgoingEmail.find(req.uuid(), on: req.db) else { throw Abort(.notFound) }
        // With a mail server, an email's one-time link is for its recipient only.
        if req.application.outboxDelivery != nil { email.textBody = Outbox.redacted(email.textBody) }
        return try await req.render(OutboxPages.email(email))
    }
}

extension SiteURL {
    static let outbox = SiteURL("admin", "outbox")
    static func outboxEmail(_ p: Parameter<UUID>) -> SiteURL { SiteURL("admin", "outbox", .id(p)) }
}

enum OutboxPages {
    static func status(_ e: OutgoingEmail) -> HTML {
        if let sent = e.sentAt { return "\(Component.tag("Sent", "green")) \(ExercisePages.time(sent))" }
        if e.failedAt != nil { return "\(Component.tag("Not sent", "red")) \(e.lastError ?? "")" }
        if e.attempts > 0 { return "\(Component.tag("Trying again", "yellow")) after \(e.attempts) attempt\(e.attempts == 1 ? "" : "s"): \(e.lastError ?? "")" }
        return Component.tag("Waiting", "grey")
    }

    static func list(_ emails: [OutgoingEmail], waiting: Int, delivering: Bool) -> Page {
        let intro: HTML = delivering
            ? "<p class=\"body\">Emails are sent over SMTP as soon as they are written, and tried again with growing pauses if the mail server refuses them for now. \(waiting) waiting.</p>"
            : "<p class=\"body\">No mail server is set (<code>PARTNERING_SMTP_URL</code>), so emails are not sent: they wait here, \(waiting) of them, and are read here.</p>"
        let table = emails.isEmpty ? "<p class=\"body\">No emails yet.</p>" as HTML : Component.table(
            caption: "Emails, newest first", headers: ["Written", "To", "Subject", "Status"],
            rows: emails.map { e in [
                ExercisePages.time(e.createdAt), "\(e.recipient)",
                "<a class=\"link\" href=\"\(SiteURL.outboxEmail(.value(e.id!)).path)\">\(e.subject)</a>", status(e),
            ] })
        return Page(title: "Outbox", body: """
            <h1 class="heading-l">Outbox</h1>
            \(intro)
            \(table)
            \(emails.count == EmailFeature.shown ? "<p class=\"body\">The newest \(EmailFeature.shown) are shown.</p>" as HTML : .empty)
            """)
    }

    static func email(_ e: OutgoingEmail) -> Page {
        Page(title: e.subject, breadcrumbs: [("Outbox", .outbox)], body: """
            <h1 class="heading-l">\(e.subject)</h1>
            \(Component.summaryList([
                .init(key: "To", value: "\(e.recipient)"),
                .init(key: "Kind", value: "\(e.kind)"),
                .init(key: "Written", value: ExercisePages.time(e.createdAt)),
                .init(key: "Status", value: status(e)),
            ]))
            <h2 class="heading-m">The message</h2>
            <pre class="email-text" tabindex="0">\(e.textBody)</pre>
            """)
    }
}
