import Fluent
import Foundation
import SQLKit
import Vapor

/// The rules for what may be written to an exercise, and the writes themselves: the notice and
/// its dates, the scope, the benefits sought, publishing, extending the deadline, cancelling.
/// Each write is one audited transaction; a change to a published notice also records a new
/// release of it (`NoticeRelease`).
enum ExerciseRules {
    static let reference = FieldRule("reference", "Reference", .line(max: 40),
                                     description: "The exercise's unique identifier: letters, digits and hyphens, like SLF-2003-SPP.")
    static let title = FieldRule("title", "Title", .line(max: 200))
    static let advert = FieldRule("advert", "Advertisement", .text(max: 20_000), required: false)
    static let engagement = FieldRule("engagement", "How engagement will be carried out", .text(max: 5_000), required: false)
    static let disclaimer = FieldRule("disclaimer", "Disclaimer", .text(max: 2_000), required: false)
    static let contact = FieldRule("contact", "Contact", .text(max: 1_000), required: false)
    static let publishOn = FieldRule("publishOn", "Publication date", .line(max: 10), required: false)
    static let clarificationDate = FieldRule("clarificationDate", "Clarification deadline date", .line(max: 10), required: false)
    static let clarificationTime = FieldRule("clarificationTime", "Clarification deadline time", .line(max: 5), required: false)
    static let deadlineDate = FieldRule("deadlineDate", "Response deadline date", .line(max: 10), required: false)
    static let deadlineTime = FieldRule("deadlineTime", "Response deadline time", .line(max: 5), required: false)
    static let evaluationFrom = FieldRule("evaluationFrom", "Evaluation from", .line(max: 10), required: false)
    static let evaluationTo = FieldRule("evaluationTo", "Evaluation to", .line(max: 10), required: false)
    static let interviewFrom = FieldRule("interviewFrom", "Interviews from", .line(max: 10), required: false)
    static let interviewTo = FieldRule("interviewTo", "Interviews to", .line(max: 10), required: false)
    static let decisionOn = FieldRule("decisionOn", "Decision date", .line(max: 10), required: false)
    static let reason = FieldRule("reason", "Reason", .text(max: 2_000))

    static let details = [reference, title, advert, engagement, disclaimer, contact, publishOn, clarificationDate, clarificationTime,
                          deadlineDate, deadlineTime, evaluationFrom, evaluationTo, interviewFrom, interviewTo, decisionOn]
    /// What the public notice shows: a change to one of these after publication is a late change
    /// if it comes in the last working days before the deadline.
    static let noticeFields: Set<String> = ["title", "advert", "engagement", "disclaimer", "contact", "scope", "benefits",
                                            "clarification deadline", "evaluation", "interviews", "decision"]

    static let maxServices = 200
    static let maxCPV = 10
    static let maxBenefits = 20

    /// A day typed as year-month-day. Empty is nil; anything else unreadable is a message.
    static func day(_ v: inout Validator, _ rule: FieldRule) -> Day? {
        let text = v.text(rule)
        guard v.errors[rule.name] == nil, !text.isEmpty else { return nil }
        guard let day = Day(iso: text), (1990...2100).contains(day.year) else {
            v.fail(rule.name, "Enter \(rule.label.lowercased()) as year-month-day, for example 2003-04-25")
            return nil
        }
        return day
    }

    /// A date and a 24-hour time in London, as one moment. A time the clocks skip or repeat
    /// is refused with a message saying so.
    static func moment(_ v: inout Validator, date: FieldRule, time: FieldRule, label: String) -> Date? {
        let day = day(&v, date)
        let text = v.text(time)
        guard v.errors[time.name] == nil else { return nil }
        if text.isEmpty {
            if day != nil { v.fail(time.name, "Enter the time of the \(label), like 12:00") }
            return nil
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else {
            v.fail(time.name, "Enter the time of the \(label) on the 24-hour clock, like 12:00 or 17:30")
            return nil
        }
        guard let day else {
            if v.errors[date.name] == nil { v.fail(date.name, "Enter the date of the \(label)") }
            return nil
        }
        switch LondonTime.reading(day, hour: hour, minute: minute) {
        case .exactly(let moment): return moment
        case .skipped:
            v.fail(time.name, "\(text) did not happen in London on \(day.long): the clocks went forward. Choose another time")
        case .twice:
            v.fail(time.name, "\(text) happened twice in London on \(day.long): the clocks went back. Choose another time")
        }
        return nil
    }

    /// "72262000-9": eight digits, a hyphen and a check digit, as the CPV writes its codes.
    static func cpvCodes(_ text: String) -> [String]? {
        let codes = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).map(String.init)
        guard codes.allSatisfy({ $0.wholeMatch(of: /[0-9]{8}-[0-9]/) != nil }) else { return nil }
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }
}

