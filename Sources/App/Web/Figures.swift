import Foundation

/// Numbers as pages print them, without Foundation's `String(format:)`, which parses its format
/// each call: a results page with a thousand responses prints several thousand.
enum Figures {
    /// To one decimal place, as `String(format: "%.1f", x)` prints it, except that a half (of
    /// the value times ten) rounds to even and a negative value that rounds to zero prints "0.0".
    static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite, x.magnitude < 1e15 else { return String(format: "%.1f", x) }
        let tenths = Int((x * 10).rounded(.toNearestOrEven))
        return (tenths < 0 ? "-" : "") + String(tenths.magnitude / 10) + "." + String(tenths.magnitude % 10)
    }

    /// "62.5%"
    static func percent(_ x: Double) -> String { oneDecimal(x) + "%" }
}
