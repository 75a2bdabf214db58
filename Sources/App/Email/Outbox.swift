import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor

/// An email waiting to go, or gone: the transactional outbox. A change that should tell someone
/// writes its email here in its own transaction, so the email exists if and only if the change
/// does; `OutboxDelivery` sends it afterwards, with retries. With no SMTP server configured (the
/// demo) nothing is sent, and the administrator reads the outbox in the app.
final class OutgoingEmail: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID var id: UUID?
    /// What kind of email it is ("email-confirmation", "receipt", …), for the outbox page.
    @Field(key: "kind") var kind: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @Field(key: "html_body") var htmlBody: String
    @Field(key: "created_at") var createdAt: Date
    /// Not before: the first try, or the next after a failure.
    @Field(key: "send_after") var sendAfter: Date
    @Field(key: "attempts") var attempts: Int
    /// While set and in the future, one instance holds the email and is sending it.
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// Given up on: a permanent refusal, or too many failures.
    @OptionalField(key: "failed_at") var failedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $kind, $recipient, $subject, $textBody, $htmlBody, $createdAt, $sendAfter, $attempts, $claimedUntil, $sentAt, $failedAt, $lastError
        ]
    }

    init() {}
}

/// An email to write to the outbox: who, what, and its two parts.
struct Email: Sendable, Equatable {
    var kind: String
    var to: String
    var subject: String
    /// Paragraphs of plain text; the HTML part is made from the same paragraphs.
    var paragraphs: [String]
    /// A link the email is about (confirm, reset, the receipt), shown on a line of its own.
    var link: String?

    var text: String {
        (paragraphs + (link.map { [$0] } ?? [])).joined(separator: "\n\n") + "\n"
    }

    var html: String {
        let body = paragraphs.map { "<p>\(HTML.escape($0))</p>" }.joined()
        let link = self.link.map { "<p><a href=\"\(HTML.escape($0))\">\(HTML.escape($0))</a></p>" } ?? ""
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(HTML.escape(subject))</title></head><body>\(body)\(link)</body></html>"
    }
}

enum Outbox {
    /// The text with every one-time link's secret taken out: what is kept once an email is sent,
    /// and what administrators read while a mail server delivers (else they could use the link).
    static func redacted(_ text: String) -> String {
        // A one-time link's secret, as it appears in an email.
        text.replacing(/(\/(?:confirm-email|password-reset|invitations)\/)[A-Za-z0-9_-]{20,}/) { "\($0.1)(link removed)" }
    }

    /// Writes the email in the caller's transaction: it is sent only if that transaction commits.
    static func enqueue(_ email: Email, at now: Date, on tx: any Database) async throws {
        // A plain INSERT, or in a batch of audited writes a row of the batch's one INSERT: a
        // receipt's email is on every submission's path.
        let columns = ["id", "kind", "recipient", "subject", "text_body", "html_body", "created_at", "send_after", "attempts"]
        let row = [SQLBind(UUID.random()), SQLBind(email.kind), SQLBind(email.to), SQLBind(email.subject), SQLBind(email.text), SQLBind(email.html),
                   SQLBind(now), SQLBind(now), SQLBind(0)]
        if let deferred = DeferredInserts.current, tx.inTransaction { deferred.add(OutgoingEmail.schema, columns: columns, row); return }
        try await tx.sql.insert(into: OutgoingEmail.schema).columns(columns).values(row).run()
    }

    static let maxAttempts = 8
    /// How long one instance holds an email it is sending before another may take it.
    static let lease: TimeInterval = 300

    /// Minutes to wait after the nth failure: 1, 2, 4, … up to an hour.
    static func backoff(afterAttempt n: Int) -> TimeInterval {
        min(60 * pow(2, Double(max(n - 1, 0))), 3600)
    }
}

/// Sends what is due from the outbox. Each instance runs one; an email is claimed by one
/// instance at a time with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one
/// writer), so it goes once. An instance that dies while sending leaves its lease to run out,
/// and another sends the email again: the same Message-ID lets the receiving side tell.
struct OutboxDelivery: Sendable {
    let app: Application
    let client: SMTPClient
    let from: String
    let fromName: String

