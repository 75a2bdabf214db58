import Foundation
import Vapor

/// JSON written straight into one buffer, for the API's busiest reads: going through `Codable`
/// and `JSONEncoder` cost a list of services more than reading it (docs/performance.md). What it
/// writes means what `JSONEncoder` with Vapor's settings would: an absent optional is left out,
/// a UUID is its `uuidString`, a date is ISO 8601 in UTC to the second. Only the escaping differs
/// (`/` is not escaped); `JSONWriterTests` hold the two to the same values.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func array<S: Sequence>(_ items: S, _ write: (inout JSONWriter, S.Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            try write(&self, item)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func object(_ write: (inout JSONWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        try write(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func field(_ key: StaticString, _ value: String) { name(key); string(value) }
    mutating func field(_ key: StaticString, _ value: Int) { name(key); bytes.append(contentsOf: String(value).utf8) }
    mutating func field(_ key: StaticString, _ value: UUID) { name(key); string(value.uuidString) }
    mutating func field(_ key: StaticString, _ value: Date) { name(key); string(Self.iso8601(value)) }
    mutating func field(_ key: StaticString, _ value: Bool) { name(key); bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    /// An optional is left out when absent, as `Codable`'s synthesised encoding does.
    mutating func field(_ key: StaticString, _ value: Int?) { if let value { field(key, value) } }
    mutating func field(_ key: StaticString, _ value: Date?) { if let value { field(key, value) } }

    private mutating func name(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = true
    }

    /// RFC 8259 §7: the quotation mark, the reverse solidus and C0 controls are escaped (as
    /// RFC 8785 escapes them: a receipt's copy is tens of kilobytes, copied a run at a time).
    private mutating func string(_ value: String) {
        CanonicalJSON.string(value, to: &bytes)
    }

    /// `2003-04-25T11:00:00Z`: whole seconds in UTC, as `JSONEncoder`'s `.iso8601` writes them.
    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = Int(parts.tm_year) + 1900
        let yyyy = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yyyy)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// The written JSON as a response.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: buffer))
    }
}
