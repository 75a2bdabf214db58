import Fluent
import SQLKit
import Vapor

/// One evaluator's scores for one organisation's response: a score on the scale and its
/// rationale for each criterion scored so far. The evaluator's own until they submit all their
/// scores (`PanelMember.submittedAt`); then locked, and seen by the moderator and, once they have
/// submitted too, by the other evaluators.
final class ScoreSheet: Model, @unchecked Sendable {
    static let schema = "score_sheets"

    struct Mark: SheetEntry {
        var criterion: Int
        var score: Int
        var rationale: String
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "user_id") var evaluator: User
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "marks") var entriesJSON: String
    /// The scores alone, "1:4,2:3", kept with the marks: what the busy pages read.
    @Field(key: "scores") var scoresText: String
    @Field(key: "updated_at") var updatedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $evaluator, $organisation, $entriesJSON, $scoresText, $updatedAt] }

    init() { version = 1; entriesJSON = "[]"; scoresText = "" }

    var marks: [Mark] { entries }

    func mark(_ criterion: Int) -> Mark? { marks.first { $0.criterion == criterion } }
}

extension ScoreSheet: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "evaluator": $evaluator.id.lowercasedString,
         "organisation": $organisation.id.lowercasedString, "marks": entriesJSON]
    }
    var currentInput: [String: InputValue] { [:] }
}

/// The moderator's agreed score for each criterion of one organisation's response, each with its
/// reason. The evaluators' own scores stay as they were submitted, beside these.
final class ModerationSheet: Model, @unchecked Sendable {
    static let schema = "moderations"

    struct Consensus: SheetEntry {
        var criterion: Int
        var score: Int
        var reason: String
    }

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Parent(key: "organisation_id") var organisation: SupplierOrganisation
    @Field(key: "moderator_id") var moderatorID: UUID
    @Field(key: "consensus") var entriesJSON: String
    /// The agreed scores alone, "1:4,2:3", kept with them: what the busy pages read.
    @Field(key: "scores") var scoresText: String
    @Field(key: "updated_at") var updatedAt: Date

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $organisation, $moderatorID, $entriesJSON, $scoresText, $updatedAt] }

    init() { version = 1; entriesJSON = "[]"; scoresText = "" }

    var consensus: [Consensus] { entries }
}

extension ModerationSheet: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "organisation": $organisation.id.lowercasedString,
         "moderator": moderatorID.lowercasedString, "consensus": entriesJSON]
    }
    var currentInput: [String: InputValue] { [:] }
}

/// One entry of a sheet: an evaluator's mark or an agreed score, for one criterion.
protocol SheetEntry: Codable, Sendable, Equatable {
    var criterion: Int { get }
    var score: Int { get }
}

/// A record of one entry a criterion, kept as JSON: an evaluator's score sheet, the moderator's
/// agreed scores for a response.
protocol CriterionSheet: Versioned {
    associatedtype Entry: SheetEntry
    var entriesJSON: String { get set }
    var scoresText: String { get set }
    var updatedAt: Date { get set }
}

extension CriterionSheet {
    var entries: [Entry] {
        get { (try? JSONDecoder().decode([Entry].self, from: Data(entriesJSON.utf8))) ?? [] }
        set {
            let sorted = newValue.sorted { $0.criterion < $1.criterion }
            entriesJSON = sortedJSONText(sorted, orEmpty: "[]")
            scoresText = sorted.map { "\($0.criterion):\($0.score)" }.joined(separator: ",")
        }
    }

    /// "1:4,2:3" as criterion → score (for a criterion given twice, the last).
    static func scores(_ text: String) -> [Int: Int] {
        var out: [Int: Int] = [:]
        out.reserveCapacity(8)
        forEachScore(text) { out[$0] = $1 }
        return out
    }

