/// Draws weight vectors uniformly from what the board's decision allows.
///
/// Each sampler fills a `Matrix` with one weight vector per row. Given the same seed, every
/// sampler draws the same rows, on every machine.
public enum WeightInformation: Sendable, Equatable {
    /// The weights are known exactly (they are normalised to sum to 1).
    case exact([Double])
    /// Nothing is known: any weights on the simplex.
    case unknown
    /// An order in tiers: every criterion in a tier weighs at least as much as every criterion in
    /// any later tier ("I, VI and VIII each weigh at least as much as any other objective" is
    /// `[[0, 5, 7], [1, 2, 3, 4, 6]]`). Each criterion appears in exactly one tier.
    case tiers([[Int]])
    /// Any set of linear constraints (orders, intervals, ratios, …).
    case constraints([WeightConstraint])
}

/// How a set of samples was drawn, for the report's method section.
public enum SamplingMethod: Sendable, Equatable, CustomStringConvertible {
    case exact
    case simplex
    case tiers
    case intervals
    case hitAndRun(thinning: Int)
    case rejection

    public var description: String {
        switch self {
        case .exact: "exact weights"
        case .simplex: "uniform on the simplex (sorted uniforms)"
        case .tiers: "uniform on the simplex, sorted into the stated order"
        case .intervals: "uniform above the lower bounds, upper bounds by rejection"
        case let .hitAndRun(thinning): "hit-and-run, every \(thinning)th point kept"
        case .rejection: "uniform on the simplex, keeping those that meet the constraints"
        }
    }
}

public enum WeightSampling {
    /// `count` weight vectors drawn uniformly from what `information` allows, with the method
    /// chosen for it: exact weights repeated; the simplex by sorted uniforms; tiers by sorting
    /// simplex draws into the order; intervals by shifting above the lower bounds and rejecting
    /// draws over an upper bound (hit-and-run if fewer than 5% would pass); any other
    /// constraints by hit-and-run.
    public static func sample(_ information: WeightInformation, criteria: Int, count: Int,
                              seed: UInt64) throws(DecisionError) -> (weights: Matrix, method: SamplingMethod) {
        guard criteria >= 1 else { throw .noCriteria }
        guard count >= 1 else { throw .invalidSampleCount }
        var generator = SeededGenerator(seed: seed)
        var weights = Matrix(rows: count, columns: criteria)
        switch information {
        case let .exact(values):
            guard values.count == criteria else { throw .dimensionMismatch(expected: criteria, found: values.count) }
            let w = try WeightedScoring.normalised(values)
            for s in 0..<count { for j in 0..<criteria { weights[s, j] = w[j] } }
            return (weights, .exact)
        case .unknown:
            SimplexSampler(criteria: criteria).fill(&weights, using: &generator)
            return (weights, .simplex)
        case let .tiers(tiers):
            try TierSampler(criteria: criteria, tiers: tiers).fill(&weights, using: &generator)
            return (weights, .tiers)
        case let .constraints(constraints):
            if constraints.isEmpty {
                SimplexSampler(criteria: criteria).fill(&weights, using: &generator)
                return (weights, .simplex)
            }
            let polytope = try WeightPolytope(criteria: criteria, constraints: constraints)
            let bounds = constraints.allSatisfy { if case .interval = $0 { true } else { false } }
            if bounds, var intervals = try IntervalSampler(criteria: criteria, constraints: constraints),
               intervals.acceptance(using: &generator) >= 0.05 {
                intervals.fill(&weights, using: &generator)
                return (weights, .intervals)
            }
            let hitAndRun = try HitAndRunSampler(polytope)
            hitAndRun.fill(&weights, seed: seed)
            return (weights, .hitAndRun(thinning: hitAndRun.thinning))
        }
    }
}

/// Uniform on the simplex by sorted uniforms: n − 1 uniforms sorted, and the n gaps between
/// 0, them and 1, are a uniform draw from {w ≥ 0, Σw = 1} (a flat Dirichlet).
public struct SimplexSampler: Sendable {
    public let criteria: Int
    public init(criteria: Int) { self.criteria = criteria }

    public func fill(_ weights: inout Matrix, using generator: inout SeededGenerator) {
        precondition(weights.columns == criteria)
        var cuts = [Double](repeating: 0, count: criteria + 1)
        weights.values.withUnsafeMutableBufferPointer { out in
            for s in 0..<weights.rows {
                draw(into: UnsafeMutableBufferPointer(rebasing: out[s * criteria ..< (s + 1) * criteria]),
                     cuts: &cuts, using: &generator)
            }
        }
    }

    @inline(__always)
    func draw(into w: UnsafeMutableBufferPointer<Double>, cuts: inout [Double], using generator: inout SeededGenerator) {
        let n = criteria
        cuts[0] = 0
        cuts[n] = 1
        // Insertion sort of n − 1 uniforms: n is the number of criteria, a handful.
        for k in 1..<n {
            let u = generator.unit()
            var p = k
            while p > 1, cuts[p - 1] > u { cuts[p] = cuts[p - 1]; p -= 1 }
            cuts[p] = u
        }
        for j in 0..<n { w[j] = cuts[j + 1] - cuts[j] }
    }
}

