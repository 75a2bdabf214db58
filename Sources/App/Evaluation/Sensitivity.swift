import Decision
import Fluent
import Vapor

/// One sensitivity analysis (SMAA-2, `Decision.SMAA`) as it was run: what the council knew about
/// the weights and whether the evaluators' spread was taken as uncertainty in the scores, and
/// what came of it. Runs are numbered and kept, so a figure quoted in a report can be found again;
/// each keeps its seed, so the same settings on the same scores with that seed give the same figures.
final class SensitivityRun: Model, @unchecked Sendable {
    static let schema = "sensitivity_runs"

    @ID var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "exercise_id") var exercise: Exercise
    @Field(key: "number") var number: Int
    @Field(key: "run_at") var runAt: Date
    @Field(key: "run_by") var runBy: String
    @Field(key: "settings") var settingsJSON: String
    @Field(key: "result") var resultJSON: String

    // Listed, not found by reflection: see `ModelProperties`.
    var properties: [any AnyProperty] { [$id, $version, $exercise, $number, $runAt, $runBy, $settingsJSON, $resultJSON] }

    init() { version = 1 }

    var settings: Sensitivity.Settings? { try? JSONDecoder().decode(Sensitivity.Settings.self, from: Data(settingsJSON.utf8)) }
    var result: Sensitivity.Result? { try? JSONDecoder().decode(Sensitivity.Result.self, from: Data(resultJSON.utf8)) }
}

extension SensitivityRun: Versioned {
    var auditFields: [String: String] {
        ["exercise": $exercise.id.lowercasedString, "number": String(number), "settings": settingsJSON, "result": resultJSON]
    }
    var currentInput: [String: InputValue] { [:] }
}

enum Sensitivity {
    /// What the council knows about the weights, as it would say it.
    struct Settings: Codable, Sendable, Equatable {
        enum Basis: String, Codable, Sendable, CaseIterable {
            /// The frozen weights, exactly.
            case exact
            /// Only the statements: the leading objectives, ratios and intervals (none: nothing known).
            case statements
        }
        struct Ratio: Codable, Sendable, Equatable { var criterion: Int; var factor: Double; var other: Int }
        struct Interval: Codable, Sendable, Equatable { var criterion: Int; var lower: Double; var upper: Double }

        var basis: Basis
        /// Objectives that each weigh at least as much as any objective not listed.
        var leading: [Int]
        var ratios: [Ratio]
        /// Shares of the whole, as percentages.
        var intervals: [Interval]
        /// Whether the evaluators' spread is taken as uncertainty in the scores.
        var uncertainty: Bool
        var samples: Int

        /// The statements in words, for the page and the report; `weights` are the criteria's
        /// weights the analysis used (for exact weights).
        func sentences(_ criteria: Criteria, weights: [Double]) -> [String] {
            func numeral(_ n: Int) -> String { RomanNumeral.string(n) }
            if basis == .exact {
                let total = weights.reduce(0, +)
                return ["The weights are known exactly: " + zip(criteria.criteria, weights).map { "\($0.numeral) \(Weight.share($1, of: total))" }.joined(separator: ", ") + "."]
            }
            var out: [String] = []
            if !leading.isEmpty {
                let names = leading.map(numeral)
                out.append("\(names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!) \(names.count == 1 ? "weighs" : "each weigh") at least as much as any other objective.")
            }
            for r in ratios { out.append("\(numeral(r.criterion)) weighs at least \(Weight.format(r.factor)) times as much as \(numeral(r.other)).") }
            for i in intervals { out.append("\(numeral(i.criterion)) is between \(Weight.format(i.lower))% and \(Weight.format(i.upper))% of the whole weight.") }
            if out.isEmpty { out.append("Nothing is known about the weights: every weighting is allowed.") }
            return out
        }

        /// The statements as the `Decision` library takes them (criteria numbered from 0 in the criteria's order).
        func information(_ criteria: Criteria) -> WeightInformation {
            let index = Dictionary(criteria.criteria.enumerated().map { ($1.number, $0) }) { a, _ in a }
            if basis == .exact { return .exact(criteria.criteria.map(\.weight)) }
            let lead = leading.compactMap { index[$0] }, rest = criteria.criteria.indices.filter { !lead.contains($0) }
            if ratios.isEmpty && intervals.isEmpty {
                return lead.isEmpty || rest.isEmpty ? .unknown : .tiers([lead, rest])
            }
            var constraints: [WeightConstraint] = []
            for i in lead { for j in rest { constraints.append(.atLeastAsMuchAs(i, j)) } }
            for r in ratios { if let i = index[r.criterion], let j = index[r.other] { constraints.append(.atLeastTimes(i, factor: r.factor, j)) } }
            for x in intervals { if let i = index[x.criterion] { constraints.append(.interval(i, lower: x.lower / 100, upper: x.upper / 100)) } }
            return .constraints(constraints)
        }
    }

