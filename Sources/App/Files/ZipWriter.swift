import Foundation
import NIOCore

/// Writes a ZIP archive as it goes, entry by entry, stored without compression (the files are
/// PDFs and office documents, already compressed): each entry's CRC-32 and size follow its
/// bytes in a data descriptor, so nothing has to be held back or read twice. Names are UTF-8.
/// Entries and the archive stay under 4 GiB (no ZIP64): an export larger than that is refused.
struct ZipWriter {
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt32
        var offset: UInt32
    }

    struct TooLarge: Error {}

    private var entries: [Entry] = []
    private var offset = 0
    private var current: (name: [UInt8], crc: UInt32, size: Int, offset: Int)?
    private let dosTime: UInt16, dosDate: UInt16

    init(date: Date = Date()) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: date)
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        dosDate = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
    }

    /// The local header that starts an entry.
    mutating func begin(_ name: String) throws -> ByteBuffer {
        let bytes = Array(name.utf8)
        var b = ByteBuffer()
        b.writeInteger(UInt32(0x0403_4B50), endianness: .little)
        b.writeInteger(UInt16(20), endianness: .little)          // version needed
        b.writeInteger(UInt16(0x0808), endianness: .little)      // data descriptor follows; UTF-8 name
        b.writeInteger(UInt16(0), endianness: .little)           // stored
        b.writeInteger(dosTime, endianness: .little)
        b.writeInteger(dosDate, endianness: .little)
        b.writeInteger(UInt32(0), endianness: .little)           // CRC, sizes: in the descriptor
        b.writeInteger(UInt32(0), endianness: .little)
        b.writeInteger(UInt32(0), endianness: .little)
        b.writeInteger(UInt16(bytes.count), endianness: .little)
        b.writeInteger(UInt16(0), endianness: .little)
        b.writeBytes(bytes)
        current = (bytes, 0, 0, offset)
        offset += b.readableBytes
        return b
    }

    /// Bytes of the entry begun last, to be written as they are.
    mutating func data(_ chunk: ByteBuffer) throws {
        guard var c = current else { return }
        chunk.withUnsafeReadableBytes { c.crc = CRC32.update(c.crc, $0) }
        c.size += chunk.readableBytes
        offset += chunk.readableBytes
        current = c
        guard offset < Int(UInt32.max) - 1024 * 1024 else { throw TooLarge() }
    }

    /// The data descriptor that ends the entry.
    mutating func end() throws -> ByteBuffer {
        guard let c = current else { return ByteBuffer() }
        var b = ByteBuffer()
        b.writeInteger(UInt32(0x0807_4B50), endianness: .little)
        b.writeInteger(c.crc, endianness: .little)
        b.writeInteger(UInt32(c.size), endianness: .little)
        b.writeInteger(UInt32(c.size), endianness: .little)
        entries.append(Entry(name: c.name, crc: c.crc, size: UInt32(c.size), offset: UInt32(c.offset)))
        offset += b.readableBytes
        current = nil
        return b
    }

    /// A whole entry at once.
    mutating func entry(_ name: String, _ bytes: ByteBuffer) throws -> ByteBuffer {
        var b = try begin(name)
        try data(bytes)
        var bytes = bytes
        b.writeBuffer(&bytes)
        var tail = try end()
        b.writeBuffer(&tail)
        return b
    }

    /// The central directory and its end record.
    func finish() throws -> ByteBuffer {
        var b = ByteBuffer()
        let start = offset
        for e in entries {
            b.writeInteger(UInt32(0x0201_4B50), endianness: .little)
            b.writeInteger(UInt16(0x031E), endianness: .little)  // made by: Unix, 3.0
            b.writeInteger(UInt16(20), endianness: .little)
            b.writeInteger(UInt16(0x0808), endianness: .little)
            b.writeInteger(UInt16(0), endianness: .little)
            b.writeInteger(dosTime, endianness: .little)
            b.writeInteger(dosDate, endianness: .little)
            b.writeInteger(e.crc, endianness: .little)
            b.writeInteger(e.size, endianness: .little)
            b.writeInteger(e.size, endianness: .little)
            b.writeInteger(UInt16(e.name.count), endianness: .little)
            b.writeInteger(UInt16(0), endianness: .little)   // extra
            b.writeInteger(UInt16(0), endianness: .little)   // comment
            b.writeInteger(UInt16(0), endianness: .little)   // disk
            b.writeInteger(UInt16(0), endianness: .little)   // internal attributes
            b.writeInteger(UInt32(0o100644) << 16, endianness: .little)
            b.writeInteger(e.offset, endianness: .little)
            b.writeBytes(e.name)
        }
        guard entries.count < 65_535, start + b.readableBytes < Int(UInt32.max) else { throw TooLarge() }
        let size = b.readableBytes
        b.writeInteger(UInt32(0x0605_4B50), endianness: .little)
        b.writeInteger(UInt16(0), endianness: .little)
        b.writeInteger(UInt16(0), endianness: .little)
        b.writeInteger(UInt16(entries.count), endianness: .little)
        b.writeInteger(UInt16(entries.count), endianness: .little)
        b.writeInteger(UInt32(size), endianness: .little)
        b.writeInteger(UInt32(start), endianness: .little)
        b.writeInteger(UInt16(0), endianness: .little)
        return b
    }
}

/// CRC-32 (ISO 3309, as ZIP uses it), a table at a time.
enum CRC32 {
    private static let table: [UInt32] = (0 ..< 256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0 ..< 8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = ~crc
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}