/// Uniform on the region of an order in tiers. The flat Dirichlet is symmetric in the criteria,
/// so a simplex draw sorted from largest to smallest, its largest values given to the first tier
/// in a random order, the next to the second tier, and so on, is uniform on the region where
/// every tier outweighs the next.
public struct TierSampler: Sendable {
    public let criteria: Int
    let tiers: [[Int]]

    public init(criteria: Int, tiers: [[Int]]) throws(DecisionError) {
        let all = tiers.flatMap { $0 }
        guard all.sorted() == Array(0..<criteria) else {
            throw .invalidConstraint("Each criterion must be in exactly one tier of the order.")
        }
        self.criteria = criteria
        self.tiers = tiers.filter { !$0.isEmpty }
    }

    public func fill(_ weights: inout Matrix, using generator: inout SeededGenerator) {
        let simplex = SimplexSampler(criteria: criteria)
        var cuts = [Double](repeating: 0, count: criteria + 1)
        var draw = [Double](repeating: 0, count: criteria)
        var members = [Int]()
        for s in 0..<weights.rows {
            draw.withUnsafeMutableBufferPointer { simplex.draw(into: $0, cuts: &cuts, using: &generator) }
            draw.sort(by: >)
            var next = 0
            for tier in tiers {
                members = tier
                // Fisher–Yates: which member of the tier takes which of its values.
                for k in stride(from: members.count - 1, to: 0, by: -1) {
                    members.swapAt(k, generator.below(k + 1))
                }
                for criterion in members { weights[s, criterion] = draw[next]; next += 1 }
            }
        }
    }
}

/// Intervals lower ≤ wᵢ ≤ upper: w = l + (1 − Σl)·u with u uniform on the simplex is uniform on
/// {w ≥ l, Σw = 1} (an affine image of a uniform draw is uniform), and draws over an upper bound
/// are rejected.
public struct IntervalSampler: Sendable {
    public let criteria: Int
    let lower: [Double]
    let upper: [Double]
    let free: Double

    /// Nil when the intervals leave no room to sample (the lower bounds sum to 1 or more).
    public init?(criteria: Int, constraints: [WeightConstraint]) throws(DecisionError) {
        var lower = [Double](repeating: 0, count: criteria), upper = [Double](repeating: 1, count: criteria)
        for constraint in constraints {
            guard case let .interval(i, l, u) = constraint else {
                throw .invalidConstraint("Only intervals can be sampled this way.")
            }
            _ = try constraint.rows(criteria: criteria)
            lower[i] = max(lower[i], l); upper[i] = min(upper[i], u)
        }
        guard zip(lower, upper).allSatisfy({ $0 <= $1 }), lower.reduce(0, +) <= 1,
              upper.reduce(0, +) >= 1 else { throw .infeasibleConstraints }
        let free = 1 - lower.reduce(0, +)
        guard free > 1e-9 else { return nil }
        self.criteria = criteria
        self.lower = lower
        self.upper = upper
        self.free = free
    }

    /// The share of 2,000 draws that pass, to decide whether rejection is worth it.
    mutating func acceptance(using generator: inout SeededGenerator) -> Double {
        var probe = generator
        var w = [Double](repeating: 0, count: criteria), cuts = [Double](repeating: 0, count: criteria + 1)
        var accepted = 0
        for _ in 0..<2000 where tryDraw(&w, cuts: &cuts, using: &probe) { accepted += 1 }
        return Double(accepted) / 2000
    }

    public func fill(_ weights: inout Matrix, using generator: inout SeededGenerator) {
        var w = [Double](repeating: 0, count: criteria), cuts = [Double](repeating: 0, count: criteria + 1)
        for s in 0..<weights.rows {
            while !tryDraw(&w, cuts: &cuts, using: &generator) {}
            for j in 0..<criteria { weights[s, j] = w[j] }
        }
    }

    private func tryDraw(_ w: inout [Double], cuts: inout [Double], using generator: inout SeededGenerator) -> Bool {
        w.withUnsafeMutableBufferPointer { SimplexSampler(criteria: criteria).draw(into: $0, cuts: &cuts, using: &generator) }
        for j in 0..<criteria {
            w[j] = lower[j] + free * w[j]
            if w[j] > upper[j] { return false }
        }
        return true
    }
}

/// Rejection: simplex draws, keeping those inside the polytope. Exact but slow when the
/// polytope is a small part of the simplex; the tests hold hit-and-run to it.
public struct RejectionSampler: Sendable {
    let polytope: WeightPolytope
    public init(_ polytope: WeightPolytope) { self.polytope = polytope }

    /// Fills `weights`, or returns false if `maximumAttempts` draws were not enough.
    public func fill(_ weights: inout Matrix, using generator: inout SeededGenerator,
                     maximumAttempts: Int = 100_000_000) -> Bool {
        let n = polytope.criteria
        var w = [Double](repeating: 0, count: n), cuts = [Double](repeating: 0, count: n + 1)
        var attempts = 0
        let simplex = SimplexSampler(criteria: n)
        for s in 0..<weights.rows {
            repeat {
                attempts += 1
                if attempts > maximumAttempts { return false }
                w.withUnsafeMutableBufferPointer { simplex.draw(into: $0, cuts: &cuts, using: &generator) }
            } while !polytope.contains(w, tolerance: 0)
            for j in 0..<n { weights[s, j] = w[j] }
        }
        return true
    }
}
