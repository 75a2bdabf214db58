@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting
import NIOConcurrencyHelpers

/// Who may do what, walked from the outside for every route, as nobody and as each role.
/// A route the server registers but this table does not name fails the test, so a new route
/// cannot ship without a decision about who may use it.
@Suite("Authorisation")
struct AuthorisationTests {
    enum Who: Hashable, CustomStringConvertible {
        case anyone
        case only(Set<Role>)

        var description: String {
            switch self {
            case .anyone: "anyone"
            case .only(let roles): roles.map(\.rawValue).sorted().joined(separator: ",")
            }
        }
    }

    static let officer = Who.only([.officer])
    static let admin = Who.only([.administrator])
    static let supplier = Who.only([.supplierUser])

    /// method, path pattern, who may.
    static let table: [(HTTPMethod, String, Who)] = [
        (.GET, "/", .anyone),
        (.GET, "/services", .anyone),
        (.GET, "/services/:slug", .anyone),
        (.GET, "/sign-in", .anyone),
        (.POST, "/sign-in", .anyone),
        (.POST, "/sign-out", .anyone),
        (.GET, "/healthz", .anyone),
        (.GET, "/assets/site.css", .anyone),
        (.GET, "/assets/theme.css", .anyone),
        (.GET, "/api/openapi.json", .anyone),

        (.GET, "/manage", officer),
        (.GET, "/manage/directorates", officer),
        (.GET, "/manage/directorates/new", officer),
        (.POST, "/manage/directorates/new", officer),
        (.GET, "/manage/directorates/:id", officer),
        (.POST, "/manage/directorates/:id", officer),
        (.GET, "/manage/divisions/new", officer),
        (.POST, "/manage/divisions/new", officer),
        (.GET, "/manage/divisions/:id", officer),
        (.POST, "/manage/divisions/:id", officer),
        (.GET, "/manage/services", officer),
        (.GET, "/manage/services/new", officer),
        (.POST, "/manage/services/new", officer),
        (.GET, "/manage/services/:id", officer),
        (.POST, "/manage/services/:id", officer),
        (.GET, "/manage/services/:id/profile", officer),
        (.POST, "/manage/services/:id/profile", officer),
        (.POST, "/manage/services/:id/publish", officer),
        (.POST, "/manage/services/:id/unpublish", officer),
        (.GET, "/manage/pledges", officer),
        (.GET, "/manage/pledges/new", officer),
        (.POST, "/manage/pledges/new", officer),
        (.GET, "/manage/pledges/:id", officer),
        (.POST, "/manage/pledges/:id", officer),
        (.GET, "/manage/objectives", officer),
        (.GET, "/manage/objectives/:id", officer),
        (.POST, "/manage/objectives/:id", officer),
        (.GET, "/manage/weights", officer),
        (.POST, "/manage/weights", officer),
        (.GET, "/manage/api-tokens", officer),
        (.POST, "/manage/api-tokens", officer),
        (.POST, "/manage/api-tokens/:id/revoke", officer),

        (.GET, "/admin/users", admin),
        (.GET, "/admin/users/new", admin),
        (.POST, "/admin/users/new", admin),
        (.GET, "/admin/users/:id", admin),
        (.POST, "/admin/users/:id", admin),
        (.GET, "/admin/audit", admin),
        (.GET, "/admin/settings", admin),
        (.POST, "/admin/settings", admin),
        (.GET, "/admin/bank-holidays", admin),
        (.GET, "/admin/bank-holidays/:year", admin),
        (.GET, "/admin/bank-holidays/new", admin),
        (.POST, "/admin/bank-holidays/new", admin),
        (.POST, "/admin/bank-holidays/remove/:id", admin),
        (.GET, "/admin/outbox", admin),
        (.GET, "/admin/outbox/:id", admin),
        (.GET, "/register", .anyone),
        (.POST, "/register", .anyone),
        (.GET, "/confirm-email/:token", .anyone),
        (.POST, "/confirm-email/:token", .anyone),
        (.GET, "/confirm-email", .anyone),
        (.POST, "/confirm-email", .anyone),
        (.GET, "/password-reset", .anyone),
        (.POST, "/password-reset", .anyone),
        (.GET, "/password-reset/:token", .anyone),
        (.POST, "/password-reset/:token", .anyone),
        (.GET, "/invitations/:token", .anyone),
        (.POST, "/invitations/:token", .anyone),
        (.GET, "/organisation", supplier),
        (.GET, "/organisation/details", supplier),
        (.POST, "/organisation/details", supplier),
        (.GET, "/organisation/invite", supplier),
        (.POST, "/organisation/invite", supplier),
        (.GET, "/manage/exercises/:id/questionnaire", officer),
        (.GET, "/manage/exercises/:id/questionnaire/sections/new", officer),
        (.POST, "/manage/exercises/:id/questionnaire/sections/new", officer),
        (.GET, "/manage/exercises/:id/questionnaire/sections/:section", officer),
        (.POST, "/manage/exercises/:id/questionnaire/sections/:section", officer),
        (.POST, "/manage/exercises/:id/questionnaire/sections/:section/remove", officer),
        (.GET, "/manage/exercises/:id/questionnaire/questions/new", officer),
        (.POST, "/manage/exercises/:id/questionnaire/questions/new", officer),
        (.GET, "/manage/exercises/:id/questionnaire/questions/:question", officer),
        (.POST, "/manage/exercises/:id/questionnaire/questions/:question", officer),
        (.POST, "/manage/exercises/:id/questionnaire/questions/:question/remove", officer),
        (.POST, "/manage/exercises/:id/questionnaire/copy", officer),
        (.POST, "/manage/exercises/:id/questionnaire/publish", officer),
        (.GET, "/manage/exercises/:id/responses", officer),
        (.POST, "/manage/exercises/:id/responses/open", officer),
        (.GET, "/manage/exercises/:id/responses/:response", officer),
        (.GET, "/manage/exercises/:id/responses/export", officer),
        (.GET, "/manage/exercises/:id/responses/files", officer),
        (.GET, "/manage/exercises/:id/responses/files/:sha256", officer),
        (.GET, "/notices/:reference/response/files/:sha256", supplier),
        (.GET, "/sign-in/link", .anyone),
        (.POST, "/sign-in/link", .anyone),
        (.GET, "/sign-in/link/:token", .anyone),
        (.POST, "/sign-in/link/:token", .anyone),
        (.GET, "/notices/:reference/response", supplier),
        (.GET, "/notices/:reference/response/sections/:section", supplier),
        (.POST, "/notices/:reference/response/sections/:section", supplier),
        (.GET, "/notices/:reference/response/check", supplier),
        (.POST, "/notices/:reference/response/submit", supplier),
        (.POST, "/notices/:reference/response/withdraw", supplier),
        (.GET, "/notices/:reference/response/receipts/:number", supplier),
        (.GET, "/notices/:reference/response/receipts/:number/copy", supplier),
        (.GET, "/notices/:reference/questions", supplier),
        (.POST, "/notices/:reference/questions", supplier),
        (.GET, "/manage/exercises/:id/questions", officer),
        (.GET, "/manage/exercises/:id/questions/:question", officer),
        (.POST, "/manage/exercises/:id/questions/:question", officer),
        (.GET, "/notices", .anyone),
        (.GET, "/notices/:reference", .anyone),
        (.GET, "/manage/exercises", officer),
        (.GET, "/manage/exercises/new", officer),
        (.POST, "/manage/exercises/new", officer),
        (.GET, "/manage/exercises/:id", officer),
        (.GET, "/manage/exercises/:id/details", officer),
        (.POST, "/manage/exercises/:id/details", officer),
        (.GET, "/manage/exercises/:id/scope", officer),
        (.POST, "/manage/exercises/:id/scope", officer),
        (.GET, "/manage/exercises/:id/benefits", officer),
        (.POST, "/manage/exercises/:id/benefits", officer),
        (.POST, "/manage/exercises/:id/publish", officer),
        (.GET, "/manage/exercises/:id/extend", officer),
        (.POST, "/manage/exercises/:id/extend", officer),
        (.GET, "/manage/exercises/:id/cancel", officer),
        (.POST, "/manage/exercises/:id/cancel", officer),

        (.GET, "/api/v1/directorates", .anyone),
        (.POST, "/api/v1/directorates", officer),
        (.GET, "/api/v1/directorates/:id", .anyone),
        (.PATCH, "/api/v1/directorates/:id", officer),
        (.GET, "/api/v1/divisions", .anyone),
        (.POST, "/api/v1/divisions", officer),
        (.GET, "/api/v1/divisions/:id", .anyone),
        (.PATCH, "/api/v1/divisions/:id", officer),
        (.GET, "/api/v1/services", .anyone),
        (.POST, "/api/v1/services", officer),
        (.GET, "/api/v1/services/:id", .anyone),
        (.PATCH, "/api/v1/services/:id", officer),
        (.GET, "/api/v1/pledges", .anyone),
        (.POST, "/api/v1/pledges", officer),
        (.GET, "/api/v1/pledges/:id", .anyone),
        (.PATCH, "/api/v1/pledges/:id", officer),
        (.GET, "/api/v1/objectives", .anyone),
        (.GET, "/api/v1/objectives/:id", .anyone),
        (.PATCH, "/api/v1/objectives/:id", officer),
        (.GET, "/api/v1/objectives/:id/weight-history", .anyone),
        (.GET, "/api/v1/exercises", .anyone),
        (.GET, "/api/v1/exercises/:id", .anyone),
        (.GET, "/api/v1/exercises/:id/ocds", .anyone),
        (.GET, "/api/v1/exercises/:id/questionnaire", .anyone),
        (.GET, "/api/v1/exercises/:id/clarifications", .anyone),
        (.GET, "/api/v1/exercises/:id/responses", officer),
        (.GET, "/api/v1/exercises/:id/response", supplier),
        (.PUT, "/api/v1/exercises/:id/response/sections/:section", supplier),
        (.POST, "/api/v1/exercises/:id/response/files", supplier),
        (.POST, "/api/v1/exercises/:id/response/submissions", supplier),
        (.GET, "/api/v1/exercises/:id/response/submissions/:number", supplier),

        (.GET, "/manage/exercises/:id/panel", officer),
        (.POST, "/manage/exercises/:id/panel", officer),
        (.POST, "/manage/exercises/:id/panel/:member/remove", officer),
        (.GET, "/evaluate", .only([.evaluator, .moderator])),
        (.GET, "/evaluate/:id/declarations", .only([.evaluator])),
        (.POST, "/evaluate/:id/declarations", .only([.evaluator])),
        (.GET, "/manage/exercises/:id/criteria", officer),
        (.POST, "/manage/exercises/:id/criteria/scale", officer),
        (.POST, "/manage/exercises/:id/criteria/weights", officer),
        (.GET, "/manage/exercises/:id/results", officer),
        (.POST, "/manage/exercises/:id/results/scenarios", officer),
        (.POST, "/manage/exercises/:id/results/scenarios/:scenario/remove", officer),
        (.GET, "/manage/exercises/:id/sensitivity", officer),
        (.GET, "/manage/exercises/:id/market", officer),
        (.GET, "/manage/exercises/:id/interviews", officer),
        (.POST, "/manage/exercises/:id/interviews", officer),
        (.POST, "/manage/exercises/:id/shortlist", officer),
        (.POST, "/manage/exercises/:id/shortlist/:entry/remove", officer),
        (.GET, "/manage/exercises/:id/interviews/:interview", officer),
        (.POST, "/manage/exercises/:id/interviews/:interview", officer),
        (.POST, "/manage/exercises/:id/interviews/:interview/cancel", officer),
        (.POST, "/manage/exercises/:id/sensitivity", officer),
        (.GET, "/evaluate/:id", .only([.evaluator])),
        (.GET, "/evaluate/:id/responses/:organisation", .only([.evaluator])),
        (.POST, "/evaluate/:id/responses/:organisation", .only([.evaluator])),
        (.GET, "/evaluate/:id/responses/:organisation/files/:sha256", .only([.evaluator])),
        (.POST, "/evaluate/:id/submission", .only([.evaluator])),
        (.GET, "/evaluate/:id/scores", .only([.evaluator])),
        (.GET, "/evaluate/:id/moderation", .only([.moderator])),
        (.GET, "/evaluate/:id/moderation/:organisation", .only([.moderator])),
        (.POST, "/evaluate/:id/moderation/:organisation", .only([.moderator])),
        (.POST, "/evaluate/:id/moderation/:organisation/conditions", .only([.moderator])),
        (.GET, "/api/v1/exercises/:id/panel", officer),
        (.GET, "/api/v1/exercises/:id/declarations", .only([.evaluator])),
        (.PUT, "/api/v1/exercises/:id/declarations/:organisation", .only([.evaluator])),
        (.GET, "/api/v1/exercises/:id/criteria", .only([.officer, .evaluator, .moderator])),
        (.GET, "/api/v1/exercises/:id/scores", .only([.evaluator])),
        (.GET, "/api/v1/exercises/:id/results", officer),
        (.GET, "/api/v1/exercises/:id/sensitivity", officer),
        (.GET, "/api/v1/exercises/:id/interviews", officer),
        (.GET, "/api/v1/exercises/:id/market", officer),
        (.PUT, "/api/v1/exercises/:id/scores/:organisation", .only([.evaluator])),
        (.POST, "/api/v1/exercises/:id/scores/submission", .only([.evaluator])),
        (.GET, "/api/v1/exercises/:id/moderation", .only([.moderator])),
        (.PUT, "/api/v1/exercises/:id/moderation/:organisation", .only([.moderator])),
        (.GET, "/manage/exercises/:id/report", officer),
        (.POST, "/manage/exercises/:id/report", officer),
        (.POST, "/manage/exercises/:id/report/issue", officer),
        (.GET, "/manage/exercises/:id/report/print", officer),
        (.GET, "/manage/exercises/:id/scores.csv", officer),
        (.GET, "/report.css", .anyone),
        (.GET, "/reports", .anyone),
        (.GET, "/reports/:id", .anyone),
        (.GET, "/reports/:id/pdf", .anyone),
        (.GET, "/api/v1/reports", .anyone),
        (.GET, "/api/v1/reports/:id", .anyone),
        (.GET, "/api/v1/reports/:id/pdf", .anyone),
        (.GET, "/manage/assessment", officer),
        (.GET, "/manage/assessment/framework", officer),
        (.POST, "/manage/assessment/framework", officer),
        (.GET, "/manage/assessment/services/:id", officer),
        (.POST, "/manage/assessment/services/:id", officer),
        (.POST, "/manage/assessment/packages", officer),
        (.GET, "/manage/assessment/packages/:id", officer),
        (.POST, "/manage/assessment/packages/:id", officer),
        (.POST, "/manage/assessment/packages/:id/remove", officer),
        (.POST, "/manage/assessment/packages/:id/options", officer),
        (.GET, "/manage/assessment/packages/:id/options/:option", officer),
        (.POST, "/manage/assessment/packages/:id/options/:option", officer),
        (.POST, "/manage/assessment/packages/:id/options/:option/remove", officer),
        (.GET, "/api/v1/assessment", officer),
    ]

