/// What a board knows about the weights, stated the way it says it.
///
/// Criteria are numbered from 0. Every constraint is read on the simplex of weights
/// (wⱼ ≥ 0, Σⱼ wⱼ = 1), so "at least 0.2" means at least a fifth of the whole.
public enum WeightConstraint: Sendable, Equatable, Hashable {
    /// wᵢ ≥ wⱼ: "criterion i weighs at least as much as criterion j".
    case atLeastAsMuchAs(Int, Int)
    /// lower ≤ wᵢ ≤ upper.
    case interval(Int, lower: Double, upper: Double)
    /// wᵢ ≥ factor · wⱼ: "regeneration weighs at least twice staff terms".
    case atLeastTimes(Int, factor: Double, Int)
    /// Σⱼ aⱼ wⱼ ≤ bound: any other linear statement.
    case linear(coefficients: [Double], bound: Double)

    /// The constraint as rows aᵀw ≤ b.
    func rows(criteria n: Int) throws(DecisionError) -> [(a: [Double], b: Double)] {
        func check(_ i: Int) throws(DecisionError) {
            guard (0..<n).contains(i) else { throw .invalidConstraint("There is no criterion \(i + 1); there are \(n).") }
        }
        func unit(_ i: Int, _ value: Double) -> [Double] {
            var a = [Double](repeating: 0, count: n); a[i] = value; return a
        }
        switch self {
        case let .atLeastAsMuchAs(i, j):
            try check(i); try check(j)
            guard i != j else { throw .invalidConstraint("A criterion cannot be compared with itself.") }
            var a = unit(j, 1); a[i] = -1
            return [(a, 0)]
        case let .interval(i, lower, upper):
            try check(i)
            guard lower.isFinite, upper.isFinite, lower >= 0, upper <= 1, lower <= upper else {
                throw .invalidConstraint("A weight's interval must lie within 0 to 1, its lower end first.")
            }
            return [(unit(i, -1), -lower), (unit(i, 1), upper)]
        case let .atLeastTimes(i, factor, j):
            try check(i); try check(j)
            guard i != j else { throw .invalidConstraint("A criterion cannot be compared with itself.") }
            guard factor.isFinite, factor > 0 else { throw .invalidConstraint("The factor must be a number greater than 0.") }
            var a = unit(j, factor); a[i] = -1
            return [(a, 0)]
        case let .linear(coefficients, bound):
            guard coefficients.count == n else { throw .dimensionMismatch(expected: n, found: coefficients.count) }
            guard coefficients.allSatisfy(\.isFinite), bound.isFinite else {
                throw .invalidConstraint("A constraint's numbers must be finite.")
            }
            return [(coefficients, bound)]
        }
    }
}

/// The weights allowed by a set of constraints: the simplex cut by rows aₖᵀw ≤ bₖ.
public struct WeightPolytope: Sendable {
    public let criteria: Int
    /// The rows, row-major: `a[k * criteria + j]`.
    let a: [Double]
    let b: [Double]
    var rowCount: Int { b.count }

    public init(criteria: Int, constraints: [WeightConstraint]) throws(DecisionError) {
        guard criteria >= 1 else { throw .noCriteria }
        var a: [Double] = [], b: [Double] = []
        for constraint in constraints {
            for row in try constraint.rows(criteria: criteria) {
                a += row.a; b.append(row.b)
            }
        }
        self.criteria = criteria
        self.a = a
        self.b = b
    }

    /// Whether w lies in the polytope, each inequality allowed `tolerance` of rounding.
    public func contains(_ w: some Collection<Double>, tolerance: Double = 1e-9) -> Bool {
        let w = Array(w)
        guard w.count == criteria, w.allSatisfy({ $0 >= -tolerance }),
              abs(w.reduce(0, +) - 1) <= max(tolerance, 1e-12) * Double(criteria) else { return false }
        for k in 0..<rowCount {
            var lhs = 0.0
            for j in 0..<criteria { lhs += a[k * criteria + j] * w[j] }
            if lhs > b[k] + tolerance { return false }
        }
        return true
    }

    /// The centre of the largest ball that fits inside the polytope within the simplex's plane,
    /// and that ball's radius (a Chebyshev centre, found by a linear program as hitandrun's
    /// `createSeedPoint` does). Distances are measured along the plane Σw = 1, the only
    /// directions hit-and-run moves in.
    ///
    /// Throws `infeasibleConstraints` when no weights satisfy the constraints, and
    /// `constraintsWithoutInterior` when they do but leave no room (radius ≈ 0).
    public func centre() throws(DecisionError) -> (point: [Double], radius: Double) {
        let n = criteria
        if n == 1 {
            guard contains([1]) else { throw .infeasibleConstraints }
            return ([1], 0)
        }
        // Variables: w₀ … wₙ₋₁, r. Maximise r subject to aₖᵀw + r‖P aₖ‖ ≤ bₖ and
        // −wⱼ + r‖P eⱼ‖ ≤ 0, with Σw = 1; P projects onto the plane's directions (Σd = 0).
        func projectedNorm(_ row: ArraySlice<Double>) -> Double {
            let mean = row.reduce(0, +) / Double(n)
            return row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }.squareRoot()
        }
        var lp = LinearProgram(objective: [Double](repeating: 0, count: n) + [1])
        for k in 0..<rowCount {
            let row = a[k * n ..< (k + 1) * n]
            let norm = projectedNorm(row)
            if norm < 1e-12 {
                // aₖ is a multiple c·(1, …, 1): on the plane the row says c ≤ bₖ, always or never.
                guard row.first! <= b[k] + 1e-12 else { throw .infeasibleConstraints }
                continue
            }
            lp.inequalities.append((Array(row) + [norm], b[k]))
        }
        let unitNorm = (Double(n - 1) / Double(n)).squareRoot()
        for j in 0..<n {
            var row = [Double](repeating: 0, count: n + 1)
            row[j] = -1; row[n] = unitNorm
            lp.inequalities.append((row, 0))
        }
        lp.equalities.append(([Double](repeating: 1, count: n) + [0], 1))
        switch lp.solve() {
        case .infeasible: throw .infeasibleConstraints
        case .unbounded: throw .infeasibleConstraints  // cannot happen: r ≤ ‖P eⱼ‖ wⱼ ≤ 1
        case let .optimal(x, radius):
            guard radius > 1e-9 else { throw .constraintsWithoutInterior }
            return (Array(x[0..<n]), radius)
        }
    }
}
