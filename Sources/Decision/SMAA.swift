import Dispatch

/// SMAA-2, stochastic multicriteria acceptability analysis (Lahdelma & Salminen 2001).
///
/// Given alternatives' partial values xᵢⱼ (exact or uncertain) and weights w drawn uniformly
/// from what the decision maker allows, each sample ranks the alternatives by uᵢ = Σⱼ wⱼ xᵢⱼ.
/// Over S samples:
///
/// - **Rank acceptability index** bᵢʳ: the share of samples in which alternative i takes rank r.
///   Alternatives tied in a sample share the ranks they span equally (two tied for first each
///   take ½ of rank 1 and ½ of rank 2), so each row and each column of b sums to 1.
/// - **Central weight vector** wᵢᶜ: the mean of the weights in the samples where i ranks first
///   (weighted by its share of rank 1), the "typical" weights that make i the best.
/// - **Confidence factor** pᵢᶜ: the probability that i ranks first when the weights are its
///   central weights, over the uncertainty of the values (0 or 1 when the values are exact).
///   Defined only where bᵢ¹ > 0.
/// - **Holistic acceptability index** aᵢʰ = Σᵣ αʳ bᵢʳ with meta-weights 1 = α¹ ≥ α² ≥ … ≥ αᵐ ≥ 0.
/// - **Pairwise winning index** cₐₑ: the share of samples in which uₐ > uₑ strictly. Without
///   ties cₐₑ + cₑₐ = 1.
///
/// Every figure is a Monte Carlo estimate; with S samples a share's standard error is at most
/// ½/√S (0.5% for 10,000).
public enum SMAA {
    /// The samples are cut into this many parts, analysed side by side on the machine's
    /// processors and added up in order. Fixed, not the number of processors, so that a seed
    /// gives the same figures on every machine.
    static let parts = 4

    /// The most alternatives one analysis takes.
    public static let maximumAlternatives = 2_000

