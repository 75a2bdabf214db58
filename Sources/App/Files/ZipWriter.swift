import Foundation
import NIOCore

/// Writes a ZIP archive as it goes, entry by entry, stored without compression (the files are
/// PDFs and office documents, already compressed): each entry's CRC-32 and size follow its
/// bytes in a data descriptor, so nothing has to be held back or read twice. Names are UTF-8.
/// From 4 GiB (an entry, or where one starts) or 65,535 entries it writes ZIP64 (APPNOTE 6.3:
/// 4.3.9, 4.3.14–15, 4.5.3), and only there, so an export of any size is whole and a small one
/// is a plain ZIP that every reader opens.
struct ZipWriter {
    private struct Entry {
        var name: [UInt8]
        var crc: UInt32
        var size: Int
        var offset: Int
    }

    private var entries: [Entry] = []
    private var offset = 0
    private var current: Entry?
    private let dosTime: UInt16, dosDate: UInt16
    /// From what size or offset, and what count of entries, ZIP64 is written: ZIP's own limits
    /// (0xFFFFFFFF, 0xFFFF), lower only in tests, to write ZIP64 without writing 4 GiB.
    private let zip64Threshold: Int, entryCountThreshold: Int

    init(date: Date = Date(), zip64Threshold: Int = 0xFFFF_FFFF, entryCountThreshold: Int = 0xFFFF) {
        precondition(zip64Threshold <= 0xFFFF_FFFF && entryCountThreshold <= 0xFFFF, "above ZIP's own limits, its fields would overflow")
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: date)
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        dosDate = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        self.zip64Threshold = zip64Threshold
        self.entryCountThreshold = entryCountThreshold
    }

    /// The local header that starts an entry. Its size is not known yet, so it says nothing of
    /// ZIP64 (version 2.0, no extra field): see `end()`.
    mutating func begin(_ name: String) -> ByteBuffer {
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
        current = Entry(name: bytes, crc: 0, size: 0, offset: offset)
        offset += b.readableBytes
        return b
    }

    /// Bytes of the entry begun last, to be written as they are.
    mutating func data(_ chunk: ByteBuffer) {
        guard var c = current else { return }
        chunk.withUnsafeReadableBytes { c.crc = CRC32.update(c.crc, $0) }
        c.size += chunk.readableBytes
        offset += chunk.readableBytes
        current = c
    }

    /// The data descriptor that ends the entry: 8-byte sizes once the size reaches 0xFFFFFFFF,
    /// 4-byte below. APPNOTE has a reader take the width from a ZIP64 extra field in the local
    /// header, but that went out before the size was known, and marking every entry ZIP64 there
    /// (as Info-ZIP's zip does for a stream) would make every export ZIP64. So the width is
    /// decided here, as Go's archive/zip and Java's ZipOutputStream do; readers that open the
    /// archive (Python's zipfile, Info-ZIP's unzip, Go's) take sizes from the central directory.
    mutating func end() -> ByteBuffer {
        guard let c = current else { return ByteBuffer() }
        var b = ByteBuffer()
        b.writeInteger(UInt32(0x0807_4B50), endianness: .little)
        b.writeInteger(c.crc, endianness: .little)
        if c.size >= zip64Threshold {
            b.writeInteger(UInt64(c.size), endianness: .little)
            b.writeInteger(UInt64(c.size), endianness: .little)
        } else {
            b.writeInteger(UInt32(c.size), endianness: .little)
            b.writeInteger(UInt32(c.size), endianness: .little)
        }
        entries.append(c)
        offset += b.readableBytes
        current = nil
        return b
    }

    /// A whole entry at once.
    mutating func entry(_ name: String, _ bytes: ByteBuffer) -> ByteBuffer {
        var b = begin(name)
        data(bytes)
        var bytes = bytes
        b.writeBuffer(&bytes)
        var tail = end()
        b.writeBuffer(&tail)
        return b
    }

    /// The central directory and its end record. A size or offset too large for its 4 bytes is
    /// 0xFFFFFFFF there, its value in a ZIP64 extra field (sizes, then offset, only those); the
    /// ZIP64 end record and its locator come before the classic one when its fields overflow.
    func finish() -> ByteBuffer {
        var b = ByteBuffer()
        let start = offset
        for e in entries {
            let bigSize = e.size >= zip64Threshold, bigOffset = e.offset >= zip64Threshold
            let zip64 = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0)   // the ZIP64 field's length, if any
            b.writeInteger(UInt32(0x0201_4B50), endianness: .little)
            b.writeInteger(UInt16(0x032D), endianness: .little)  // made by: Unix, 4.5
            b.writeInteger(UInt16(zip64 > 0 ? 45 : 20), endianness: .little)
            b.writeInteger(UInt16(0x0808), endianness: .little)
            b.writeInteger(UInt16(0), endianness: .little)
            b.writeInteger(dosTime, endianness: .little)
            b.writeInteger(dosDate, endianness: .little)
            b.writeInteger(e.crc, endianness: .little)
            b.writeInteger(bigSize ? UInt32.max : UInt32(e.size), endianness: .little)
            b.writeInteger(bigSize ? UInt32.max : UInt32(e.size), endianness: .little)
            b.writeInteger(UInt16(e.name.count), endianness: .little)
            b.writeInteger(UInt16(zip64 > 0 ? 4 + zip64 : 0), endianness: .little)   // extra
            b.writeInteger(UInt16(0), endianness: .little)   // comment
            b.writeInteger(UInt16(0), endianness: .little)   // disk
            b.writeInteger(UInt16(0), endianness: .little)   // internal attributes
            b.writeInteger(UInt32(0o100644) << 16, endianness: .little)
            b.writeInteger(bigOffset ? UInt32.max : UInt32(e.offset), endianness: .little)
            b.writeBytes(e.name)
            if zip64 > 0 {
                b.writeInteger(UInt16(0x0001), endianness: .little)
                b.writeInteger(UInt16(zip64), endianness: .little)
                if bigSize {
                    b.writeInteger(UInt64(e.size), endianness: .little)   // uncompressed
                    b.writeInteger(UInt64(e.size), endianness: .little)   // compressed
                }
                if bigOffset { b.writeInteger(UInt64(e.offset), endianness: .little) }
            }
        }
        let size = b.readableBytes
        let manyEntries = entries.count >= entryCountThreshold, bigDirectory = size >= zip64Threshold, bigStart = start >= zip64Threshold
        if manyEntries || bigDirectory || bigStart {
            b.writeInteger(UInt32(0x0606_4B50), endianness: .little)
            b.writeInteger(UInt64(44), endianness: .little)      // the record's size after this field
            b.writeInteger(UInt16(0x032D), endianness: .little)
            b.writeInteger(UInt16(45), endianness: .little)
            b.writeInteger(UInt32(0), endianness: .little)       // disk
            b.writeInteger(UInt32(0), endianness: .little)       // the directory's disk
            b.writeInteger(UInt64(entries.count), endianness: .little)
            b.writeInteger(UInt64(entries.count), endianness: .little)
            b.writeInteger(UInt64(size), endianness: .little)
            b.writeInteger(UInt64(start), endianness: .little)
            b.writeInteger(UInt32(0x0706_4B50), endianness: .little)
            b.writeInteger(UInt32(0), endianness: .little)       // the record's disk
            b.writeInteger(UInt64(start + size), endianness: .little)
            b.writeInteger(UInt32(1), endianness: .little)       // disks
        }
        b.writeInteger(UInt32(0x0605_4B50), endianness: .little)
        b.writeInteger(UInt16(0), endianness: .little)
        b.writeInteger(UInt16(0), endianness: .little)
        b.writeInteger(manyEntries ? UInt16.max : UInt16(entries.count), endianness: .little)
        b.writeInteger(manyEntries ? UInt16.max : UInt16(entries.count), endianness: .little)
        b.writeInteger(bigDirectory ? UInt32.max : UInt32(size), endianness: .little)
        b.writeInteger(bigStart ? UInt32.max : UInt32(start), endianness: .little)
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
