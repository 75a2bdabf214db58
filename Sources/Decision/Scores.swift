/// One alternative's partial value on one criterion, as known to the evaluation.
public enum ScoreDistribution: Sendable, Equatable {
    /// Known exactly.
    case exact(Double)
    /// Anywhere in [lower, upper] with equal chance: "±5%", or the range of the evaluators' scores.
    case uniform(lower: Double, upper: Double)
    /// Normal about `mean` with standard deviation `deviation`: the evaluators' spread.
    case normal(mean: Double, deviation: Double)

    var isValid: Bool {
        switch self {
        case let .exact(x): x.isFinite
        case let .uniform(l, u): l.isFinite && u.isFinite && l <= u
        case let .normal(m, d): m.isFinite && d.isFinite && d >= 0
        }
    }
}

/// Where each SMAA sample's partial values come from.
public enum ScoreSource: Sendable {
    /// The same m×n matrix of partial values for every sample.
    case exact(Matrix)
    /// Values drawn afresh for every sample from each alternative's distributions, m rows of
    /// n, with generators seeded from `seed`.
    case distributions([[ScoreDistribution]], seed: UInt64)
    /// Values drawn elsewhere: one m×n matrix per sample, `alternatives * criteria` values each,
    /// in sample order (an independent implementation's draws, read from a file). Sample s uses
    /// draw s modulo the number of draws; the confidence factors use every draw once.
    case recorded(alternatives: Int, criteria: Int, draws: [Double])
}

/// A `ScoreSource` checked and laid out for drawing: flat m×n cells, with each cell's bounds
/// (which let the confidence factors skip alternatives that can never come first).
struct ScoreModel: Sendable {
    let m: Int, n: Int
    let kind: Kind
    let seed: UInt64
    /// Per cell: the value (exact), the lower end (uniform) or the mean (normal).
    let base: [Double]
    /// Per cell: 0 (exact), the width (uniform) or the deviation (normal).
    let scale: [Double]
    let isNormal: [Bool]
    let recorded: [Double]
    /// Per cell: the least and greatest value a draw can take (±∞ for a normal).
    let lower: [Double], upper: [Double]

    enum Kind: Equatable { case exact, uniform, mixed, recorded }

    init(_ source: ScoreSource) throws(DecisionError) {
        switch source {
        case let .exact(values):
            guard values.rows >= 1 else { throw .noAlternatives }
            guard values.columns >= 1 else { throw .noCriteria }
            guard values.values.allSatisfy(\.isFinite) else { throw .nonFiniteScore }
            m = values.rows; n = values.columns; kind = .exact; seed = 0
            base = values.values; scale = []; isNormal = []; recorded = []
            lower = base; upper = base
        case let .distributions(rows, seed):
            guard let first = rows.first else { throw .noAlternatives }
            guard !first.isEmpty else { throw .noCriteria }
            if let bad = rows.first(where: { $0.count != first.count }) {
                throw .dimensionMismatch(expected: first.count, found: bad.count)
            }
            guard rows.allSatisfy({ $0.allSatisfy(\.isValid) }) else { throw .nonFiniteScore }
            m = rows.count; n = first.count; self.seed = seed; recorded = []
            var base = [Double](), scale = [Double](), isNormal = [Bool](), lower = [Double](), upper = [Double]()
            for cell in rows.joined() {
                switch cell {
                case let .exact(x):
                    base.append(x); scale.append(0); isNormal.append(false); lower.append(x); upper.append(x)
                case let .uniform(l, u):
                    base.append(l); scale.append(u - l); isNormal.append(false); lower.append(l); upper.append(u)
                case let .normal(mean, d):
                    base.append(mean); scale.append(d); isNormal.append(true)
                    lower.append(d > 0 ? -.infinity : mean); upper.append(d > 0 ? .infinity : mean)
                }
            }
            kind = isNormal.contains(true) ? .mixed : .uniform
            self.base = base; self.scale = scale; self.isNormal = isNormal; self.lower = lower; self.upper = upper
        case let .recorded(m, n, draws):
            guard m >= 1 else { throw .noAlternatives }
            guard n >= 1 else { throw .noCriteria }
            guard !draws.isEmpty, draws.count % (m * n) == 0 else {
                throw .dimensionMismatch(expected: m * n, found: draws.count % (m * n))
            }
            guard draws.allSatisfy(\.isFinite) else { throw .nonFiniteScore }
            self.m = m; self.n = n; kind = .recorded; seed = 0
            base = []; scale = []; isNormal = []; recorded = draws
            var lower = Array(draws[0..<(m * n)]), upper = lower
            for start in stride(from: 0, to: draws.count, by: m * n) {
                for k in 0..<(m * n) {
                    lower[k] = Swift.min(lower[k], draws[start + k]); upper[k] = Swift.max(upper[k], draws[start + k])
                }
            }
            self.lower = lower; self.upper = upper
        }
    }

    var recordedCount: Int { kind == .recorded ? recorded.count / (m * n) : 0 }

    /// Writes sample `index`'s values of `rows` (all rows when nil) into `x` (m×n).
    @inline(__always)
    func fill(_ x: UnsafeMutablePointer<Double>, sample index: Int, rows: UnsafeBufferPointer<Int>?,
              using generator: inout SeededGenerator) {
        switch kind {
        case .exact:
            return  // written once by the caller
        case .recorded:
            let start = (index % recordedCount) * m * n
            recorded.withUnsafeBufferPointer { r in
                if let rows {
                    for i in rows { for j in 0..<n { x[i * n + j] = r[start + i * n + j] } }
                } else {
                    for k in 0..<(m * n) { x[k] = r[start + k] }
                }
            }
        case .uniform, .mixed:
            base.withUnsafeBufferPointer { base in
            scale.withUnsafeBufferPointer { scale in
            isNormal.withUnsafeBufferPointer { isNormal in
                @inline(__always) func cell(_ k: Int) {
                    if kind == .uniform || !isNormal[k] {
                        x[k] = base[k] + scale[k] * generator.unit()
                    } else {
                        x[k] = base[k] + scale[k] * generator.normal()
                    }
                }
                if let rows {
                    for i in rows { for j in 0..<n { cell(i * n + j) } }
                } else {
                    for k in 0..<(m * n) { cell(k) }
                }
            }}}
        }
    }
}
