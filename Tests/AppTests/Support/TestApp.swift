@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// A clock the tests set by hand.
final class TestClock: ServerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_049_000_000)) { current = start }

    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    func set(_ date: Date) { lock.withLock { current = date } }
}

enum TestDatabase {
    static let demoPassword = "demo-password-for-tests"
    /// Every test database is a copy of one template, so they share one audit key.
    static let auditKey = String(repeating: "5a", count: 32)

    /// `DATABASE_URL=postgres://…` runs the suite on PostgreSQL; otherwise SQLite files.
    static let postgresAdminURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") else { return nil }
        return url
    }()

    static func settings(_ database: DatabaseChoice, publicURL: String = "http://127.0.0.1:8080", trustedProxies: Set<String> = []) -> AppSettings {
        AppSettings(database: database, publicURL: publicURL, demoPassword: demoPassword, trustedProxies: trustedProxies, auditKey: auditKey)
    }

    /// A database made once per test run: migrated, with the demo loaded but for its evaluation
    /// of 2003 (most tests start from a closed, sealed 2003 exercise).
    private static let template = Task<String, any Error> { try await make(evaluation: false) }
    /// The same with the whole demo, its evaluation of 2003 too.
    private static let fullTemplate = Task<String, any Error> { try await make(evaluation: true) }

    private static func make(evaluation: Bool) async throws -> String {
        let name = "partnering_template_\(evaluation ? "full_" : "")\(ProcessInfo.processInfo.processIdentifier)"
        let choice: DatabaseChoice
        if let admin = postgresAdminURL {
            try await postgres(admin, "DROP DATABASE IF EXISTS \(name)")
            try await postgres(admin, "CREATE DATABASE \(name)")
            choice = .postgres(url: url(admin, database: name))
        } else {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            try? FileManager.default.removeItem(atPath: path)
            choice = .sqlite(path: path)
        }
        let app = try await Application.make(.testing)
        do {
            // The demo's open exercise opens "now": the tests' clocks start at the real time too.
            try await app.configure(settings: settings(choice), clock: TestClock(Date()))
            try await app.autoMigrate()
            try await app.prepareDatabase()
            // The checkpoint folds the WAL into the file so that a copy of the file is complete.
            if case .sqlite = choice { try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
            try await Demo.loadIfEmpty(app, announce: false, evaluation: evaluation)
            if case .sqlite = choice { try await (app.db as! any SQLDatabase).raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        if case .sqlite(let path) = choice { return path }
        return name
    }

    /// A fresh copy of the template for one test, and how to throw it away.
    static func fresh(full: Bool = false) async throws -> (DatabaseChoice, @Sendable () async -> Void) {
        let template = try await (full ? fullTemplate : template).value
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        if let admin = postgresAdminURL {
            try await postgres(admin, "CREATE DATABASE \(name) TEMPLATE \(template)")
            return (.postgres(url: url(admin, database: name)), { try? await postgres(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
        try FileManager.default.copyItem(atPath: template, toPath: path)
        return (.sqlite(path: path), {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        })
    }

    static func url(_ admin: String, database: String) -> String {
        var parts = URLComponents(string: admin)!
        parts.path = "/" + database
        return parts.string!
    }

    /// Runs one statement on the server's maintenance database (CREATE/DROP DATABASE).
    static func postgres(_ admin: String, _ sql: String) async throws {
        let app = try await Application.make(.testing)
        do {
            try app.useDatabase(.postgres(url: admin))
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// Runs a test against a server on its own copy of the demo database.
func withDemoApp(
    publicURL: String = "http://127.0.0.1:8080",
    trustedProxies: Set<String> = [],
    smtp: Bool = false,
    fullDemo: Bool = false,
    _ test: (Application, TestClock) async throws -> Void
) async throws {
    let (choice, drop) = try await TestDatabase.fresh(full: fullDemo)
    let clock = TestClock(Date())
    let app = try await Application.make(.testing)
    do {
        var settings = TestDatabase.settings(choice, publicURL: publicURL, trustedProxies: trustedProxies)
        if smtp {
            settings.smtpURL = try #require(TestSMTP.url, "scripts/test starts an SMTP server and sets PARTNERING_TEST_SMTP_URL")
            settings.smtpCAFile = TestSMTP.caFile
            settings.mailFrom = "partnering@council.example"
        }
        try await app.configure(settings: settings, clock: clock)
        try await test(app, clock)
    } catch {
        try? await app.asyncShutdown()
        await drop()
        throw error
    }
    try await app.asyncShutdown()
    await drop()
}

/// Saves a fixture as the server saves any audited record: with its audit event, in one
/// transaction (a plain `save` of an audited record is refused).
func saveFixture<M: Model & Auditable>(_ model: M, on db: any Database) async throws where M.IDValue == UUID {
    try await AuditTrail.transaction(on: db) { tx in
        let existed = model._$idExists
        try await model.save(on: tx)
        try await AuditTrail.record(existed ? "test.fixture-change" : "test.fixture", model, before: nil, by: .system("tests"), at: Date(), on: tx)
    }
}

/// A confirmed user of a responding organisation: of `organisation`, or of a new fictitious one.
@discardableResult
func supplierFixture(_ app: Application, email: String, password: String, role: OrganisationRole,
                     organisation: SupplierOrganisation? = nil, at now: Date) async throws -> User {
    var owner = organisation
    if owner == nil {
        let o = SupplierOrganisation()
        o.name = "Rival Services Ltd (fictitious)"
        o.address = "3 Other Street"
        o.createdAt = now
        try await saveFixture(o, on: app.db)
        owner = o
    }
    let user = User(email: email, name: email.split(separator: "@")[0].capitalized, role: .supplierUser, passwordHash: try await app.password.async.hash(password))
    user.organisationID = owner!.id
    user.organisationRole = role
    user.emailConfirmedAt = now
    try await saveFixture(user, on: app.db)
    return user
}

/// The SMTP server `scripts/test` starts (tests/smtp/server.py): where it listens, the certificate
/// authority it was made with, and the folder it writes what it receives to.
enum TestSMTP {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["PARTNERING_TEST_SMTP_URL"]
    static let caFile = environment["PARTNERING_TEST_SMTP_CA"]
    static let spool = environment["PARTNERING_TEST_SMTP_SPOOL"]
    static var available: Bool { url != nil && spool != nil }

    struct Received: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var from: String
        var to: String
        var subject: String
        var messageId: String
        var text: String
        var html: String
        var tls: Bool
        var user: String?
    }

    /// Every message the server has received for `recipient`, oldest first.
    static func received(by recipient: String) throws -> [Received] {
        guard let spool else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".json") }.sorted()
        return try names.compactMap { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: spool).appendingPathComponent(name))
            let message = try JSONDecoder().decode(Received.self, from: data)
            return message.rcptTos.contains(recipient) ? message : nil
        }
    }
}
