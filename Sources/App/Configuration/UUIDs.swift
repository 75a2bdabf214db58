import Foundation

/// UUIDs made and written without Foundation's C helpers, which are on every request's path.
/// On Linux `UUID()` opens `/dev/urandom`, reads 16 bytes and closes it (three system calls for
/// each one: a submission makes a dozen), and `uuidString` formats through `sprintf`; together
/// they were about 5% of the processor time of a deadline rush (docs/performance.md).
extension UUID {
    /// A random (version 4) UUID, as `UUID()` makes, from the system's generator (`getrandom`).
    static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        let high: UInt64 = generator.next(), low: UInt64 = generator.next()
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { out in
            withUnsafeBytes(of: high) { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 8) }
            withUnsafeBytes(of: low) { (out.baseAddress! + 8).copyMemory(from: $0.baseAddress!, byteCount: 8) }
            out[6] = out[6] & 0x0F | 0x40   // version 4
            out[8] = out[8] & 0x3F | 0x80   // RFC 9562's variant
        }
        return UUID(uuid: bytes)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `uuidString.lowercased()`: how this server writes ids in text (URLs, JSON, audit subjects).
    var lowercasedString: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var i = 0
                for (n, byte) in bytes.enumerated() {
                    if n == 4 || n == 6 || n == 8 || n == 10 { out[i] = UInt8(ascii: "-"); i += 1 }
                    out[i] = Self.hexDigits[Int(byte >> 4)]
                    out[i + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    i += 2
                }
                return i
            }
        }
    }
}