    /// Calls `body` with each criterion and score of the compact scores ("1:4,2:3"), in order,
    /// read byte by byte: the busy pages read thousands a request. A malformed pair is skipped.
    static func forEachScore(_ text: String, _ body: (_ criterion: Int, _ score: Int) -> Void) {
        var criterion = 0, score = 0, criterionDigits = 0, digits = 0, afterColon = false, broken = false
        func finish() {
            if afterColon && criterionDigits > 0 && digits > 0 && !broken { body(criterion, score) }
            criterion = 0; score = 0; criterionDigits = 0; digits = 0; afterColon = false; broken = false
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if broken { continue }   // a number too long to be a score: the pair is skipped, never overflowed
                let d = Int(b - UInt8(ascii: "0"))
                if afterColon { score = score * 10 + d; digits += 1 } else { criterion = criterion * 10 + d; criterionDigits += 1 }
                if criterion > 1_000_000 || score > 1_000_000 { broken = true }
            case UInt8(ascii: ":"):
                if afterColon { broken = true }
                afterColon = true
            case UInt8(ascii: ","):
                finish()
            default:
                broken = true
            }
        }
        finish()
    }

    /// Lays `changes` (for each criterion named, its new entry or nil to clear it) over `existing`,
    /// or over a new sheet that `make` starts, and saves it with its audit event (`<prefix>.record`
    /// for a new sheet, `<prefix>.change` after). Refused as stale if `seen` is not the stored
    /// version (0 for none); an edit that changes nothing writes nothing.
    static func write(_ changes: [Int: Entry?], over existing: Self?, seen: Int?, make: () -> Self, touch: (Self) -> Void = { _ in },
                      events prefix: String, by actor: Actor, at now: Date, on tx: any Database) async throws -> Self {
        if let seen, seen != (existing?.version ?? 0) { throw StaleEdit(seen: seen, current: existing?.version ?? 0) }
        let sheet = existing ?? make()
        let before = existing?.auditFields
        touch(sheet)
        var all = Dictionary(sheet.entries.map { ($0.criterion, $0) }) { a, _ in a }
        for (criterion, entry) in changes { all[criterion] = entry }
        sheet.entries = Array(all.values)
        guard existing == nil || sheet.auditFields != before else { return sheet }
        sheet.updatedAt = now
        if existing == nil {
            try await sheet.create(on: tx)
        } else {
            sheet.version += 1
            try await sheet.save(on: tx)
        }
        try await AuditTrail.record(existing == nil ? "\(prefix).record" : "\(prefix).change", sheet, before: before, by: actor, at: now, on: tx)
        return sheet
    }
}

extension ScoreSheet: CriterionSheet { typealias Entry = Mark }
extension ModerationSheet: CriterionSheet { typealias Entry = Consensus }

extension ModerationSheet {
    /// The agreed scores alone, without their reasons, by organisation: one narrow read.
    static func agreedScores(_ exerciseID: UUID, on sql: any SQLDatabase) async throws -> [UUID: [Int: Int]] {
        Dictionary(try await sql.select().column("organisation_id").column("scores").from(schema)
            .where("exercise_id", .equal, exerciseID).all()
            .map { row in (try row.decodeID("organisation_id"), scores(try row.decode(column: "scores", as: String.self))) }) { a, _ in a }
    }
}

/// The busy pages read each sheet's compact scores, never its marks and reasons: indexes holding
/// exactly those columns let the database answer from the index alone. (SQLite otherwise reads
/// every sheet's whole row, its rationales included, to reach the scores stored after them.)
struct IndexSheetScores: IndexesMigration {
    static let indexes = [
        ("score_sheets_scores", ScoreSheet.schema, "exercise_id, user_id, organisation_id, scores"),
        ("moderations_scores", ModerationSheet.schema, "exercise_id, organisation_id, scores"),
    ]
}

/// Every results page asks which evaluators declared a conflict with which organisations: a few
/// among thousands of declarations, which without this index are each read to find them.
struct IndexDeclaredConflicts: IndexesMigration {
    static let indexes = [("declarations_conflicts", Declaration.schema, "exercise_id, conflict, user_id, organisation_id")]
}

/// A sheet's form: for each criterion a score (`score-n`) and a text that says why (`<text>-n`).
/// Both blank leaves the criterion unscored; a score without its text, or a text without its
/// score, is told beside the field.
struct SheetForm: Sendable {
    var text: String
    var textLabel: @Sendable (Criteria.Criterion) -> String
    var needsText: @Sendable (Criteria.Criterion) -> String
    var needsScore: @Sendable (Criteria.Criterion) -> String

    static func scoreField(_ criterion: Int) -> String { "score-\(criterion)" }
    func textField(_ criterion: Int) -> String { "\(text)-\(criterion)" }

