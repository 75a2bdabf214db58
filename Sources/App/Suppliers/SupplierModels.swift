import Fluent
import Foundation
import SQLKit

/// An organisation that responds to the council's exercises: a company, a charity, a mutual.
/// Its users answer for it together; its administrators submit and invite colleagues.
final class SupplierOrganisation: Model, @unchecked Sendable {
    static let schema = "supplier_organisations"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "name") var name: String
    /// Companies House number, upper-case (optional: not every organisation is a company).
    @OptionalField(key: "companies_number") var companiesNumber: String?
    /// Public Procurement Organisation Number, from the Central Digital Platform (optional).
    @OptionalField(key: "ppon") var ppon: String?
    @Field(key: "is_sme") var isSME: Bool
    @Field(key: "is_vcse") var isVCSE: Bool
    @Field(key: "address") var address: String
    @Field(key: "created_at") var createdAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $name, $companiesNumber, $ppon, $isSME, $isVCSE, $address, $createdAt] }

    init() {
        version = 1
        name = ""
        isSME = false
        isVCSE = false
        address = ""
    }
}

extension SupplierOrganisation: Versioned {
    var auditFields: [String: String] {
        ["name": name, "companies number": companiesNumber ?? "", "PPON": ppon ?? "", "SME": isSME ? "yes" : "no",
         "VCSE": isVCSE ? "yes" : "no", "address": address]
    }

    var currentInput: [String: InputValue] {
        ["organisationName": .text(name), "companiesNumber": .text(companiesNumber ?? ""), "ppon": .text(ppon ?? ""),
         "sme": .text(isSME ? "yes" : ""), "vcse": .text(isVCSE ? "yes" : ""), "address": .text(address)]
    }
}

/// A link sent by email that works once and not for long: confirm an address, accept an
/// invitation, reset a password, sign in. Only the token's SHA-256 is stored.
final class OneTimeToken: Model, @unchecked Sendable {
    static let schema = "one_time_tokens"

    enum Purpose: String, Codable, Sendable {
        case confirmEmail = "confirm-email"
        case invitation
        case resetPassword = "reset-password"
        /// A link that signs in once: for someone the sign-in throttle has slowed.
        case signIn = "sign-in"

        var lifetime: TimeInterval {
            switch self {
            case .signIn: 15 * 60
            case .confirmEmail: 48 * 3600
            case .invitation: 7 * 24 * 3600
            case .resetPassword: 3600
            }
        }
    }

    @ID var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "purpose") var purpose: Purpose
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $user, $purpose, $tokenHash, $createdAt, $expiresAt, $usedAt] }

    init() {}

    /// Makes a token for `user` and returns it with the secret to put in the link.
    static func issue(_ purpose: Purpose, for userID: UUID, at now: Date, on tx: any Database) async throws -> String {
        let secret = Secrets.token()
        let token = OneTimeToken()
        token.$user.id = userID
        token.purpose = purpose
        token.tokenHash = Secrets.sha256(secret)
        token.createdAt = now
        token.expiresAt = now.addingTimeInterval(purpose.lifetime)
        try await token.create(on: tx)
        return secret
    }

    /// Uses the token, once: true only for the one request whose update found it unused (two at
    /// once cannot both pass). Every other unused link of the same purpose for the person ends too.
    func use(at now: Date, on tx: any Database) async throws -> Bool {
        let sql = try tx.sql
        let won = try await sql.raw("UPDATE one_time_tokens SET used_at = \(bind: now) WHERE id = \(bind: id!) AND used_at IS NULL RETURNING id").all()
        guard !won.isEmpty else { return false }
        try await sql.raw("""
            UPDATE one_time_tokens SET used_at = \(bind: now) WHERE user_id = \(bind: $user.id) AND purpose = \(bind: purpose.rawValue) AND used_at IS NULL
            """).run()
        return true
    }

    /// The unused, unexpired token of this purpose for the secret, if any.
    static func find(_ secret: String, _ purpose: Purpose, at now: Date, on db: any Database) async throws -> OneTimeToken? {
        guard secret.count <= 100 else { return nil }
        return try await OneTimeToken.query(on: db).filter(\.$tokenHash == Secrets.sha256(secret)).filter(\.$purpose == purpose)
            .filter(\.$usedAt == nil).filter(\.$expiresAt > now).first()
    }
}

struct CreateSuppliers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SupplierOrganisation.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("name", .string, .required)
            .field("companies_number", .string)
            .field("ppon", .string)
            .field("is_sme", .bool, .required)
            .field("is_vcse", .bool, .required)
            .field("address", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // One column at a time: SQLite adds one per ALTER TABLE.
        try await database.schema(User.schema).field("organisation_id", .uuid, .references(SupplierOrganisation.schema, "id")).update()
        try await database.schema(User.schema).field("organisation_role", .string).update()
        try await database.schema(User.schema).field("email_confirmed_at", .datetime).update()
        try await database.schema(OneTimeToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.sql.raw("CREATE INDEX users_organisation ON users (organisation_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OneTimeToken.schema).delete()
        for field in ["email_confirmed_at", "organisation_role", "organisation_id"] {
            try await database.schema(User.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
        try await database.schema(SupplierOrganisation.schema).delete()
    }
}
