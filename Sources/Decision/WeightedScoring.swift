/// Weighted scoring: the additive value model the evaluation uses.
///
/// Each alternative *i* has a score *xᵢⱼ* on each criterion *j*. A partial value function maps
/// each score to [0, 1] (`Normalisation`), and the alternative's value under weights *w* is
///
///     uᵢ(w) = Σⱼ wⱼ · vⱼ(xᵢⱼ),   with wⱼ ≥ 0 and Σⱼ wⱼ = 1.
///
/// The alternative with the highest value ranks first.
public enum WeightedScoring {
    /// The weights scaled to sum to 1. Weights must be finite and not negative, and at least one positive.
    public static func normalised(_ weights: [Double]) throws(DecisionError) -> [Double] {
        guard !weights.isEmpty else { throw .noCriteria }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw .negativeOrNonFiniteWeight }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw .weightsSumToZero }
        return weights.map { $0 / total }
    }

    /// uᵢ = Σⱼ wⱼ xᵢⱼ for every row of `values` (already normalised scores).
    public static func totals(values: Matrix, weights: [Double]) -> [Double] {
        precondition(weights.count == values.columns, "one weight per criterion")
        var totals = [Double](repeating: 0, count: values.rows)
        values.values.withUnsafeBufferPointer { x in
            for i in 0..<values.rows {
                var sum = 0.0
                for j in 0..<values.columns { sum += weights[j] * x[i * values.columns + j] }
                totals[i] = sum
            }
        }
        return totals
    }

    /// Competition ranks, 1 for the highest total: "1, 2, 2, 4". Totals within `tolerance` of each
    /// other tie, so that 0.1 + 0.2 and 0.3 are not ranked apart by rounding.
    public static func ranks(of totals: [Double], tolerance: Double = 1e-9) -> [Int] {
        totals.map { total in 1 + totals.count(where: { $0 > total + tolerance }) }
    }
}

/// Maps raw scores to partial values in [0, 1].
public enum Normalisation: Sendable, Equatable {
    /// A fixed scale: `worst` maps to 0 and `best` to 1 (for the 0–5 scale, worst 0 and best 5).
    /// A scale where lower is better has `worst > best`.
    case scale(worst: Double, best: Double)
    /// Each criterion's own observed range: its lowest score maps to 0 and its highest to 1. A
    /// criterion on which every alternative scores the same maps to 0 for all, as it cannot tell them apart.
    case observedRange

    public func apply(to scores: Matrix) throws(DecisionError) -> Matrix {
        guard scores.values.allSatisfy(\.isFinite) else { throw .nonFiniteScore }
        var result = scores
        switch self {
        case let .scale(worst, best):
            guard worst.isFinite, best.isFinite, worst != best else { throw .emptyScale }
            for k in result.values.indices { result.values[k] = (scores.values[k] - worst) / (best - worst) }
        case .observedRange:
            for j in 0..<scores.columns {
                let column = (0..<scores.rows).map { scores[$0, j] }
                let low = column.min() ?? 0, high = column.max() ?? 0
                for i in 0..<scores.rows {
                    result[i, j] = high > low ? (scores[i, j] - low) / (high - low) : 0
                }
            }
        }
        return result
    }
}

/// Why a decision problem cannot be computed, in words a person can act on.
public enum DecisionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noCriteria
    case noAlternatives
    case negativeOrNonFiniteWeight
    case weightsSumToZero
    case nonFiniteScore
    case emptyScale
    case dimensionMismatch(expected: Int, found: Int)
    case invalidConstraint(String)
    /// No weights satisfy every constraint together.
    case infeasibleConstraints
    /// The constraints leave the weights no room in some direction (they fix a weight or a
    /// ratio exactly), so the weights cannot be sampled as a region; state such a weight exactly.
    case constraintsWithoutInterior
    case invalidSampleCount
    /// A weight sample whose weights do not add up to 1 (samples are numbered from 1).
    case weightsNotOnSimplex(sample: Int)
    case tooManyAlternatives(limit: Int)

    public var description: String {
        switch self {
        case .noCriteria: "There are no criteria to weigh."
        case .noAlternatives: "There are no alternatives to rank."
        case .negativeOrNonFiniteWeight: "A weight must be a number of 0 or more."
        case .weightsSumToZero: "At least one weight must be more than 0."
        case .nonFiniteScore: "A score must be a finite number."
        case .emptyScale: "The scale's worst and best values must be two different numbers."
        case let .dimensionMismatch(expected, found): "Expected \(expected) values, found \(found)."
        case let .invalidConstraint(why): why
        case .infeasibleConstraints: "No weights satisfy all of these constraints together."
        case .constraintsWithoutInterior:
            "These constraints fix some weights exactly; state those weights exactly instead of as constraints."
        case .invalidSampleCount: "The number of samples must be at least 1."
        case let .weightsNotOnSimplex(sample): "Weight sample \(sample) does not add up to 1."
        case let .tooManyAlternatives(limit): "At most \(limit) alternatives can be analysed at once."
        }
    }
}
