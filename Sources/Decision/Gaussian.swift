#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005 form
/// with 128 layers): one 64-bit draw and one comparison for about 99% of values. Hit-and-run
/// needs a normal vector for every step's direction, so this is its inner loop.
struct Ziggurat: @unchecked Sendable {  // its tables are written once, in init, then only read
    static let layers = 128
    static let r = 3.442619855899
    static let v = 9.91256303526217e-3

    /// `x[i]`: the right edge of layer i; `ratio[i] = x[i + 1] / x[i]`. Kept outside any array
    /// (allocated once, never freed) so that the hot path reads them without bounds checks.
    let x: UnsafePointer<Double>
    let ratio: UnsafePointer<Double>

    static let shared = Ziggurat()

    private init() {
        var x = [Double](repeating: 0, count: Self.layers + 1)
        var f = exp(-0.5 * Self.r * Self.r)
        x[0] = Self.v / f
        x[1] = Self.r
        for i in 2..<Self.layers {
            x[i] = (-2 * log(Self.v / x[i - 1] + f)).squareRoot()
            f = exp(-0.5 * x[i] * x[i])
        }
        x[Self.layers] = 0
        let edges = UnsafeMutablePointer<Double>.allocate(capacity: Self.layers + 1)
        edges.initialize(from: x, count: Self.layers + 1)
        let ratios = UnsafeMutablePointer<Double>.allocate(capacity: Self.layers)
        for i in 0..<Self.layers { ratios[i] = x[i + 1] / x[i] }
        self.x = UnsafePointer(edges)
        self.ratio = UnsafePointer(ratios)
    }

    @inline(__always)
    func draw(_ generator: inout SeededGenerator) -> Double {
        let bits = generator.next()
        let i = Int(bits & 0x7F)
        let u = 2 * (Double(bits >> 11) * 0x1.0p-53) - 1
        if abs(u) < ratio[i] { return u * x[i] }
        return beyondRectangle(layer: i, u: u, &generator)
    }

    /// Two draws from one 64-bit value `bits`, 32 bits each (7 for the layer, 25 for the
    /// position): values on a grid of about 10⁻⁷, plenty for a direction, at half the generator's
    /// cost. The rare draw that needs more randomness takes it from `fallback`, a second
    /// generator, so that the caller's main generator never has to leave the processor's
    /// registers for an out-of-line call.
    @inline(__always)
    func drawPair(bits: UInt64, fallback: inout SeededGenerator) -> (Double, Double) {
        (half(UInt32(truncatingIfNeeded: bits), &fallback), half(UInt32(truncatingIfNeeded: bits >> 32), &fallback))
    }

    @inline(__always)
    private func half(_ bits: UInt32, _ fallback: inout SeededGenerator) -> Double {
        let i = Int(bits & 0x7F)
        let u = 2 * (Double(bits >> 7) * 0x1.0p-25) - 1
        if abs(u) < ratio[i] { return u * x[i] }
        return beyondRectangle(layer: i, u: u, &fallback)
    }

    /// The rare rest of the method, for a draw that fell outside its layer's inner rectangle:
    /// the tail for the base layer, otherwise the wedge test, and on rejection a fresh draw.
    private func beyondRectangle(layer i: Int, u: Double, _ generator: inout SeededGenerator) -> Double {
        if i == 0 { return tail(negative: u < 0, &generator) }
        let candidate = u * x[i]
        let f0 = exp(-0.5 * (x[i] * x[i] - candidate * candidate))
        let f1 = exp(-0.5 * (x[i + 1] * x[i + 1] - candidate * candidate))
        if f1 + generator.unit() * (f0 - f1) < 1 { return candidate }
        return draw(&generator)
    }

    private func tail(negative: Bool, _ generator: inout SeededGenerator) -> Double {
        var a: Double, b: Double
        repeat {
            a = log(generator.positiveUnit()) / Self.r
            b = log(generator.positiveUnit())
        } while -2 * b < a * a
        return negative ? a - Self.r : Self.r - a
    }
}

extension SeededGenerator {
    /// A standard normal draw.
    public mutating func normal() -> Double { Ziggurat.shared.draw(&self) }
}
