import Fluent
import Logging
import NIOCore
import NIOPosix
import Vapor

public enum Entrypoint {
    /// `partnering serve` (the default) migrates the database and starts listening. It loads the
    /// demo into an empty database only on the default embedded file (no `DATABASE_URL`), or when
    /// asked with `--demo`: a council's own new database never gets demo accounts. Other commands:
    /// `migrate`, `demo`, `users create`, `tokens create`, `audit verify`, `routes`.
    public static func main() async {
        // Swift's tasks run on the event loops, not on a second pool of threads: a handler that
        // awaits the database resumes where the answer arrived instead of waking another thread.
        // Nothing in the server blocks a task's thread (password hashing has its own threads).
        // (Linux only: on macOS NIO requires the main thread, which an async `main` need not be on.)
        #if os(Linux)
        let tasksOnEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        #else
        let tasksOnEventLoops = false
        #endif
        do {
            var env = try Environment.detect()
            let askedForDemo = env.arguments.contains("--demo")
            env.arguments.removeAll { $0 == "--demo" }
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            app.logger.debug("Swift tasks run on the event loops: \(tasksOnEventLoops)")
            do {
                try await app.configure(settings: .fromEnvironment())
                let command = env.arguments.dropFirst().first
                if command == nil || command == "serve" {
                    // Several instances starting at once take turns: one migrates (and loads the
                    // demo), the others wait and then find nothing left to do.
                    try await app.whileHoldingStartupLock {
                        try await app.autoMigrate()
                        try await app.prepareDatabase()
                        if askedForDemo || Environment.get("DATABASE_URL") == nil {
                            try await Demo.loadIfEmpty(app, announce: true)
                        }
                    }
                    app.lifecycle.use(OutboxDeliveryLoop())
                    app.lifecycle.use(ScheduledWorkLoop())
                }
                try await app.execute()
                try await app.asyncShutdown()
            } catch {
                app.logger.report(error: error)
                try? await app.asyncShutdown()
                exit(1)
            }
        } catch {
            print("partnering: \(error)")
            exit(1)
        }
    }
}