extension Exercise: Versioned {
    var auditFields: [String: String] {
        [
            "reference": reference, "title": title, "advert": advert, "engagement": engagement, "disclaimer": disclaimer,
            "contact": contact, "scope": scopeJSON, "benefits": benefitsJSON, "status": status.rawValue,
            "publication date": publishOn ?? "", "clarification deadline": clarificationDeadline.map(LondonTime.iso) ?? "",
            "response deadline": responseDeadline.map(LondonTime.iso) ?? "",
            "evaluation": [evaluationFrom ?? "", evaluationTo ?? ""].joined(separator: " to "),
            "interviews": [interviewFrom ?? "", interviewTo ?? ""].joined(separator: " to "),
            "decision": decisionOn ?? "", "cancelled because": cancelledReason ?? "",
        ]
    }

    /// The details form's fields, as the form shows them.
    var currentInput: [String: InputValue] {
        func local(_ date: Date?) -> (String, String) {
            guard let date else { return ("", "") }
            let f = LondonTime.fields(date)
            return (Day.london(date).iso, (f.hour < 10 ? "0" : "") + "\(f.hour):" + (f.minute < 10 ? "0" : "") + "\(f.minute)")
        }
        let clarification = local(clarificationDeadline), deadline = local(responseDeadline)
        return [
            "reference": .text(reference), "title": .text(title), "advert": .text(advert), "engagement": .text(engagement),
            "disclaimer": .text(disclaimer), "contact": .text(contact), "publishOn": .text(publishOn ?? ""),
            "clarificationDate": .text(clarification.0), "clarificationTime": .text(clarification.1),
            "deadlineDate": .text(deadline.0), "deadlineTime": .text(deadline.1),
            "evaluationFrom": .text(evaluationFrom ?? ""), "evaluationTo": .text(evaluationTo ?? ""),
            "interviewFrom": .text(interviewFrom ?? ""), "interviewTo": .text(interviewTo ?? ""), "decisionOn": .text(decisionOn ?? ""),
        ]
    }

    /// Whether the notice can still be changed at `now`: a draft, or published and not yet closed.
    func isEditable(at now: Date) -> Bool {
        status == .draft || stage(at: now) == .open
    }
}

/// The writes. Each takes the request's actor and clock, and runs in one audited transaction.
enum ExerciseWrites {
    /// The late-change rule: a change to a published notice made within `days` working days of
    /// the deadline must come after an extension that leaves at least that many. Nil if the
    /// change may go ahead, else the message to show.
    static func lateChange(_ exercise: Exercise, at now: Date, days: Int, calendar: WorkingDays) -> String? {
        guard exercise.status == .published, let deadline = exercise.responseDeadline, days > 0 else { return nil }
        let today = Day.london(now), last = Day.london(deadline)
        let left = calendar.count(after: today, through: last)
        guard left < days else { return nil }
        let earliest = calendar.day(days, after: today)
        return "The response deadline is \(left == 1 ? "1 working day" : "\(left) working days") away. A change to the notice now must leave respondents at least \(days) working days: extend the deadline to \(earliest.long) or later first"
    }

