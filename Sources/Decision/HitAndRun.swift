#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Hit-and-run (Smith 1984) on a weight polytope, as R's `hitandrun` package samples SMAA's
/// weights: from a point inside, draw a direction uniformly on the sphere of the plane Σw = 1,
/// find the chord of the polytope along it, and move to a point uniform on that chord. The
/// chain's stationary distribution is uniform on the polytope; points are kept every
/// `thinning` steps after as many steps of burn-in, with `hitandrun`'s default
/// thinning ⌈ln(d + 1)/4 · d³⌉ for a polytope of dimension d = n − 1.
///
/// A direction: n standard normals with their mean subtracted (a normal vector projected onto
/// the plane is still spherically symmetric in it). Along w + t·d the rows aₖᵀw ≤ bₖ and
/// wⱼ ≥ 0 bound t to an interval [t₋, t₊]; t is drawn uniformly from it.
public struct HitAndRunSampler: Sendable {
    public let polytope: WeightPolytope
    public let thinning: Int
    public let burnIn: Int
    private var point: [Double]

    public init(_ polytope: WeightPolytope, thinning: Int? = nil, burnIn: Int? = nil) throws(DecisionError) {
        self.polytope = polytope
        self.thinning = max(thinning ?? Self.defaultThinning(criteria: polytope.criteria), 1)
        self.burnIn = burnIn ?? self.thinning
        self.point = try polytope.centre().point
    }

    public static func defaultThinning(criteria: Int) -> Int {
        let d = Double(max(criteria - 1, 1))
        return max(Int((log(d + 1) / 4 * d * d * d).rounded(.up)), 1)
    }

    public mutating func fill(_ weights: inout Matrix, using generator: inout SeededGenerator) {
        let n = polytope.criteria
        precondition(weights.columns == n)
        guard n > 1 else {
            for s in 0..<weights.rows { weights[s, 0] = 1 }
            return
        }
        var walk = Walk(polytope, from: point, fallback: SeededGenerator(seed: generator.next()))
        defer { walk.free() }
        for _ in 0..<burnIn { walk.step(&generator) }
        for s in 0..<weights.rows {
            for _ in 0..<thinning { walk.step(&generator) }
            for j in 0..<n { weights[s, j] = walk.weight(j) }
        }
        point = (0..<n).map { walk.weight($0) }
    }

    /// Fills `weights` from `chains` independent chains run side by side on the machine's
    /// processors, each from the centre with its own burn-in and its own generator seeded from
    /// `seed`, each giving a contiguous share of the rows. The number of chains is fixed, not the
    /// number of processors, so that a seed gives the same weights on every machine.
    public func fill(_ weights: inout Matrix, seed: UInt64, chains: Int = 4) {
        let n = polytope.criteria, rows = weights.rows
        precondition(weights.columns == n)
        let chains = max(1, min(chains, rows))
        let output = Buffer<Double>(count: rows * n, repeating: 0)
        defer { output.free() }
        let sampler = self
        onProcessors(chains) { chain in
            let first = rows * chain / chains, end = rows * (chain + 1) / chains
            var part = Matrix(rows: end - first, columns: n)
            var generator = SeededGenerator(seed: seed &+ UInt64(chain) &* 0xD1B5_4A32_D192_ED03)
            var chainSampler = sampler
            chainSampler.fill(&part, using: &generator)
            for k in 0..<part.values.count { output.pointer[first * n + k] = part.values[k] }
        }
        for k in 0..<(rows * n) { weights.values[k] = output.pointer[k] }
    }
}

/// The chain's state, laid out for the step: the point, the direction and the constraints'
/// slacks in vectors of four lanes, so that each step's bounds are found without a branch per
/// constraint (which way a constraint bounds t depends on the sign of aₖᵀd, a coin toss that
/// defeats branch prediction). The buffers are raw, and freed by `fill`, because bounds and
/// uniqueness checks on arrays were a large part of a step that does little else.
private struct Walk {
    typealias Lanes = SIMD4<Double>
    let n: Int, m: Int
    let pointBlocks: Int, rowBlocks: Int
    /// w in blocks of four; lanes past n stay 0 and their direction 0.
    let w: UnsafeMutablePointer<Lanes>
    let d: UnsafeMutablePointer<Lanes>
    /// The direction's lanes one by one, as the normals are drawn.
    let scalarDirection: UnsafeMutablePointer<Double>
    /// 1 in the lanes that are criteria, 0 in the padding.
    let realLanes: UnsafeMutablePointer<Lanes>
    /// Column j of A in blocks of four rows: `columns[j * rowBlocks + b]`.
    let columns: UnsafeMutablePointer<Lanes>
    let b: UnsafeMutablePointer<Lanes>
    /// bₖ − aₖᵀw, kept up to date step by step and recomputed now and then against rounding.
    let slack: UnsafeMutablePointer<Lanes>
    let ad: UnsafeMutablePointer<Lanes>
    var steps = 0
    let ziggurat = Ziggurat.shared
    /// The generator for the ziggurat's rare slow draws (see `Ziggurat.drawPair`).
    var fallback: SeededGenerator

