import Fluent
import Vapor

/// The administrator's view of the audit trail, newest first, with an on-demand check of the chain.
struct AuditController {
    static let pageSize = 50

    @Sendable func list(req: Request) async throws -> Response {
        let page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 1_000_000))
        let total = try await AuditEvent.query(on: req.db).count()
        let events = try await AuditEvent.query(on: req.db).sort(\.$at, .descending).sort(\.$id, .descending)
            .range((page - 1) * Self.pageSize ..< page * Self.pageSize).all()
        var verification: AuditPage.Verification?
        if req.query[String.self, at: "verify"] != nil {
            verification = switch try await AuditTrail.verify(on: req.db) {
            case .intact(let count, let head): .intact(count: count, head: head)
            case .broken(let seq, let reason): .broken(seq: seq, reason: reason)
            }
        }
        return try await req.render(AuditPage.render(
            events.map { .init(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, note: $0.note, changes: $0.fieldChanges) },
            page: page, total: total, verification: verification))
    }
}

/// The audit trail's page as markup made from plain values (the controller reads).
enum AuditPage {
    struct Event: Sendable { var seq: Int?; var at: Date; var actor: String; var action: String; var note: String; var changes: [String: FieldChange] }
    enum Verification: Sendable { case intact(count: Int, head: String), broken(seq: Int, reason: String) }

    /// One page of `AuditController.pageSize` events, newest first, of `total`.
    static func render(_ events: [Event], page: Int, total: Int, verification: Verification?) -> Page {
        let size = AuditController.pageSize
        let rows = events.map { e -> [HTML] in [
            "\(e.seq.map(String.init) ?? "being chained")", "<time datetime=\"\(LondonTime.iso(e.at))\">\(LondonTime.dateTime(e.at))</time>",
            "\(e.actor)", "<code>\(e.action)</code>", changes(e),
        ] }
        let checked: HTML = switch verification {
        case nil:
            "<form method=\"get\" action=\"\(SiteURL.audit.path)\"><input type=\"hidden\" name=\"verify\" value=\"1\">\(Component.button("Check the chain", secondary: true))</form>"
        case .intact(let count, let head)?:
            "<div class=\"inset-text\">\(Component.tag("Intact", "green")) All \(count) events check out. Latest hash <code>\(String(head.prefix(16)))…</code></div>"
        case .broken(let seq, let reason)?:
            "<div class=\"inset-text\">\(Component.tag("Broken", "red")) The chain breaks at event \(seq): \(reason).</div>"
        }
        let pages = max(1, (total + size - 1) / size)
        var pagination: [HTML] = []
        if page > 1 { pagination.append("<a class=\"link\" href=\"\(SiteURL.audit.path)?page=\(page - 1)\">Newer events</a>") }
        if page < pages { pagination.append("<a class=\"link\" href=\"\(SiteURL.audit.path)?page=\(page + 1)\">Older events</a>") }
        return Page(title: "Audit trail", body: """
            <h1 class="heading-l">Audit trail</h1>
            <p class="body">Every change, who made it and when. Each event carries a hash over the one before it, so a change made behind the application's back shows up when the chain is checked.</p>
            \(checked)
            \(Component.table(caption: "Events \(total == 0 ? 0 : (page - 1) * size + 1)–\(min(page * size, total)) of \(total)", headers: ["No.", "When", "Who", "What", "Change"], rows: rows))
            <nav class="pagination" aria-label="Pages of events">\(pagination)</nav>
            """)
    }

    /// Each changed field with its whole value before and after; long values fold away.
    static func changes(_ e: Event) -> HTML {
        if !e.note.isEmpty { return "\(e.note)" }
        let changes = e.changes.sorted { $0.key < $1.key }
        guard !changes.isEmpty else { return "No field changed" }
        let items = changes.map { field, change -> HTML in
            let before: HTML = change.before.map { "<del>\($0.isEmpty ? "(empty)" : $0)</del>" } ?? "(none)"
            let after: HTML = change.after.map { "<ins>\($0.isEmpty ? "(empty)" : $0)</ins>" } ?? "(removed)"
            let long = (change.before?.count ?? 0) + (change.after?.count ?? 0) > 160
            if long {
                return "<li><details><summary><strong>\(field)</strong> changed</summary><p class=\"body\">Before: \(before)</p><p class=\"body\">After: \(after)</p></details></li>"
            }
            return "<li><strong>\(field)</strong>: \(before) → \(after)</li>"
        }
        return "<ul class=\"list\">\(items)</ul>"
    }
}

