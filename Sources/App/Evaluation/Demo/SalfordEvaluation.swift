import Fluent
import Vapor
import Foundation

/// The demo's evaluation of the 2003 exercise, as it might have gone in the evaluation window
/// the timetable gave (28 April to 23 May 2003, seed 000 §1.5): eight fictitious organisations
/// responded (`SalfordRespondents`); two officers opened the responses on 28 April; four
/// evaluators declared their interests (one a conflict), scored on their own and submitted; the
/// moderator agreed every score at a meeting on 14 May; the officer added two weight scenarios
/// (the Cabinet's "if regeneration is the primary goal", seed 003 (iii), and equal weights) and
/// ran the sensitivity analysis from what the Project Board decided (I, VI and VIII weigh most,
/// seed 000 §1.3), with the evaluators' spread as uncertainty; the four proposals ranked highest
/// were shortlisted and interviewed from 19 to 22 May, inside the interview window.
///
/// Where the papers are silent the demo chooses, and says so here: the evaluators other than the
/// demo's own and the second opening officer (fictitious people), every time of day, who declared
/// what, how far each evaluator's score strays from the agreed one (a fixed pattern, so some
/// spreads reach two points and are flagged), the rationales' wording around each response's
/// evidence, and the two scenarios' numbers.
enum SalfordEvaluation {
    /// People of record who are not demo sign-ins of their own: they share the password of the
    /// demo user of the same role.
    static let secondOfficer = (email: "second.officer@salford.example", name: "Second Officer (fictitious)")
    static let evaluators = [
        (email: "margaret.hulme@salford.example", name: "Margaret Hulme (fictitious)"),
        (email: "david.ordsall@salford.example", name: "David Ordsall (fictitious)"),
        (email: "ruth.pendleton@salford.example", name: "Ruth Pendleton (fictitious)"),
    ]
    /// The evaluator (of `evaluators`) with a conflict, the respondent (by index) it is with, and what it is.
    static let conflict = (evaluator: 0, respondent: 2, note: "My husband is a non-executive director of this organisation.")

    static func day(_ day: Int, month: Int = 5, _ hour: Int, _ minute: Int = 0) -> Date {
        SalfordExercise.london(String(format: "2003-%02d-%02d", month, day), hour).addingTimeInterval(Double(minute * 60))
    }

    /// How far evaluator k's score strays from the agreed one, for respondent i and objective j.
    static func offset(_ k: Int, _ i: Int, _ j: Int) -> Int {
        let pattern = [0, 1, 0, -1, 0, 0, 1, 0, -1, 0, 0, 1, -1]
        return pattern[(i * 5 + j * 3 + k * 7) % pattern.count]
    }

    static let remarks: [Int: [String]] = [
        1: ["I scored it a point higher: the commitment reads as firm.", "A point above the others, I expect: the offer is specific enough for me.",
            "I gave the benefit of the doubt here.", "Stronger than it first looks once the figures are read together."],
        -1: ["I marked it down: the figures are not yet backed by a plan.", "A point lower from me: it promises more than it shows.",
             "I held back a point until we see the detail.", "Less convincing on a second reading."],
    ]