    struct Organisation: Codable, Sendable, Equatable { var id: UUID; var name: String }

    /// What an analysis found, for the organisations with a score on every criterion.
    struct Result: Codable, Sendable {
        var organisations: [Organisation]
        /// Organisations left out, each with why: a condition failed, or a score missing.
        var leftOut: [String]
        var method: String
        var samples: Int
        var seed: UInt64
        /// The criteria's weights when it ran, and whether the scores were final then.
        var weights: [Double]
        var final: Bool
        /// Row: organisation; column: rank − 1.
        var rankAcceptability: [[Double]]
        var centralWeights: [[Double]?]
        var confidence: [Double?]
        var holistic: [Double]
        /// Row a, column e: how often a ranks above e.
        var pairwise: [[Double]]
    }

    static let samples = 10_000

    /// Runs the analysis on `results` (the scores used and the evaluators' ranges). Heavy: call it
    /// off the event loops.
    static func analyse(_ results: Results, _ settings: Settings, seed: UInt64) throws(DecisionError) -> Result {
        let rows = results.rows.filter(\.ranked)
        guard !rows.isEmpty else { throw .noAlternatives }
        let n = results.criteria.criteria.count
        let (weights, method) = try WeightSampling.sample(settings.information(results.criteria), criteria: n, count: settings.samples, seed: seed)
        let best = Results.best
        let scores: ScoreSource
        if settings.uncertainty {
            // Each score anywhere between the lowest and the highest the evaluators gave (and the agreed one).
            scores = .distributions(rows.map { row in
                (0..<n).map { j -> ScoreDistribution in
                    let value = row.values[j]!
                    guard let range = row.ranges[j] else { return .exact(value / best) }
                    let low = min(Double(range.lowerBound), value), high = max(Double(range.upperBound), value)
                    return low < high ? .uniform(lower: low / best, upper: high / best) : .exact(value / best)
                }
            }, seed: seed &+ 1)
        } else {
            scores = .exact(Matrix(rows.map { $0.values.map { $0! / best } }))
        }
        let r = try SMAA.analyse(scores: scores, weights: weights, confidenceDraws: settings.uncertainty ? settings.samples : nil)
        return Result(organisations: rows.map { .init(id: $0.organisation, name: $0.name) },
                      leftOut: results.rows.filter { !$0.ranked }.map { $0.excluded ? "\($0.name) (fails a condition)" : "\($0.name) (not scored on every objective)" },
                      method: method.description, samples: settings.samples, seed: seed,
                      weights: results.criteria.criteria.map(\.weight), final: results.final,
                      rankAcceptability: r.rankAcceptability.rowArrays, centralWeights: r.centralWeights, confidence: r.confidence,
                      holistic: r.holisticAcceptability, pairwise: r.pairwiseWinning.rowArrays)
    }

    static func percent(_ x: Double) -> String {
        let p = x * 100
        return p > 0 && p < 0.5 ? "less than 1%" : p < 100 && p > 99.5 ? "more than 99%" : "\(Int(p.rounded()))%"
    }

    /// A sentence a councillor can read for each organisation: how often, under the weightings the
    /// decision allows, its proposal best meets the objectives. Never "selected": this is evidence.
    static func sentences(_ r: Result, uncertainty: Bool) -> [String] {
        let m = r.organisations.count
        return r.organisations.indices.map { i in
            let name = r.organisations[i].name, b = r.rankAcceptability[i]
            var s: String
            if b[0] > 0 {
                s = "\(name)’s proposal best meets the objectives under \(percent(b[0])) of the weightings the decision allows."
            } else {
                s = "\(name)’s proposal best meets the objectives under none of the weightings the decision allows"
                if m > 3 {
                    let top = b.prefix(3).reduce(0, +)
                    s += top > 0 ? "; it is among the best three under \(percent(top)) of them." : ", nor is it among the best three under any."
                } else if m > 1 {
                    s += "; it comes second under \(percent(b[1])) of them."
                } else {
                    s += "."
                }
            }
            if uncertainty, let p = r.confidence[i] {
                s += " With its central weights (the typical weighting under which it is best), it stays first in \(percent(p)) of the draws of the evaluators’ scores."
            }
            return s
        }
    }
}
