@testable import Decision
import Testing

@Suite("SMAA-2: acceptabilities, central weights, confidence and pairwise winning")
struct SMAATests {
    @Test func aSmallCaseWorkedByHand() throws {
        // A is best on the first criterion, B on the second; four weight samples, the last a tie.
        let scores = Matrix([[1, 0], [0, 1]])
        let weights = Matrix([[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.5, 0.5]])
        let result = try SMAA.analyse(scores: .exact(scores), weights: weights)
        // A first in samples 1 and 3, tied in 4 (half of ranks 1 and 2 each): (1 + 1 + ½)/4.
        #expect(result.rankAcceptability.rowArrays == [[0.625, 0.375], [0.375, 0.625]])
        // A's central weights: (0.7, 0.3) + (0.6, 0.4) + ½·(0.5, 0.5), over 2.5.
        let a = try #require(result.centralWeights[0]), b = try #require(result.centralWeights[1])
        #expect(abs(a[0] - 0.62) < 1e-12 && abs(a[1] - 0.38) < 1e-12)
        #expect(abs(b[0] - 0.3) < 1e-12 && abs(b[1] - 0.7) < 1e-12)
        // Each wins outright at its own central weights.
        #expect(result.confidence == [1, 1])
        // Strictly above: A in samples 1 and 3, B in 2; the tie counts for neither.
        #expect(result.pairwiseWinning.rowArrays == [[0, 0.5], [0.25, 0]])
        // Two alternatives, linear meta-weights (1, 0): holistic = first-rank acceptability.
        #expect(result.holisticAcceptability == [0.625, 0.375])
    }

    @Test func metaWeightsLinearCentroidAndCustom() throws {
        #expect(try MetaWeights.linear.values(alternatives: 3) == [1, 0.5, 0])
        let centroid = try MetaWeights.centroid.values(alternatives: 3)
        let h = 1 + 1.0 / 2 + 1.0 / 3
        #expect(zip(centroid, [1, (1.0 / 2 + 1.0 / 3) / h, (1.0 / 3) / h]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(try MetaWeights.custom([1, 0.8]).values(alternatives: 3) == [1, 0.8, 0])
        #expect(throws: DecisionError.self) { try MetaWeights.custom([0.5, 1]).values(alternatives: 2) }
    }

