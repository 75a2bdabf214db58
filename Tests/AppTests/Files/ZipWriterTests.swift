@testable import App
import Crypto
import Foundation
import NIOCore
import Testing

/// The export's archive, read back by another's reader (Python's zipfile): a plain ZIP while it
/// can be, ZIP64 past ZIP's limits. Low thresholds force ZIP64 here without writing 4 GiB.
@Suite("Files: the ZIP writer")
struct ZipWriterTests {
    /// Bytes that differ entry by entry.
    static func bytes(_ count: Int, _ seed: Int) -> [UInt8] { (0 ..< count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) } }

    /// The archive of these entries, each streamed as the export streams a file: a chunk at a time.
    static func archive(_ entries: [(String, [UInt8])], _ writer: ZipWriter = ZipWriter()) throws -> [UInt8] {
        var writer = writer
        var out = ByteBuffer()
        for (name, bytes) in entries {
            var head = writer.begin(name)
            out.writeBuffer(&head)
            for at in stride(from: 0, to: bytes.count, by: 700) {
                let chunk = ByteBuffer(bytes: bytes[at ..< min(bytes.count, at + 700)])
                writer.data(chunk)
                out.writeImmutableBuffer(chunk)
            }
            var tail = writer.end()
            out.writeBuffer(&tail)
        }
        var end = writer.finish()
        out.writeBuffer(&end)
        return Array(out.readableBytesView)
    }

    /// Python 3, which CI always has: /usr/bin/python3, or the first on PATH.
    static let python3 = (["/usr/bin"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init))
        .map { URL(fileURLWithPath: $0).appendingPathComponent("python3") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// What a Python script prints of the archive, given its path; nil (and the test failed) if it fails.
    static func python(_ script: String, _ archive: [UInt8]) throws -> String? {
        let python3 = try #require(Self.python3, "python3 reads the archives back: it is neither /usr/bin/python3 nor on PATH")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partnering-\(UUID().uuidString).zip")
        try Data(archive).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let process = Process()
        process.executableURL = python3
        process.arguments = ["-c", script, path.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Python's zipfile refused the archive: \(complaint)")
        return process.terminationStatus == 0 ? printed : nil
    }

    struct Read: Decodable, Equatable {
        var name: String
        var size: Int
        var version: Int
        var zip64: Bool
        var sha256: String
    }

    /// Every entry as Python's zipfile reads it, each CRC-32 checked first (`testzip`): its
    /// name, size, version needed, whether the directory gave it a ZIP64 field, and its bytes' SHA-256.
    static func read(_ archive: [UInt8]) throws -> [Read] {
        let printed = try python("""
            import hashlib, json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                bad = z.testzip()
                assert bad is None, f"bad CRC-32 in {bad}"
                print(json.dumps([{"name": i.filename, "size": i.file_size, "version": i.extract_version,
                                   "zip64": i.extra[:2] == b"\\x01\\x00", "sha256": hashlib.sha256(z.read(i)).hexdigest()} for i in z.infolist()]))
            """, archive)
        return try printed.map { try JSONDecoder().decode([Read].self, from: Data($0.utf8)) } ?? []
    }

    static func expected(_ entries: [(String, [UInt8])], zip64: [Bool]) -> [Read] {
        zip(entries, zip64).map { entry, zip64 in
            Read(name: entry.0, size: entry.1.count, version: zip64 ? 45 : 20, zip64: zip64, sha256: SHA256.hash(data: entry.1).map { String(format: "%02x", $0) }.joined())
        }
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { b.indices.contains(i + 1) ? Int(b[i]) | Int(b[i + 1]) << 8 : -1 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> Int { u32(b, i) | u32(b, i + 4) << 32 }
    static func has(_ b: [UInt8], signature: UInt32) -> Bool {
        let s = (0 ..< 4).map { UInt8(truncatingIfNeeded: signature >> (8 * $0)) }
        return b.indices.dropLast(3).contains { b[$0] == s[0] && b[$0 + 1] == s[1] && b[$0 + 2] == s[2] && b[$0 + 3] == s[3] }
    }

    /// A small first entry (plain), a large one (ZIP64 sizes), a small one far in (a ZIP64
    /// offset), a large one far in (both), and an empty one, with ZIP64 from 1,000 bytes.
    static let mixed: [(String, [UInt8])] = [
        ("A/first.txt", bytes(100, 1)), ("A/second.pdf", bytes(3_000, 2)), ("B/third £.txt", bytes(100, 3)),
        ("B/fourth.docx", bytes(2_000, 4)), ("B/empty.txt", []),
    ]

    @Test func aSmallArchiveIsAPlainZip() throws {
        let entries: [(String, [UInt8])] = [("A/one.txt", Array("first".utf8)), ("A/empty.json", []), ("B/£.pdf", Self.bytes(100_000, 7))]
        let archive = try Self.archive(entries)
        #expect(try Self.read(archive) == Self.expected(entries, zip64: [false, false, false]))
        let zip64End = Self.has(archive, signature: 0x0606_4B50), locator = Self.has(archive, signature: 0x0706_4B50)
        #expect(!zip64End && !locator, "no ZIP64 end record or locator")
        let end = archive.count - 22
        #expect(Self.u32(archive, end) == 0x0605_4B50 && Self.u16(archive, end + 10) == 3)
    }

    @Test func largeSizesAndOffsetsAreReadBackFromZip64Fields() throws {
        let archive = try Self.archive(Self.mixed, ZipWriter(zip64Threshold: 1_000))
        #expect(try Self.read(archive) == Self.expected(Self.mixed, zip64: [false, true, true, true, true]))
    }

    @Test func manyEntriesAreReadBackFromTheZip64EndRecord() throws {
        let entries = (0 ..< 5).map { ("\($0).txt", Self.bytes(10, $0)) }
        let forced = try Self.archive(entries, ZipWriter(entryCountThreshold: 5))
        #expect(try Self.read(forced) == Self.expected(entries, zip64: [false, false, false, false, false]))
        let forcedEnd = Self.has(forced, signature: 0x0606_4B50)
        #expect(forcedEnd, "5 entries reach a threshold of 5")
        #expect(Self.u16(forced, forced.count - 22 + 10) == 0xFFFF, "the classic count says: see ZIP64")
        let under = try Self.archive(Array(entries.prefix(4)), ZipWriter(entryCountThreshold: 5))
        #expect(try Self.read(under).count == 4)
        let underEnd = Self.has(under, signature: 0x0606_4B50)
        #expect(!underEnd, "4 entries stay under a threshold of 5")
    }

    /// The fields themselves, as APPNOTE 4.3.9, 4.5.3 and 4.3.14–16 lay them out.
    @Test func zip64FieldsAreWhereAPPNOTEPutsThem() throws {
        let b = try Self.archive(Self.mixed, ZipWriter(zip64Threshold: 1_000))
        // Local headers, each entry's bytes, and descriptors: 8-byte sizes from 1,000 bytes.
        var at = 0
        var offsets: [Int] = []
        for (name, bytes) in Self.mixed {
            offsets.append(at)
            #expect(Self.u32(b, at) == 0x0403_4B50 && Self.u16(b, at + 4) == 20 && Self.u16(b, at + 28) == 0, "\(name): a plain local header")
            at += 30 + name.utf8.count + bytes.count
            #expect(Self.u32(b, at) == 0x0807_4B50, "\(name): its descriptor")
            if bytes.count >= 1_000 {
                #expect(Self.u64(b, at + 8) == bytes.count && Self.u64(b, at + 16) == bytes.count, "\(name): 8-byte sizes")
                at += 24
            } else {
                #expect(Self.u32(b, at + 8) == bytes.count && Self.u32(b, at + 12) == bytes.count, "\(name): 4-byte sizes")
                at += 16
            }
        }
        let start = at
        // The central directory: 0xFFFFFFFF where the value is in the ZIP64 field, only those.
        for ((name, bytes), offset) in zip(Self.mixed, offsets) {
            let n = name.utf8.count, e = Self.u16(b, at + 30)
            let big = bytes.count >= 1_000, far = offset >= 1_000
            #expect(Self.u32(b, at) == 0x0201_4B50 && Self.u16(b, at + 6) == (big || far ? 45 : 20), "\(name)")
            #expect(Self.u32(b, at + 20) == (big ? 0xFFFF_FFFF : bytes.count) && Self.u32(b, at + 24) == (big ? 0xFFFF_FFFF : bytes.count), "\(name)")
            #expect(Self.u32(b, at + 42) == (far ? 0xFFFF_FFFF : offset), "\(name)")
            let extra = at + 46 + n
            if big || far {
                var values: [Int] = []
                if big { values += [bytes.count, bytes.count] }
                if far { values.append(offset) }
                #expect(e == 4 + 8 * values.count && Self.u16(b, extra) == 0x0001 && Self.u16(b, extra + 2) == 8 * values.count, "\(name)")
                #expect(values.indices.map { Self.u64(b, extra + 4 + 8 * $0) } == values, "\(name): sizes, then offset")
            } else {
                #expect(e == 0, "\(name)")
            }
            at = extra + e
        }
        let size = at - start
        // The ZIP64 end record, its locator, then the classic end record, 0xFFFFFFFF only for the
        // directory's offset (its size and the count of entries fit).
        #expect(Self.u32(b, at) == 0x0606_4B50 && Self.u64(b, at + 4) == 44 && Self.u16(b, at + 14) == 45)
        #expect(Self.u64(b, at + 24) == 5 && Self.u64(b, at + 32) == 5 && Self.u64(b, at + 40) == size && Self.u64(b, at + 48) == start)
        #expect(Self.u32(b, at + 56) == 0x0706_4B50 && Self.u64(b, at + 64) == at && Self.u32(b, at + 72) == 1)
        at += 56 + 20
        #expect(Self.u32(b, at) == 0x0605_4B50 && Self.u16(b, at + 10) == 5 && Self.u32(b, at + 12) == size && Self.u32(b, at + 16) == 0xFFFF_FFFF)
        #expect(at + 22 == b.count)
    }
}
