import Decision
import Fluent
import SQLKit
import Vapor

/// What the market said: for each lot (the choices of the question marked as giving the lots),
/// how many organisations showed interest, the partnership models they proposed, the investment,
/// service improvement and local jobs they offered (seed 001: these "would need to be
/// quantified"), with their answers quoted — the summary the Project Board needs for its
/// recommendations on next steps. Each lot ranks only the organisations interested in it, so a
/// response covering one service is compared with others on that lot, not with a proposal for
/// every service. The questions are those marked in the questionnaire (`SummaryRole`), read
/// from the version each response answered.
struct MarketSummary: Sendable {
    typealias Role = QuestionnaireContent.Question.SummaryRole

    struct Response: Sendable {
        var organisation: UUID
        var name: String
        var lots: [String]
        var model: String?
        var investment: Double?
        var improvement: String?
        var jobs: Double?
        /// From the results: the weighted total, and whether a failed condition leaves it out.
        var total: Double?
        var excluded: Bool
    }

    struct Lot: Sendable {
        var name: String
        var responses: [Response]
        /// Competition ranks among this lot's responses, by weighted total (none for one left out).
        var ranks: [UUID: Int]
    }

    var responses: [Response]
    var lots: [Lot]
    /// The question that gives each part, as the latest version words it (nil if none is marked).
    var questions: [Role: String]

    var notStated: [Response] { responses.filter { $0.lots.isEmpty } }

    /// Each model and how many proposed it, most first.
    var models: [(model: String, count: Int)] {
        Dictionary(grouping: responses.compactMap(\.model), by: { $0 }).map { ($0.key, $0.value.count) }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    }

    static func load(_ exerciseID: UUID, results: Results, on sql: any SQLDatabase) async throws -> MarketSummary {
        let versions = results.questionnaires
        let latest = versions.keys.max().flatMap { versions[$0] }
        var questions: [Role: String] = [:]
        for q in latest?.questions ?? [] { if let role = q.summary, questions[role] == nil { questions[role] = q.text } }
        let byOrganisation = Dictionary(results.rows.map { ($0.organisation, $0) }) { a, _ in a }
        var responses: [Response] = []
        let rows = results.responses   // by name
        let all = try await SubmittedAnswers.answers(rows, versions: versions, on: sql)
        // Each version's question for each part, found once rather than once a response.
        let marked = versions.mapValues { content in
            var byRole: [Role: UUID] = [:]
            for q in content.questions { if let role = q.summary, byRole[role] == nil { byRole[role] = q.id } }
            return byRole
        }
        responses.reserveCapacity(rows.count)
        for row in rows {
            let o = row.organisation, answers = all[row.submission] ?? [:], questionFor = marked[row.version] ?? [:]
            func answer(_ role: Role) -> Answer? { questionFor[role].flatMap { answers[$0] } }
            func text(_ a: Answer?) -> String? {
                switch a {
                case .text(let s)? where !s.isEmpty: s
                case .list(let l)? where !l.isEmpty: l.joined(separator: "; ")
                default: nil
                }
            }
            func number(_ a: Answer?) -> Double? { text(a).flatMap(Answers.number) }
            let lots: [String] = switch answer(.lots) {
            case .list(let l)?: l
            case .text(let s)? where !s.isEmpty: [s]
            default: []
            }
            let result = byOrganisation[o]
            responses.append(Response(organisation: o, name: row.name, lots: lots, model: text(answer(.model)),
                                      investment: number(answer(.investment)), improvement: text(answer(.improvement)), jobs: number(answer(.jobs)),
                                      total: result?.total, excluded: result?.excluded ?? false))
        }
        // `responses` are in the results' order of names. The lots in the order the question
        // lists them, then any other answer given; each lot's responses by their rank on it,
        // then by name (sorted by positions: a thousand responses' names compared again for each lot cost more than the rest).
        let lotQuestion = latest?.questions.first { $0.summary == .lots }
        var names = lotQuestion?.options ?? []
        var named = Set(names)
        for r in responses { for l in r.lots where !named.contains(l) { names.append(l); named.insert(l) } }
        let lots = names.map { name -> Lot in
            let here = responses.indices.filter { responses[$0].lots.contains(name) }
            let ranked = here.filter { responses[$0].total != nil && !responses[$0].excluded }
            let rankOf = WeightedScoring.ranks(of: ranked.map { responses[$0].total! })
            var rank = [Int](repeating: .max, count: responses.count)
            for (k, i) in ranked.enumerated() { rank[i] = rankOf[k] }
            let sorted = here.sorted { (rank[$0], $0) < (rank[$1], $1) }
            let ranks = Dictionary(ranked.indices.map { (responses[ranked[$0]].organisation, rankOf[$0]) }) { a, _ in a }
            return Lot(name: name, responses: sorted.map { responses[$0] }, ranks: ranks)
        }
        return MarketSummary(responses: responses, lots: lots, questions: questions)
    }

    /// "£42,000,000"
    static func pounds(_ x: Double) -> String { "£" + grouped(x) }

    static func grouped(_ x: Double) -> String { Money.grouped(Int(x.rounded())) }
}

struct MarketController {
    @Sendable func show(req: Request) async throws -> Response {
        let l = try await ResultsController.load(req)
        let summary = try await MarketSummary.load(l.exercise.id!, results: l.results, on: req.sql)
        return try await req.render(MarketPages.page(l.exercise, summary, quotesPage: req.query[Int.self, at: "page"] ?? 1))
    }
}

enum MarketPages {
    /// The answers quoted a page: every answer of a usual exercise on one page; a thousand, paged.
    static let quotesPerPage = 100

