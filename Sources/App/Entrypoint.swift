import Fluent
import Logging
import Vapor

public enum Entrypoint {
    /// `partnering serve` (the default) migrates the database and, when it is empty, loads the
    /// demo before it starts listening. Other commands: `migrate`, `demo`, `users create`,
    /// `audit verify`, `routes`.
    public static func main() async {
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                try await app.configure(settings: .fromEnvironment())
                let command = env.arguments.dropFirst().first
                if command == nil || command == "serve" {
                    try await app.autoMigrate()
                    try await app.prepareDatabase()
                    try await Demo.loadIfEmpty(app, announce: true)
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