    @Test func theTableNamesEveryRouteTheServerHas() async throws {
        try await withDemoApp { app, _ in
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let listed = Set(Self.table.map { "\($0.0.rawValue) \($0.1)" })
            #expect(registered.subtracting(listed).isEmpty, "routes with no rule: \(registered.subtracting(listed).sorted())")
            #expect(listed.subtracting(registered).isEmpty, "rules for no route: \(listed.subtracting(registered).sorted())")
        }
    }

    /// Real ids from the demo, so that a refusal is about the role and not a missing record.
    static func concrete(_ pattern: String, on db: any Database) async throws -> String {
        var path = pattern
        func id<M: Model>(_ type: M.Type) async throws -> String where M.IDValue == UUID {
            try await M.query(on: db).first()!.id!.uuidString.lowercased()
        }
        func outboxEmail() async throws -> String {
            if let email = try await OutgoingEmail.query(on: db).first() { return email.id!.uuidString.lowercased() }
            try await Outbox.enqueue(Email(kind: "test", to: "someone@example.org", subject: "A test", paragraphs: ["Hello."]), at: Date(), on: db)
            return try await OutgoingEmail.query(on: db).first()!.id!.uuidString.lowercased()
        }
        func openExercise() async throws -> String {
            try await Exercise.query(on: db).filter(\.$reference == SalfordExercise.openReference).first()!.id!.uuidString.lowercased()
        }
        let replacements: [(String, String)] = [
            ("/services/:slug", "/services/accountancy"),
            ("/manage/directorates/:id", "/manage/directorates/\(try await id(Directorate.self))"),
            ("/manage/divisions/:id", "/manage/divisions/\(try await id(Division.self))"),
            ("/manage/services/:id", "/manage/services/\(try await id(Service.self))"),
            ("/manage/pledges/:id", "/manage/pledges/\(try await id(Pledge.self))"),
            ("/manage/objectives/:id", "/manage/objectives/\(try await id(Objective.self))"),
            ("/manage/api-tokens/:id", "/manage/api-tokens/\(UUID().uuidString.lowercased())"),
            ("/admin/users/:id", "/admin/users/\(try await id(User.self))"),
            ("/admin/bank-holidays/:year", "/admin/bank-holidays/2003"),
            ("/admin/bank-holidays/remove/:id", "/admin/bank-holidays/remove/\(try await id(BankHoliday.self))"),
            ("/confirm-email/:token", "/confirm-email/not-a-token"),
            ("/password-reset/:token", "/password-reset/not-a-token"),
            ("/invitations/:token", "/invitations/not-a-token"),
            ("/sign-in/link/:token", "/sign-in/link/not-a-token"),
            ("/admin/outbox/:id", "/admin/outbox/\(try await outboxEmail())"),
            ("/notices/:reference", "/notices/\(SalfordExercise.openReference)"),
            ("/manage/exercises/:id", "/manage/exercises/\(try await openExercise())"),
            ("/evaluate/:id", "/evaluate/\(try await openExercise())"),
            ("/api/v1/exercises/:id", "/api/v1/exercises/\(try await openExercise())"),
            ("/api/v1/directorates/:id", "/api/v1/directorates/\(try await id(Directorate.self))"),
            ("/api/v1/divisions/:id", "/api/v1/divisions/\(try await id(Division.self))"),
            ("/api/v1/services/:id", "/api/v1/services/\(try await Service.query(on: db).filter(\.$status == .published).first()!.id!.uuidString.lowercased())"),
            ("/api/v1/pledges/:id", "/api/v1/pledges/\(try await id(Pledge.self))"),
            ("/api/v1/objectives/:id", "/api/v1/objectives/\(try await id(Objective.self))"),
            ("/reports/:id", "/reports/\(UUID().uuidString.lowercased())"),
            ("/manage/assessment/services/:id", "/manage/assessment/services/\(try await id(Service.self))"),
            ("/manage/assessment/packages/:id", "/manage/assessment/packages/\(try await id(ServicePackage.self))"),
            ("/api/v1/reports/:id", "/api/v1/reports/\(UUID().uuidString.lowercased())"),
        ]
        for (from, to) in replacements where path.hasPrefix(from) {
            path = to + path.dropFirst(from.count)
        }
        // The parameters after the first: the open exercise's first section and question; no
        // submission yet (receipt 1); a response id nobody can read while sealed.
        if path.contains(":section") || path.contains(":question") {
            let exercise = try await Exercise.query(on: db).filter(\.$reference == SalfordExercise.openReference).first()!
            let content = try await Questionnaire.query(on: db).filter(\.$exercise.$id == exercise.id!).first()!.content
            path = path.replacingOccurrences(of: ":section", with: content.sections[0].id.uuidString.lowercased())
                .replacingOccurrences(of: ":question", with: content.questions[0].id.uuidString.lowercased())
        }
        path = path.replacingOccurrences(of: ":number", with: "1").replacingOccurrences(of: ":sha256", with: String(repeating: "0", count: 64)).replacingOccurrences(of: ":response", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: ":member", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: ":organisation", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: ":scenario", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: ":entry", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: ":interview", with: UUID().uuidString.lowercased())
            .replacingOccurrences(of: ":option", with: UUID().uuidString.lowercased())
        return path
    }

