import Foundation
import Vapor

/// Where the data lives, chosen by `DATABASE_URL`.
public enum DatabaseChoice: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "data/partnering.sqlite"

    var isSQLite: Bool { if case .sqlite = self { true } else { false } }

    /// A `postgres://` (or `postgresql://`) URL chooses PostgreSQL; any other value is a SQLite file path;
    /// no value is the demo file.
    public static func from(databaseURL: String?) -> DatabaseChoice {
        guard let value = databaseURL?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return .sqlite(path: defaultSQLitePath)
        }
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            return .postgres(url: value)
        }
        if value.hasPrefix("sqlite://") { return .sqlite(path: String(value.dropFirst("sqlite://".count))) }
        return .sqlite(path: value)
    }

    /// For logs: never prints a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite file \(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "PostgreSQL" }
            if parts.password != nil { parts.password = "•••" }
            return "PostgreSQL \(parts.string ?? "")"
        }
    }
}

/// Settings read once from the environment at start-up.
public struct AppSettings: Sendable {
    public var database: DatabaseChoice
    /// The address people reach the server at; an https address turns on `Secure` cookies.
    public var publicURL: String
    /// When set, every demo user gets this password instead of a generated one (used by the browser tests).
    public var demoPassword: String?
    /// Addresses of the proxies in front of the server, whose `X-Forwarded-For` is believed
    /// (`PARTNERING_TRUSTED_PROXIES`, comma-separated). Empty: the header is ignored.
    public var trustedProxies: Set<String>
    /// The audit trail's key (`PARTNERING_AUDIT_KEY`); see `AuditKey`.
    public var auditKey: String?
    /// Whether visitors' public pages are cached (`PARTNERING_PUBLIC_CACHE=off` turns it off, to measure without it).
    public var publicCache: Bool = true
    /// A change to a published notice this many working days or fewer before its deadline needs an
    /// extension first (`PARTNERING_LATE_CHANGE_WORKING_DAYS`, default 5; 0 turns the rule off).
    public var lateChangeWorkingDays: Int = 5
    /// The largest file a respondent may attach, in bytes (`PARTNERING_ATTACHMENT_LIMIT_MB`, default 25).
    public var attachmentLimit: Int = 25 * 1024 * 1024
    /// The most a responding organisation's kept uploads may hold together, in bytes
    /// (`PARTNERING_ORGANISATION_FILE_QUOTA_MB`, default 1024): one organisation cannot fill the
    /// database with files.
    public var organisationFileQuota: Int = 1024 * 1024 * 1024
    /// Responses are opened by two different officers, each confirming, as contract standing
    /// orders usually require (`PARTNERING_TWO_OFFICER_OPENING=off` lets one officer open them).
    public var twoOfficerOpening: Bool = true
    /// Where email goes (`PARTNERING_SMTP_URL`, `smtp://user:pass@host:587` with STARTTLS, or
    /// `smtps://…:465`). Unset: emails wait in the outbox, which the administrator reads in the app.
    public var smtpURL: String?
    /// A PEM file of certificate authorities to trust for SMTP besides the system's (`PARTNERING_SMTP_CA_FILE`).
    public var smtpCAFile: String?
    /// The address emails come from (`PARTNERING_MAIL_FROM`).
    public var mailFrom: String = "partnering@localhost"
    /// The buyer's identifier in the OCDS export: scheme `GB-LAE` (a local authority code, such as
    /// SLF for Salford) or `GB-PPON` (`PARTNERING_BUYER_SCHEME`, `PARTNERING_BUYER_ID`).
    public var buyerScheme: String = "GB-LAE"
    public var buyerID: String = "SLF"
    /// The OCDS ocid prefix registered for the publisher (`PARTNERING_OCID_PREFIX`). The default is
    /// not a registered one: a council publishing its data registers its own.
    public var ocidPrefix: String = "ocds-ptnrng-"
    /// The Python that runs WeasyPrint to make reports' PDFs (`PARTNERING_PYTHON`, default
    /// `/usr/bin/python3`, which Debian's `weasyprint` package installs it for).
    public var python: String = "/usr/bin/python3"

    public init(database: DatabaseChoice, publicURL: String = "http://127.0.0.1:8080", demoPassword: String? = nil,
                trustedProxies: Set<String> = [], auditKey: String? = nil) {
        self.database = database
        self.publicURL = publicURL
        self.demoPassword = demoPassword
        self.trustedProxies = trustedProxies
        self.auditKey = auditKey
    }

    public static func fromEnvironment() -> AppSettings {
        var settings = AppSettings(
            database: .from(databaseURL: Environment.get("DATABASE_URL")),
            publicURL: Environment.get("PARTNERING_PUBLIC_URL") ?? "http://127.0.0.1:8080",
            demoPassword: Environment.get("PARTNERING_DEMO_PASSWORD"),
            trustedProxies: Set((Environment.get("PARTNERING_TRUSTED_PROXIES") ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
            auditKey: Environment.get("PARTNERING_AUDIT_KEY")
        )
        settings.publicCache = Environment.get("PARTNERING_PUBLIC_CACHE")?.lowercased() != "off"
        if let scheme = Environment.get("PARTNERING_BUYER_SCHEME"), ["GB-LAE", "GB-PPON"].contains(scheme) { settings.buyerScheme = scheme }
        if let id = Environment.get("PARTNERING_BUYER_ID"), !id.isEmpty { settings.buyerID = id }
        if let prefix = Environment.get("PARTNERING_OCID_PREFIX"), prefix.hasPrefix("ocds-") { settings.ocidPrefix = prefix }
        if let python = Environment.get("PARTNERING_PYTHON"), !python.isEmpty { settings.python = python }
        settings.twoOfficerOpening = Environment.get("PARTNERING_TWO_OFFICER_OPENING")?.lowercased() != "off"
        settings.smtpURL = Environment.get("PARTNERING_SMTP_URL").flatMap { $0.isEmpty ? nil : $0 }
        settings.smtpCAFile = Environment.get("PARTNERING_SMTP_CA_FILE").flatMap { $0.isEmpty ? nil : $0 }
        if let from = Environment.get("PARTNERING_MAIL_FROM"), !from.isEmpty { settings.mailFrom = from }
        if let mb = Environment.get("PARTNERING_ATTACHMENT_LIMIT_MB").flatMap({ Int($0) }), (1...1024).contains(mb) {
            settings.attachmentLimit = mb * 1024 * 1024
        }
        if let mb = Environment.get("PARTNERING_ORGANISATION_FILE_QUOTA_MB").flatMap({ Int($0) }), (1...1_048_576).contains(mb) {
            settings.organisationFileQuota = mb * 1024 * 1024
        }
        if let days = Environment.get("PARTNERING_LATE_CHANGE_WORKING_DAYS").flatMap({ Int($0) }), (0...60).contains(days) {
            settings.lateChangeWorkingDays = days
        }
        return settings
    }

    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = AppSettings }

    public var settings: AppSettings {
        get { storage[SettingsKey.self] ?? AppSettings(database: .sqlite(path: DatabaseChoice.defaultSQLitePath)) }
        set { storage[SettingsKey.self] = newValue }
    }
}
