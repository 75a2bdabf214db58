import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// bcrypt on threads of its own. Vapor would run it on the application's thread pool, which the
/// SQLite driver also uses, so a stream of sign-in attempts (each cost-12 hash is about 100 ms of
/// CPU) stalled every page. Here hashing has its own small pool, and at most `maxWaiting` hashes
/// may be queued or running at once; past that a sign-in is told to try again in a moment, and
/// nothing else on the server waits.
final class PasswordHashing: Sendable {
    let pool: NIOThreadPool
    let maxWaiting: Int
    /// A hash of a random password at the configured cost: an unknown address is checked against
    /// it, so that timing does not tell which addresses have accounts.
    let decoyHash: String
    private let waiting = NIOLockedValueBox(0)

    init(threads: Int, maxWaiting: Int, decoyHash: String) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.maxWaiting = maxWaiting
        self.decoyHash = decoyHash
    }

    struct Busy: AbortError {
        var status: HTTPResponseStatus { .serviceUnavailable }
        var reason: String { "The server is checking many passwords just now. Wait a few seconds and try again." }
        var headers: HTTPHeaders { ["Retry-After": "5"] }
    }

    private func admitted<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        let admitted = waiting.withLockedValue { n -> Bool in
            guard n < maxWaiting else { return false }
            n += 1
            return true
        }
        guard admitted else { throw Busy() }
        defer { waiting.withLockedValue { $0 -= 1 } }
        return try await work()
    }

    func hash(_ password: String, on app: Application) async throws -> String {
        try await admitted { try await app.password.sync.async(on: pool, hopTo: app.eventLoopGroup.next()).hash(password) }
    }

    func verify(_ password: String, created hash: String, on app: Application) async throws -> Bool {
        try await admitted { try await app.password.sync.async(on: pool, hopTo: app.eventLoopGroup.next()).verify(password, created: hash) }
    }
}

extension Application {
    private struct PasswordHashingKey: StorageKey { typealias Value = PasswordHashing }

    /// Set up in `configure`; its threads stop when the application shuts down.
    var passwordHashing: PasswordHashing {
        get { configured(PasswordHashingKey.self) }
        set { storage[PasswordHashingKey.self] = newValue }
    }

    func setUpPasswordHashing() {
        // One thread per two cores, at least one: hashing never takes the whole machine.
        let decoy = (try? password.sync.hash(Secrets.token()) as String) ?? ""
        let hashing = PasswordHashing(threads: max(1, System.coreCount / 2), maxWaiting: 32, decoyHash: decoy)
        passwordHashing = hashing
        lifecycle.use(PasswordHashingShutdown(hashing: hashing))
    }
}

private struct PasswordHashingShutdown: LifecycleHandler {
    let hashing: PasswordHashing
    func shutdownAsync(_ application: Application) async {
        try? await hashing.pool.shutdownGracefully()
    }
}

extension Request {
    /// Password hashing on its own threads; see `PasswordHashing`.
    var passwords: PasswordHashing { application.passwordHashing }
}
