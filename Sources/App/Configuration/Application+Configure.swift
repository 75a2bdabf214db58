import Fluent
import Vapor

extension Application {
    /// Everything the server needs before it can answer: database, migrations, middleware, routes.
    /// Tests call this too, with their own settings and clock.
    public func configure(settings: AppSettings, clock: any ServerClock = SystemClock()) async throws {
        self.settings = settings
        self.clock = clock
        try useDatabase(settings.database)
        for migration in Migrations.all { migrations.add(migration) }
        // bcrypt's cost doubles the work per step: 12 for people, 4 in tests where nobody is guessing.
        passwords.use(.bcrypt(cost: environment == .testing ? 4 : 12))
        routes.defaultMaxBodySize = "1mb"

        middleware = .init()
        middleware.use(SecurityHeadersMiddleware(hsts: settings.secureCookies))
        middleware.use(SiteErrorMiddleware())

        asyncCommands.use(AuditCommand(), as: "audit")
        asyncCommands.use(UsersCommand(), as: "users")
        asyncCommands.use(DemoCommand(), as: "demo")

        try registerRoutes()
    }

    private func registerRoutes() throws {
        get(SiteURL.health.pathComponents) { _ in "ok" }
        get(SiteURL.stylesheet.pathComponents, use: Stylesheet.serve)
        get(SiteURL.theme.pathComponents, use: Stylesheet.theme)
        get(SiteURL.openAPI.pathComponents, use: OpenAPIDocument.serve)

        let site = grouped(SessionAuthenticator(), CSRFMiddleware())
        try site.register(collection: SignInController())
        try site.register(collection: PublicController())
        try site.grouped(RoleGuard(.officer)).register(collection: ManageOrganisationController())
        try site.grouped(RoleGuard(.officer)).register(collection: ObjectivesController())
        try site.grouped(RoleGuard(.officer)).register(collection: APITokensController())
        try site.grouped(RoleGuard(.administrator)).register(collection: UsersController())
        try site.grouped(RoleGuard(.administrator)).register(collection: AuditController())
        try site.grouped(RoleGuard(.administrator)).register(collection: SettingsController())

        let api = grouped("api", "v1").grouped(BearerAuthenticator())
        try api.register(collection: OrganisationAPI())
    }
}