    /// What a page or form answers someone it lets in, when the form is sent empty (with a valid
    /// CSRF token): a GET shows the page, an empty form is told what is missing. The exceptions:
    static func allowedStatus(_ method: HTTPMethod, _ pattern: String, signedIn: Bool) -> HTTPStatus {
        switch (method, pattern) {
        case (.GET, "/sign-in"): signedIn ? .seeOther : .ok
        // A form that changes a record sent without the version it was opened at is treated as
        // stale: the person is shown what is saved (409).
        case (.POST, "/manage/directorates/:id"), (.POST, "/manage/divisions/:id"), (.POST, "/manage/services/:id"),
             (.POST, "/manage/services/:id/profile"), (.POST, "/manage/services/:id/publish"), (.POST, "/manage/services/:id/unpublish"),
             (.POST, "/manage/pledges/:id"), (.POST, "/manage/objectives/:id"), (.POST, "/admin/users/:id"), (.POST, "/admin/settings"),
             (.POST, "/admin/bank-holidays/remove/:id"), (.POST, "/manage/exercises/:id/details"), (.POST, "/manage/exercises/:id/scope"),
             (.POST, "/manage/exercises/:id/benefits"), (.POST, "/manage/exercises/:id/publish"), (.POST, "/manage/exercises/:id/extend"),
             (.POST, "/manage/exercises/:id/cancel"), (.POST, "/manage/assessment/framework"), (.POST, "/manage/assessment/services/:id"),
             (.POST, "/manage/assessment/packages/:id"): .conflict
        // A link by email that is not (or no longer) valid.
        case (.GET, "/confirm-email/:token"), (.POST, "/confirm-email/:token"), (.GET, "/password-reset/:token"), (.GET, "/invitations/:token"),
             (.GET, "/sign-in/link/:token"), (.POST, "/sign-in/link/:token"): .notFound
        // No file of the response has the made-up hash.
        case (.GET, "/notices/:reference/response/files/:sha256"): .notFound
        case (.POST, "/organisation/details"): .conflict
        // The questionnaire's forms sent without the version they were opened at, or with nothing
        // to do, show the questionnaire again with why (409); the opening before the deadline is refused.
        case (.POST, "/manage/exercises/:id/questionnaire/sections/:section/remove"), (.POST, "/manage/exercises/:id/questionnaire/questions/:question/remove"),
             (.POST, "/manage/exercises/:id/questionnaire/copy"), (.POST, "/manage/exercises/:id/questionnaire/publish"),
             (.POST, "/manage/exercises/:id/responses/open"), (.POST, "/notices/:reference/response/sections/:section"): .conflict
        // Sealed: the rule refuses every officer until the responses are opened.
        case (.GET, "/manage/exercises/:id/responses/:response"), (.GET, "/manage/exercises/:id/responses/export"),
             (.GET, "/manage/exercises/:id/responses/files"), (.GET, "/manage/exercises/:id/responses/files/:sha256"),
             (.GET, "/manage/exercises/:id/results"), (.POST, "/manage/exercises/:id/results/scenarios"),
             (.POST, "/manage/exercises/:id/results/scenarios/:scenario/remove"), (.GET, "/manage/exercises/:id/sensitivity"),
             (.POST, "/manage/exercises/:id/sensitivity"), (.GET, "/manage/exercises/:id/interviews"), (.GET, "/manage/exercises/:id/market"), (.POST, "/manage/exercises/:id/interviews"),
             (.POST, "/manage/exercises/:id/shortlist"), (.POST, "/manage/exercises/:id/shortlist/:entry/remove"),
             (.GET, "/manage/exercises/:id/interviews/:interview"), (.POST, "/manage/exercises/:id/interviews/:interview"),
             (.POST, "/manage/exercises/:id/interviews/:interview/cancel"), (.GET, "/manage/exercises/:id/report"), (.POST, "/manage/exercises/:id/report"),
             (.POST, "/manage/exercises/:id/report/issue"), (.GET, "/manage/exercises/:id/report/print"), (.GET, "/manage/exercises/:id/scores.csv"): .forbidden
        // No report has been issued in the demo the tests start from: a made-up id is not there
        // (and an exempt report is not there for those who may not read it: ReportsTests).
        case (.GET, "/reports/:id"), (.GET, "/reports/:id/pdf"): .notFound
        // A package is removed at the version it was read at; no option has the made-up id.
        case (.POST, "/manage/assessment/packages/:id/remove"): .conflict
        case (.GET, "/manage/assessment/packages/:id/options/:option"), (.POST, "/manage/assessment/packages/:id/options/:option"),
             (.POST, "/manage/assessment/packages/:id/options/:option/remove"): .notFound
        // A submission without its one-time key (it comes from the check-your-answers page).
        case (.POST, "/notices/:reference/response/submit"): .badRequest
        // Nothing submitted to withdraw: back to the response, saying so.
        case (.POST, "/notices/:reference/response/withdraw"): .seeOther
        case (.GET, "/notices/:reference/response/receipts/:number"), (.GET, "/notices/:reference/response/receipts/:number/copy"): .notFound
        // No clarification question has the made-up id.
        case (.GET, "/manage/exercises/:id/questions/:question"), (.POST, "/manage/exercises/:id/questions/:question"): .notFound
        // Someone else's (here: nobody's) token.
        case (.POST, "/manage/api-tokens/:id/revoke"): .notFound
        // Nobody on the panel has the made-up id (as if removed by someone else meanwhile): the
        // panel is shown as it is now.
        case (.POST, "/manage/exercises/:id/panel/:member/remove"): .conflict
        // The demo's evaluator and moderator are on no panel, so the exercise is, to them, not there.
        case (.GET, "/evaluate/:id/declarations"), (.POST, "/evaluate/:id/declarations"), (.GET, "/evaluate/:id"),
             (.GET, "/evaluate/:id/responses/:organisation"), (.POST, "/evaluate/:id/responses/:organisation"), (.POST, "/evaluate/:id/submission"),
             (.GET, "/evaluate/:id/scores"), (.GET, "/evaluate/:id/moderation"), (.GET, "/evaluate/:id/moderation/:organisation"),
             (.POST, "/evaluate/:id/moderation/:organisation"), (.POST, "/evaluate/:id/moderation/:organisation/conditions"),
             (.GET, "/evaluate/:id/responses/:organisation/files/:sha256"): .notFound
        // The open exercise's criteria are frozen only when its responses are opened.
        case (.POST, "/manage/exercises/:id/criteria/scale"), (.POST, "/manage/exercises/:id/criteria/weights"): .conflict
        case (.GET, _): .ok
        default: .unprocessableEntity
        }
    }

