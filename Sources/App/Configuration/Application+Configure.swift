import Fluent
import Vapor

extension Application {
    /// Everything the server needs before it can answer: database, migrations, middleware, routes.
    /// Tests call this too, with their own settings and clock.
    public func configure(settings: AppSettings, clock: any ServerClock = SystemClock()) async throws {
        self.settings = settings
        self.clock = clock
        try useDatabase(settings.database)
        if case .sqlite(let path) = settings.database, !SQLiteReads.isInMemory(path) {
            let reads = try await SQLiteReads.open(path: path, count: 8, on: eventLoopGroup, logger: logger)
            sqliteReads = reads
            lifecycle.use(SQLiteReadsShutdown(reads: reads))
        }
        let auditKey = try AuditKey.load(settings)
        self.auditKey = auditKey
        let databases = self.databases, logger = self.logger, group = self.eventLoopGroup
        if case .sqlite(let path) = settings.database, !SQLiteReads.isInMemory(path) {
            let writer = SQLiteWriterConnection(path: path)
            sqliteWriter = writer
            // Registered before the chainer's: handlers stop in reverse, and the chainer's last pass writes through it.
            lifecycle.use(SQLiteWriterShutdown(writer: writer))
            auditWriter = AuditWriter(grouped: true, executor: writer.executor) { writer.database(logger: logger) }
        } else {
            auditWriter = AuditWriter(grouped: settings.database.isSQLite) { databases.database(logger: logger, on: group.any())! }
        }
        let chainer = AuditChainer(key: auditKey)
        AuditChainer.install(chainer)
        lifecycle.use(ChainerShutdown(chainer: chainer))
        for migration in Migrations.all(auditKey: auditKey) { migrations.add(migration) }
        // bcrypt's cost doubles the work per step: 12 for people, 4 in tests where nobody is guessing.
        passwords.use(.bcrypt(cost: environment == .testing ? 4 : 12))
        setUpPasswordHashing()
        routes.defaultMaxBodySize = "1mb"
        councilTheme = SharedRead(CouncilTheme.read)
        startPDFThreads()
        publicPages = PublicPageCache()
        principals = Principals()
        if let url = settings.smtpURL {
            guard let smtp = SMTPSettings(url: url, caFile: settings.smtpCAFile) else {
                throw Abort(.internalServerError, reason: "PARTNERING_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
            }
            outboxDelivery = OutboxDelivery(app: self, client: SMTPClient(settings: smtp, group: eventLoopGroup), from: settings.mailFrom, fromName: "Partnering")
            logger.notice("Email: \(smtp)")
        }

        middleware = .init()
        middleware.use(SecurityHeadersMiddleware(hsts: settings.secureCookies))
        middleware.use(SiteErrorMiddleware())

        asyncCommands.use(AuditCommand(), as: "audit")
        asyncCommands.use(UsersCommand(), as: "users")
        asyncCommands.use(DemoCommand(), as: "demo")
        asyncCommands.use(TokensCommand(), as: "tokens")
        asyncCommands.use(RushSetupCommand(), as: "rush-setup")
        asyncCommands.use(EvaluationSetupCommand(), as: "evaluation-setup")

        try registerRoutes()
    }

    /// What `configure` sets up once, before the server answers (reading it earlier is a mistake in
    /// the code, not a condition to handle).
    func configured<Key: StorageKey>(_ key: Key.Type) -> Key.Value {
        guard let value = storage[key] else { fatalError("configure() sets up \(Key.Value.self)") }
        return value
    }

    /// Every capability of the server, each from its own folder.
    static let features: [any Feature] = [
        SiteFeature(),
        IdentityFeature(),
        AuditFeature(),
        OrganisationFeature(),
        CalendarFeature(),
        EngagementFeature(),
        EmailFeature(),
        SuppliersFeature(),
        EvaluationFeature(),
        ReportsFeature(),
        AssessmentFeature(),
    ]

    private func registerRoutes() throws {
        register(Self.features)
        openAPIText = OpenAPIDocument.encoded(OpenAPIDocument.build(Self.features))
    }
}

/// The writer's connection, loop and thread close with the application.
private struct SQLiteWriterShutdown: LifecycleHandler {
    let writer: SQLiteWriterConnection
    func shutdownAsync(_ application: Application) async { await writer.close() }
}

/// The read connections and their threads close with the application.
private struct SQLiteReadsShutdown: LifecycleHandler {
    let reads: SQLiteReads
    func shutdownAsync(_ application: Application) async { await reads.close() }
}

/// The last events are chained before the database closes.
private struct ChainerShutdown: LifecycleHandler {
    let chainer: AuditChainer
    func shutdownAsync(_ application: Application) async { await chainer.finish() }
}
