@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// The outbox and its delivery, against the SMTP server `scripts/test` starts (STARTTLS
/// required, a password only over TLS): an email written in a transaction that rolls back never
/// exists; one written in a committed one is sent once, both parts, and marked sent; a refusal
/// for now is tried again later, a refusal for good is given up; with no mail server the
/// administrator reads the outbox in the app.
@Suite("Email")
struct EmailTests {
    static func unique(_ prefix: String = "someone") -> String { "\(prefix).\(UUID().uuidString.prefix(8).lowercased())@example.org" }

    @Test func anEmailWrittenInARolledBackChangeDoesNotExist() async throws {
        try await withDemoApp { app, clock in
            let kept = Self.unique(), dropped = Self.unique()
            try await app.db.transaction { tx in
                try await Outbox.enqueue(Email(kind: "test", to: kept, subject: "Kept", paragraphs: ["Yes."]), at: clock.now(), on: tx)
            }
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await app.db.transaction { tx in
                    try await Outbox.enqueue(Email(kind: "test", to: dropped, subject: "Dropped", paragraphs: ["No."]), at: clock.now(), on: tx)
                    throw Refused()
                }
            }
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == kept).count() == 1)
            #expect(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == dropped).count() == 0)
        }
    }

    @Test(.enabled(if: TestSMTP.available, "needs the SMTP server scripts/test starts"))
    func anEmailGoesOnceOverTLSWithBothParts() async throws {
        try await withDemoApp(smtp: true) { app, clock in
            let to = Self.unique()
            let email = Email(kind: "test", to: to, subject: "Your receipt – SLF-2003-SPP", paragraphs: ["Thank you.", "A line that starts with a dot:\n.like this"],
                              link: "http://127.0.0.1:8080/receipts/abc")
            try await Outbox.enqueue(email, at: clock.now(), on: app.db)
            let delivery = try #require(app.outboxDelivery)
            #expect(try await delivery.deliverDue() >= 1)
            // Nothing is sent twice: a second round finds nothing due.
            #expect(try await delivery.deliverDue() == 0)
            let received = try TestSMTP.received(by: to)
            try #require(received.count == 1)
            let message = received[0]
            #expect(message.tls, "sent after STARTTLS")
            #expect(message.user != nil, "signed in with the URL's user")
            #expect(message.mailFrom == "partnering@council.example")
            #expect(message.subject == "Your receipt – SLF-2003-SPP")
            #expect(message.text.contains("Thank you.") && message.text.contains("\n.like this") && message.text.contains("http://127.0.0.1:8080/receipts/abc"))
            #expect(message.html.contains("<p>Thank you.</p>") && message.html.contains("<a href=\"http://127.0.0.1:8080/receipts/abc\">"))
            let row = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == to).first())
            #expect(row.sentAt != nil && row.attempts == 1 && row.lastError == nil)
            #expect(message.messageId == "<\(row.id!.uuidString.lowercased())@partnering>")
        }
    }

    @Test(.enabled(if: TestSMTP.available, "needs the SMTP server scripts/test starts"))
    func aRefusalForNowIsTriedAgainLaterAndOneForGoodIsGivenUp() async throws {
        try await withDemoApp(smtp: true) { app, clock in
            let busy = Self.unique("tempfail"), gone = Self.unique("reject")
            try await Outbox.enqueue(Email(kind: "test", to: busy, subject: "Busy", paragraphs: ["Later."]), at: clock.now(), on: app.db)
            try await Outbox.enqueue(Email(kind: "test", to: gone, subject: "Gone", paragraphs: ["Never."]), at: clock.now(), on: app.db)
            let delivery = try #require(app.outboxDelivery)
            try await delivery.deliverDue()
            let later = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == busy).first())
            #expect(later.sentAt == nil && later.failedAt == nil && later.attempts == 1)
            #expect(later.lastError?.contains("451") == true)
            // (Stored times keep microseconds at most.)
            #expect(abs(later.sendAfter.timeIntervalSince(clock.now()) - 60) < 0.01)
            let never = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == gone).first())
            #expect(never.failedAt != nil && never.lastError?.contains("550") == true)

            // Not before its time; then again, with a longer pause after.
            try await delivery.deliverDue()
            #expect(try await OutgoingEmail.find(later.id, on: app.db)?.attempts == 1)
            clock.advance(61)
            try await delivery.deliverDue()
            let again = try #require(try await OutgoingEmail.find(later.id, on: app.db))
            #expect(again.attempts == 2 && abs(again.sendAfter.timeIntervalSince(clock.now()) - 120) < 0.01)
            #expect(try TestSMTP.received(by: busy).isEmpty && TestSMTP.received(by: gone).isEmpty)
        }
    }

    @Test(.enabled(if: TestSMTP.available, "needs the SMTP server scripts/test starts"))
    func aWrongPasswordIsAFailureNotASilentLoss() async throws {
        try await withDemoApp(smtp: false) { app, clock in
            let url = try #require(TestSMTP.url).replacingOccurrences(of: "://", with: "://x").replacingOccurrences(of: "@", with: "wrong@")
            let smtp = try #require(SMTPSettings(url: url, caFile: TestSMTP.caFile))
            let delivery = OutboxDelivery(app: app, client: SMTPClient(settings: smtp, group: app.eventLoopGroup), from: "partnering@council.example", fromName: "Partnering")
            let to = Self.unique()
            try await Outbox.enqueue(Email(kind: "test", to: to, subject: "Locked out", paragraphs: ["No."]), at: clock.now(), on: app.db)
            #expect(try await delivery.deliverDue() == 0)
            let row = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == to).first())
            #expect(row.sentAt == nil && row.lastError?.contains("AUTH PLAIN") == true)
            #expect(!(row.lastError ?? "").contains("wrong"), "the password is never written down")
        }
    }

    @Test func withoutAMailServerTheAdministratorReadsTheOutbox() async throws {
        try await withDemoApp { app, clock in
            #expect(app.outboxDelivery == nil)
            let to = Self.unique()
            try await Outbox.enqueue(Email(kind: "email-confirmation", to: to, subject: "Confirm your email address", paragraphs: ["Follow the link."],
                                           link: "http://127.0.0.1:8080/confirm/xyz"), at: clock.now(), on: app.db)
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let list = try await admin.get("/admin/outbox")
            #expect(list.text.contains("No mail server is set") && list.text.contains(to) && list.text.contains("Waiting"))
            let id = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$recipient == to).first()?.id)
            let one = try await admin.get("/admin/outbox/\(id.uuidString.lowercased())")
            #expect(one.text.contains("Follow the link.") && one.text.contains("http://127.0.0.1:8080/confirm/xyz"))
            let officer = Browser(app)
            try await officer.signIn(as: .officer)
            #expect(try await officer.get("/admin/outbox").status == .forbidden)
        }
    }

    @Test func theMessageIsWellFormed() {
        let m = MailMessage(from: "a@council.example", fromName: "Partnering", to: "b@example.org", subject: "Plain", text: "One\n.two", html: "<p>x</p>", messageID: "id-1@partnering")
        let raw = m.rendered(date: Date(timeIntervalSince1970: 1_051_268_400))
        #expect(raw.contains("Date: Fri, 25 Apr 2003 12:00:00 +0100\r\n"))
        #expect(raw.contains("Subject: Plain\r\n") && raw.contains("Message-ID: <id-1@partnering>\r\n"))
        #expect(raw.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 78 })
        #expect(MailMessage(from: "a@x", fromName: "Café", to: "b@y", subject: "Réponse", text: "", html: "", messageID: "i").rendered(date: Date())
                    .contains("Subject: =?UTF-8?B?\(Data("Réponse".utf8).base64EncodedString())?="))
        let long = MailMessage(from: "a@x", fromName: "Partnering", to: "b@y", subject: String(repeating: "Réponse à l’avis SLF-2003-SPP ", count: 4), text: "", html: "", messageID: "i").rendered(date: Date())
        #expect(long.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 78 })
        #expect(SMTPSettings(url: "smtp://user%40council:p%3Ass@mail.council.gov.uk")?.description == "smtp://user@council:•••@mail.council.gov.uk:587")
        #expect(SMTPSettings(url: "smtps://mail.council.gov.uk")?.port == 465)
        #expect(SMTPSettings(url: "http://mail.council.gov.uk") == nil)
    }

    @Test(.enabled(if: TestSMTP.available, "needs the SMTP server scripts/test starts"))
    func aOneTimeLinkIsForItsRecipientOnly() async throws {
        try await withDemoApp(smtp: true) { app, clock in
            let b = Browser(app)
            try await b.get("/password-reset")
            try await b.post("/password-reset", ["email": "supplier@supplier.example"])
            let row = try #require(try await OutgoingEmail.query(on: app.db).filter(\.$kind == "password-reset").first())
            #expect(row.textBody.contains("/password-reset/") && !row.textBody.contains("(link removed)"))
            // Before it goes, the administrator's outbox does not show the link.
            let admin = Browser(app)
            try await admin.signIn(as: .administrator)
            let shown = try await admin.get("/admin/outbox/\(row.id!.uuidString.lowercased())")
            #expect(shown.text.contains("/password-reset/(link removed)"))
            try await app.outboxDelivery!.deliverDue()
            let received = try #require(try TestSMTP.received(by: "supplier@supplier.example").last)
            #expect(received.text.contains("/password-reset/") && !received.text.contains("(link removed)"), "the recipient gets the link")
            let kept = try #require(try await OutgoingEmail.find(row.id, on: app.db))
            #expect(kept.sentAt != nil && kept.textBody.contains("(link removed)") && kept.htmlBody.contains("(link removed)"))
            _ = clock
        }
    }
}