    @Test(arguments: [nil] + Role.allCases)
    func everyPageAndFormAsThisPrincipal(role: Role?) async throws {
        try await withDemoApp { app, _ in
            let browser = Browser(app)
            if let role { try await browser.signIn(as: role) }
            for (method, pattern, who) in Self.table where !pattern.hasPrefix("/api/v1") && pattern != "/sign-out" {
                let path = try await Self.concrete(pattern, on: app.db)
                if method == .POST {
                    // A fresh, valid CSRF token, so that a refusal can only be the rule's.
                    try await browser.get(role == nil ? "/sign-in" : "/")
                    #expect(browser.csrf != nil)
                }
                let response = method == .GET ? try await browser.get(path) : try await browser.post(path, [:])
                let allowed: Bool
                switch who {
                case .anyone: allowed = true
                case .only(let roles): allowed = role.map(roles.contains) ?? false
                }
                let label = "\(method) \(path) as \(role?.rawValue ?? "nobody") (rule: \(who))"
                if allowed {
                    let expected = Self.allowedStatus(method, pattern, signedIn: role != nil)
                    #expect(response.status == expected, "\(label): \(response.status), expected \(expected)")
                } else if role == nil {
                    #expect(response.status == .seeOther && response.location?.hasPrefix("/sign-in?next=") == true, "\(label) was not sent to sign in: \(response.status)")
                } else {
                    #expect(response.status == .forbidden && response.text.contains("does not allow this"), "\(label) was not refused by its rule: \(response.status)")
                }
            }
        }
    }