    func read(_ v: inout Validator, _ criteria: Criteria) -> [Int: (score: Int, text: String)?] {
        var out: [Int: (score: Int, text: String)?] = [:]
        for c in criteria.criteria {
            let n = c.number, scoreName = Self.scoreField(n), textName = textField(n)
            let score = v.integer(FieldRule(scoreName, "The score for objective \(c.numeral)", .integer(Criteria.scores), required: false))
            let text = v.text(FieldRule(textName, textLabel(c), .text(max: 4_000), required: false))
            switch (score, text.isEmpty) {
            case (nil, true): out[n] = .some(nil)
            case (let s?, false): out[n] = (s, text)
            case (_?, true): if v.errors[textName] == nil { v.fail(textName, needsText(c)) }
            case (nil, false): if v.errors[scoreName] == nil { v.fail(scoreName, needsScore(c)) }
            }
        }
        return out
    }

    /// What a stored sheet puts in its form.
    static func input(version: Int?, _ entries: [(criterion: Int, score: Int, text: String)], text: String) -> FormInput {
        var values = ["version": String(version ?? 0)]
        for e in entries {
            values["score-\(e.criterion)"] = String(e.score)
            values["\(text)-\(e.criterion)"] = e.text
        }
        return FormInput(values)
    }

    static let version = FieldRule("version", "The version", .integer(0...Int(Int32.max)))
}