    static func load(on tx: any Database, now: Date, actor: Actor, officer: User, evaluator: User, moderator: User) async throws {
        guard let exercise = try await Exercise.query(on: tx).filter(\.$reference == SalfordExercise.reference).first(),
              let version = try await QuestionnaireVersion.query(on: tx).filter(\.$exercise.$id == exercise.id!).sort(\.$number, .descending).first()
        else { return }
        func save<M: Model & Auditable>(_ model: M, _ action: String, at: Date, by who: Actor = actor) async throws where M.IDValue == UUID {
            try await model.create(on: tx)
            try await AuditTrail.record(action, model, before: nil, by: who, at: at, on: tx)
        }

        // The people.
        let second = User(email: secondOfficer.email, name: secondOfficer.name, role: .officer, passwordHash: officer.passwordHash)
        try await save(second, "user.create", at: now)
        var panel = [evaluator]
        for e in evaluators {
            let u = User(email: e.email, name: e.name, role: .evaluator, passwordHash: evaluator.passwordHash)
            try await save(u, "user.create", at: now)
            panel.append(u)
        }

        // The responses, each submitted before the deadline of 25 April.
        var organisations: [SupplierOrganisation] = []
        for (i, r) in SalfordRespondents.all.enumerated() {
            let at = day(r.submittedDay, month: 4, r.submittedHour, (i * 17) % 60)
            let o = SupplierOrganisation()
            o.name = r.name
            o.companiesNumber = r.companiesNumber
            o.isSME = r.isSME
            o.isVCSE = r.isVCSE
            o.address = r.address
            o.createdAt = at.addingTimeInterval(-7 * 86_400)
            try await save(o, "supplier-organisation.register", at: o.createdAt)
            let contact = User(email: r.email, name: r.contact, role: .supplierUser, passwordHash: evaluator.passwordHash)
            contact.organisationID = o.id
            contact.organisationRole = .administrator
            contact.emailConfirmedAt = o.createdAt
            try await save(contact, "user.create", at: o.createdAt)
            try await respond(r, organisation: o, number: i + 1, exercise: exercise, version: version, startedAt: at.addingTimeInterval(-3 * 86_400),
                              submittedAt: at, by: contact, key: "demo-\(i + 1)", on: tx)
            organisations.append(o)
        }

        // The panel, put together before the opening.
        let built = day(25, month: 4, 14)
        for (k, user) in (panel + [moderator]).enumerated() {
            let m = PanelMember()
            m.$exercise.id = exercise.id!
            m.$user.id = user.id!
            m.role = user.role == .moderator ? .moderator : .evaluator
            m.addedAt = built.addingTimeInterval(Double(k * 60))
            try await save(m, "panel.add", at: m.addedAt, by: .user(officer))
        }

        // The opening: two officers on the first morning of the evaluation window.
        let opened = day(28, month: 4, 9, 45)
        for (k, o) in [officer, second].enumerated() {
            let opening = Opening()
            opening.$exercise.id = exercise.id!
            opening.officerID = o.id!
            opening.officerName = o.name
            opening.confirmedAt = day(28, month: 4, 9, 30 + k * 15)
            try await save(opening, "opening.confirm", at: opening.confirmedAt, by: .user(o))
        }
        let before = exercise.auditFields
        exercise.status = .opened
        exercise.openedAt = opened
        exercise.version += 1
        try await exercise.save(on: tx)
        try await AuditTrail.record("exercise.open", exercise, before: before, by: .user(second), at: opened, on: tx)
        try await Criteria.freeze(exercise.id!, by: .user(second), at: opened, on: tx)
        guard let criteria = try await Criteria.of(exercise.id!, on: tx.sql) else { return }

        // Declarations, scores and submissions.
        for (k, user) in panel.enumerated() {
            let declaredAt = day(28, month: 4, 11, k * 10)
            for (i, o) in organisations.enumerated() {
                let d = Declaration()
                d.$exercise.id = exercise.id!
                d.$evaluator.id = user.id!
                d.$organisation.id = o.id!
                let conflicted = k == conflict.evaluator + 1 && i == conflict.respondent
                d.conflict = conflicted
                d.note = conflicted ? conflict.note : ""
                d.declaredAt = declaredAt
                try await save(d, "declaration.make", at: declaredAt, by: .user(user))
            }
            for (i, o) in organisations.enumerated() where !(k == conflict.evaluator + 1 && i == conflict.respondent) {
                let merits = SalfordRespondents.all[i].merits
                let sheet = ScoreSheet()
                sheet.$exercise.id = exercise.id!
                sheet.$evaluator.id = user.id!
                sheet.$organisation.id = o.id!
                sheet.entries = criteria.criteria.enumerated().map { j, c in
                    let merit = merits[c.number] ?? .init(score: 0, evidence: "The response says nothing to this objective.")
                    let stray = offset(k, i, j), score = min(max(merit.score + stray, 0), 5)
                    let remark = score == merit.score ? "" : " " + remarks[score > merit.score ? 1 : -1]![(k + i + j) % 4]
                    return ScoreSheet.Mark(criterion: c.number, score: score, rationale: merit.evidence + remark)
                }
                // One response a day from 29 April, each evaluator an hour after the last.
                sheet.updatedAt = day(29, month: 4, 10).addingTimeInterval(Double(i) * 86_400 + Double(k) * 3_600)
                try await save(sheet, "scores.record", at: sheet.updatedAt, by: .user(user))
            }
            let members = try await PanelMember.query(on: tx).filter(\.$exercise.$id == exercise.id!).filter(\.$user.$id == user.id!).all()
            for m in members {
                let before = m.auditFields
                m.submittedAt = day(9, 16, k * 12)
                m.version += 1
                try await m.save(on: tx)
                try await AuditTrail.record("scores.submit", m, before: before, by: .user(user), at: m.submittedAt!, on: tx)
            }
        }

        // Moderation, at the meeting of 14 May.
        let meeting = day(14, 15)
        let submitted = try await Scoring.submitted(exercise: exercise.id!, organisations: Set(organisations.map { $0.id! }), on: tx.sql)
        for (i, o) in organisations.enumerated() {
            let merits = SalfordRespondents.all[i].merits
            let sheet = ModerationSheet()
            sheet.$exercise.id = exercise.id!
            sheet.$organisation.id = o.id!
            sheet.moderatorID = moderator.id!
            sheet.entries = criteria.criteria.map { c in
                let agreed = merits[c.number]?.score ?? 0
                let scores = submitted.marks(o.id!, c.number).map(\.1.score)
                let low = scores.min() ?? agreed, high = scores.max() ?? agreed
                let reason = high - low >= criteria.spreadFlag
                    ? "Moderation meeting, 14 May 2003: the panel discussed the spread (\(low) to \(high)) and agreed \(agreed) on the evidence."
                    : "Moderation meeting, 14 May 2003: agreed in line with the evaluators’ scores."
                return ModerationSheet.Consensus(criterion: c.number, score: agreed, reason: reason)
            }
            sheet.updatedAt = meeting.addingTimeInterval(Double(i * 600))
            try await save(sheet, "moderation.record", at: sheet.updatedAt, by: .user(moderator))
        }

        // The officer's scenarios and the sensitivity analysis, two days later.
        let scenariosAt = day(16, 10)
        let scenarios: [(String, String, [Double])] = [
            ("Regeneration primary", "Cabinet, 5 March 2003: “what if regeneration is the primary goal” (seed 003 (iii)). Objective VI at 40%, the Board’s other two priorities at 15%.",
             [15, 6, 6, 6, 6, 40, 6, 15]),
            ("Equal weights", "Every objective weighs the same, as before the Project Board prioritised them.", [12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5]),
        ]
        for (k, (name, description, weights)) in scenarios.enumerated() {
            let s = WeightScenario()
            s.$exercise.id = exercise.id!
            s.name = name
            s.description = description
            s.weights = zip(criteria.criteria, weights).map { .init(criterion: $0.number, weight: $1) }
            s.createdAt = scenariosAt.addingTimeInterval(Double(k * 300))
            try await save(s, "scenario.make", at: s.createdAt, by: .user(officer))
        }
        guard let results = try await Results.load(exercise.id!, on: tx.sql) else { return }
        let settings = Sensitivity.Settings(basis: .statements, leading: [1, 6, 8], ratios: [], intervals: [], uncertainty: true, samples: Sensitivity.samples)
        let result = try Sensitivity.analyse(results, settings, seed: 1)
        let run = SensitivityRun()
        run.$exercise.id = exercise.id!
        run.number = 1
        run.runAt = day(16, 11)
        run.runBy = officer.name
        run.settingsJSON = sortedJSONText(settings)
        run.resultJSON = sortedJSONText(result)
        try await save(run, "sensitivity.run", at: run.runAt, by: .user(officer))

        // The shortlist: the four ranked highest; their interviews, a day each, and what came of them.
        let interviews: [(day: Int, panel: [Int], notes: String, outcome: Interview.Outcome)] = [
            (19, [0, 3], "The joint venture's board would have two council nominees and a golden share; asked for the investment's phasing and the guarantee behind it, which it will send.", .furtherDiscussion),
            (20, [0, 2], "Clear on quality and accountability; regeneration limited to the jobs it would bring from other clients, which it could not yet name.", .furtherDiscussion),
            (21, [1, 3], "A shared service under a joint committee is simple to govern, but it brings little investment; both councils' members would need to agree.", .noFurtherDiscussion),
            (22, [1, 2], "Three separate contracts would be harder to manage than one partnership; the consortium would consider a single lead contractor.", .noFurtherDiscussion),
        ]
        let ranked = results.rows.filter { $0.rank != nil }.prefix(interviews.count)
        for (k, row) in ranked.enumerated() {
            let entry = ShortlistEntry()
            entry.$exercise.id = exercise.id!
            entry.$organisation.id = row.organisation
            entry.reason = "Ranked \(row.rank!) with the Board's weights; interviewed to understand the proposal better."
            entry.addedAt = day(16, 14, k)
            try await save(entry, "shortlist.add", at: entry.addedAt, by: .user(officer))
            let plan = interviews[k]
            let i = Interview()
            i.$exercise.id = exercise.id!
            i.$organisation.id = row.organisation
            i.startsAt = day(plan.day, 10)
            i.minutes = 90
            i.place = "Civic Centre, Swinton: Committee Room 2"
            i.panel = plan.panel.map { panel[$0].id! } + [moderator.id!]
            try await save(i, "interview.schedule", at: day(16, 15, k), by: .user(officer))
            let before = i.auditFields
            i.notes = plan.notes
            i.outcome = plan.outcome
            i.version += 1
            try await i.save(on: tx)
            try await AuditTrail.record("interview.record", i, before: before, by: .user(officer), at: i.endsAt.addingTimeInterval(3_600), on: tx)
        }
    }
    /// The evaluation report to the Project Board's meeting of 2 June 2003, drafted by the officer
    /// on 28 May: the draft is saved here; the report is returned, to be issued once its PDF is
    /// made (`issueReport`), outside this transaction.
    static func draftReport(on tx: any Database, officer: User) async throws -> (report: CommitteeReport, draft: ReportDraft)? {
        guard let exercise = try await Exercise.query(on: tx).filter(\.$reference == SalfordExercise.reference).first(),
              let results = try await Results.load(exercise.id!, on: tx.sql) else { return nil }
        let scenarios = try await WeightScenario.query(on: tx).filter(\.$exercise.$id == exercise.id!).sort(\.$createdAt).all()
        let council = try await Council.query(on: tx).first()?.name ?? SalfordDemo.councilName
        var l = try await EvaluationReport.load(exercise, results, scenarios, issued: [], council: council, on: tx)
        let d = ReportDraft()
        d.kind = EvaluationReport.kind
        d.subjectID = exercise.id!
        d.title = "Strategic Partnership Project: evaluation of the responses to the market"
        d.author = "the Directors of Corporate Services and Personnel and Performance"
        d.meeting = "Project Board"
        d.meetingDate = "2003-06-02"
        d.paragraph = CommitteeReport.defaultParagraph
        d.recommendations = EvaluationReport.defaultRecommendations(l).joined(separator: "\n")
        d.summary = (EvaluationReport.defaultSummary(l) + [
            "The four organisations ranked highest were interviewed from 19 to 22 May. Two were invited to further discussion. "
                + "The Board is asked to take account of what the market said for each lot before deciding the next steps.",
        ]).joined(separator: "\n\n")
        d.background = "Report to Cabinet, 5 March 2003: Strategic Partnership Project – next steps\nManchester Business School full report and summary report"
        d.facts = ["risk": "A full risk assessment will be carried out if a decision is made to invite tenders.", "funding": "Revenue budget",
                   "legal": "Head of Law and Administration", "financial": "Director of Corporate Services", "contact": "Allison Lobley",
                   "wards": "Not applicable", "policies": "Best Value; Budget Strategy; Employee Matters; Procurement Policies; Regeneration; e-Government"]
        try await d.create(on: tx)
        try await AuditTrail.record("report.draft", d, before: nil, by: .user(officer), at: day(28, 11), on: tx)
        l.draft = d
        return (EvaluationReport.report(l, words: d, status: "Issued 28 May 2003, number 1"), d)
    }

