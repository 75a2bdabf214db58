import Fluent
import SQLKit
import Vapor

/// Scheduled work that runs once however many instances run it: each job claims its exercise
/// with an update that only one transaction can win.
enum Reminders {
    static let before: TimeInterval = 48 * 3600

    /// For every open exercise whose deadline is less than 48 hours away and whose reminder has
    /// not gone: emails each organisation whose response is still a draft. Returns how many
    /// exercises were reminded.
    @discardableResult
    static func sendDue(_ app: Application) async throws -> Int {
        let now = app.clock.now(), base = app.settings.publicURL
        let due = try await Exercise.query(on: app.db).filter(\.$status == .published).filter(\.$draftReminderSentAt == nil)
            .filter(\.$responseDeadline > now).filter(\.$responseDeadline <= now.addingTimeInterval(before)).all()
        var sent = 0
        for e in due {
            let won = try await app.auditWriter.transaction { tx -> Bool in
                let claimed = try await tx.sql.raw("""
                    UPDATE exercises SET draft_reminder_sent_at = \(bind: now) WHERE id = \(bind: e.id!) AND draft_reminder_sent_at IS NULL RETURNING id
                    """).all()
                guard !claimed.isEmpty else { return false }
                for person in try await Respondents.people(e.id!, statuses: [.draft], on: tx) {
                    try await Outbox.enqueue(Email(kind: "draft-reminder", to: person.email, subject: "48 hours left: your response to \(e.reference) is still a draft", paragraphs: [
                        "Your organisation’s response to “\(e.title)” (\(e.reference)) has not been submitted. The deadline is \(e.responseDeadline.map(LondonTime.dateTime) ?? "").",
                        "A draft is not a response: an administrator of your organisation submits it from the check-your-answers page.",
                    ], link: base + SiteURL.response(.value(e.reference)).path), at: now, on: tx)
                }
                return true
            }
            if won { sent += 1 }
        }
        return sent
    }
}

/// `partnering serve` looks for scheduled work every minute while it runs, and sweeps the file
/// store every hour.
final class ScheduledWorkLoop: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?

    func didBootAsync(_ application: Application) async throws {
        task = Task {
            var minute = 0
            while !Task.isCancelled {
                do { try await Reminders.sendDue(application) } catch { application.logger.error("Scheduled work failed: \(error)") }
                if minute % 60 == 0 {
                    do { try await FileSweep.run(application) } catch { application.logger.error("Sweeping the file store failed: \(error)") }
                }
                minute += 1
                try? await Task.sleep(for: .seconds(60))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}

struct AddDraftReminders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Exercise.schema).field("draft_reminder_sent_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Exercise.schema).deleteField("draft_reminder_sent_at").update()
    }
}