    public static func analyse(scores: ScoreSource, weights: Matrix, metaWeights: MetaWeights = .linear,
                               confidenceDraws: Int? = nil) throws(DecisionError) -> SMAAResult {
        let model = try ScoreModel(scores)
        let m = model.m, n = model.n, samples = weights.rows
        guard weights.columns == n else { throw .dimensionMismatch(expected: n, found: weights.columns) }
        guard samples >= 1 else { throw .invalidSampleCount }
        // Its sums are m×m per part (five such arrays in all): 2,000 alternatives take 160 MB.
        guard m <= Self.maximumAlternatives else { throw .tooManyAlternatives(limit: Self.maximumAlternatives) }
        guard weights.values.allSatisfy({ $0.isFinite && $0 >= -1e-12 }) else { throw .negativeOrNonFiniteWeight }
        // Weights on the simplex keep every value a weighted mean of finite scores, so none overflows.
        for s in 0..<samples {
            let total = weights.row(s).reduce(0, +)
            guard abs(total - 1) <= 1e-6 else { throw .weightsNotOnSimplex(sample: s + 1) }
        }
        let alpha = try metaWeights.values(alternatives: m)
        if let confidenceDraws, confidenceDraws < 1 { throw .invalidSampleCount }

        // Competition rank (how many alternatives are strictly better) per alternative, per sample:
        // alternative-major, so that the pairwise pass reads each alternative's ranks in order; a
        // byte each when there are at most 256 alternatives (twice the lanes per comparison),
        // else two. Padded to whole vectors of 32 samples: the padding ties every pair, so it
        // counts for none.
        let stride = (samples + 31) / 32 * 32
        let narrow = m <= 256
        let betterThan = Buffer<UInt16>(count: m * stride / (narrow ? 2 : 1), repeating: 0)
        // Which samples had alternatives of equal value: the pairwise pass counts both
        // directions only where a tie (or the padding, where all tie) can be.
        let tied = Buffer<Bool>(count: stride, repeating: false)
        defer { betterThan.free(); tied.free() }
        let ranges = partition(samples)
        let partials = ranges.indices.map { _ in Partial(m: m, n: n) }
        defer { partials.forEach { $0.free() } }
        let seeds = ranges.indices.map { model.seed &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        weights.values.withUnsafeBufferPointer { w in
            let w = Shared(w.baseAddress!)
            onProcessors(ranges.count) { part in
                rankSamples(ranges[part], weights: w.pointer, model: model, seed: seeds[part],
                            into: partials[part], betterThan: UnsafeMutableRawPointer(betterThan.pointer), narrow: narrow,
                            stride: stride, tied: tied.pointer)
            }
        }
        let total = Partial(m: m, n: n)
        defer { total.free() }
        for partial in partials { total.add(partial) }

        let acceptability = Matrix(rows: m, columns: m, values: (0..<(m * m)).map { total.rankCounts[$0] / Double(samples) })
        var central = [[Double]?](repeating: nil, count: m)
        for i in 0..<m where total.firstShare[i] > 0 {
            central[i] = (0..<n).map { total.centralSums[i * n + $0] / total.firstShare[i] }
        }
        let holistic = (0..<m).map { i in (0..<m).reduce(0.0) { $0 + alpha[$1] * acceptability[i, $1] } }
        let winning = pairwiseWinning(betterThan, alternatives: m, stride: stride, samples: samples, narrow: narrow, tied: tied)
        let draws = switch model.kind {
        case .exact: 1
        case .recorded: model.recordedCount
        case .uniform, .mixed: confidenceDraws ?? samples
        }
        let confidence = confidenceFactors(central: central, model: model, draws: draws)
        return SMAAResult(alternatives: m, criteria: n, samples: samples, rankAcceptability: acceptability,
                          centralWeights: central, confidence: confidence, holisticAcceptability: holistic,
                          pairwiseWinning: winning)
    }

    /// `count` split into `parts` contiguous ranges (fewer when there are fewer samples).
    static func partition(_ count: Int) -> [Range<Int>] {
        let parts = min(Self.parts, count)
        return (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    }

    /// One part's running sums.
    final class Partial: @unchecked Sendable {  // each part writes only its own
        let m: Int, n: Int
        let rankCounts: UnsafeMutablePointer<Double>
        let firstShare: UnsafeMutablePointer<Double>
        let centralSums: UnsafeMutablePointer<Double>

        init(m: Int, n: Int) {
            self.m = m; self.n = n
            rankCounts = .allocate(capacity: m * m); rankCounts.initialize(repeating: 0, count: m * m)
            firstShare = .allocate(capacity: m); firstShare.initialize(repeating: 0, count: m)
            centralSums = .allocate(capacity: m * n); centralSums.initialize(repeating: 0, count: m * n)
        }

        func add(_ other: Partial) {
            for k in 0..<(m * m) { rankCounts[k] += other.rankCounts[k] }
            for k in 0..<m { firstShare[k] += other.firstShare[k] }
            for k in 0..<(m * n) { centralSums[k] += other.centralSums[k] }
        }

        func free() { rankCounts.deallocate(); firstShare.deallocate(); centralSums.deallocate() }
    }

    /// Ranks the alternatives in each sample of `range`, adding to the part's sums.
    static func rankSamples(_ range: Range<Int>, weights w: UnsafePointer<Double>, model: ScoreModel, seed: UInt64,
                            into partial: Partial, betterThan: UnsafeMutableRawPointer, narrow: Bool, stride: Int,
                            tied: UnsafeMutablePointer<Bool>) {
        let m = model.m, n = model.n
        var generator = SeededGenerator(seed: seed)
        let x = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
        let u = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let scratch = Scratch(alternatives: m)
        let order = UnsafeMutablePointer<Int>.allocate(capacity: m)
        defer { x.deallocate(); u.deallocate(); scratch.free(); order.deallocate() }
        // Exact scores are laid out criterion by criterion, four alternatives to a vector, so that
        // each sample's values are computed four at a time. Each lane adds its criteria in the
        // same order as the one-by-one sum, so the values are the same to the last bit.
        let blocks = (m + 3) / 4
        let columns = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: n * blocks)
        let values = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: blocks)
        defer { columns.deallocate(); values.deallocate() }
        if model.kind == .exact {
            x.initialize(from: model.base, count: m * n)
            for j in 0..<n {
                for b in 0..<blocks {
                    var lanes = SIMD4<Double>.zero
                    for l in 0..<4 where 4 * b + l < m { lanes[l] = x[(4 * b + l) * n + j] }
                    columns[j * blocks + b] = lanes
                }
            }
        }
        let rankCounts = partial.rankCounts, firstShare = partial.firstShare, centralSums = partial.centralSums
        let sorted = scratch.sorted
        for s in range {
            let ws = w + s * n
            if model.kind == .exact {
                for b in 0..<blocks { values[b] = .zero }
                for j in 0..<n {
                    let weight = SIMD4<Double>(repeating: ws[j])
                    let column = columns + j * blocks
                    for b in 0..<blocks { values[b] += weight * column[b] }
                }
                let flat = UnsafeRawPointer(values).assumingMemoryBound(to: Double.self)
                for i in 0..<m { u[i] = flat[i] }
            } else {
                model.fill(x, sample: s, rows: nil, using: &generator)
                for i in 0..<m {
                    var total = 0.0
                    for j in 0..<n { total += ws[j] * x[i * n + j] }
                    u[i] = total
                }
            }
            sortDescending(order, values: u, count: m, scratch: scratch)
            var anyTie = false
            for k in 1..<max(m, 1) where sorted[k] == sorted[k &- 1] { anyTie = true; break }
            if !anyTie && narrow {
                // Almost every sample: each alternative alone at its rank.
                let ranks = betterThan.assumingMemoryBound(to: UInt8.self)
                for p in 0..<m {
                    let i = order[p]
                    ranks[i &* stride &+ s] = UInt8(truncatingIfNeeded: p)
                    rankCounts[i &* m &+ p] += 1
                }
                let best = order[0]
                firstShare[best] += 1
                for j in 0..<n { centralSums[best * n + j] += ws[j] }
                continue
            }
            // Walk the order in groups of equal value.
            var p = 0
            while p < m {
                var q = p + 1
                while q < m, sorted[q] == sorted[p] { q &+= 1 }
                let share = 1 / Double(q - p)
                for k in p..<q {
                    let i = order[k]
                    if narrow {
                        betterThan.storeBytes(of: UInt8(p), toByteOffset: i * stride + s, as: UInt8.self)
                    } else {
                        betterThan.storeBytes(of: UInt16(p), toByteOffset: (i * stride + s) * 2, as: UInt16.self)
                    }
                    if q - p == 1 {
                        rankCounts[i * m + p] += 1
                    } else {
                        tied[s] = true
                        for r in p..<q { rankCounts[i * m + r] += share }
                    }
                    if p == 0 {
                        firstShare[i] += share
                        for j in 0..<n { centralSums[i * n + j] += share * ws[j] }
                    }
                }
                p = q
            }
        }
    }