    /// The late-change rule for a service's profile: nil if no open exercise has the service in
    /// scope within its last working days, else the message naming the exercise.
    static func lateProfileChange(service: UUID, at now: Date, days: Int, on tx: any Database) async throws -> String? {
        guard days > 0 else { return nil }
        let open = try await Exercise.query(on: tx).filter(\.$status == .published).all()
            .filter { $0.stage(at: now) == .open && $0.scope.contains { $0.service == service } }
        guard !open.isEmpty else { return nil }
        let calendar = try await WorkingDays.read(on: tx.sql)
        for e in open {
            if let late = lateChange(e, at: now, days: days, calendar: calendar) {
                return "This service is in the scope of \(e.reference), whose respondents read its profile. \(late)"
            }
        }
        return nil
    }

    /// Makes a draft from the details form.
    static func create(from input: FormInput, on req: Request) async throws -> Exercise {
        let exercise = Exercise()
        try await req.createAudited(exercise, from: input, action: "exercise.create") { e, v, tx in
            try await applyDetails(e, &v, on: tx)
        }
        return exercise
    }

    /// Changes the notice and its dates.
    static func updateDetails(_ id: UUID, from input: FormInput, on req: Request) async throws -> Exercise {
        try await edit(id, input, on: req, action: "exercise.update") { e, v, tx in try await applyDetails(e, &v, on: tx) }
    }

    /// Sets the services in scope and their CPV codes: `service-<id>` checked, `cpv-<id>` codes.
    static func updateScope(_ id: UUID, from input: FormInput, on req: Request) async throws -> Exercise {
        try await edit(id, input, on: req, action: "exercise.scope") { e, v, tx in
            let services = try await Service.query(on: tx).all(\.$id)
            var scope: [Exercise.ScopeItem] = []
            for service in services {
                let key = service.lowercasedString
                v.accept("service-" + key)
                guard !v.input["service-" + key].isEmpty else {
                    v.accept("cpv-" + key)
                    continue
                }
                let text = v.text(FieldRule("cpv-" + key, "CPV codes", .text(max: 200), required: false))
                guard v.errors["cpv-" + key] == nil else { continue }
                guard let codes = ExerciseRules.cpvCodes(text), codes.count <= ExerciseRules.maxCPV else {
                    v.fail("cpv-" + key, "Enter up to \(ExerciseRules.maxCPV) CPV codes like 72262000-9, separated by commas")
                    continue
                }
                scope.append(.init(service: service, cpv: codes))
            }
            if scope.isEmpty && e.status != .draft { v.fail("scope", "Select at least one service: a published notice must have a scope") }
            try v.throwIfInvalid()
            e.scope = scope
        }
    }

    /// Sets the benefits sought: `benefit-N` the text, `benefit-N-objective-K` each objective it serves.
    static func updateBenefits(_ id: UUID, from input: FormInput, on req: Request) async throws -> Exercise {
        try await edit(id, input, on: req, action: "exercise.benefits") { e, v, tx in
            let numbers = Set(try await Objective.query(on: tx).all(\.$number))
            var benefits: [Exercise.Benefit] = []
            for n in 1...ExerciseRules.maxBenefits {
                let name = "benefit-\(n)"
                let text = v.text(FieldRule(name, "Benefit \(n)", .text(max: 1_000), required: false))
                let objectives = (1...20).filter { k in
                    v.accept("\(name)-objective-\(k)")
                    return !v.input["\(name)-objective-\(k)"].isEmpty
                }
                guard v.errors[name] == nil, !text.isEmpty else { continue }
                if objectives.isEmpty { v.fail(name, "Select the objectives benefit \(n) serves") }
                else if !objectives.allSatisfy(numbers.contains) { v.fail(name, "Select objectives that exist") }
                benefits.append(.init(text: text, objectives: objectives))
            }
            if benefits.isEmpty && e.status != .draft { v.fail("benefit-1", "Enter at least one benefit: a published notice must say what it seeks") }
            try v.throwIfInvalid()
            e.benefits = benefits
        }
    }

