import Fluent
import SQLKit
import Vapor

final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    @ID var id: UUID?
    /// Goes up by one with every change (see `Versioned`).
    @Field(key: "version") var version: Int
    /// Stored lower-cased, so sign-in and uniqueness ignore case.
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: Role
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// The responding organisation a supplier user answers for, and their part in it.
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @OptionalField(key: "organisation_role") var organisationRole: OrganisationRole?
    /// When the person proved the address is theirs. A supplier organisation's users must, before
    /// they sign in; council staff are made by an administrator, who vouches for the address.
    @OptionalField(key: "email_confirmed_at") var emailConfirmedAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] {
        [
            $id, $version, $email, $name, $role, $passwordHash, $isActive, $createdAt, $organisationID, $organisationRole, $emailConfirmedAt
        ]
    }
    /// Not stored: set when an administrator sets a new password, so that the change has its
    /// audit event (the hash itself is never recorded).
    var passwordChange: String?

    init() { version = 1 }

    init(id: UUID? = nil, email: String, name: String, role: Role, passwordHash: String, isActive: Bool = true) {
        self.id = id
        self.version = 1
        self.email = email.lowercased()
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.isActive = isActive
    }

    /// How the audit trail and pages name this person.
    var label: String { "\(name) <\(email)>" }

    /// Whether the person may sign in yet: a supplier organisation's user once they have
    /// confirmed their email address.
    var hasConfirmedEmail: Bool { organisationID == nil || emailConfirmedAt != nil }

    var isOrganisationAdministrator: Bool { organisationID != nil && organisationRole == .administrator }
}

/// A supplier user's part in their organisation: administrators submit and withdraw responses
/// and invite colleagues; contributors write answers.
enum OrganisationRole: String, Codable, Sendable, CaseIterable {
    case administrator, contributor

    var label: String { self == .administrator ? "Administrator" : "Contributor" }
}

extension User: Versioned {
    var auditFields: [String: String] {
        var fields = ["email": email, "name": name, "role": role.rawValue, "active": isActive ? "yes" : "no"]
        if let passwordChange { fields["password"] = passwordChange }
        if let organisationID {
            fields["organisation"] = organisationID.lowercasedString
            fields["organisation role"] = organisationRole?.rawValue ?? ""
            fields["email confirmed"] = emailConfirmedAt == nil ? "no" : "yes"
        }
        return fields
    }

    var currentInput: [String: InputValue] {
        ["name": .text(name), "email": .text(email), "role": .text(role.rawValue), "active": .text(isActive ? "yes" : "no")]
    }
}

struct AddUserVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("version", .int, .required, .sql(.default(1))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("version").update()
    }
}

/// A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
/// of the database cannot be used to sign in.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $tokenHash, $user, $csrfToken, $createdAt, $expiresAt] }

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// One failed sign-in, kept for the throttle window.
final class SignInFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "at") var at: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $email, $at] }

    init() {}
    init(email: String, at: Date) {
        self.email = email
        self.at = at
    }
}

/// A bearer token for the API. Shown once when made; only its SHA-256 is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $user, $name, $tokenHash, $createdAt, $revokedAt] }

    init() {}
    init(userID: UUID, name: String, tokenHash: String, createdAt: Date) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}

extension APIToken: Auditable {
    var auditFields: [String: String] {
        ["name": name, "revoked": revokedAt == nil ? "no" : "yes"]
    }
}

struct CreateIdentity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(SignInFailure.schema)
            .id()
            .field("email", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "sign_in_failures_email_at").on(SignInFailure.schema).column("email").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
        try await database.schema(SignInFailure.schema).delete()
        try await database.schema(UserSession.schema).delete()
        try await database.schema(User.schema).delete()
    }
}
