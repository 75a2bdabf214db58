import Foundation

/// Numbers as pages print them, without Foundation's `String(format:)`, which parses its format
/// each call: a results page with a thousand responses prints several thousand.
enum Figures {
    /// To one decimal place, as `String(format: "%.1f", x)` prints it, except that a negative
    /// value that rounds to zero prints "0.0". The value times ten is rounded; when that product
    /// lands exactly on a half, the value itself may lie either side of it (0.35 is stored as a
    /// little less), so `String(format:)` decides, reading the value exactly.
    static func oneDecimal(_ x: Double) -> String {
        let tenths = x * 10
        guard x.isFinite, x.magnitude < 1e15, (tenths - tenths.rounded(.down)) != 0.5 else { return String(format: "%.1f", x) }
        let n = Int(tenths.rounded())
        return (n < 0 ? "-" : "") + String(n.magnitude / 10) + "." + String(n.magnitude % 10)
    }

    /// "62.5%"
    static func percent(_ x: Double) -> String { oneDecimal(x) + "%" }
}