struct CreateScoring: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Criteria.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("criteria", .string, .required)
            .field("scale", .string, .required)
            .field("spread_flag", .int, .required)
            .field("frozen_at", .datetime, .required)
            .field("change_reason", .string, .required)
            .field("changed_at", .datetime)
            .unique(on: "exercise_id")
            .create()
        try await database.schema(ScoreSheet.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("marks", .string, .required)
            .field("scores", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "exercise_id", "user_id", "organisation_id")
            .create()
        try await database.schema(ModerationSheet.schema)
            .id()
            .field("version", .int, .required, .sql(.default(1)))
            .field("exercise_id", .uuid, .required, .references(Exercise.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(SupplierOrganisation.schema, "id"))
            .field("moderator_id", .uuid, .required)
            .field("consensus", .string, .required)
            .field("scores", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "exercise_id", "organisation_id")
            .create()
        try await database.schema(PanelMember.schema).field("submitted_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PanelMember.schema).deleteField("submitted_at").update()
        try await database.schema(ModerationSheet.schema).delete()
        try await database.schema(ScoreSheet.schema).delete()
        try await database.schema(Criteria.schema).delete()
    }
}

/// The rules of independent scoring, for pages and API alike.
enum Scoring {
    /// What an evaluator may score: the exercise, its criteria, their place on the panel, and the
    /// responding organisations they declared no conflict with. Those they declared a conflict
    /// with are not here at all, so no route can reach them.
    struct Context: Sendable {
        var exercise: Exercise
        var criteria: Criteria
        var member: PanelMember
        var organisations: [SupplierOrganisation]
        /// How many responses are kept from the evaluator by their declared conflicts.
        var hidden: Int

        func organisation(_ id: UUID?) -> SupplierOrganisation? { organisations.first { $0.id == id } }
    }

    enum Access: Sendable {
        case allowed(Context)
        case refused(Permission.Outcome)
    }

    /// An evaluator on the exercise's panel (anyone else is told it is not there), once the
    /// responses are open, who has declared about every organisation whose response counts.
    static let scoring = Permission.roles(.evaluator).and("on the exercise's panel, after declaring their interests") { req in
        guard let id = try? req.uuid(), let user = req.user else { return .notFound }
        if case .refused(let outcome) = try await access(exercise: id, evaluator: user.id!, on: req.db) { return outcome }
        return .allowed
    }

    static func access(exercise id: UUID, evaluator: UUID, on db: any Database) async throws -> Access {
        let declaring = try await Panel.mayDeclare(exercise: id, evaluator: evaluator, on: db)
        guard declaring == .allowed else { return .refused(declaring) }
        guard let e = try await Exercise.find(id, on: db),
              let member = try await PanelMember.query(on: db).filter(\.$exercise.$id == id).filter(\.$user.$id == evaluator).first(),
              let criteria = try await Criteria.of(id, on: db.sql)
        else { return .refused(.notFound) }
        let (respondents, declared) = try await Panel.declarations(exercise: id, evaluator: evaluator, on: db)
        guard respondents.allSatisfy({ declared[$0.id!] != nil }) else {
            return .refused(.forbidden("Declare your interests about every organisation that responded before you read any response."))
        }
        let open = respondents.filter { declared[$0.id!]?.conflict == false }
        return .allowed(Context(exercise: e, criteria: criteria, member: member, organisations: open, hidden: respondents.count - open.count))
    }

    /// The request's context; the permission has already allowed it.
    static func context(_ req: Request) async throws -> Context {
        let user = try req.requireUser()
        switch try await access(exercise: try req.uuid(), evaluator: user.id!, on: req.db) {
        case .allowed(let c): return c
        case .refused: throw Abort(.notFound)
        }
    }

    /// Whether anyone has recorded a score in this exercise: until then its scale can change.
    static func started(_ exerciseID: UUID, on db: any Database) async throws -> Bool {
        try await ScoreSheet.query(on: db).filter(\.$exercise.$id == exerciseID).filter(\.$entriesJSON != "[]").first() != nil
    }

    static func sheets(exercise id: UUID, evaluator: UUID, on db: any Database) async throws -> [UUID: ScoreSheet] {
        let sheets = try await ScoreSheet.query(on: db).filter(\.$exercise.$id == id).filter(\.$evaluator.$id == evaluator).all()
        return Dictionary(sheets.map { ($0.$organisation.id, $0) }) { a, _ in a }
    }

    /// The marks an evaluator still has to give before they can submit: (organisation, criterion).
    static func missing(_ c: Context, _ sheets: [UUID: ScoreSheet]) -> [(SupplierOrganisation, Criteria.Criterion)] {
        c.organisations.flatMap { o in
            c.criteria.criteria.filter { sheets[o.id!]?.mark($0.number) == nil }.map { (o, $0) }
        }
    }

    static let score = FieldRule("score", "The score", .integer(Criteria.scores))
    static let rationale = FieldRule("rationale", "Why this score", .text(max: 4_000))
    static let form = SheetForm(text: "rationale", textLabel: { "Why you gave objective \($0.numeral) this score" },
                                needsText: { "Say why you gave objective \($0.numeral) this score" },
                                needsScore: { "Choose a score for objective \($0.numeral), or clear its rationale" })

    /// Records an evaluator's marks for one organisation in one audited transaction. `marks`
    /// gives, for each criterion it names, the new mark or nil to clear it; criteria it does not
    /// name are left as they are. The rules are asked again inside the transaction: a conflict
    /// declared, a submission made or the panel changed since the page was read refuses it.
    @discardableResult
    static func write(_ marks: [Int: ScoreSheet.Mark?], organisation: UUID, exercise id: UUID, evaluator: UUID,
                      seen: Int?, on req: Request) async throws -> ScoreSheet {
        let actor = req.actor, now = req.now
        return try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(ScoreSheet.schema, on: tx)
            var v = Validator(FormInput())
            guard case .allowed(let c) = try await access(exercise: id, evaluator: evaluator, on: tx), c.organisation(organisation) != nil else {
                v.conflict("version", "The exercise, its panel or your declarations changed while you were scoring; nothing was saved. What you typed is below.")
                try v.throwIfInvalid()
                throw Abort(.conflict)
            }
            if c.member.submittedAt != nil {
                v.conflict("version", "You have submitted your scores, so they are locked.")
                try v.throwIfInvalid()
            }
            let existing = try await ScoreSheet.query(on: tx).filter(\.$exercise.$id == id).filter(\.$evaluator.$id == evaluator)
                .filter(\.$organisation.$id == organisation).first()
            return try await ScoreSheet.write(marks, over: existing, seen: seen, make: {
                let sheet = ScoreSheet()
                sheet.$exercise.id = id; sheet.$evaluator.id = evaluator; sheet.$organisation.id = organisation
                return sheet
            }, events: "scores", by: actor, at: now, on: tx)
        }
    }

    /// Submits all of an evaluator's scores, which locks them. Refused while any response they
    /// may score lacks a mark for any criterion. Submitting again changes nothing.
    static func submit(exercise id: UUID, evaluator: UUID, on req: Request) async throws -> Date {
        let actor = req.actor, now = req.now
        return try await req.application.auditWriter.transaction { tx in
            try await AuditedWrite.lockTable(ScoreSheet.schema, on: tx)
            guard case .allowed(let c) = try await access(exercise: id, evaluator: evaluator, on: tx) else {
                var v = Validator(FormInput())
                v.conflict("submit", "The exercise, its panel or your declarations changed; nothing was submitted.")
                try v.throwIfInvalid()
                throw Abort(.conflict)
            }
            if let done = c.member.submittedAt { return done }
            let missing = missing(c, try await sheets(exercise: id, evaluator: evaluator, on: tx))
            if !missing.isEmpty {
                var v = Validator(FormInput())
                v.conflict("submit", missing.count == 1
                           ? "Score \(missing[0].0.name) against objective \(missing[0].1.numeral) before you submit."
                           : "\(missing.count) scores are still to give before you submit: the first is \(missing[0].0.name) against objective \(missing[0].1.numeral).")
                try v.throwIfInvalid()
            }
            let before = c.member.auditFields
            c.member.submittedAt = now
            c.member.version += 1
            try await c.member.save(on: tx)
            try await AuditTrail.record("scores.submit", c.member, before: before, by: actor, at: now, on: tx)
            return now
        }
    }

    /// Every submitted evaluator's sheets for the organisations in `organisations`, with the
    /// evaluator's name: what an evaluator sees once they have submitted, and the moderator sees.
    struct Submitted: Sendable {
        struct Evaluator: Sendable { var id: UUID; var name: String; var submittedAt: Date? }
        var evaluators: [Evaluator]
        /// By organisation, then evaluator, then criterion: each sheet decoded once.
        var marks: [UUID: [UUID: [Int: ScoreSheet.Mark]]]

        func marks(_ organisation: UUID, _ criterion: Int) -> [(Evaluator, ScoreSheet.Mark)] {
            guard let byEvaluator = marks[organisation] else { return [] }
            return evaluators.compactMap { e in
                guard e.submittedAt != nil, let m = byEvaluator[e.id]?[criterion] else { return nil }
                return (e, m)
            }
        }

        /// The highest score less the lowest, among submitted marks (nil with none).
        func spread(_ organisation: UUID, _ criterion: Int) -> Int? {
            let scores = marks(organisation, criterion).map(\.1.score)
            guard let lo = scores.min(), let hi = scores.max() else { return nil }
            return hi - lo
        }
    }

    /// Without `rationales` only the scores are read (the busy pages' way): each mark's rationale is then "".
    static func submitted(exercise id: UUID, organisations: Set<UUID>, rationales: Bool = true, on sql: any SQLDatabase) async throws -> Submitted {
        var marks: [UUID: [UUID: [Int: ScoreSheet.Mark]]] = [:]
        let decoder = JSONDecoder()
        let evaluators = try await countingSheets(exercise: id, organisations: organisations, column: rationales ? "marks" : "scores", on: sql) { evaluator, organisation, text in
            let list: [ScoreSheet.Mark] = rationales
                ? (try? decoder.decode([ScoreSheet.Mark].self, from: Data(text.utf8))) ?? []
                : ScoreSheet.scores(text).map { ScoreSheet.Mark(criterion: $0.key, score: $0.value, rationale: "") }
            marks[organisation, default: [:]][evaluator] = Dictionary(list.map { ($0.criterion, $0) }) { a, _ in a }
        }
        return Submitted(evaluators: evaluators, marks: marks)
    }

    /// The submitted scores summed up for each organisation and criterion: how many, their sum,
    /// the lowest and the highest. What the results need, kept in flat arrays (organisation ×
    /// criterion) rather than a dictionary a sheet: the results page reads five thousand sheets.
    struct Tally: Sendable {
        var evaluators: [Submitted.Evaluator] = []
        /// Each organisation's row, in the order first read, and each criterion's column, by number.
        private(set) var rows: [UUID: Int] = [:]
        let columns: [Int: Int]
        private var count: [Int] = [], sum: [Int] = [], lowest: [Int] = [], highest: [Int] = []

        init(criteria: [Int]) {
            columns = Dictionary(criteria.enumerated().map { ($0.element, $0.offset) }) { a, _ in a }
        }

        /// The organisation's row, made on first sight.
        mutating func row(_ organisation: UUID) -> Int {
            if let row = rows[organisation] { return row }
            let row = rows.count
            rows[organisation] = row
            count += repeatElement(0, count: columns.count); sum += repeatElement(0, count: columns.count)
            lowest += repeatElement(.max, count: columns.count); highest += repeatElement(.min, count: columns.count)
            return row
        }

        mutating func add(row: Int, column: Int, _ score: Int) {
            let i = row * columns.count + column
            count[i] += 1; sum[i] += score
            lowest[i] = min(lowest[i], score); highest[i] = max(highest[i], score)
        }

        /// The submitted scores in one row (`rows`) and column (`columns`): their mean and range, or nil with none.
        func summary(row: Int, column: Int) -> (mean: Double, range: ClosedRange<Int>)? {
            let i = row * columns.count + column
            guard count[i] > 0 else { return nil }
            return (Double(sum[i]) / Double(count[i]), lowest[i]...highest[i])
        }
    }

    /// Every counting sheet's scores on `criteria`, for whichever organisations they score: the
    /// caller reads the rows of the organisations whose responses count.
    static func tally(exercise id: UUID, criteria: [Int], on sql: any SQLDatabase) async throws -> Tally {
        var tally = Tally(criteria: criteria)
        // One sheet's scores by column, reused: a criterion given twice counts once, its last
        // score, as `scores` reads it (the sheets written here never give one twice).
        var sheet = [Int?](repeating: nil, count: criteria.count)
        tally.evaluators = try await countingSheets(exercise: id, organisations: nil, column: "scores", on: sql) { _, organisation, text in
            for i in sheet.indices { sheet[i] = nil }
            ScoreSheet.forEachScore(text) { criterion, score in
                if let column = tally.columns[criterion] { sheet[column] = score }
            }
            let row = tally.row(organisation)
            for (column, score) in sheet.enumerated() { if let score { tally.add(row: row, column: column, score) } }
        }
        return tally
    }

    /// The panel's evaluators by name, and `body` called with each sheet that counts: its
    /// evaluator has submitted, its organisation is in `organisations` (nil: any), and its
    /// evaluator has declared no conflict with that organisation (declaring a conflict voids the
    /// sheet; this holds even so). `column` is the sheet's column read: "marks" or the compact "scores".
    private static func countingSheets(exercise id: UUID, organisations: Set<UUID>?, column: String, on sql: any SQLDatabase,
                                       _ body: (_ evaluator: UUID, _ organisation: UUID, _ text: String) throws -> Void) async throws -> [Submitted.Evaluator] {
        // Three reads that don't depend on one another, run together.
        async let panel = sql.raw("""
            SELECT m.user_id, m.submitted_at, u.name FROM panel_members m JOIN users u ON u.id = m.user_id
            WHERE m.exercise_id = \(bind: id) AND m.role = \(bind: PanelMember.Role.evaluator.rawValue)
            """).all()
        async let declared = sql.select().column("user_id").column("organisation_id").from(Declaration.schema)
            .where("exercise_id", .equal, id).where("conflict", .equal, true).all()
        // Three columns, each sheet's text read once: with a thousand responses and five
        // evaluators, decoding whole models and each sheet again for each criterion cost most of a page.
        async let sheets = sql.select().column("user_id").column("organisation_id").column(column)
            .from(ScoreSheet.schema).where("exercise_id", .equal, id).all()
        let evaluators = try await panel.map { row in
            Submitted.Evaluator(id: try row.decodeID("user_id"), name: try row.decode(column: "name", as: String.self),
                                submittedAt: try row.decode(column: "submitted_at", as: Date?.self))
        }.sorted { $0.name < $1.name }
        let submitters = Set(evaluators.filter { $0.submittedAt != nil }.map(\.id))
        struct Pair: Hashable { var evaluator: UUID; var organisation: UUID }
        let conflicted = Set(try await declared.map { Pair(evaluator: try $0.decodeID("user_id"), organisation: try $0.decodeID("organisation_id")) })
        let rows = try await sheets
        guard !submitters.isEmpty, organisations?.isEmpty != true else { return evaluators }
        for row in rows {
            let evaluator = try row.decodeID("user_id"), organisation = try row.decodeID("organisation_id")
            guard submitters.contains(evaluator), organisations?.contains(organisation) ?? true,
                  conflicted.isEmpty || !conflicted.contains(Pair(evaluator: evaluator, organisation: organisation)) else { continue }
            try body(evaluator, organisation, try row.decode(column: column, as: String.self))
        }
        return evaluators
    }

    /// The questions of a submission's questionnaire version that give evidence for `criterion`,
    /// with the organisation's answers: what the evaluator reads beside the scale.
    struct Evidence: Sendable {
        var receipt: String
        var questions: [QuestionnaireContent.Question]
        var answers: [UUID: Answer]

        func linked(_ criterion: Int) -> [QuestionnaireContent.Question] { questions.filter { $0.objectives.contains(criterion) } }
    }

    static func evidence(exercise id: UUID, organisation: UUID, on req: Request) async throws -> Evidence? {
        guard let row = try await ResponsesController.counting(id, on: req.db).first(where: { $0.organisation.id == organisation }),
              let version = try await QuestionnaireVersion.query(on: req.db).filter(\.$exercise.$id == id)
                .filter(\.$number == row.submission.questionnaireVersion).first()
        else { return nil }
        return Evidence(receipt: row.submission.receiptNumber, questions: version.content.questions,
                        answers: ResponsePages.answers(in: row.submission.document))
    }
}
