import Vapor

/// Users, roles, sign-in and API tokens.
struct IdentityFeature: Feature {
    var endpoints: [Endpoint] {
        SignInController().endpoints + UsersController().endpoints + APITokensController().endpoints
    }
}

extension SiteURL {
    static let signIn = SiteURL("sign-in")
    static let signOut = SiteURL("sign-out")
    static let apiTokens = SiteURL("manage", "api-tokens")
    static func revokeAPIToken(_ p: Parameter<UUID>) -> SiteURL { SiteURL("manage", "api-tokens", .id(p), "revoke") }
    static let users = SiteURL("admin", "users")
    static let newUser = SiteURL("admin", "users", "new")
    static func user(_ p: Parameter<UUID>) -> SiteURL { SiteURL("admin", "users", .id(p)) }
}