    @Test(arguments: [nil] + Role.allCases)
    func everyAPICallAsThisPrincipal(role: Role?) async throws {
        try await withDemoApp { app, clock in
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            if let role {
                let user = try await User.query(on: app.db).filter(\.$role == role).first()!
                let secret = Secrets.token(prefix: "pt_")
                try await saveFixture(APIToken(userID: user.id!, name: "test", tokenHash: Secrets.sha256(secret), createdAt: clock.now()), on: app.db)
                headers.bearerAuthorization = .init(token: secret)
            }
            for (method, pattern, who) in Self.table where pattern.hasPrefix("/api/v1") {
                let path = try await Self.concrete(pattern, on: app.db)
                let response = try await app.testing().sendRequest(method, path, headers: headers, body: method == .GET ? nil : ByteBuffer(string: "{}"))
                let label = "\(method) \(path) as \(role?.rawValue ?? "nobody")"
                switch who {
                case .anyone:
                    // No report is issued in the demo the tests start from: a made-up id is not there.
                    #expect(response.status == (pattern.hasPrefix("/api/v1/reports/:id") ? .notFound : .ok), "\(label): \(response.status)")
                case .only(let roles):
                    if let role, roles.contains(role) {
                        // An empty object: a new record misses its required fields, a change the version it was read at.
                        // The responses are sealed until opened: even an officer is refused (the demo's are not opened).
                        let sealed = ["/api/v1/exercises/:id/responses", "/api/v1/exercises/:id/results", "/api/v1/exercises/:id/sensitivity",
                                      "/api/v1/exercises/:id/interviews", "/api/v1/exercises/:id/market"].contains(pattern)
                        // The demo's organisation has submitted nothing: its receipt number 1 names nothing yet.
                        let nothingYet = pattern.hasSuffix("/submissions/:number")
                        // The demo's evaluator and moderator are on no panel: the exercise is, to them, not
                        // there; its criteria are not frozen until its responses are opened.
                        let notTheirs = ["/declarations", "/criteria", "/scores", "/moderation"].contains { pattern.contains($0) }
                        #expect(response.status == (sealed ? .forbidden : nothingYet || notTheirs ? .notFound : method == .GET ? .ok : .unprocessableEntity), "\(label): \(response.status)")
                    } else {
                        #expect(response.status == (role == nil ? .unauthorized : .forbidden), "\(label): \(response.status)")
                        #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
                    }
                }
            }
        }
    }