    /// Claims the due emails (up to `limit`) and tries each once. Returns how many were sent.
    @discardableResult
    func deliverDue(limit: Int = 20) async throws -> Int {
        let now = app.clock.now()
        let claimed = try await claim(now: now, limit: limit)
        var sent = 0
        for email in claimed {
            let message = MailMessage(from: from, fromName: fromName, to: email.recipient, subject: email.subject, text: email.textBody,
                                      html: email.htmlBody, messageID: "\(email.id!.lowercasedString)@partnering")
            do {
                try await client.send(message, date: email.createdAt)
                // Sent: the copy kept no longer holds a usable link.
                try await app.db.sql.raw("""
                    UPDATE outbox SET sent_at = \(bind: app.clock.now()), claimed_until = NULL, last_error = NULL,
                    text_body = \(bind: Outbox.redacted(email.textBody)), html_body = \(bind: Outbox.redacted(email.htmlBody)) WHERE id = \(bind: email.id!)
                    """).run()
                sent += 1
            } catch {
                let described = (error as? SMTPError)?.description ?? "\(error)"
                let permanent = (error as? SMTPError)?.permanent ?? false
                let failedNow = permanent || email.attempts >= Outbox.maxAttempts
                let later = app.clock.now().addingTimeInterval(Outbox.backoff(afterAttempt: email.attempts))
                app.logger.warning("Email \(email.id!) (\(email.kind)) not sent, attempt \(email.attempts): \(described)")
                try await app.db.sql.raw("""
                    UPDATE outbox SET claimed_until = NULL, last_error = \(bind: String(described.prefix(500))), send_after = \(bind: later),
                    failed_at = \(bind: failedNow ? app.clock.now() : nil as Date?) WHERE id = \(bind: email.id!)
                    """).run()
            }
        }
        return sent
    }

    /// Marks the due, unclaimed emails as this instance's for the lease, counting the attempt.
    private func claim(now: Date, limit: Int) async throws -> [OutgoingEmail] {
        let sql = try app.db.sql
        let until = now.addingTimeInterval(Outbox.lease)
        let due: SQLQueryString = """
            SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND send_after <= \(bind: now)
            AND (claimed_until IS NULL OR claimed_until <= \(bind: now)) ORDER BY send_after, created_at LIMIT \(literal: limit)
            """
        let lock: SQLQueryString = app.settings.database.isSQLite ? "" : " FOR UPDATE SKIP LOCKED"
        let rows = try await sql.raw("""
            UPDATE outbox SET claimed_until = \(bind: until), attempts = attempts + 1 WHERE id IN (\(due)\(lock))
            RETURNING id, kind, recipient, subject, text_body, html_body, created_at, attempts
            """).all()
        return try rows.map { row in
            let e = OutgoingEmail()
            e.id = try row.decode(column: "id", as: UUID.self)
            e.kind = try row.decode(column: "kind", as: String.self)
            e.recipient = try row.decode(column: "recipient", as: String.self)
            e.subject = try row.decode(column: "subject", as: String.self)
            e.textBody = try row.decode(column: "text_body", as: String.self)
            e.htmlBody = try row.decode(column: "html_body", as: String.self)
            e.createdAt = try row.decode(column: "created_at", as: Date.self)
            e.attempts = try row.decode(column: "attempts", as: Int.self)
            return e
        }
    }
}

extension Application {
    private struct OutboxDeliveryKey: StorageKey { typealias Value = OutboxDelivery }

    /// Set when `PARTNERING_SMTP_URL` is; nil in the demo, whose outbox is read in the app.
    var outboxDelivery: OutboxDelivery? {
        get { storage[OutboxDeliveryKey.self] }
        set { storage[OutboxDeliveryKey.self] = newValue }
    }
}

/// `partnering serve` sends from the outbox every few seconds while it runs.
final class OutboxDeliveryLoop: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ application: Application) async throws {
        guard let delivery = application.outboxDelivery else { return }
        task = Task {
            while !Task.isCancelled {
                do {
                    // Keep going while there is more to send; otherwise look again shortly.
                    if try await delivery.deliverDue() == 0 { try await Task.sleep(for: .seconds(3)) }
                } catch is CancellationError {
                    return
                } catch {
                    application.logger.error("The outbox could not be read: \(error)")
                    try? await Task.sleep(for: .seconds(10))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}

struct CreateOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutgoingEmail.schema)
            .id()
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("send_after", .datetime, .required)
            .field("attempts", .int, .required)
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .create()
        try await database.sql.raw("CREATE INDEX outbox_due ON outbox (send_after) WHERE sent_at IS NULL AND failed_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutgoingEmail.schema).delete()
    }
}
