import Fluent
import Vapor

/// An organisation chosen for interview, with why.
final class ShortlistEntry: Model, @unchecked Sendable {
    static let schema = "shortlist_entries"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "reason") var reason: String
    @Field(key: "added_at") var addedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $organisation, $reason, $addedAt] }

    init() { version = 1 }
}

extension ShortlistEntry: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "organisation": $organisation.id.lowercasedString, "reason": reason]
    }
    var currentInput: [String: InputValue] { [:] }
}

/// An interview with a shortlisted organisation: when (inside the exercise's interview window),
/// where, who from the panel sits on it, and afterwards its notes and outcome.
final class Interview: Model, @unchecked Sendable {
    static let schema = "interviews"

    enum Outcome: String, Codable, Sendable, CaseIterable {
        case furtherDiscussion = "further-discussion", noFurtherDiscussion = "no-further-discussion", withdrew
        var label: String {
            switch self {
            case .furtherDiscussion: "Invited to further discussion"
            case .noFurtherDiscussion: "No further discussion"
            case .withdrew: "The organisation withdrew"
            }
        }
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "minutes") var minutes: Int
    @Field(key: "place") var place: String
    /// The panel members (user ids) who sit on it, as JSON.
    @Field(key: "panel") var panelJSON: String
    @Field(key: "notes") var notes: String
    @OptionalField(key: "outcome") var outcome: Outcome?

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $organisation, $startsAt, $minutes, $place, $panelJSON, $notes, $outcome] }

    init() { version = 1; notes = ""; panelJSON = "[]" }

    var panel: [UUID] {
        get { (try? JSONDecoder().decode([UUID].self, from: Data(panelJSON.utf8))) ?? [] }
        set { panelJSON = sortedJSONText(newValue.map(\.lowercasedString).sorted(), orEmpty: "[]") }
    }

    var endsAt: Date { startsAt.addingTimeInterval(Double(minutes * 60)) }
}

extension Interview: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "organisation": $organisation.id.lowercasedString, "starts at": LondonTime.iso(startsAt),
         "minutes": String(minutes), "place": place, "panel": panelJSON, "notes": notes, "outcome": outcome?.rawValue ?? ""]
    }
    var currentInput: [String: InputValue] {
        ["notes": .text(notes), "outcome": .text(outcome?.rawValue ?? "")]
    }
}

struct CreateInterviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ShortlistEntry.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("reason", .string, .required)
            .field("added_at", .datetime, .required)
            .unique(on: "exercise_id", "organisation_id")
            .create()
        try await database.schema(Interview.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("starts_at", .datetime, .required)
            .field("minutes", .int, .required)
            .field("place", .string, .required)
            .field("panel", .string, .required)
            .field("notes", .string, .required)
            .field("outcome", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Interview.schema).delete()
        try await database.schema(ShortlistEntry.schema).delete()
    }
}

/// The shortlist and the interviews: the rules, for pages and API alike.
enum Interviews {
    static let organisation = FieldRule("organisation", "The organisation to shortlist", .reference)
    /// The schedule form's organisation (its own name: both forms are on one page).
    static let interviewee = FieldRule("interviewee", "The organisation to interview", .reference)
    static let reason = FieldRule("reason", "Why it is shortlisted", .text(max: 2_000), required: false)
    static let date = FieldRule("date", "The date", .line(max: 10))
    static let time = FieldRule("time", "The time", .line(max: 5))
    static let minutes = FieldRule("minutes", "How long, in minutes", .integer(15...480))
    static let place = FieldRule("place", "Where", .line(max: 200))
    static let notes = FieldRule("notes", "Notes of the interview", .text(max: 20_000), required: false)
    static let outcome = FieldRule.choice("outcome", "the outcome", Interview.Outcome.self, required: false)
    static func panelField(_ user: UUID) -> String { "panel-\(user.lowercasedString)" }

    struct Member: Sendable { var id: UUID; var name: String }