    /// Fills `order` with the alternatives from highest value to lowest, equal values by index.
    ///
    /// This runs once per sample, and a comparison sort was the largest part of the analysis.
    /// Values are spread over m buckets between the sample's highest and lowest (a counting
    /// sort, stable, so equal values keep index order), and an insertion pass with the exact
    /// comparison puts right the few neighbours that share a bucket. If the values crowd a few
    /// buckets (one far from the rest), the pass would do much work, so past 8m moves the keys
    /// are sorted instead: each value as an integer that sorts as it does (descending), its
    /// lowest 16 bits replaced by the index, then the same exact pass.
    @inline(__always)
    static func sortDescending(_ order: UnsafeMutablePointer<Int>, values u: UnsafeMutablePointer<Double>, count m: Int,
                               scratch: Scratch) {
        let sorted = scratch.sorted
        var high = u[0], low = u[0]
        for i in 1..<max(m, 1) { high = max(high, u[i]); low = min(low, u[i]) }
        if high == low {
            for k in 0..<m { order[k] = k; sorted[k] = u[k] }
            return
        }
        let buckets = scratch.buckets, counts = scratch.counts
        let scale = Double(m) / (high - low)
        // Values spread wider than a double can span (high − low overflows), or so close that
        // the scale overflows, cannot be bucketed: sort the keys.
        guard scale.isFinite, scale > 0 else { return sortByKeys(order, values: u, count: m, scratch: scratch) }
        // (Wrapping arithmetic: every count is at most m, and checking each for overflow was a
        // fifth of the sort.)
        for k in 0...m { counts[k] = 0 }
        // The bucket is (high − u)·scale, in [0, m], rounded by adding 1.5·2⁵² and reading the
        // low bits: rounding is monotonic, which is all a bucket needs, and Int(Double)'s range
        // checks were half the cost of this loop.
        for i in 0..<m {
            let rounded = Int(truncatingIfNeeded: ((high - u[i]) * scale + 6_755_399_441_055_744.0).bitPattern & 0xFFFF_FFFF)
            let b = min(rounded, m &- 1)
            buckets[i] = Int32(truncatingIfNeeded: b)
            counts[b &+ 1] &+= 1
        }
        for k in 0..<m { counts[k &+ 1] &+= counts[k] }
        for i in 0..<m {
            let b = Int(buckets[i])
            let slot = Int(counts[b])
            order[slot] = i
            sorted[slot] = u[i]
            counts[b] = Int32(truncatingIfNeeded: slot &+ 1)
        }
        if !insertionPass(order, sorted: sorted, count: m, limit: 8 * m) {
            sortByKeys(order, values: u, count: m, scratch: scratch)
        }
    }

