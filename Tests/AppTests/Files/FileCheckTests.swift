@testable import App
import Foundation
import NIOCore
import Testing

/// What a file is, read from its bytes: the kinds allowed, and the disguises refused.
@Suite("Files: checked by content")
struct FileCheckTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    static func zip(_ entries: [(String, String)]) throws -> [UInt8] {
        var writer = ZipWriter()
        var out = ByteBuffer()
        for (name, text) in entries {
            var entry = writer.entry(name, ByteBuffer(string: text))
            out.writeBuffer(&entry)
        }
        var end = writer.finish()
        out.writeBuffer(&end)
        return Array(out.readableBytesView)
    }

    static let docx = { try! zip([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("word/document.xml", "<w:document/>")]) }()
    static let xlsx = { try! zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")]) }()
    static let odt = { try! zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"), ("META-INF/manifest.xml", "<manifest:manifest/>")]) }()
    static let ods = { try! zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office:document-content/>"), ("META-INF/manifest.xml", "<manifest:manifest/>")]) }()
    /// An ELF executable's first bytes.
    static let program: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 120)

    static func problem(_ name: String, _ bytes: [UInt8]) async throws -> String? {
        let kind = try #require(FileKind(name: name))
        var text = TextCheck()
        bytes.withUnsafeBytes { text.update($0) }
        let valid = text.finish()
        return try await FileCheck.problem(kind: kind, size: bytes.count, text: valid) { offset, length in
            guard offset < bytes.count else { return [] }
            return Array(bytes[offset ..< min(bytes.count, offset + length)])
        }
    }

    @Test func eachAllowedKindPasses() async throws {
        #expect(try await Self.problem("proposal.pdf", Self.pdf) == nil)
        #expect(try await Self.problem("Proposal.DOCX", Self.docx) == nil)
        #expect(try await Self.problem("figures.xlsx", Self.xlsx) == nil)
        #expect(try await Self.problem("outline.odt", Self.odt) == nil)
        #expect(try await Self.problem("figures.ods", Self.ods) == nil)
        #expect(try await Self.problem("notes.txt", Array("Café, naïve — £250,000\n".utf8)) == nil)
        #expect(try await Self.problem("jobs.csv", Array("service,jobs\nrevenues,40\n".utf8)) == nil)
    }

    @Test func disguisesAreRefused() async throws {
        let plainZip = try Self.zip([("readme.txt", "hello")])
        #expect(try await Self.problem("proposal.docx", plainZip)?.contains("lacks the parts") == true, "a renamed ZIP")
        #expect(try await Self.problem("proposal.docx", Self.program)?.contains("not the ZIP package") == true, "a renamed program")
        #expect(try await Self.problem("proposal.pdf", Self.program)?.contains("not a PDF") == true)
        #expect(try await Self.problem("figures.xlsx", Self.docx) != nil, "a Word document called a workbook")
        #expect(try await Self.problem("outline.odt", Self.ods) != nil, "a spreadsheet called a text document")
        #expect(try await Self.problem("outline.odt", Self.docx) != nil)
        #expect(try await Self.problem("notes.txt", Self.program)?.contains("UTF-8") == true)
        #expect(try await Self.problem("notes.txt", [0x63, 0x61, 0x66, 0xE9]) != nil, "Latin-1, not UTF-8")
        #expect(try await Self.problem("empty.pdf", []) == "The file is empty")
        let macros = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "x")])
        #expect(try await Self.problem("proposal.docx", macros)?.contains("macros") == true)
        let odfMacros = try Self.zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>"), ("META-INF/manifest.xml", "<m/>"), ("Basic/Standard/Module1.xml", "x")])
        #expect(try await Self.problem("outline.odt", odfMacros)?.contains("macros") == true)
        // A ZIP whose first entry is named like a PDF header is not a PDF.
        let pdfNamedZip = try Self.zip([("%PDF-1.4", "x")])
        #expect(try await Self.problem("outline.pdf", pdfNamedZip)?.contains("not a PDF") == true)
        #expect(FileKind(name: "setup.exe") == nil && FileKind(name: "noextension") == nil && FileKind(name: "archive.zip") == nil)
    }

    @Test func textSplitAnywhereInACharacterIsStillChecked() {
        let bytes = Array("£€𝄞 ok".utf8)
        for cut in 0 ... bytes.count {
            var t = TextCheck()
            bytes[..<cut].withUnsafeBytes { t.update($0) }
            bytes[cut...].withUnsafeBytes { t.update($0) }
            let ok = t.finish()
            #expect(ok, "split at \(cut)")
        }
        var truncated = TextCheck()
        Array(bytes.prefix(3)).withUnsafeBytes { truncated.update($0) }   // "£" and the first byte of "€"
        let truncatedOK = truncated.finish()
        #expect(!truncatedOK, "a character cut off at the end")
        var nul = TextCheck()
        [0x61, 0x00, 0x62].withUnsafeBytes { nul.update($0) }
        let nulOK = nul.finish()
        #expect(!nulOK)
    }

    @Test func namesAreCleanedOrRefused() {
        #expect(FileCheck.cleanName("C:\\Users\\me\\Proposal.pdf") == "Proposal.pdf")
        #expect(FileCheck.cleanName("../../etc/passwd.txt") == "passwd.txt")
        #expect(FileCheck.cleanName("bad\u{0007}name.pdf") == nil)
        #expect(FileCheck.cleanName("quote\".pdf") == nil)
        #expect(FileCheck.cleanName(String(repeating: "a", count: 300) + ".pdf") == nil)
        #expect(FileCheck.cleanName("   ") == nil)
    }

    /// The API describes the names it takes as a JSON Schema pattern; the server decides with
    /// `isExactName`. They must agree on every name, or schemathesis's valid names are refused (or
    /// its invalid ones taken): checked on thousands drawn from the characters where they could differ.
    @Test func theNameSchemaAndTheServerAgree() throws {
        guard case .object(let members) = FileCheck.nameSchema, case .string(let pattern)? = members.first(where: { $0.0 == "pattern" })?.1 else {
            Issue.record("the schema has no pattern"); return
        }
        let regex = try NSRegularExpression(pattern: pattern)
        let alphabet: [String] = ["a", "Z", "é", "e\u{301}", ".", ".", "p", "P", "d", "f", "F", "x", "t", "c", "s", "o", "l", "v", "\u{212A}",
                                  " ", "\t", "\u{A0}", "\u{2028}", "\u{85}", "\u{0}", "\u{1F}", "\u{7F}", String(Unicode.Scalar(UInt32(0xFDD0))!), String(Unicode.Scalar(UInt32(0xFFFE))!),
                                  String(Unicode.Scalar(UInt32(0x1FFFE))!), "/", "\\", "\"", "'", "\u{200B}", "😀", "ſ",
                                  "\u{600}", "\u{6DD}", "\u{110BD}"]
        let whole = ["report.pdf", ".pdf", "a.PdF", "a.pdf.exe", "a .pdf", " a.pdf", "a.pdf ", "..pdf", "a..docx", "x.ODS", "x.csv\u{0}",
                     String(repeating: "x", count: 196) + ".pdf", String(repeating: "x", count: 197) + ".pdf", String(repeating: "e\u{301}", count: 98) + ".txt"]
        var generator = SystemRandomNumberGenerator()
        var names = whole
        for _ in 0 ..< 4000 {
            var name = (0 ..< Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            if Bool.random(using: &generator) { name += "." + FileKind.allCases.randomElement(using: &generator)!.rawValue.map { Bool.random() ? $0.uppercased() : String($0) }.joined() }
            names.append(name)
        }
        for name in names {
            // The whole name: ICU's `$` also matches before a final line break.
            let whole = NSRange(name.startIndex..., in: name)
            let matches = regex.firstMatch(in: name, range: whole)?.range == whole
            let jsonLength = name.unicodeScalars.count
            let schemaTakes = matches && (1...FileCheck.maxNameLength).contains(jsonLength)
            #expect(schemaTakes == FileCheck.isExactName(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) }): schema \(schemaTakes)")
            if FileCheck.isExactName(name) { #expect(FileCheck.cleanName(name) == name && FileKind(name: name) != nil) }
        }
    }

    /// The archive the export writes is one Python's zipfile reads and checks (CRC-32 included).
    @Test func theZipWriterWritesWhatOthersRead() async throws {
        let bytes = try Self.zip([("A/one.txt", "first"), ("A/two.json", "{\"b\":1}"), ("B/£.txt", String(repeating: "x", count: 100_000))])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("partnering-\(UUID().uuidString).zip")
        try Data(bytes).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None, "bad CRC"
            print(sorted(z.namelist()), z.read("A/one.txt").decode(), len(z.read("B/£.txt")))
            """, path.path]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        python.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(python.terminationStatus == 0)
        #expect(printed.contains("['A/one.txt', 'A/two.json', 'B/£.txt'] first 100000"), "\(printed)")
        #expect(try await FileCheck.zipEntryNames(size: bytes.count) { o, l in Array(bytes[o ..< min(bytes.count, o + l)]) } == ["A/one.txt", "A/two.json", "B/£.txt"])
    }
}
