import Foundation

/// The kinds of file a respondent may attach, each checked by what the file contains as well as
/// by its name: a PDF starts `%PDF-`; an office document is a ZIP whose parts say what it is
/// (`word/document.xml` for Word, `xl/workbook.xml` for Excel, the `mimetype` entry first and
/// `content.xml` for OpenDocument); text is valid UTF-8 with no NUL bytes. So a ZIP or a program
/// renamed `.docx` is refused, and so is a document with macros (VBA, or OpenDocument's
/// `Basic/` and `Scripts/`).
enum FileKind: String, Sendable, CaseIterable, Codable {
    case pdf, docx, xlsx, odt, ods, txt, csv

    var label: String {
        switch self {
        case .pdf: "PDF"
        case .docx: "Word document"
        case .xlsx: "Excel workbook"
        case .odt: "OpenDocument text"
        case .ods: "OpenDocument spreadsheet"
        case .txt: "text file"
        case .csv: "CSV file"
        }
    }

    var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .txt: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    static let allowedList = "a PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt or .ods), text (.txt) or CSV file"

    /// The kind a file's name claims, by its extension: what follows its last full stop, read by
    /// code point (a character that joins the one after it, as U+0600 does, cannot hide the stop).
    init?(name: String) {
        let scalars = name.unicodeScalars
        guard let dot = scalars.lastIndex(of: "."), scalars[scalars.index(after: dot)...].allSatisfy(\.isASCII),
              let kind = FileKind(rawValue: String(scalars[scalars.index(after: dot)...]).lowercased()) else { return nil }
        self = kind
    }
}

/// Checks a file against the kind its name claims, reading only the parts it needs.
enum FileCheck {
    /// The longest name a file may have.
    static let maxNameLength = 200