    /// The sort for values that do not spread over buckets: keys, then the exact insertion pass.
    static func sortByKeys(_ order: UnsafeMutablePointer<Int>, values u: UnsafeMutablePointer<Double>, count m: Int,
                           scratch: Scratch) {
        let keys = scratch.keys, sorted = scratch.sorted
        for i in 0..<m {
            let bits = u[i].bitPattern
            let ascending = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            keys[i] = (~ascending & ~0xFFFF) | UInt64(i)
        }
        sortKeys(keys, 0, m - 1)
        for k in 0..<m { order[k] = Int(keys[k] & 0xFFFF); sorted[k] = u[order[k]] }
        _ = insertionPass(order, sorted: sorted, count: m, limit: .max)
    }

    /// Insertion sort of `order` and its values `sorted` alike, by value descending and index
    /// ascending; false if it gave up after `limit` moves.
    @inline(__always)
    static func insertionPass(_ order: UnsafeMutablePointer<Int>, sorted: UnsafeMutablePointer<Double>,
                              count m: Int, limit: Int) -> Bool {
        var moves = 0
        for k in 1..<max(m, 1) {
            let item = order[k], value = sorted[k]
            var p = k
            while p > 0, value > sorted[p &- 1] || (value == sorted[p &- 1] && item < order[p &- 1]) {
                order[p] = order[p &- 1]; sorted[p] = sorted[p &- 1]; p &-= 1
            }
            order[p] = item
            sorted[p] = value
            moves &+= k &- p
            if moves > limit { return false }
        }
        return true
    }

    /// Working space for `sortDescending`, one per part.
    struct Scratch {
        let buckets: UnsafeMutablePointer<Int32>
        let counts: UnsafeMutablePointer<Int32>
        let keys: UnsafeMutablePointer<UInt64>
        /// The values in the order being made.
        let sorted: UnsafeMutablePointer<Double>
        init(alternatives m: Int) {
            buckets = .allocate(capacity: m); counts = .allocate(capacity: m + 1); keys = .allocate(capacity: m)
            sorted = .allocate(capacity: m)
        }
        func free() { buckets.deallocate(); counts.deallocate(); keys.deallocate(); sorted.deallocate() }
    }

    /// Sorts `keys[low...high]` ascending in place: quicksort with a median of three, insertion
    /// sort for short runs. The standard library's sort is a merge sort that asks for a buffer
    /// on every call, and this runs once per sample.
    static func sortKeys(_ keys: UnsafeMutablePointer<UInt64>, _ low: Int, _ high: Int) {
        var low = low, high = high
        while high - low > 16 {
            let mid = low + (high - low) / 2
            if keys[mid] < keys[low] { swap(&keys[mid], &keys[low]) }
            if keys[high] < keys[low] { swap(&keys[high], &keys[low]) }
            if keys[high] < keys[mid] { swap(&keys[high], &keys[mid]) }
            let pivot = keys[mid]
            var i = low, j = high
            while i <= j {
                while keys[i] < pivot { i += 1 }
                while keys[j] > pivot { j -= 1 }
                if i <= j { swap(&keys[i], &keys[j]); i += 1; j -= 1 }
            }
            // Recurse into the smaller side, loop on the larger: the stack stays shallow.
            if j - low < high - i {
                sortKeys(keys, low, j); low = i
            } else {
                sortKeys(keys, i, high); high = j
            }
        }
        if high > low {
            for k in (low + 1)...high {
                let item = keys[k]
                var p = k
                while p > low, keys[p - 1] > item { keys[p] = keys[p - 1]; p -= 1 }
                keys[p] = item
            }
        }
    }

