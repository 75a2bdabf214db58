import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Rendered public pages for visitors who are not signed in, so that the pages everyone reads
/// cost one small query instead of a page's worth. Each page names the tables it reads; every
/// audited change to one of the tables public pages read moves that table's number on in
/// `public_versions`, in the change's own transaction. Each request reads those few numbers, and
/// a page is served from the cache only if the numbers of the tables it read are as they were
/// when it was rendered: a change committed by any instance is seen by the next visitor of every
/// instance, and a change elsewhere (a pledge, a user, a token) leaves the other pages cached.
/// Signed-in people, and responses carrying a one-time message, are always rendered afresh.
final class PublicPageCache: Sendable {
    private struct Page: Sendable { var body: String; var contentType: String; var versions: [Int] }
    private struct State: Sendable {
        var pages: [String: Page] = [:]
        var bytes = 0
    }

    /// The tables public pages read. An audited change to one of these also moves its number in
    /// `public_versions` (see `AuditTrail.record`); changes to others cost nothing more.
    static let tables: [String] = [Council.schema, Directorate.schema, Division.schema, Service.schema, Pledge.schema, Objective.schema]
    static let watched = Set(tables)

    private let state = NIOLockedValueBox(State())
    /// Every request checks these numbers; those arriving together share one read of them.
    private let versionsRead = SharedRead(PublicPageCache.versions)
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

    /// Serves the page from the cache if none of `tables` changed since it was rendered.
    func respond(to req: Request, reads tables: [String], render: () async throws -> Response) async throws -> Response {
        guard req.application.settings.publicCache, req.user == nil, req.cookies[Flash.cookie] == nil else { return try await render() }
        let key = Self.key(req)
        let all = try await versionsRead.value(on: req.sql)
        let versions = tables.map { all[$0] ?? -1 }
        let hit = state.withLockedValue { s -> Page? in
            guard let page = s.pages[key] else { return nil }
            if page.versions == versions { return page }
            s.pages[key] = nil
            s.bytes -= page.body.utf8.count
            return nil
        }
        if let hit {
            return Response(status: .ok, headers: ["Content-Type": hit.contentType], body: .init(string: hit.body))
        }
        let response = try await render()
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.string else { return response }
        // Stored with the numbers read before rendering: a change committed meanwhile makes the
        // next request render it again.
        let page = Page(body: body, contentType: response.headers.first(name: .contentType) ?? "text/html; charset=utf-8", versions: versions)
        state.withLockedValue { s in
            let replaced = s.pages[key]?.body.utf8.count ?? 0
            guard s.bytes - replaced + page.body.utf8.count <= maxBytes else { return }
            s.pages[key] = page
            s.bytes += page.body.utf8.count - replaced
        }
        return response
    }

    /// Every watched table's number of changes, in one query of a few rows.
    static func versions(_ sql: any SQLDatabase) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await sql.raw("SELECT subject_type, version FROM public_versions").all() {
            out[try row.decode(column: "subject_type", as: String.self)] = try row.decode(column: "version", as: Int.self)
        }
        return out
    }

    /// Inside an audited change's transaction: the table's number moves on (its row is made if a
    /// table was added to the list after the migration).
    static func changed(_ table: String, on db: any Database) async throws {
        guard watched.contains(table) else { return }
        try await db.sql.raw("""
            INSERT INTO public_versions (subject_type, version) VALUES (\(bind: table), 1)
            ON CONFLICT (subject_type) DO UPDATE SET version = public_versions.version + 1
            """).run()
    }
}

/// The numbers of changes of the tables public pages read (`PublicPageCache`).
struct CreatePublicVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("public_versions")
            .field("subject_type", .string, .identifier(auto: false))
            .field("version", .int64, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for table in PublicPageCache.tables {
            try await sql.insert(into: "public_versions").columns("subject_type", "version").values(SQLBind(table), SQLLiteral.numeric("0")).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("public_versions").delete()
    }
}

extension Application {
    private struct PublicPageCacheKey: StorageKey { typealias Value = PublicPageCache }

    /// Set up in `configure`, before the server answers, so never made twice.
    var publicPages: PublicPageCache {
        get { configured(PublicPageCacheKey.self) }
        set { storage[PublicPageCacheKey.self] = newValue }
    }
}