    @Test func draftProfilesAreHiddenFromEveryoneButOfficers() async throws {
        try await withDemoApp { app, _ in
            let draft = try #require(try await Service.query(on: app.db).filter(\.$status == .draft).first())
            for role in [nil] + Role.allCases {
                let browser = Browser(app)
                if let role { try await browser.signIn(as: role) }
                let page = try await browser.get("/services/\(draft.slug)")
                #expect(page.status == (role == .officer ? .ok : .notFound), "\(role?.rawValue ?? "nobody")")
                let api = try await app.testing().sendRequest(.GET, "/api/v1/services/\(draft.id!.uuidString)")
                #expect(api.status == .notFound)
                let list = try await app.testing().sendRequest(.GET, "/api/v1/services")
                #expect(!list.text.contains(draft.id!.uuidString.lowercased()) && !list.text.contains(draft.id!.uuidString))
            }
        }
    }

    @Test func anOfficerCannotRevokeAnotherOfficersToken() async throws {
        try await withDemoApp { app, clock in
            let other = User(email: "second.officer@salford.example", name: "Second Officer", role: .officer, passwordHash: try await app.password.async.hash("another long password"))
            try await saveFixture(other, on: app.db)
            let token = APIToken(userID: other.id!, name: "theirs", tokenHash: Secrets.sha256("pt_x"), createdAt: clock.now())
            try await saveFixture(token, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(as: .officer)
            let response = try await browser.post("/manage/api-tokens/\(token.id!.uuidString.lowercased())/revoke")
            #expect(response.status == .notFound)
            #expect(try await APIToken.find(token.id, on: app.db)?.revokedAt == nil)
        }
    }
}

@Suite("Permission rules")
struct PermissionRuleTests {
    /// A feature's own rule (`.and`) is asked only once the role has allowed the request, and its
    /// answer is the permission's answer.
    @Test func aRuleOfItsOwnIsAskedOnlyAfterTheRoleAllows() async throws {
        try await withDemoApp { app, _ in
            let asked = NIOLockedValueBox(0)
            let rule = Permission.officer.and("only the organisation's own response") { _ in
                asked.withLockedValue { $0 += 1 }
                return .notFound
            }
            #expect(rule.summary == "officer, only the organisation's own response")
            #expect(Permission.officer.immediate != nil && Permission.anyone.immediate != nil, "role rules need no task")
            #expect(rule.immediate == nil, "a rule that reads records is asked with a task")

            let nobody = Request(application: app, on: app.eventLoopGroup.next())
            #expect(try await rule.check(nobody) == .signInNeeded)
            let evaluator = Request(application: app, on: app.eventLoopGroup.next())
            evaluator.auth.login(try #require(try await User.query(on: app.db).filter(\.$role == .evaluator).first()))
            #expect(try await rule.check(evaluator) == .forbidden("Your role (Evaluator) does not allow this."))
            #expect(asked.withLockedValue { $0 } == 0, "the role refused first")

            let officer = Request(application: app, on: app.eventLoopGroup.next())
            officer.auth.login(try #require(try await User.query(on: app.db).filter(\.$role == .officer).first()))
            #expect(try await rule.check(officer) == .notFound)
            #expect(asked.withLockedValue { $0 } == 1)
        }
    }
}