    /// cₐₑ = share of samples where a has fewer alternatives strictly above it than e has, which
    /// is exactly uₐ > uₑ. Every pair is compared over every sample (m²·S/2 comparisons), sixteen
    /// samples at a time, in chunks of samples small enough to stay in the processor's cache.
    static func pairwiseWinning(_ betterThan: Buffer<UInt16>, alternatives m: Int, stride: Int, samples: Int,
                                narrow: Bool, tied: Buffer<Bool>) -> Matrix {
        let wins = Buffer<Int>(count: m * m, repeating: 0)
        defer { wins.free() }
        let width = narrow ? 1 : 2
        // Samples per chunk: 128 vectors of 16, so no lane counts
        // past 128 before it is added up, and a chunk of every alternative's ranks stays in cache.
        let chunk = 128 * 16
        // Part p takes the alternatives a ≡ p (mod parts) and writes only cells (a, e) and (e, a) with a < e.
        let parts = min(Self.parts, m)
        onProcessors(parts) { part in
            let base = UnsafeRawPointer(betterThan.pointer)
            var start = 0
            while start < stride {
                let end = min(start + chunk, stride)
                // With no tie in the chunk, ranks differ in every sample: e is above a wherever a is not above e.
                let untied = end <= samples && !(start..<end).contains { tied.pointer[$0] }
                for a in Swift.stride(from: part, to: m, by: parts) {
                    let rowA = base + a * stride * width
                    for e in (a + 1)..<max(m, a + 1) {
                        let rowE = base + e * stride * width
                        let (aAbove, eAbove): (Int, Int)
                        if untied && narrow {
                            let above = countBytesBelow(rowA, rowE, start, end)
                            (aAbove, eAbove) = (above, end - start - above)
                        } else {
                            (aAbove, eAbove) = narrow ? countBytes(rowA, rowE, start, end) : countPairs(rowA, rowE, start, end)
                        }
                        wins.pointer[a * m + e] += aAbove
                        wins.pointer[e * m + a] += eAbove
                    }
                }
                start = end
            }
        }
        return Matrix(rows: m, columns: m, values: (0..<(m * m)).map { Double(wins.pointer[$0]) / Double(samples) })
    }

    // The two kernels are written out for their concrete vector types: in a generic function the
    // comparisons resolve to the standard library's lane-by-lane defaults, fifty times slower.

    /// How many samples in [start, end) have a's rank byte below e's, and e's below a's.
    @inline(__always)
    static func countBytes(_ a: UnsafeRawPointer, _ e: UnsafeRawPointer, _ start: Int, _ end: Int) -> (Int, Int) {
        typealias Lanes = SIMD16<UInt8>
        let zero = Lanes(repeating: 0), one = Lanes(repeating: 1)
        var aAbove = zero, eAbove = zero
        var s = start
        while s < end {
            let x = a.loadUnaligned(fromByteOffset: s, as: Lanes.self)
            let y = e.loadUnaligned(fromByteOffset: s, as: Lanes.self)
            aAbove &+= zero.replacing(with: one, where: x .< y)
            eAbove &+= zero.replacing(with: one, where: y .< x)
            s += 16
        }
        return (Int(SIMD16<UInt16>(truncatingIfNeeded: aAbove).wrappedSum()),
                Int(SIMD16<UInt16>(truncatingIfNeeded: eAbove).wrappedSum()))
    }