    // The standard library's pointwiseMin/Max follow IEEE minNum lane by lane and were a third of
    // the step; no NaN reaches these, so a compare and a blend do.
    @inline(__always) static func minimum(_ a: Lanes, _ b: Lanes) -> Lanes { a.replacing(with: b, where: b .< a) }
    @inline(__always) static func maximum(_ a: Lanes, _ b: Lanes) -> Lanes { a.replacing(with: b, where: b .> a) }

    init(_ polytope: WeightPolytope, from start: [Double], fallback: SeededGenerator) {
        self.fallback = fallback
        n = polytope.criteria; m = polytope.rowCount
        pointBlocks = (n + 3) / 4; rowBlocks = max((m + 3) / 4, 1)
        func lanes(_ count: Int, _ value: Double) -> UnsafeMutablePointer<Lanes> {
            let p = UnsafeMutablePointer<Lanes>.allocate(capacity: count)
            p.initialize(repeating: Lanes(repeating: value), count: count)
            return p
        }
        w = lanes(pointBlocks, 0); d = lanes(pointBlocks, 0); realLanes = lanes(pointBlocks, 0)
        scalarDirection = .allocate(capacity: pointBlocks * 4)
        scalarDirection.initialize(repeating: 0, count: pointBlocks * 4)
        for j in 0..<n { w[j / 4][j % 4] = start[j]; realLanes[j / 4][j % 4] = 1 }
        columns = lanes(n * rowBlocks, 0)
        b = lanes(rowBlocks, 1)  // padding rows: 0ᵀw ≤ 1, never binding (their aᵀd is 0)
        for k in 0..<m {
            b[k / 4][k % 4] = polytope.b[k]
            for j in 0..<n { columns[j * rowBlocks + k / 4][k % 4] = polytope.a[k * n + j] }
        }
        slack = lanes(rowBlocks, 0)
        ad = lanes(rowBlocks, 0)
        refresh()
    }

    func free() {
        for p in [w, d, realLanes, columns, b, slack, ad] { p.deallocate() }
        scalarDirection.deallocate()
    }

    func weight(_ j: Int) -> Double { w[j / 4][j % 4] }

    func refresh() {
        var total = 0.0
        for j in 0..<n { total += weight(j) }
        for k in 0..<pointBlocks { w[k] /= Lanes(repeating: total) }
        for block in 0..<rowBlocks {
            var aw = Lanes.zero
            for j in 0..<n { aw += columns[j * rowBlocks + block] * weight(j) }
            slack[block] = b[block] - aw
        }
    }

    @inline(__always)
    mutating func step(_ generator: inout SeededGenerator) {
        var mean = 0.0
        var j = 0
        while j + 1 < n {
            let (z0, z1) = ziggurat.drawPair(bits: generator.next(), fallback: &fallback)
            scalarDirection[j] = z0; scalarDirection[j + 1] = z1
            mean += z0 + z1
            j += 2
        }
        if j < n {
            let z = ziggurat.drawPair(bits: generator.next(), fallback: &fallback).0
            scalarDirection[j] = z
            mean += z
        }
        mean /= Double(n)
        let infinity = Lanes(repeating: .infinity), negativeInfinity = Lanes(repeating: -.infinity)
        var high = infinity, low = negativeInfinity
        // wⱼ + t·dⱼ ≥ 0: the row −eⱼ, with slack wⱼ and aᵀd = −dⱼ.
        let raw = UnsafeRawPointer(scalarDirection)
        for k in 0..<pointBlocks {
            let drawn = raw.loadUnaligned(fromByteOffset: k * 32, as: Lanes.self)
            let direction = (drawn - Lanes(repeating: mean)) * realLanes[k]
            d[k] = direction
            let g = -direction
            let ratio = w[k] / g
            high = Self.minimum(high, ratio.replacing(with: infinity, where: g .<= 0))
            low = Self.maximum(low, ratio.replacing(with: negativeInfinity, where: g .>= 0))
        }
        for j in 0..<n { scalarDirection[j] -= mean }  // the direction, centred, a lane at a time
        for block in 0..<rowBlocks {
            var g = Lanes.zero
            var column = columns + block
            for j in 0..<n {
                g += column.pointee * Lanes(repeating: scalarDirection[j])
                column += rowBlocks
            }
            ad[block] = g
            let ratio = Self.maximum(slack[block], .zero) / g
            high = Self.minimum(high, ratio.replacing(with: infinity, where: g .<= 0))
            low = Self.maximum(low, ratio.replacing(with: negativeInfinity, where: g .>= 0))
        }
        let upper = min(min(high[0], high[1]), min(high[2], high[3]))
        let lower = max(max(low[0], low[1]), max(low[2], low[3]))
        guard lower < upper else { return }  // a degenerate chord: stay put this step
        let t = lower + (upper - lower) * generator.unit()
        let tt = Lanes(repeating: t)
        for k in 0..<pointBlocks { w[k] = Self.maximum(w[k] + tt * d[k], .zero) }
        for block in 0..<rowBlocks { slack[block] -= tt * ad[block] }
        steps += 1
        if steps & 1023 == 0 { refresh() }
    }
}