    static func randomScores(_ m: Int, _ n: Int, seed: UInt64) -> Matrix {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: m, columns: n, values: (0..<(m * n)).map { _ in g.unit() })
    }

    @Test(arguments: [(7, 3), (40, 8), (2, 5)])
    func everyRowAndEveryColumnOfTheAcceptabilitiesSumsToOne(m: Int, n: Int) throws {
        let scores = Self.randomScores(m, n, seed: UInt64(m * 100 + n))
        let (weights, _) = try WeightSampling.sample(.unknown, criteria: n, count: 3_001, seed: 5)
        let result = try SMAA.analyse(scores: .exact(scores), weights: weights)
        let b = result.rankAcceptability
        for i in 0..<m {
            #expect(abs(b.row(i).reduce(0, +) - 1) < 1e-9)
            #expect(abs((0..<m).reduce(0) { $0 + b[$1, i] } - 1) < 1e-9)
        }
        // Continuous scores never tie, so A over B and B over A add up to 1.
        for a in 0..<m {
            for e in 0..<m where e != a {
                #expect(abs(result.pairwiseWinning[a, e] + result.pairwiseWinning[e, a] - 1) < 1e-12)
            }
        }
        // Central weights are weights, and holistic acceptabilities shares.
        for case let w? in result.centralWeights {
            #expect(abs(w.reduce(0, +) - 1) < 1e-9 && w.allSatisfy { $0 >= 0 })
        }
        #expect(result.holisticAcceptability.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Exactly the alternatives that ever rank first have a central weight vector and a confidence factor.
        for i in 0..<m {
            #expect((b[i, 0] > 0) == (result.centralWeights[i] != nil))
            #expect((b[i, 0] > 0) == (result.confidence[i] != nil))
        }
    }

    @Test func exactWeightsGiveThePlainRanking() throws {
        let scores = Self.randomScores(12, 4, seed: 77)
        let weights = [0.4, 0.3, 0.2, 0.1]
        let (samples, _) = try WeightSampling.sample(.exact(weights), criteria: 4, count: 50, seed: 1)
        let result = try SMAA.analyse(scores: .exact(scores), weights: samples)
        let ranks = WeightedScoring.ranks(of: WeightedScoring.totals(values: scores, weights: weights))
        for i in 0..<12 {
            #expect(result.rankAcceptability[i, ranks[i] - 1] == 1)
            #expect(result.confidence[i] == (ranks[i] == 1 ? 1 : nil))
        }
        let best = ranks.firstIndex(of: 1)!
        #expect(result.centralWeights[best]!.enumerated().allSatisfy { abs($1 - weights[$0]) < 1e-12 })
        #expect(result.holisticAcceptability[best] == 1)
    }

    @Test func aDominatedAlternativeNeverRanksAboveWhatDominatesIt() throws {
        var scores = Self.randomScores(6, 4, seed: 9)
        for j in 0..<4 { scores[5, j] = scores[0, j] * 0.9 }  // 5 is worse than 0 on everything
        let (weights, _) = try WeightSampling.sample(.unknown, criteria: 4, count: 5_000, seed: 10)
        let result = try SMAA.analyse(scores: .exact(scores), weights: weights)
        #expect(result.pairwiseWinning[5, 0] == 0)
        #expect(result.pairwiseWinning[0, 5] == 1)
        #expect(result.rankAcceptability[5, 0] == 0)
    }

    @Test func theFiguresAreTheSameForASeedRunAfterRun() throws {
        // The parts the work is cut into are fixed (`SMAA.parts`), not the processors'
        // number, and added up in order; this checks a seed's figures repeat, every one of them.
        let rows = (0..<30).map { i in (0..<5).map { j in ScoreDistribution.uniform(lower: Double(i + j) / 40, upper: Double(i + j) / 40 + 0.1) } }
        let (weights, _) = try WeightSampling.sample(.unknown, criteria: 5, count: 2_000, seed: 3)
        let a = try SMAA.analyse(scores: .distributions(rows, seed: 4), weights: weights)
        let b = try SMAA.analyse(scores: .distributions(rows, seed: 4), weights: weights)
        #expect(a.rankAcceptability == b.rankAcceptability)
        #expect(a.confidence == b.confidence)
        #expect(a.centralWeights == b.centralWeights)
        #expect(a.pairwiseWinning == b.pairwiseWinning && a.holisticAcceptability == b.holisticAcceptability)
    }

    @Test func confidenceFactorsSkipOnlyRivalsThatCannotWin() throws {
        // Recorded draws, so the same draws can be counted here the plain way: every alternative
        // compared, none skipped.
        let m = 25, n = 4, draws = 400
        var g = SeededGenerator(seed: 41)
        let centre = Self.randomScores(m, n, seed: 42)
        var values = [Double]()
        for _ in 0..<draws { for k in 0..<(m * n) { values.append(centre.values[k] * (0.9 + 0.2 * g.unit())) } }
        let (weights, _) = try WeightSampling.sample(.unknown, criteria: n, count: 3_000, seed: 43)
        let result = try SMAA.analyse(scores: .recorded(alternatives: m, criteria: n, draws: values), weights: weights)
        var checked = 0
        for i in 0..<m {
            guard let w = result.centralWeights[i] else { continue }
            var wins = 0.0
            for d in 0..<draws {
                let x = values[(d * m * n)...]
                let u = (0..<m).map { k in (0..<n).reduce(0.0) { $0 + w[$1] * x[x.startIndex + k * n + $1] } }
                let best = u.max()!
                if u[i] == best { wins += 1 / Double(u.count(where: { $0 == best })) }
            }
            #expect(abs(result.confidence[i]! - wins / Double(draws)) < 1e-12)
            checked += 1
        }
        #expect(checked >= 2)
        // Uncertain values: confidence factors are real shares, not all 0 or 1.
        #expect(result.confidence.contains { $0 != nil && $0! > 0 && $0! < 1 })
    }

    @Test func recordedDrawsAreUsedSampleBySample() throws {
        // Two draws that swap the alternatives: sample 0 uses draw 0, sample 1 draw 1, sample 2 draw 0.
        let draws: [Double] = [1, 0, 0, 1,   0, 1, 1, 0]
        let weights = Matrix([[0.5, 0.5], [0.5, 0.5], [0.9, 0.1]])
        let result = try SMAA.analyse(scores: .recorded(alternatives: 2, criteria: 2, draws: draws), weights: weights)
        // Samples 0 and 1 tie (each value 0.5); sample 2 with draw 0 puts A (row 0 = [1, 0]) first.
        #expect(result.rankAcceptability[0, 0] == (0.5 + 0.5 + 1) / 3)
    }

    @Test func valuesTooFarApartOrTooCloseForBucketsAreStillRankedExactly() throws {
        // high − low overflows to infinity; and a spread so small that m / (high − low) does.
        let wide = try SMAA.analyse(scores: .exact(Matrix([[1e308], [-1e308], [0]])), weights: Matrix([[1]]))
        #expect(wide.rankAcceptability.rowArrays == [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
        let close = try SMAA.analyse(scores: .exact(Matrix([[0], [5e-324], [0]])), weights: Matrix([[1]]))
        #expect(close.rankAcceptability.rowArrays == [[0, 0.5, 0.5], [1, 0, 0], [0, 0.5, 0.5]])
        // One far above the rest crowds the others into one bucket: the keys sort them instead.
        var crowded = (0..<200).map { [Double($0) * 1e-9] }
        crowded[17] = [1]
        let result = try SMAA.analyse(scores: .exact(Matrix(crowded)), weights: Matrix([[1]]))
        #expect(result.rankAcceptability[17, 0] == 1 && result.rankAcceptability[199, 1] == 1 && result.rankAcceptability[0, 199] == 1)
    }

    @Test func badInputIsRefusedWithAReason() {
        let weights = Matrix([[0.5, 0.5]])
        #expect(throws: DecisionError.dimensionMismatch(expected: 3, found: 2)) {
            try SMAA.analyse(scores: .exact(Matrix([[1, 2, 3]])), weights: weights)
        }
        #expect(throws: DecisionError.nonFiniteScore) {
            try SMAA.analyse(scores: .exact(Matrix([[1, .nan]])), weights: weights)
        }
        #expect(throws: DecisionError.negativeOrNonFiniteWeight) {
            try SMAA.analyse(scores: .exact(Matrix([[1, 2]])), weights: Matrix([[1.5, -0.5]]))
        }
        #expect(throws: DecisionError.nonFiniteScore) {
            try SMAA.analyse(scores: .distributions([[.uniform(lower: 2, upper: 1), .exact(1)]], seed: 1), weights: weights)
        }
        #expect(throws: DecisionError.noAlternatives) {
            try SMAA.analyse(scores: .distributions([], seed: 1), weights: weights)
        }
        #expect(throws: DecisionError.weightsNotOnSimplex(sample: 2)) {
            try SMAA.analyse(scores: .exact(Matrix([[1, 2]])), weights: Matrix([[0.5, 0.5], [1e300, 1e300]]))
        }
        #expect(throws: DecisionError.tooManyAlternatives(limit: SMAA.maximumAlternatives)) {
            try SMAA.analyse(scores: .exact(Matrix(rows: SMAA.maximumAlternatives + 1, columns: 1)), weights: Matrix([[1]]))
        }
    }
}