    /// How many samples in [start, end) have a's rank byte below e's.
    @inline(__always)
    static func countBytesBelow(_ a: UnsafeRawPointer, _ e: UnsafeRawPointer, _ start: Int, _ end: Int) -> Int {
        typealias Lanes = SIMD16<UInt8>
        let zero = Lanes(repeating: 0), one = Lanes(repeating: 1)
        // Four vectors a round, into four counters: the loop's own bookkeeping was as much as the comparing.
        var c0 = zero, c1 = zero, c2 = zero, c3 = zero
        var s = start
        while s + 64 <= end {
            c0 &+= zero.replacing(with: one, where: a.loadUnaligned(fromByteOffset: s, as: Lanes.self) .< e.loadUnaligned(fromByteOffset: s, as: Lanes.self))
            c1 &+= zero.replacing(with: one, where: a.loadUnaligned(fromByteOffset: s + 16, as: Lanes.self) .< e.loadUnaligned(fromByteOffset: s + 16, as: Lanes.self))
            c2 &+= zero.replacing(with: one, where: a.loadUnaligned(fromByteOffset: s + 32, as: Lanes.self) .< e.loadUnaligned(fromByteOffset: s + 32, as: Lanes.self))
            c3 &+= zero.replacing(with: one, where: a.loadUnaligned(fromByteOffset: s + 48, as: Lanes.self) .< e.loadUnaligned(fromByteOffset: s + 48, as: Lanes.self))
            s += 64
        }
        while s < end {
            c0 &+= zero.replacing(with: one, where: a.loadUnaligned(fromByteOffset: s, as: Lanes.self) .< e.loadUnaligned(fromByteOffset: s, as: Lanes.self))
            s += 16
        }
        let total = SIMD16<UInt16>(truncatingIfNeeded: c0) &+ SIMD16<UInt16>(truncatingIfNeeded: c1)
            &+ SIMD16<UInt16>(truncatingIfNeeded: c2) &+ SIMD16<UInt16>(truncatingIfNeeded: c3)
        return Int(total.wrappedSum())
    }

    /// As `countBytes`, for ranks of two bytes.
    @inline(__always)
    static func countPairs(_ a: UnsafeRawPointer, _ e: UnsafeRawPointer, _ start: Int, _ end: Int) -> (Int, Int) {
        typealias Lanes = SIMD16<UInt16>
        let zero = Lanes(repeating: 0), one = Lanes(repeating: 1)
        var aAbove = zero, eAbove = zero
        var s = start
        while s < end {
            let x = a.loadUnaligned(fromByteOffset: s * 2, as: Lanes.self)
            let y = e.loadUnaligned(fromByteOffset: s * 2, as: Lanes.self)
            aAbove &+= zero.replacing(with: one, where: x .< y)
            eAbove &+= zero.replacing(with: one, where: y .< x)
            s += 16
        }
        return (Int(SIMD16<UInt32>(truncatingIfNeeded: aAbove).wrappedSum()),
                Int(SIMD16<UInt32>(truncatingIfNeeded: eAbove).wrappedSum()))
    }

    /// pᵢᶜ: for each alternative with a central weight vector, the share of `draws` value
    /// matrices in which it ranks first under those weights (tied firsts share).
    ///
    /// Only rivals that can reach i's value are compared: with weights wᶜ, alternative k can
    /// never reach i if the most k can score, Σⱼ wⱼᶜ·maxₖⱼ, is below the least i can score,
    /// Σⱼ wⱼᶜ·minᵢⱼ. With ±5% on 200 alternatives that leaves a handful each. Rivals are tried
    /// from the most likely winner down, so a loss is usually found at the first.
    static func confidenceFactors(central: [[Double]?], model: ScoreModel, draws: Int) -> [Double?] {
        let m = model.m, n = model.n
        let candidates = central.indices.filter { central[$0] != nil }
        guard !candidates.isEmpty else { return central.map { _ in nil } }
        func value(_ w: [Double], _ row: Int, _ cells: [Double]) -> Double {
            var total = 0.0
            for j in 0..<n where w[j] != 0 { total += w[j] * cells[row * n + j] }  // a weight of 0 ignores an infinite bound
            return total
        }
        let middle = (0..<(m * n)).map { k in
            model.lower[k].isFinite && model.upper[k].isFinite ? (model.lower[k] + model.upper[k]) / 2
                : (model.kind == .recorded ? 0 : model.base[k])
        }
        let rivals = candidates.map { i in
            let w = central[i]!
            let least = value(w, i, model.lower)
            return (0..<m).filter { $0 != i && value(w, $0, model.upper) >= least }
                .sorted { value(w, $0, middle) > value(w, $1, middle) }
        }
        let rows = Set(candidates + rivals.joined()).sorted()
        let ranges = partition(draws)
        let wins = Buffer<Double>(count: ranges.count * candidates.count, repeating: 0)
        defer { wins.free() }
        do {
            onProcessors(ranges.count) { part in
                var generator = SeededGenerator(seed: model.seed ^ 0xC0F1_DE0C_E5EE_D000 &+ UInt64(part))
                let x = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
                defer { x.deallocate() }
                x.initialize(from: model.kind == .exact ? model.base : [Double](repeating: 0, count: m * n), count: m * n)
                var partWins = [Double](repeating: 0, count: candidates.count)
                rows.withUnsafeBufferPointer { rows in
                    for draw in ranges[part] {
                        model.fill(x, sample: draw, rows: rows, using: &generator)
                        for (c, i) in candidates.enumerated() {
                            let w = central[i]!
                            var own = 0.0
                            for j in 0..<n { own += w[j] * x[i * n + j] }
                            var tied = 1, beaten = false
                            for k in rivals[c] {
                                var v = 0.0
                                for j in 0..<n { v += w[j] * x[k * n + j] }
                                if v > own { beaten = true; break }
                                if v == own { tied += 1 }
                            }
                            if !beaten { partWins[c] += 1 / Double(tied) }
                        }
                    }
                }
                for c in partWins.indices { wins.pointer[part * candidates.count + c] = partWins[c] }
            }
        }
        var result = [Double?](repeating: nil, count: m)
        for (c, i) in candidates.enumerated() {
            result[i] = ranges.indices.reduce(0.0) { $0 + wins.pointer[$1 * candidates.count + c] } / Double(draws)
        }
        return result
    }
}