    /// Issues the demo's report with its PDF. Without WeasyPrint the draft stays unissued, and says why.
    static func issueReport(_ drafted: (report: CommitteeReport, draft: ReportDraft), officer: User, app: Application) async throws {
        let pdf: Data
        do {
            pdf = try await PDFMaker.pdf(drafted.report.document(.inline), python: app.settings.python, on: app.pdfThreads)
        } catch {
            app.logger.warning("The demo's evaluation report is drafted but not issued: \(error)")
            return
        }
        let at = day(28, 12)
        try await AuditTrail.transaction(on: app.db) { tx in
            let issued = IssuedReport(drafted.draft, number: 1, body: drafted.report.body, pdf: pdf, by: officer.name, at: at)
            try await issued.create(on: tx)
            try await AuditTrail.record("report.issue", issued, before: nil, by: .user(officer), at: at, on: tx)
        }
    }

    /// One respondent's response, its saved sections and its submitted copy, each with its audit
    /// event: as a submission through the pages would leave them (the demo's and the benchmark's).
    static func respond(_ r: SalfordRespondents.Respondent, organisation o: SupplierOrganisation, number: Int, exercise: Exercise,
                        version: QuestionnaireVersion, startedAt: Date, submittedAt: Date, by contact: User, key: String,
                        on tx: any Database) async throws {
        let who = Actor.user(contact), content = version.content
        let response = EngagementResponse()
        response.version = 1
        response.$exercise.id = exercise.id!
        response.$organisation.id = o.id!
        response.number = number
        response.status = .submitted
        response.createdAt = startedAt
        response.submissions = 1
        try await response.create(on: tx)
        try await AuditTrail.record("response.create", response, before: nil, by: who, at: startedAt, on: tx)
        let answers = r.answers.mapValues { value -> Answer in
            switch value {
            case .text(let s): .text(s)
            case .list(let l): .list(l)
            }
        }
        let replacement = ResponseWrites.Replacement(version: version.number, answers: Dictionary(uniqueKeysWithValues: content.sections.map { s in
            (s.id, answers.filter { a in s.questions.contains { $0.id == a.key } })
        }), content: content)
        for (sectionID, text) in replacement.texts {
            let row = ResponseSection()
            row.version = 1
            row.$response.id = response.id!
            row.sectionID = sectionID
            row.answersJSON = text
            row.updatedAt = startedAt
            row.updatedBy = contact.name
            try await row.create(on: tx)
            try await AuditTrail.record("response-section.save", row, before: nil, by: who, at: startedAt, on: tx)
        }
        let document = ResponseWrites.document(exercise: exercise.reference, organisation: (o.id!, o.name), response: number, number: 1,
                                               version: version.number, answers: replacement.encoded, at: submittedAt)
        let s = Submission()
        s.$response.id = response.id!
        s.number = 1
        s.questionnaireVersion = version.number
        s.submittedAt = submittedAt
        s.submittedBy = contact.id!
        s.document = document
        s.sha256 = CanonicalJSON.sha256(document)
        s.receiptNumber = "\(exercise.reference)-\(String(format: "%04d", number))-1"
        s.idempotencyKey = key
        try await s.create(on: tx)
        try await AuditTrail.record("submission.create", s, before: nil, by: who, at: submittedAt, on: tx)
    }
}