@Suite("SMAA-2 with normally distributed scores")
struct SMAANormalTests {
    @Test func normalScoresAreNeverPrunedAndAZeroWeightIgnoresTheirUnboundedRange() throws {
        // Two close proposals, uncertain on the only criterion that counts; the second criterion
        // is unbounded too but weighs 0 in every sample. Pruning must neither drop the rival (the
        // bounds are infinite) nor turn 0 × ∞ into NaN, which would drop every rival and give
        // each a confidence of 1.
        let rows: [[ScoreDistribution]] = [
            [.normal(mean: 0.6, deviation: 0.1), .normal(mean: 0.2, deviation: 0.05)],
            [.normal(mean: 0.55, deviation: 0.1), .normal(mean: 0.9, deviation: 0.05)],
        ]
        let weights = Matrix(rows: 4_000, columns: 2, values: Array([1.0, 0.0].repeated(4_000)))
        let result = try SMAA.analyse(scores: .distributions(rows, seed: 5), weights: weights)
        let first = try #require(result.confidence[0]), second = try #require(result.confidence[1])
        // P(A > B) for A − B ~ N(0.05, 0.1·√2): about 0.64.
        #expect(abs(first - 0.638) < 0.03)
        #expect(abs(first + second - 1) < 1e-9)
    }
}

extension Array {
    func repeated(_ times: Int) -> [Element] { (0..<times).flatMap { _ in self } }
}
