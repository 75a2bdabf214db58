@testable import Decision
import Testing

@Suite("Weighted scoring and normalisation")
struct WeightedScoringTests {
    @Test func totalsAreTheWeightedSumsWorkedByHand() throws {
        // Three proposals on three objectives, scored 0–5, weights 50/30/20.
        let scores = Matrix([[4, 2, 5], [3, 5, 1], [5, 1, 2]])
        let values = try Normalisation.scale(worst: 0, best: 5).apply(to: scores)
        #expect(values.rowArrays == [[0.8, 0.4, 1.0], [0.6, 1.0, 0.2], [1.0, 0.2, 0.4]])
        let weights = try WeightedScoring.normalised([50, 30, 20])
        let totals = WeightedScoring.totals(values: values, weights: weights)
        // 0.5·0.8 + 0.3·0.4 + 0.2·1.0 = 0.72; 0.30 + 0.30 + 0.04 = 0.64; 0.50 + 0.06 + 0.08 = 0.64
        #expect(zip(totals, [0.72, 0.64, 0.64]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(WeightedScoring.ranks(of: totals) == [1, 2, 2])
    }

    @Test func ranksAreCompetitionRanksAndRoundingDoesNotSplitATie() {
        #expect(WeightedScoring.ranks(of: [0.1 + 0.2, 0.3, 0.5, 0.1]) == [2, 2, 1, 4])
        #expect(WeightedScoring.ranks(of: [1, 1, 1]) == [1, 1, 1])
        #expect(WeightedScoring.ranks(of: []) == [])
    }

    @Test func weightsAreScaledToSumToOneAndBadOnesRefused() throws {
        #expect(try WeightedScoring.normalised([2, 1, 1]) == [0.5, 0.25, 0.25])
        #expect(throws: DecisionError.negativeOrNonFiniteWeight) { try WeightedScoring.normalised([1, -1]) }
        #expect(throws: DecisionError.negativeOrNonFiniteWeight) { try WeightedScoring.normalised([.nan, 1]) }
        #expect(throws: DecisionError.weightsSumToZero) { try WeightedScoring.normalised([0, 0]) }
        #expect(throws: DecisionError.noCriteria) { try WeightedScoring.normalised([]) }
    }

    @Test func aScaleWhereLowerIsBetterAndTheObservedRange() throws {
        let costs = Matrix([[100], [250], [400]])
        #expect(try Normalisation.scale(worst: 400, best: 100).apply(to: costs).values == [1, 0.5, 0])
        let scores = Matrix([[2, 3], [4, 3], [3, 3]])
        // The second criterion cannot tell the alternatives apart, so it gives none of them value.
        #expect(try Normalisation.observedRange.apply(to: scores).rowArrays == [[0, 0], [1, 0], [0.5, 0]])
        #expect(throws: DecisionError.emptyScale) { try Normalisation.scale(worst: 5, best: 5).apply(to: costs) }
        #expect(throws: DecisionError.nonFiniteScore) {
            try Normalisation.observedRange.apply(to: Matrix([[.infinity]]))
        }
    }
}