    /// Whether a name sent on its own (not from a browser's file field) is one the server keeps
    /// as it is: its characters those `nameSchema` allows, ending in an accepted kind's extension.
    /// Anything this accepts, `cleanName` leaves as it is.
    static func isExactName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...maxNameLength).contains(scalars.count), let first = scalars.first, !TextRules.isSpace(first),
              !scalars.contains(where: { TextRules.isForbidden($0, singleLine: true) || "\t/\\\"".unicodeScalars.contains($0) }),
              FileKind(name: name) != nil
        else { return false }
        return cleanName(name) == name
    }

    /// `isExactName` as a JSON Schema: the same rule, for the API's description.
    static var nameSchema: JSON {
        let extensions = FileKind.allCases.map { kind in kind.rawValue.map { "[\($0.uppercased())\($0)]" }.joined() }.joined(separator: "|")
        let allowed = TextRules.characterClass(singleLine: true, alsoForbidding: #"\u0009/\\""#)
        let notSpace = TextRules.characterClass(singleLine: true, alsoForbidding: #"\u0009/\\""# + TextRules.spaceClass)
        return ["type": "string", "minLength": 1, "maxLength": .int(maxNameLength), "pattern": .string("^(?:\(notSpace)\(allowed)*)?\\.(?:\(extensions))$")]
    }

    /// A file name as sent, cut to its last path component; nil if it cannot be one (empty,
    /// control characters, too long).
    static func cleanName(_ raw: String) -> String? {
        // Split by code point: a character that joins the next (U+0600) cannot hide a slash.
        let last = raw.unicodeScalars.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map { String(String.UnicodeScalarView($0)) } ?? ""
        let name = TextRules.trimmed(last)   // the spaces listed exactly, as the API's schema lists them
        guard !name.isEmpty, name.count <= maxNameLength, name != ".", name != "..",
              !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isNoncharacterCodePoint || $0 == "\"" })
        else { return nil }
        return name
    }

    /// Why the file is not what its name says, or nil when it is. `text` says whether the bytes
    /// were valid UTF-8 without NUL (checked as they streamed in); `read` reads a range of them.
    static func problem(kind: FileKind, size: Int, text: Bool, read: (Int, Int) async throws -> [UInt8]) async throws -> String? {
        guard size > 0 else { return "The file is empty" }
        switch kind {
        case .txt, .csv:
            return text ? nil : "This is not a plain text file: a \(kind == .csv ? "CSV" : "text") file must be UTF-8 text"
        case .pdf:
            let head = try await read(0, 5)
            return head != Array("%PDF-".utf8) ? "This is not a PDF: its content does not start as a PDF does" : nil
        case .docx, .xlsx, .odt, .ods:
            guard let names = try await zipEntryNames(size: size, read: read) else {
                return "This is not a \(kind.label): it is not the ZIP package that \(kind.label)s are"
            }
            switch kind {
            case .docx, .xlsx:
                let main = kind == .docx ? "word/document.xml" : "xl/workbook.xml"
                guard names.contains("[Content_Types].xml"), names.contains(main) else {
                    return "This is not a \(kind.label): it lacks the parts every \(kind.label) has"
                }
                if names.contains(where: { $0.hasSuffix("vbaProject.bin") }) { return "Documents with macros are not accepted: save it without macros" }
                return nil
            default:
                guard names.contains("content.xml"), names.contains("META-INF/manifest.xml") else {
                    return "This is not an \(kind.label): it lacks the parts every \(kind.label) has"
                }
                if names.contains(where: { $0.hasPrefix("Basic/") || $0.hasPrefix("Scripts/") }) { return "Documents with macros are not accepted: save it without macros" }
                let expected = kind == .odt ? "application/vnd.oasis.opendocument.text" : "application/vnd.oasis.opendocument.spreadsheet"
                let head = try await read(0, 30 + 8 + 64)
                guard head.count >= 38, head[0 ..< 4] == [0x50, 0x4B, 0x03, 0x04],
                      Array(head[30 ..< 38]) == Array("mimetype".utf8) else {
                    return "This is not an \(kind.label): it does not start with the entry every \(kind.label) starts with"
                }
                let nameLength = Int(head[26]) | Int(head[27]) << 8, extraLength = Int(head[28]) | Int(head[29]) << 8
                let contentAt = 30 + nameLength + extraLength
                let content = try await read(contentAt, expected.utf8.count)
                return content == Array(expected.utf8) ? nil : "This is not an \(kind.label): it says it is another kind of document"
            }
        }
    }

    /// The names in a ZIP's central directory, or nil if the bytes are not a ZIP this can read
    /// (not ZIP64, which this does not read: no office document of an allowed size needs it).
    static func zipEntryNames(size: Int, read: (Int, Int) async throws -> [UInt8]) async throws -> [String]? {
        guard size >= 22 else { return nil }
        let first = try await read(0, 4)
        guard first == [0x50, 0x4B, 0x03, 0x04] else { return nil }
        let tailLength = min(size, 22 + 65_535)
        let tail = try await read(size - tailLength, tailLength)
        guard tail.count == tailLength else { return nil }
        func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
        // The end-of-central-directory record: the last signature that fits.
        var at = tail.count - 22
        while at >= 0, !(tail[at] == 0x50 && tail[at + 1] == 0x4B && tail[at + 2] == 0x05 && tail[at + 3] == 0x06) { at -= 1 }
        guard at >= 0 else { return nil }
        let count = u16(tail, at + 10), directorySize = u32(tail, at + 12), directoryOffset = u32(tail, at + 16)
        guard count > 0, count < 100_000, directorySize <= 8 * 1024 * 1024, directoryOffset + directorySize <= size else { return nil }
        let directory = try await read(directoryOffset, directorySize)
        guard directory.count == directorySize else { return nil }
        var names: [String] = []
        var p = 0
        for _ in 0 ..< count {
            guard p + 46 <= directory.count, u32(directory, p) == 0x0201_4B50 else { return nil }
            let n = u16(directory, p + 28), e = u16(directory, p + 30), c = u16(directory, p + 32)
            guard p + 46 + n <= directory.count else { return nil }
            names.append(String(decoding: directory[p + 46 ..< p + 46 + n], as: UTF8.self))
            p += 46 + n + e + c
        }
        return names
    }
}

/// Checks bytes as UTF-8 text while they stream past: valid UTF-8, no NUL. A character split
/// between two buffers is carried over to the next.
struct TextCheck: Sendable {
    private(set) var valid = true
    private var carry: [UInt8] = []

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard valid else { return }
        var data = carry + bytes
        carry = []
        // Hold back an incomplete sequence at the end (at most three bytes).
        var cut = data.count
        var back = 0
        while back < 3, cut - back - 1 >= 0 {
            let b = data[cut - back - 1]
            if b & 0xC0 == 0x80 { back += 1; continue }
            if b >= 0xC0 {
                let needs = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                if back + 1 < needs { cut -= back + 1 }
            }
            break
        }
        if cut < data.count { carry = Array(data[cut...]); data.removeLast(data.count - cut) }
        if data.contains(0) || String(validating: data, as: UTF8.self) == nil { valid = false }
    }

    /// At the end: nothing may be left incomplete.
    mutating func finish() -> Bool {
        if !carry.isEmpty { valid = false }
        return valid
    }
}
