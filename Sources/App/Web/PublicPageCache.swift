import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Rendered public pages for visitors who are not signed in, so that the pages everyone reads
/// cost no database work. Every change of state writes an audit event, so the audit chain's head
/// is a version number for all the data:
/// - a change committed by this process empties the cache at once (`noteCommittedChange`);
/// - a change committed by another instance is seen within `recheck`, when the head is read again.
/// Signed-in people, and responses carrying a one-time message, are always rendered afresh.
final class PublicPageCache: Sendable {
    private static let committedChanges = NIOLockedValueBox(0)

    /// Called after every audited transaction commits.
    static func noteCommittedChange() { committedChanges.withLockedValue { $0 += 1 } }

    private struct Page: Sendable { var body: String; var contentType: String }
    private struct State: Sendable {
        var pages: [String: Page] = [:]
        var bytes = 0
        var localVersion = -1
        var chainHead = -1
        var checkedAt = Date.distantPast
    }

    private let state = NIOLockedValueBox(State())
    let recheck: TimeInterval
    /// The most the cache holds. Keys come from the matched route and its parameters, so their
    /// number is bounded by the published records; this bounds their size too.
    let maxBytes: Int

    init(recheck: TimeInterval = 1, maxBytes: Int = 16 << 20) {
        self.recheck = recheck
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
        guard req.user == nil, req.cookies[Flash.cookie] == nil else { return try await render() }
        let key = Self.key(req)
        let local = Self.committedChanges.withLockedValue { $0 }
        let now = Date()
        var (head, stale) = state.withLockedValue { s -> (Int, Bool) in
            if s.localVersion != local {
                s.pages.removeAll()
                s.bytes = 0
                s.localVersion = local
                s.checkedAt = .distantPast
            }
            return (s.chainHead, now.timeIntervalSince(s.checkedAt) >= recheck)
        }
        if stale {
            head = try await Self.chainHead(req.db)
            state.withLockedValue { s in
                if s.chainHead != head { s.pages.removeAll(); s.bytes = 0; s.chainHead = head }
                s.checkedAt = now
            }
        }
        if let page = state.withLockedValue({ $0.localVersion == local && $0.chainHead == head ? $0.pages[key] : nil }) {
            return Response(status: .ok, headers: ["Content-Type": page.contentType], body: .init(string: page.body))
        }
        let response = try await render()
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.string else { return response }
        let page = Page(body: body, contentType: response.headers.first(name: .contentType) ?? "text/html; charset=utf-8")
        // Kept only if nothing changed while it was being rendered.
        state.withLockedValue { s in
            guard s.localVersion == local && s.chainHead == head, s.pages[key] == nil,
                  s.bytes + page.body.utf8.count <= maxBytes else { return }
            s.pages[key] = page
            s.bytes += page.body.utf8.count
        }
        return response
    }

    private static func chainHead(_ db: any Database) async throws -> Int {
        struct Head: Decodable { var seq: Int }
        guard let sql = db as? any SQLDatabase else { return -1 }
        return try await sql.raw("SELECT seq FROM audit_head WHERE id = 1").first(decoding: Head.self)?.seq ?? -1
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