/// `partnering audit verify`: checks the whole chain; exits non-zero and names the first broken
/// event if it does not hold.
struct AuditCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["verify": Verify(), "checkpoint": Checkpoint(), "rekey": Rekey(), "bench": AuditBenchCommand()]
    var help: String { "Work with the audit trail" }

    struct Verify: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "checkpoint", help: "A checkpoint (SEQ:CHAIN) printed by `audit checkpoint`, which the chain must still contain")
            var checkpoint: String?
        }
        var help: String { "Check every event's MAC and every link of the chain" }

        func run(using context: CommandContext, signature: Signature) async throws {
            var checkpoint: (Int, String)?
            if let given = signature.checkpoint {
                let parts = given.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let seq = Int(parts[0]), seq > 0 else {
                    context.console.error("A checkpoint looks like 1234:9f86d08…, as `audit checkpoint` prints it.")
                    throw AuditBroken(seq: 0)
                }
                checkpoint = (seq, String(parts[1]))
            }
            switch try await AuditTrail.verify(on: context.application.db, checkpoint: checkpoint) {
            case .intact(let count, let head):
                context.console.print("Audit trail intact: \(count) events, head \(count):\(head)." + (checkpoint.map { " It contains checkpoint \($0.0)." } ?? ""))
            case .broken(let seq, let reason):
                context.console.error("Audit trail broken at event \(seq): \(reason).")
                throw AuditBroken(seq: seq)
            }
        }
    }

    /// Prints the chain's head, to be minuted in board papers: `audit verify --checkpoint` later
    /// proves the chain still holds that event unchanged, and everything before it.
    struct Checkpoint: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Print the chain's head and count, to be minuted" }

        func run(using context: CommandContext, signature: Signature) async throws {
            switch try await AuditTrail.verify(on: context.application.db) {
            case .intact(let count, let head):
                context.console.print("\(count):\(head)")
            case .broken(let seq, let reason):
                context.console.error("No checkpoint: the audit trail is broken at event \(seq): \(reason).")
                throw AuditBroken(seq: seq)
            }
        }
    }

    /// Key rotation: proves the whole chain with the current key, then recomputes every MAC and
    /// link with the new one (`PARTNERING_NEW_AUDIT_KEY`) in one transaction. Stop every instance
    /// first; afterwards start them with the new key as `PARTNERING_AUDIT_KEY` (or in the key file).
    /// Checkpoints minuted before the rotation are proved by the old head printed here.
    struct Rekey: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Re-key the audit trail with PARTNERING_NEW_AUDIT_KEY (all instances stopped)" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let given = Environment.get("PARTNERING_NEW_AUDIT_KEY") else {
                context.console.error("Set PARTNERING_NEW_AUDIT_KEY to the new key (at least 32 bytes, base64 or hex).")
                throw AuditBroken(seq: 0)
            }
            let newKey = try AuditKey.parse(given)
            let db = context.application.db
            guard case .intact(let count, let oldHead) = try await AuditTrail.verify(on: db) else {
                context.console.error("The chain does not verify with the current key; nothing was changed.")
                throw AuditBroken(seq: 0)
            }
            let newHead = try await AuditTrail.rekey(from: context.application.auditKey, to: newKey, on: db)
            context.console.print("Re-keyed \(count) events. Old head \(count):\(oldHead) is now \(count):\(newHead).")
            context.console.print("Minute both; then start every instance with the new key.")
        }
    }

    struct AuditBroken: Error, CustomStringConvertible {
        var seq: Int
        var description: String { "the audit trail is broken at event \(seq)" }
    }
}
