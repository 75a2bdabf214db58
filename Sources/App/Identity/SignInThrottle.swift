import Fluent
import SQLKit
import Vapor

/// Slows password guessing without letting anyone lock a user out for long (NIST SP 800-63B
/// §5.2.2). Three counters of failed sign-ins, each with its own free allowance and then a delay
/// that grows with every further failure up to a cap:
/// - one account from one source: the ordinary guesser, slowed hard;
/// - one source, any account: one password tried against every account;
/// - one account, any source: guessing spread over many addresses. Its cap is short, so that
///   someone failing on purpose can hold the owner back by a minute at most, never for hours.
///
/// Every attempt is counted before its password is checked, in one atomic statement per counter
/// that also refuses the attempt while the counter's delay runs: forty guesses sent at once are
/// forty counts, and those past the allowance are refused without a hash being computed.
/// A counter starts again after an hour with no failure; a right password clears the account's.
struct SignInThrottle {
    struct Limit {
        var free: Int
        var step: Int
        var cap: Int
    }

    static let pair = Limit(free: 5, step: 30, cap: 15 * 60)
    static let source = Limit(free: 50, step: 30, cap: 15 * 60)
    static let account = Limit(free: 20, step: 5, cap: 60)
    static let window = 60 * 60

    static let table = "sign_in_throttle"

    enum Decision: Equatable {
        case go
        /// Refused; the number of seconds until the next attempt is allowed.
        case wait(Int)
    }

    let email: String
    let source: String

    private var counters: [(key: String, limit: Limit)] {
        [("pair:\(email)|\(source)", Self.pair), ("source:\(source)", Self.source), ("account:\(email)", Self.account)]
    }

    /// Counts this attempt against every counter, in order, stopping at the first that refuses it.
    func attempt(now: Date, on db: any Database) async throws -> Decision {
        let sql = try db.sql
        let t = Int64(now.timeIntervalSince1970)
        for (key, limit) in counters {
            if let wait = try await count(key, limit, at: t, on: sql) { return .wait(wait) }
        }
        return .go
    }

    /// Whether the throttle has slowed this account in the last hour (its own counter, or its
    /// counter from some source, past the free allowance): then a sign-in link may be sent.
    static func hasSlowed(email: String, now: Date, on db: any Database) async throws -> Bool {
        let t = Int64(now.timeIntervalSince1970) - Int64(window)
        struct Row: Decodable { var n: Int }
        let row = try await db.sql.raw("""
            SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE last_at >= \(bind: t) AND (
              (key = \(bind: "account:\(email)") AND failures >= \(bind: account.free))
              OR (key >= \(bind: "pair:\(email)|") AND key < \(bind: "pair:\(email)}") AND failures >= \(bind: pair.free)))
            """).first(decoding: Row.self)
        return (row?.n ?? 0) > 0
    }

    /// The attempt succeeded: it was not a failure after all, for this account.
    func succeeded(on db: any Database) async throws {
        let sql = try db.sql
        try await sql.delete(from: Self.table).where("key", .in, ["pair:\(email)|\(source)", "account:\(email)"]).run()
        // The source's count keeps its failures (one right password must not reset a guesser's
        // count), but this attempt, counted before it was checked, was not one.
        try await sql.raw("UPDATE \(unsafeRaw: Self.table) SET failures = failures - 1 WHERE key = \(bind: "source:\(source)") AND failures > 0").run()
    }

    /// Adds one failure, unless the counter's delay is still running; returns the seconds left
    /// when it is. The delay set by the failure that crosses the allowance is written in the same
    /// statement, so concurrent attempts cannot all slip through before it.
    private func count(_ key: String, _ limit: Limit, at now: Int64, on sql: any SQLDatabase) async throws -> Int? {
        // After a quiet hour the count starts again at 1.
        let next = "(CASE WHEN \(Self.table).last_at < \(now - Int64(Self.window)) THEN 1 ELSE \(Self.table).failures + 1 END)"
        let delay = "(CASE WHEN \(limit.step) * (\(next) - \(limit.free) + 1) > \(limit.cap) THEN \(limit.cap) ELSE \(limit.step) * (\(next) - \(limit.free) + 1) END)"
        struct Row: Decodable { var failures: Int }
        let counted = try await sql.raw("""
            INSERT INTO \(unsafeRaw: Self.table) (key, failures, last_at, blocked_until) VALUES (\(bind: key), 1, \(bind: now), 0)
            ON CONFLICT (key) DO UPDATE SET
              failures = \(unsafeRaw: next),
              last_at = \(bind: now),
              blocked_until = CASE WHEN \(unsafeRaw: next) >= \(unsafeRaw: String(limit.free)) THEN \(bind: now) + \(unsafeRaw: delay) ELSE 0 END
            WHERE \(unsafeRaw: Self.table).blocked_until <= \(bind: now)
            RETURNING failures
            """).first(decoding: Row.self)
        if counted != nil { return nil }
        struct Blocked: Decodable { var blocked_until: Int64 }
        let row = try await sql.raw("SELECT blocked_until FROM \(unsafeRaw: Self.table) WHERE key = \(bind: key)").first(decoding: Blocked.self)
        return max(1, Int((row?.blocked_until ?? now) - now))
    }
}

struct CreateSignInThrottle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInThrottle.table)
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int64, .required)
            .field("last_at", .int64, .required)
            .field("blocked_until", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInThrottle.table).delete()
    }
}

extension Request {
    /// The address the request came from. `X-Forwarded-For` is believed only when the request
    /// comes from a proxy named in `PARTNERING_TRUSTED_PROXIES`, and then its last address that is
    /// not itself a trusted proxy is the client: anyone can send the header, only a proxy can
    /// be believed.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.settings.trustedProxies
        guard trusted.contains(peer) else { return peer }
        let forwarded = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return forwarded.last { !trusted.contains($0) } ?? peer
    }
}
