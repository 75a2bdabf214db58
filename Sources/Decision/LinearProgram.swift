/// A small dense linear program, solved by the two-phase simplex method with Bland's rule
/// (which cannot cycle):
///
///     maximise cᵀx  subject to  A x ≤ b,  E x = f,  x ≥ 0.
///
/// The weight samplers use it to tell whether a set of constraints allows any weights at all,
/// and to find a point deep inside the region to start hit-and-run from. Problems here have a
/// handful of criteria and constraints, so a dense tableau is the simple and sufficient choice.
struct LinearProgram {
    var objective: [Double]
    var inequalities: [(coefficients: [Double], bound: Double)] = []
    var equalities: [(coefficients: [Double], value: Double)] = []

    enum Outcome: Equatable {
        case optimal(x: [Double], value: Double)
        case infeasible
        case unbounded
    }

    private static let epsilon = 1e-11

    func solve() -> Outcome {
        let n = objective.count
        let rowCount = inequalities.count + equalities.count
        // Columns: x (n), one slack per inequality, one artificial per row that needs one, then the right-hand side.
        var rows: [[Double]] = []
        var needsArtificial: [Bool] = []
        var slackColumn: [Int?] = []
        let slackCount = inequalities.count
        for (k, (a, b)) in inequalities.enumerated() {
            var row = a + [Double](repeating: 0, count: slackCount)
            row[n + k] = 1
            if b >= 0 {
                rows.append(row + [b]); needsArtificial.append(false); slackColumn.append(n + k)
            } else {
                rows.append(row.map { -$0 } + [-b]); needsArtificial.append(true); slackColumn.append(nil)
            }
        }
        for (e, f) in equalities {
            let row = e + [Double](repeating: 0, count: slackCount)
            rows.append(f >= 0 ? row + [f] : row.map { -$0 } + [-f])
            needsArtificial.append(true); slackColumn.append(nil)
        }
        let artificialCount = needsArtificial.count(where: { $0 })
        let width = n + slackCount + artificialCount  // columns before the right-hand side
        var tableau = [[Double]]()
        var basis = [Int]()
        var nextArtificial = n + slackCount
        for (k, row) in rows.enumerated() {
            var full = Array(row.dropLast()) + [Double](repeating: 0, count: artificialCount) + [row.last!]
            if needsArtificial[k] {
                full[nextArtificial] = 1
                basis.append(nextArtificial)
                nextArtificial += 1
            } else {
                basis.append(slackColumn[k]!)
            }
            tableau.append(full)
        }

        // Phase I: minimise the sum of the artificials (maximise its negative).
        if artificialCount > 0 {
            var phaseOne = [Double](repeating: 0, count: width)
            for j in (n + slackCount)..<width { phaseOne[j] = -1 }
            guard case .optimal = Self.run(&tableau, &basis, objective: phaseOne, width: width, allowed: width) else {
                return .infeasible
            }
            let artificialSum = (0..<rowCount).reduce(0.0) { $0 + (basis[$1] >= n + slackCount ? tableau[$1][width] : 0) }
            if artificialSum > 1e-9 { return .infeasible }
            // Drive any artificial left in the basis (at zero) out, or drop its redundant row.
            var k = 0
            while k < tableau.count {
                if basis[k] >= n + slackCount {
                    if let j = (0..<(n + slackCount)).first(where: { abs(tableau[k][$0]) > 1e-9 }) {
                        Self.pivot(&tableau, &basis, row: k, column: j)
                    } else {
                        tableau.remove(at: k); basis.remove(at: k); continue
                    }
                }
                k += 1
            }
        }
        // Phase II, artificials no longer allowed to enter.
        let phaseTwo = objective + [Double](repeating: 0, count: width - n)
        switch Self.run(&tableau, &basis, objective: phaseTwo, width: width, allowed: n + slackCount) {
        case .unbounded: return .unbounded
        case .infeasible: return .infeasible
        case .optimal:
            var x = [Double](repeating: 0, count: n)
            for (k, j) in basis.enumerated() where j < n { x[j] = tableau[k][width] }
            let value = zip(objective, x).reduce(0) { $0 + $1.0 * $1.1 }
            return .optimal(x: x, value: value)
        }
    }

    /// Primal simplex on a tableau already in canonical form for `basis`. Columns at or past
    /// `allowed` never enter.
    private static func run(_ tableau: inout [[Double]], _ basis: inout [Int], objective: [Double],
                            width: Int, allowed: Int) -> Outcome {
        for _ in 0..<10_000 {
            // Reduced cost of column j: c_j − Σ c_B · column.
            var entering: Int?
            for j in 0..<allowed where !basis.contains(j) {
                var reduced = objective[j]
                for (k, b) in basis.enumerated() { reduced -= objective[b] * tableau[k][j] }
                if reduced > epsilon { entering = j; break }  // Bland: the lowest index that improves
            }
            guard let column = entering else { return .optimal(x: [], value: 0) }
            var leaving: Int?
            var best = Double.infinity
            for k in tableau.indices where tableau[k][column] > epsilon {
                let ratio = tableau[k][width] / tableau[k][column]
                if ratio < best - epsilon || (abs(ratio - best) <= epsilon && basis[k] < basis[leaving!]) {
                    best = ratio; leaving = k
                }
            }
            guard let row = leaving else { return .unbounded }
            pivot(&tableau, &basis, row: row, column: column)
        }
        return .infeasible  // not reached with Bland's rule; treated as no answer rather than a wrong one
    }

    private static func pivot(_ tableau: inout [[Double]], _ basis: inout [Int], row: Int, column: Int) {
        let p = tableau[row][column]
        for j in tableau[row].indices { tableau[row][j] /= p }
        for k in tableau.indices where k != row {
            let factor = tableau[k][column]
            if factor != 0 {
                for j in tableau[k].indices { tableau[k][j] -= factor * tableau[row][j] }
            }
        }
        basis[row] = column
    }
}
