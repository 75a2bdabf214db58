import Fluent
import Vapor

/// The administrator's view of the audit trail, newest first, with an on-demand check of the chain.
struct AuditController {
    static let pageSize = 50

    @Sendable func list(req: Request) async throws -> Response {
        let page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 1_000_000))
        let total = try await AuditEvent.query(on: req.db).count()
        let events = try await AuditEvent.query(on: req.db).sort(\.$seq, .descending)
            .range((page - 1) * Self.pageSize ..< page * Self.pageSize).all()
        let rows = events.map { e -> [HTML] in [
            "\(e.seq)", "<time datetime=\"\(LondonTime.iso(e.at))\">\(LondonTime.dateTime(e.at))</time>",
            "\(e.actor)", "<code>\(e.action)</code>", "\(e.summary)",
        ] }
        var verification: HTML = """
            <form method="get" action="\(SiteURL.audit.path)"><input type="hidden" name="verify" value="1">\(Component.button("Check the chain", secondary: true))</form>
            """
        if req.query[String.self, at: "verify"] != nil {
            switch try await AuditTrail.verify(on: req.db) {
            case .intact(let count, let head):
                verification = "<div class=\"inset-text\">\(Component.tag("Intact", "green")) All \(count) events check out. Latest hash <code>\(String(head.prefix(16)))…</code></div>"
            case .broken(let seq, let reason):
                verification = "<div class=\"inset-text\">\(Component.tag("Broken", "red")) The chain breaks at event \(seq): \(reason).</div>"
            }
        }
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        var pagination: [HTML] = []
        if page > 1 { pagination.append("<a class=\"link\" href=\"\(SiteURL.audit.path)?page=\(page - 1)\">Newer events</a>") }
        if page < pages { pagination.append("<a class=\"link\" href=\"\(SiteURL.audit.path)?page=\(page + 1)\">Older events</a>") }
        return try await req.render(Page(title: "Audit trail", body: """
            <h1 class="heading-l">Audit trail</h1>
            <p class="body">Every change, who made it and when. Each event carries a hash over the one before it, so a change made behind the application's back shows up when the chain is checked.</p>
            \(verification)
            \(Component.table(caption: "Events \(total == 0 ? 0 : (page - 1) * Self.pageSize + 1)–\(min(page * Self.pageSize, total)) of \(total)", headers: ["No.", "When", "Who", "What", "Change"], rows: rows))
            <nav class="pagination" aria-label="Pages of events">\(pagination)</nav>
            """))
    }
}

/// `partnering audit verify`: checks the whole chain; exits non-zero and names the first broken
/// event if it does not hold.
struct AuditCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["verify": Verify()]
    var help: String { "Work with the audit trail" }

    struct Verify: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Check every event's hash against the one before it" }

        func run(using context: CommandContext, signature: Signature) async throws {
            switch try await AuditTrail.verify(on: context.application.db) {
            case .intact(let count, let head):
                context.console.print("Audit trail intact: \(count) events, latest hash \(head).")
            case .broken(let seq, let reason):
                context.console.error("Audit trail broken at event \(seq): \(reason).")
                throw AuditBroken(seq: seq)
            }
        }
    }

    struct AuditBroken: Error, CustomStringConvertible {
        var seq: Int
        var description: String { "the audit trail is broken at event \(seq)" }
    }
}
