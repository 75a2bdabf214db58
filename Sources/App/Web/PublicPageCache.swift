import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Rendered public pages for visitors who are not signed in, so that the pages everyone reads
/// cost one small query instead of a page's worth. Every change of state writes an audit event,
/// so the number of events is a version number for all the data: each request reads it (the
/// chain's head plus the events not yet chained, both from an index), and a page rendered at
/// another version is not served. A change committed by any instance is seen by the next visitor
/// of every instance. Signed-in people, and responses carrying a one-time message, are always
/// rendered afresh.
final class PublicPageCache: Sendable {
    private struct Page: Sendable { var body: String; var contentType: String }
    private struct State: Sendable {
        var pages: [String: Page] = [:]
        var bytes = 0
        var version = -1
    }

    private let state = NIOLockedValueBox(State())
    /// The most the cache holds. Keys come from the matched route and its parameters, so their
    /// number is bounded by the published records; this bounds their size too.
    let maxBytes: Int

    init(maxBytes: Int = 16 << 20) {
        self.maxBytes = maxBytes
    }

    /// The matched route and its parameters, not the raw path: `//services`, `/%73ervices` and
    /// `/services?x` are one page, and each costs one entry at most.
    static func key(_ req: Request) -> String {
        guard let route = req.route else { return req.url.path }
        var key = route.path.map(\.description).joined(separator: "/")
        for name in route.path.compactMap({ if case .parameter(let n) = $0 { n } else { nil } }) {
            key += "|" + (req.parameters.get(name) ?? "")
        }
        return key
    }

    var storedBytes: Int { state.withLockedValue { $0.bytes } }

    func respond(to req: Request, render: () async throws -> Response) async throws -> Response {
        guard req.application.settings.publicCache, req.user == nil, req.cookies[Flash.cookie] == nil else { return try await render() }
        let key = Self.key(req)
        let version = try await Self.version(req.db)
        let hit = state.withLockedValue { s -> Page? in
            if s.version != version {
                s.pages.removeAll()
                s.bytes = 0
                s.version = version
            }
            return s.pages[key]
        }
        if let hit {
            return Response(status: .ok, headers: ["Content-Type": hit.contentType], body: .init(string: hit.body))
        }
        let response = try await render()
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.string else { return response }
        let page = Page(body: body, contentType: response.headers.first(name: .contentType) ?? "text/html; charset=utf-8")
        // Kept only if nothing changed while it was being rendered.
        state.withLockedValue { s in
            guard s.version == version, s.pages[key] == nil, s.bytes + page.body.utf8.count <= maxBytes else { return }
            s.pages[key] = page
            s.bytes += page.body.utf8.count
        }
        return response
    }

    /// How many events the audit trail holds: chaining moves events from waiting to chained, so
    /// the sum changes only when a change is committed.
    static func version(_ db: any Database) async throws -> Int {
        struct Version: Decodable { var version: Int }
        guard let sql = db as? any SQLDatabase else { return -1 }
        return try await sql.raw("""
            SELECT (SELECT seq FROM audit_head WHERE id = 1) + (SELECT COUNT(*) FROM audit_log WHERE seq IS NULL) AS version
            """).first(decoding: Version.self)?.version ?? -1
    }
}

extension Application {
    private struct PublicPageCacheKey: StorageKey { typealias Value = PublicPageCache }

    var publicPages: PublicPageCache {
        if let cache = storage[PublicPageCacheKey.self] { return cache }
        let cache = PublicPageCache()
        storage[PublicPageCacheKey.self] = cache
        return cache
    }
}