    /// An edit of the exercise under its version, refused if it is closed, cancelled or past;
    /// a change to a published notice is checked against the late-change rule and released.
    private static func edit(
        _ id: UUID, _ input: FormInput, on req: Request, action: String,
        _ apply: @escaping @Sendable (Exercise, inout Validator, any Database) async throws -> Void
    ) async throws -> Exercise {
        let now = req.now, days = req.application.settings.lateChangeWorkingDays
        return try await req.editAudited(Exercise.self, id, from: input) { e, v, tx in
            guard e.isEditable(at: now) else {
                v.conflict("version", "This exercise is \(e.stage(at: now).label.lowercased()): its notice can no longer be changed")
                try v.throwIfInvalid()
                return action
            }
            let before = e.auditFields
            try await apply(e, &v, tx)
            try v.throwIfInvalid()
            let changed = Set(e.auditFields.filter { before[$0.key] != $0.value }.keys).intersection(ExerciseRules.noticeFields)
            if e.status == .published, !changed.isEmpty {
                if let late = lateChange(e, at: now, days: days, calendar: try await WorkingDays.read(on: tx.sql)) {
                    let field = changed.contains("scope") ? "scope" : changed.contains("benefits") ? "benefit-1"
                        : ExerciseRules.details.first { changed.contains(NoticeSnapshot.auditName($0.name)) }?.name ?? "title"
                    v.conflict(field, late)
                    try v.throwIfInvalid()
                }
                try await release(e, summary: "The notice was changed: " + changed.sorted().joined(separator: ", ") + ".", at: now, on: tx)
            }
            return action
        }
    }