    /// Reads an interview's time, place and panel; checks the window, the shortlist and that no
    /// panel member is already interviewing then (in any exercise), inside the transaction.
    static func schedule(_ i: Interview, _ v: inout Validator, exercise e: Exercise, panel: [Member], shortlisted: Set<UUID>, on tx: any Database) async throws {
        var organisation: UUID?
        if let o = v.reference(Self.interviewee) {
            if shortlisted.contains(o) { i.$organisation.id = o; organisation = o }
            else { v.conflict(Self.interviewee.name, "Shortlist the organisation before scheduling its interview") }
        }
        let dateText = v.text(Self.date), timeText = v.text(Self.time)
        let minutes = v.integer(Self.minutes)
        i.place = v.text(Self.place)
        var chosen: [UUID] = []
        for m in panel {
            v.accept(panelField(m.id))
            if !TextRules.trimmed(v.input[panelField(m.id)]).isEmpty { chosen.append(m.id) }
        }
        if panel.isEmpty { v.conflict(Self.interviewee.name, "The exercise has no evaluation panel yet: put one together first") }
        if chosen.isEmpty, let first = panel.first { v.fail(panelField(first.id), "Choose at least one member of the panel to sit on the interview") }
        // Nobody sits on the interview of an organisation they declared a conflict with.
        if let organisation, !chosen.isEmpty {
            let conflicted = Set(try await Declaration.query(on: tx).filter(\.$exercise.$id == e.id!).filter(\.$organisation.$id == organisation)
                .filter(\.$conflict == true).all(\.$evaluator.$id))
            for m in panel where chosen.contains(m.id) && conflicted.contains(m.id) {
                v.conflict(panelField(m.id), "\(m.name) declared a conflict of interest with this organisation, so cannot sit on its interview")
            }
        }
        i.panel = chosen
        var day: Day?
        if v.errors[Self.date.name] == nil {
            day = Day(iso: dateText)
            if day == nil { v.fail(Self.date.name, "Enter the date as year, month and day, like 2003-05-06") }
        }
        if let d = day, let from = e.interviewFrom.flatMap(Day.init(iso:)), let to = e.interviewTo.flatMap(Day.init(iso:)), !(from...to).contains(d) {
            v.fail(Self.date.name, "The interview must be inside the exercise’s interview window, \(LondonTime.date(SalfordExercise.london(from.iso, 12))) to \(LondonTime.date(SalfordExercise.london(to.iso, 12)))")
        } else if day != nil, e.interviewFrom == nil || e.interviewTo == nil {
            v.fail(Self.date.name, "The exercise has no interview window: set its key dates first")
        }
        var hour = 0, minute = 0
        if v.errors[Self.time.name] == nil {
            if let m = timeText.wholeMatch(of: /([01]?\d|2[0-3]):([0-5]\d)/) { hour = Int(m.1)!; minute = Int(m.2)! }
            else { v.fail(Self.time.name, "Enter the time on the 24-hour clock, like 14:30") }
        }
        guard let day, v.errors[Self.time.name] == nil, let minutes else { return }
        switch LondonTime.reading(day, hour: hour, minute: minute) {
        case .exactly(let date), .twice(let date, _): i.startsAt = date
        case .skipped: v.fail(Self.time.name, "That time does not exist in London on that day: the clocks go forward"); return
        }
        i.minutes = minutes
        // It ends inside the window too: not past midnight after its last day.
        let end = LondonTime.fields(i.endsAt.addingTimeInterval(-1))
        if let to = e.interviewTo.flatMap(Day.init(iso:)), let last = Day(year: end.year, month: end.month, day: end.day), last > to {
            v.fail(Self.time.name, "The interview must end inside the exercise’s interview window, by midnight at the end of \(LondonTime.date(SalfordExercise.london(to.iso, 12)))")
        }
        guard v.errors.isEmpty else { return }
        // No panel member in two interviews at once, in this exercise or any other.
        let others = try await Interview.query(on: tx).filter(\.$startsAt < i.endsAt).all()
            .filter { $0.id != i.id && $0.endsAt > i.startsAt }
        for other in others {
            let both = Set(other.panel).intersection(chosen)
            if let clash = both.first, let name = panel.first(where: { $0.id == clash })?.name {
                v.conflict(panelField(clash), "\(name) is already interviewing from \(LondonTime.dateTime(other.startsAt)) to \(LondonTime.dateTime(other.endsAt))")
            }
        }
    }
}
