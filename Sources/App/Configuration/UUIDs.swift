import Foundation
import SQLKit

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

    /// Reads a UUID written as text (either case), as `UUID(uuidString:)` does, without its
    /// `sscanf`: the busy evaluation pages read thousands of ids from narrow SQL a request.
    init?(text: String) {
        var text = text
        guard let bytes = text.withUTF8(Self.parse) else { return nil }
        self.init(uuid: bytes)
    }

    /// Each byte's value as a hex digit, or 0xFF.
    private static let hexValue: [UInt8] = (0...255).map { b -> UInt8 in
        switch UInt8(b) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(b) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(b) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(b) - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        let dash = UInt8(ascii: "-")
        guard text.count == 36, text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var position = 0
            for n in 0..<16 {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
                let a = hexValue[Int(text[position])], b = hexValue[Int(text[position + 1])]
                guard a | b < 0x10 else { return false }
                out[n] = a << 4 | b
                position += 2
            }
            return true
        }
        return ok ? bytes : nil
    }
}

extension SQLRow {
    /// An id column, on SQLite text read without Foundation's parser (`UUID(text:)`); whatever a
    /// driver gives, the same id.
    func decodeID(_ column: String) throws -> UUID {
        if let text = try? decode(column: column, as: String.self), let id = UUID(text: text) { return id }
        return try decode(column: column, as: UUID.self)
    }
}