    private static func applyDetails(_ e: Exercise, _ v: inout Validator, on tx: any Database) async throws {
        typealias R = ExerciseRules
        let reference = v.text(R.reference)
        if v.errors[R.reference.name] == nil, reference.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9-]*/) == nil {
            v.fail(R.reference.name, "Reference must be letters, digits and hyphens, like SLF-2003-SPP")
        }
        let title = v.text(R.title), advert = v.text(R.advert), engagement = v.text(R.engagement)
        let disclaimer = v.text(R.disclaimer), contact = v.text(R.contact)
        let publishOn = R.day(&v, R.publishOn)
        let clarification = R.moment(&v, date: R.clarificationDate, time: R.clarificationTime, label: "clarification deadline")
        let deadline = R.moment(&v, date: R.deadlineDate, time: R.deadlineTime, label: "response deadline")
        let windows = Windows.read(&v)

        if e.status != .draft {
            if reference != e.reference, v.errors[R.reference.name] == nil {
                v.conflict(R.reference.name, "The reference cannot change once the notice is published: respondents quote it")
            }
            if deadline != e.responseDeadline, v.errors[R.deadlineDate.name] == nil, v.errors[R.deadlineTime.name] == nil {
                v.conflict(R.deadlineDate.name, "Once the notice is published the response deadline moves only by an extension, with its reason, which everyone is told")
            }
        }
        checkOrder(&v, publishOn: publishOn, clarification: clarification, deadline: deadline, windows: windows)
        if v.errors[R.reference.name] == nil,
           try await Exercise.query(on: tx).filter(\.$reference == reference).filter(\.$id != e.id ?? UUID()).count() > 0 {
            v.conflict(R.reference.name, "Another exercise has the reference \(reference)")
        }
        try v.throwIfInvalid()
        e.reference = reference
        e.title = title
        e.advert = advert
        e.engagement = engagement
        e.disclaimer = disclaimer
        e.contact = contact
        e.publishOn = publishOn?.iso
        e.clarificationDeadline = clarification
        e.responseDeadline = deadline
        windows.write(to: e)
    }

    /// The days after the deadline: the evaluation and interview windows and the decision.
    struct Windows {
        var evaluationFrom, evaluationTo, interviewFrom, interviewTo, decisionOn: Day?

        static func read(_ v: inout Validator) -> Windows {
            typealias R = ExerciseRules
            return Windows(evaluationFrom: R.day(&v, R.evaluationFrom), evaluationTo: R.day(&v, R.evaluationTo),
                           interviewFrom: R.day(&v, R.interviewFrom), interviewTo: R.day(&v, R.interviewTo), decisionOn: R.day(&v, R.decisionOn))
        }

        func write(to e: Exercise) {
            e.evaluationFrom = evaluationFrom?.iso
            e.evaluationTo = evaluationTo?.iso
            e.interviewFrom = interviewFrom?.iso
            e.interviewTo = interviewTo?.iso
            e.decisionOn = decisionOn?.iso
        }
    }

    /// The dates in the order an exercise runs.
    static func checkOrder(_ v: inout Validator, publishOn: Day?, clarification: Date?, deadline: Date?, windows w: Windows) {
        typealias R = ExerciseRules
        let deadlineDay = deadline.map(Day.london)
        if let clarification, let deadline, clarification >= deadline {
            v.fail(R.clarificationDate.name, "The clarification deadline must be before the response deadline")
        }
        if let publishOn, let deadlineDay, publishOn > deadlineDay {
            v.fail(R.publishOn.name, "The publication date must be on or before the response deadline")
        }
        if let from = w.evaluationFrom, let deadlineDay, from <= deadlineDay {
            v.fail(R.evaluationFrom.name, "Evaluation starts after the response deadline (\(deadlineDay.long))")
        }
        if let from = w.evaluationFrom, let to = w.evaluationTo, to < from { v.fail(R.evaluationTo.name, "Evaluation must end on or after it starts") }
        if let from = w.interviewFrom, let deadlineDay, from <= deadlineDay {
            v.fail(R.interviewFrom.name, "Interviews start after the response deadline (\(deadlineDay.long))")
        }
        if let from = w.interviewFrom, let to = w.interviewTo, to < from { v.fail(R.interviewTo.name, "Interviews must end on or after they start") }
        if (w.interviewFrom == nil) != (w.interviewTo == nil) {
            v.fail(w.interviewFrom == nil ? R.interviewFrom.name : R.interviewTo.name, "Enter both days of the interview window, or neither")
        }
        if (w.evaluationFrom == nil) != (w.evaluationTo == nil) {
            v.fail(w.evaluationFrom == nil ? R.evaluationFrom.name : R.evaluationTo.name, "Enter both days of the evaluation window, or neither")
        }
        if let decision = w.decisionOn, let deadlineDay, decision <= deadlineDay {
            v.fail(R.decisionOn.name, "The decision comes after the response deadline (\(deadlineDay.long))")
        }
    }

    /// What a draft lacks before it can be published, as (where to fix it, message).
    static func missing(_ e: Exercise, at now: Date, days: Int, calendar: WorkingDays) -> [(field: String, message: String)] {
        var out: [(String, String)] = []
        if e.advert.isEmpty { out.append(("advert", "Enter the advertisement")) }
        if e.engagement.isEmpty { out.append(("engagement", "Say how engagement will be carried out")) }
        if e.disclaimer.isEmpty { out.append(("disclaimer", "Enter the disclaimer")) }
        if e.contact.isEmpty { out.append(("contact", "Enter a contact")) }
        if e.clarificationDeadline == nil { out.append(("clarificationDate", "Enter the clarification deadline")) }
        if let deadline = e.responseDeadline {
            if deadline <= now {
                out.append(("deadlineDate", "The response deadline has passed: set one in the future"))
            } else if calendar.count(after: Day.london(now), through: Day.london(deadline)) < days {
                out.append(("deadlineDate", "The response deadline must leave respondents at least \(days) working days from publication: \(calendar.day(days, after: Day.london(now)).long) or later"))
            }
        } else {
            out.append(("deadlineDate", "Enter the response deadline"))
        }
        if e.scope.isEmpty { out.append(("scope", "Select the services in scope")) }
        if e.scope.contains(where: { $0.cpv.isEmpty }) { out.append(("scope", "Give every service in scope at least one CPV code")) }
        if e.benefits.isEmpty { out.append(("benefits", "Enter the benefits sought")) }
        return out
    }

    /// Publishes a draft, if it is complete: the notice is public from now, release 1.
    static func publish(_ id: UUID, version: Int, on req: Request) async throws -> Exercise {
        let now = req.now, days = req.application.settings.lateChangeWorkingDays, actor = req.actor
        let input = FormInput(["version": String(version)])
        return try await req.editAudited(Exercise.self, id, from: input) { e, v, tx in
            guard e.status == .draft else {
                v.conflict("version", "This exercise is already \(e.stage(at: now).label.lowercased())")
                try v.throwIfInvalid()
                return "exercise.publish"
            }
            let calendar = try await WorkingDays.read(on: tx.sql)
            for (field, message) in missing(e, at: now, days: days, calendar: calendar) { v.conflict(field, message) }
            let questionnaire = try await Questionnaire.query(on: tx).filter(\.$exercise.$id == e.id!).first()
            if questionnaire?.content.questions.isEmpty ?? true { v.conflict("questionnaire", "Write the questionnaire: it has no questions yet") }
            try v.throwIfInvalid()
            e.status = .published
            e.publishedAt = now
            try await release(e, summary: "The notice was published.", at: now, on: tx)
            // The questionnaire is published with the notice, as version 1.
            _ = try await QuestionnaireWrites.record(questionnaire!, exercise: e, changes: [], at: now, by: actor, on: tx)
            return "exercise.publish"
        }
    }

    /// Moves the response deadline later, for everyone, with a reason. Only while open.
    static func extend(_ id: UUID, from input: FormInput, on req: Request) async throws -> Exercise {
        let now = req.now, actor = req.actor, base = req.application.settings.publicURL
        return try await req.editAudited(Exercise.self, id, from: input) { e, v, tx in
            let deadline = ExerciseRules.moment(&v, date: ExerciseRules.deadlineDate, time: ExerciseRules.deadlineTime, label: "new response deadline")
            let reason = v.text(ExerciseRules.reason)
            // The days after the deadline move with it, in the same step.
            let windows = Windows.read(&v)
            guard e.status == .published, let previous = e.responseDeadline, now < previous else {
                v.conflict("version", "Only an open exercise's deadline can be extended; this one is \(e.stage(at: now).label.lowercased())")
                try v.throwIfInvalid()
                return "exercise.extend"
            }
            if v.errors[ExerciseRules.deadlineDate.name] == nil, v.errors[ExerciseRules.deadlineTime.name] == nil {
                if deadline == nil { v.fail(ExerciseRules.deadlineDate.name, "Enter the new response deadline") }
                else if let deadline, deadline <= previous {
                    v.fail(ExerciseRules.deadlineDate.name, "The new deadline must be after the present one, \(LondonTime.dateTime(previous))")
                }
            }
            if let deadline { checkOrder(&v, publishOn: nil, clarification: nil, deadline: deadline, windows: windows) }
            try v.throwIfInvalid()
            guard let deadline else { return "exercise.extend" }
            e.responseDeadline = deadline
            windows.write(to: e)
            let ext = DeadlineExtension(exerciseID: e.id!, from: previous, to: deadline, reason: reason, at: now)
            try await ext.create(on: tx)
            try await AuditTrail.record("deadline-extension.create", ext, before: nil, by: actor, at: now, on: tx)
            try await release(e, summary: "The response deadline was extended from \(LondonTime.dateTime(previous)) to \(LondonTime.dateTime(deadline)): \(reason)", at: now, on: tx)
            // Everyone with a draft or a response is told.
            for person in try await Respondents.people(e.id!, on: tx) {
                try await Outbox.enqueue(Email(kind: "deadline-extension", to: person.email, subject: "The deadline for \(e.reference) is extended", paragraphs: [
                    "The council has extended the response deadline of “\(e.title)” (\(e.reference)) from \(LondonTime.dateTime(previous)) to \(LondonTime.dateTime(deadline)).",
                    "Reason: \(reason)",
                ], link: base + SiteURL.notice(.value(e.reference)).path), at: now, on: tx)
            }
            return "exercise.extend"
        }
    }

    /// Cancels an exercise that has not concluded, with a reason shown on the notice.
    static func cancel(_ id: UUID, from input: FormInput, on req: Request) async throws -> Exercise {
        let now = req.now
        return try await req.editAudited(Exercise.self, id, from: input) { e, v, tx in
            let reason = v.text(ExerciseRules.reason)
            guard e.status != .concluded, e.status != .cancelled else {
                v.conflict("version", "This exercise is \(e.stage(at: now).label.lowercased()) and cannot be cancelled")
                try v.throwIfInvalid()
                return "exercise.cancel"
            }
            try v.throwIfInvalid()
            let wasPublic = e.status != .draft
            e.status = .cancelled
            e.cancelledReason = reason
            if wasPublic { try await release(e, summary: "The exercise was cancelled: \(reason)", at: now, on: tx) }
            return "exercise.cancel"
        }
    }

    /// Records the notice as it now stands as its next release.
    static func release(_ e: Exercise, summary: String, at now: Date, on tx: any Database) async throws {
        let last = try await NoticeRelease.query(on: tx).filter(\.$exercise.$id == e.id!).max(\.$number) ?? 0
        let r = NoticeRelease()
        r.$exercise.id = e.id!
        r.number = last + 1
        r.releasedAt = now
        r.summary = summary
        r.snapshot = try await NoticeSnapshot.make(e, on: tx).json
        try await r.create(on: tx)
    }
}