    /// `quotesPage` is the page of answers quoted (from 1; one past either end shows the nearest).
    static func page(_ e: Exercise, _ m: MarketSummary, quotesPage: Int = 1) -> Page {
        let id = e.id!
        func money(_ x: Double?) -> String { x.map(MarketSummary.pounds) ?? "Not stated" }
        func count(_ x: Double?) -> String { x.map(MarketSummary.grouped) ?? "Not stated" }
        let investments = m.responses.compactMap(\.investment), jobs = m.responses.compactMap(\.jobs)
        var overview: [Component.Row] = [
            .init(key: "Organisations that responded", value: "\(m.responses.count)"),
        ]
        if m.questions[.lots] != nil {
            overview.append(.init(key: "Interest by lot", value: "\(m.lots.map { "\($0.name): \($0.responses.count)" }.joined(separator: "; "))"))
        }
        if m.questions[.model] != nil {
            overview.append(.init(key: "Partnership models proposed", value: "<ul class=\"list\">\(m.models.map { "<li>\($0.model): \($0.count)</li>" as HTML })</ul>"))
        }
        if m.questions[.investment] != nil {
            overview.append(.init(key: "Investment offered", value: investments.isEmpty ? "None stated" : """
                \(MarketSummary.pounds(investments.reduce(0, +))) in all from \(investments.count) \(investments.count == 1 ? "organisation" : "organisations") \
                (from \(MarketSummary.pounds(investments.min()!)) to \(MarketSummary.pounds(investments.max()!)))\(m.responses.count > investments.count ? "; \(m.responses.count - investments.count) did not say" : "")
                """))
        }
        if m.questions[.jobs] != nil {
            overview.append(.init(key: "Local jobs offered", value: jobs.isEmpty ? "None stated" : """
                \(MarketSummary.grouped(jobs.reduce(0, +))) in all from \(jobs.count) \(jobs.count == 1 ? "organisation" : "organisations")\(m.responses.count > jobs.count ? "; \(m.responses.count - jobs.count) did not say" : "")
                """))
        }
        let lots = m.lots.map { lot -> HTML in
            let rows = lot.responses.map { r -> [HTML] in
                let others = r.lots.filter { $0 != lot.name }
                return ["\(lot.ranks[r.organisation].map(String.init) ?? (r.excluded ? "Left out: fails a condition" : "–"))", "\(r.name)", "\(r.model ?? "Not stated")",
                        "\(money(r.investment))", "\(count(r.jobs))", others.isEmpty ? "This lot only" : "\(others.joined(separator: ", "))"]
            }
            return """
                <h3 class="heading-s">\(lot.name): \(lot.responses.count) \(lot.responses.count == 1 ? "organisation" : "organisations")</h3>
                \(rows.isEmpty ? "<p class=\"body\">No organisation showed interest in this lot.</p>" as HTML
                    : Component.table(caption: "\(lot.name): the responses, ranked among themselves", headers: ["Rank on this lot", "Organisation", "Model", "Investment", "Local jobs", "Also covers"],
                                      rows: rows, numericColumns: [3, 4]))
                """
        }
        let quoted = m.responses.filter { $0.improvement != nil }
        let pages = max(1, (quoted.count + quotesPerPage - 1) / quotesPerPage), page = min(max(quotesPage, 1), pages)
        let shown = quoted[min((page - 1) * quotesPerPage, quoted.count) ..< min(page * quotesPerPage, quoted.count)]
        let quotes = shown.map { r -> HTML in
            "<h3 class=\"heading-s\">\(r.name)</h3><blockquote class=\"inset-text\">\(prose(r.improvement!))</blockquote>"
        }
        var pagination: [HTML] = []
        if page > 1 { pagination.append("<a class=\"link\" href=\"\(SiteURL.market(.value(id)).path)?page=\(page - 1)#in-their-words\">Previous \(quotesPerPage) answers</a>") }
        if page < pages {
            let next = min(quotesPerPage, quoted.count - page * quotesPerPage)
            pagination.append("<a class=\"link\" href=\"\(SiteURL.market(.value(id)).path)?page=\(page + 1)#in-their-words\">Next \(next) \(next == 1 ? "answer" : "answers")</a>")
        }
        let paged: HTML = pages == 1 ? .empty : """
            <p class="body">Answers \(shown.startIndex + 1) to \(shown.endIndex) of \(Money.grouped(quoted.count)), by organisation name.</p>
            """
        return Page(title: "What the market said", breadcrumbs: [("Exercises", .exercises), (e.reference, .exercise(.value(id))), ("Results", .results(.value(id)))], body: """
            <span class="caption">\(e.reference)</span>
            <h1 class="heading-l">What the market said</h1>
            <p class="body">What the organisations that responded offered, for the Project Board’s recommendations on next steps.
              Each lot ranks only the organisations interested in it, by their weighted totals, so a proposal for one service is
              compared with others for that service, not with a proposal for every service. This is evidence, not a selection of any supplier.</p>
            \(Component.summaryList(overview))
            \(m.questions[.lots] == nil ? "<p class=\"body\">No question of the questionnaire is marked as giving the lots, so the responses are not grouped by lot.</p>" as HTML : """
                <h2 class="heading-m">By lot</h2>
                \(lots)
                \(m.notStated.isEmpty ? .empty : "<p class=\"body\">Not saying which lots: \(m.notStated.map(\.name).joined(separator: ", ")).</p>" as HTML)
                """)
            \(quotes.isEmpty ? .empty : """
                <h2 class="heading-m" id="in-their-words">In their words: \(m.questions[.improvement] ?? "service improvement")</h2>
                \(paged)
                \(quotes)
                \(pagination.isEmpty ? .empty : "<nav class=\"pagination\" aria-label=\"Pages of answers\">\(pagination)</nav>" as HTML)
                """ as HTML)
            """)
    }
}