/// Runs `body(0) … body(count − 1)` side by side on the machine's processors and returns when
/// all are done.
func onProcessors(_ count: Int, _ body: @Sendable (Int) -> Void) {
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
}

/// A pointer handed to the parts of one computation, which only read through it.
struct Shared<Pointee>: @unchecked Sendable {
    let pointer: UnsafePointer<Pointee>
    init(_ pointer: UnsafePointer<Pointee>) { self.pointer = pointer }
}

/// A buffer shared by the parts of one computation, each writing only its own elements.
final class Buffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int
    init(count: Int, repeating value: Element) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: value, count: count)
    }
    func free() { pointer.deallocate() }
}

/// The meta-weights αʳ of the holistic acceptability index.
public enum MetaWeights: Sendable, Equatable {
    /// αʳ = (m − r)/(m − 1): each rank worth a fixed step less than the one above.
    case linear
    /// αʳ = Σₖ₌ᵣᵐ 1/k ÷ Σₖ₌₁ᵐ 1/k: the centroid of the ordered meta-weights.
    case centroid
    /// Given values, one per rank, from 1 down to 0.
    case custom([Double])

    public func values(alternatives m: Int) throws(DecisionError) -> [Double] {
        if case let .custom(values) = self {
            guard values.first == 1, values.allSatisfy({ $0.isFinite && $0 >= 0 }),
                  zip(values, values.dropFirst()).allSatisfy({ $0 >= $1 }) else {
                throw .invalidConstraint("Meta-weights must start at 1 and never rise, down to 0 or more.")
            }
        }
        guard m > 1 else { return [1] }
        switch self {
        case .linear:
            return (1...m).map { Double(m - $0) / Double(m - 1) }
        case .centroid:
            let harmonic = (1...m).reduce(0.0) { $0 + 1 / Double($1) }
            return (1...m).map { r in (r...m).reduce(0.0) { $0 + 1 / Double($1) } / harmonic }
        case let .custom(values):
            return (0..<m).map { $0 < values.count ? values[$0] : 0 }
        }
    }
}

public struct SMAAResult: Sendable {
    public let alternatives: Int
    public let criteria: Int
    public let samples: Int
    /// bᵢʳ: row i (alternative), column r − 1 (rank r).
    public let rankAcceptability: Matrix
    /// wᵢᶜ, or nil where alternative i never ranked first.
    public let centralWeights: [[Double]?]
    /// pᵢᶜ, or nil where alternative i never ranked first.
    public let confidence: [Double?]
    /// aᵢʰ.
    public let holisticAcceptability: [Double]
    /// cₐₑ: row a, column e.
    public let pairwiseWinning: Matrix
}