/// The public notice's content at one moment, as stored with each release.
struct NoticeSnapshot: Codable, Sendable, Equatable {
    struct Lot: Codable, Sendable, Equatable {
        var area: String
        var services: [ScopeService]
    }
    struct ScopeService: Codable, Sendable, Equatable {
        var id: UUID
        var name: String
        var slug: String
        var published: Bool
        var cpv: [String]
    }

    var reference: String
    var title: String
    var advert: String
    var engagement: String
    var disclaimer: String
    var contact: String
    var status: String
    var lots: [Lot]
    var benefits: [Exercise.Benefit]
    var publishOn: String?
    var publishedAt: Date?
    var clarificationDeadline: Date?
    var responseDeadline: Date?
    var evaluationFrom: String?
    var evaluationTo: String?
    var interviewFrom: String?
    var interviewTo: String?
    var decisionOn: String?
    var cancelledReason: String?

    /// The audit name of a details field, to say which field a late change touched.
    static func auditName(_ field: String) -> String {
        switch field {
        case "clarificationDate", "clarificationTime": "clarification deadline"
        case "evaluationFrom", "evaluationTo": "evaluation"
        case "interviewFrom", "interviewTo": "interviews"
        case "decisionOn": "decision"
        default: field
        }
    }

    /// The scope as lots: one per service area, in the catalogue's order.
    static func lots(_ scope: [Exercise.ScopeItem], on sql: any SQLDatabase) async throws -> [Lot] {
        guard !scope.isEmpty else { return [] }
        let cpv = Dictionary(scope.map { ($0.service, $0.cpv) }, uniquingKeysWith: { a, _ in a })
        let rows = try await sql.raw("""
            SELECT s.id, s.name, s.slug, s.status, d.name AS area FROM services s JOIN divisions d ON d.id = s.division_id
            ORDER BY d.position, s.position
            """).all()
        var lots: [Lot] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let codes = cpv[id] else { continue }
            let area = try row.decode(column: "area", as: String.self)
            let service = ScopeService(id: id, name: try row.decode(column: "name", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                                       published: try row.decode(column: "status", as: String.self) == "published", cpv: codes)
            if lots.last?.area == area { lots[lots.count - 1].services.append(service) } else { lots.append(Lot(area: area, services: [service])) }
        }
        return lots
    }

    static func make(_ e: Exercise, on db: any Database) async throws -> NoticeSnapshot {
        try await make(e, sql: db.sql)
    }

    static func make(_ e: Exercise, sql: any SQLDatabase) async throws -> NoticeSnapshot {
        NoticeSnapshot(reference: e.reference, title: e.title, advert: e.advert, engagement: e.engagement, disclaimer: e.disclaimer,
                       contact: e.contact, status: e.status.rawValue, lots: try await lots(e.scope, on: sql), benefits: e.benefits,
                       publishOn: e.publishOn, publishedAt: e.publishedAt, clarificationDeadline: e.clarificationDeadline, responseDeadline: e.responseDeadline,
                       evaluationFrom: e.evaluationFrom, evaluationTo: e.evaluationTo, interviewFrom: e.interviewFrom, interviewTo: e.interviewTo,
                       decisionOn: e.decisionOn, cancelledReason: e.cancelledReason)
    }

    var json: String { sortedJSONText(self) }
}
