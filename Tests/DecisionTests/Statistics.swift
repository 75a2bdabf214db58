@testable import Decision
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Goodness-of-fit helpers for the samplers' tests. Every test draws from a fixed seed, so a
/// test passes or fails the same way each run; the significance level (0.1%) says how unlikely
/// a fair sampler is to fail at a given seed.
enum Statistics {
    /// c(α) of the Kolmogorov–Smirnov test at α = 0.001.
    static let ksCritical = 1.949

    /// The one-sample Kolmogorov–Smirnov statistic D = supₓ |Fₙ(x) − F(x)|.
    static func ksStatistic(_ sample: [Double], cdf: (Double) -> Double) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for (k, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, abs(Double(k + 1) / n - f), abs(f - Double(k) / n))
        }
        return d
    }

    /// Whether a sample fits `cdf` at α = 0.001.
    static func fits(_ sample: [Double], cdf: (Double) -> Double) -> Bool {
        ksStatistic(sample, cdf: cdf) < ksCritical / Double(sample.count).squareRoot()
    }

    /// Whether two samples could come from one distribution (two-sample KS, α = 0.001).
    static func sameDistribution(_ a: [Double], _ b: [Double]) -> Bool {
        let x = a.sorted(), y = b.sorted()
        var i = 0, j = 0, d = 0.0
        while i < x.count, j < y.count {
            let v = min(x[i], y[j])
            while i < x.count, x[i] <= v { i += 1 }
            while j < y.count, y[j] <= v { j += 1 }
            d = max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        let n = Double(x.count), m = Double(y.count)
        return d < ksCritical * ((n + m) / (n * m)).squareRoot()
    }

    /// The standard normal CDF.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// A marginal of the flat Dirichlet on n criteria is Beta(1, n − 1): F(x) = 1 − (1 − x)ⁿ⁻¹.
    static func simplexMarginalCDF(criteria n: Int) -> (Double) -> Double {
        { x in 1 - pow(1 - min(max(x, 0), 1), Double(n - 1)) }
    }

    static func column(_ m: Matrix, _ j: Int) -> [Double] { (0..<m.rows).map { m[$0, j] } }
}
