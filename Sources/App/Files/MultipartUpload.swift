import MultipartKit
import NIOCore
import Vapor

/// A file chosen in a form, as the server took it: kept (checked, named by its SHA-256), or
/// refused with the reason, shown beside the field.
enum Upload: Sendable, Equatable {
    case kept(FileAnswer)
    /// Not a file of the kind its name says (or empty).
    case refused(String)
    /// Its owner's kept uploads would pass their quota.
    case overQuota(String)
}

/// A `multipart/form-data` form read as it streams in: its text fields, and each file field's
/// file written straight to the file store (never held whole in memory) and checked by its
/// content. A refused file does not stop the rest of the form being read.
///
/// The form's `_csrf` field must come before any file (the browser sends fields in the order of
/// the form): no byte of a file is stored for a form that is not the site's own.
enum MultipartUpload {
    static let maxFieldBytes = 64 * 1024
    static let maxFieldsBytes = 1024 * 1024
    static let maxParts = 400

    struct Form: Sendable {
        var fields: [String: String] = [:]
        var uploads: [String: Upload] = [:]
    }

    private enum Event {
        case header(String, String)
        case body(ByteBuffer)
        case end
    }

    /// Reads the request's form. `fileFields` are the fields that may carry a file; a file sent
    /// in any other field is skipped. `expectedCSRF` is the token the `_csrf` field must match.
    /// `owner`'s quota is checked, and the upload recorded as theirs, for each file kept.
    static func read(_ req: Request, fileFields: Set<String>, expectedCSRF: String?, limit: Int, owner: FileOwner? = nil) async throws -> Form {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.count <= 200 else {
            throw Abort(.unsupportedMediaType, reason: "This form is sent as multipart/form-data.")
        }
        let parser = MultipartParser(boundary: boundary)
        // The parser calls back synchronously; the events are handled (asynchronously) after each buffer.
        nonisolated(unsafe) var events: [Event] = []
        parser.onHeader = { events.append(.header($0, $1)) }
        parser.onBody = { events.append(.body($0)) }
        parser.onPartComplete = { events.append(.end) }

        var form = Form()
        var csrfChecked = false
        var fieldBytes = 0, parts = 0
        // The part being read.
        var name: String?, filename: String?, value = ByteBuffer()
        var upload: (any FileUpload)?, text = TextCheck(), refused: String?, skipping = false

        func startPart() throws {
            parts += 1
            guard parts <= maxParts else { throw Abort(.payloadTooLarge, reason: "The form has too many parts.") }
        }

        // Whatever goes wrong part-way, a file half written is not left behind.
        do {
        var total = 0
        // A file over the limit is refused beside its field and the rest of the form still read
        // (its bytes pass by, neither kept nor stored); only a form beyond a gigabyte, or four times
        // the limit a file if that is more, is cut off.
        let most = maxFieldsBytes + max(1 << 30, 4 * limit * max(1, fileFields.count))
        for try await buffer in req.body {
            total += buffer.readableBytes
            guard total <= most else { throw Abort(.payloadTooLarge, reason: "The form is larger than the server accepts.") }
            do { try parser.execute(buffer) } catch { throw Abort(.badRequest, reason: "The form could not be read: it is not valid multipart/form-data.") }
            let batch = events
            events = []
            for event in batch {
                switch event {
                case .header(let header, let headerValue):
                    guard header.lowercased() == "content-disposition" else { continue }
                    let disposition = Self.disposition(headerValue)
                    name = disposition["name"]
                    filename = disposition["filename"]
                    if name != nil { try startPart() }
                    if let name, let raw = filename {
                        guard csrfChecked else {
                            throw Abort(.forbidden, reason: "This form has expired or was not sent from this site. Go back, reload the page and try again.")
                        }
                        if !fileFields.contains(name) || raw.isEmpty || form.uploads[name] != nil {
                            skipping = true   // no file chosen, or a field that takes none
                        } else if let clean = FileCheck.cleanName(raw), let kind = FileKind(name: clean) {
                            _ = kind
                            upload = req.application.files.begin(limit: limit)
                        } else if FileCheck.cleanName(raw) == nil {
                            refused = "The file's name cannot be used: rename it (letters, numbers and dots, up to \(FileCheck.maxNameLength) characters) and choose it again"
                        } else {
                            refused = "This kind of file is not accepted: choose \(FileKind.allowedList)"
                        }
                    }
                case .body(let chunk):
                    if filename != nil {
                        guard !skipping, refused == nil, let current = upload else { continue }
                        chunk.withUnsafeReadableBytes { text.update($0) }
                        do {
                            try await current.append(chunk)
                        } catch let tooLarge as FileTooLarge {
                            upload = nil
                            refused = tooLarge.message
                        }
                    } else {
                        fieldBytes += chunk.readableBytes
                        guard value.readableBytes + chunk.readableBytes <= maxFieldBytes, fieldBytes <= maxFieldsBytes else {
                            throw Abort(.payloadTooLarge, reason: "The form's text is larger than the server accepts.")
                        }
                        var chunk = chunk
                        value.writeBuffer(&chunk)
                    }
                case .end:
                    if let field = name {
                        if let raw = filename {
                            if let current = upload {
                                let clean = FileCheck.cleanName(raw)!, kind = FileKind(name: clean)!
                                form.uploads[field] = try await FileLedger.conclude(current, name: clean, kind: kind, text: text.finish(), owner: owner, app: req.application)
                            } else if let refused, fileFields.contains(field), !raw.isEmpty {
                                form.uploads[field] = .refused(refused)
                            }
                        } else {
                            let text = String(decoding: value.readableBytesView, as: UTF8.self)
                            if field == "_csrf" {
                                guard let expectedCSRF, Secrets.constantTimeEquals(expectedCSRF, text) else {
                                    throw Abort(.forbidden, reason: "This form has expired or was not sent from this site. Go back, reload the page and try again.")
                                }
                                csrfChecked = true
                            }
                            form.fields[field] = text
                        }
                    }
                    name = nil; filename = nil; value = ByteBuffer(); upload = nil; text = TextCheck(); refused = nil; skipping = false
                }
            }
        }
        } catch {
            if let upload { await upload.discard() }
            throw error
        }
        if let upload { await upload.discard() }
        guard csrfChecked else {
            throw Abort(.forbidden, reason: "This form has expired or was not sent from this site. Go back, reload the page and try again.")
        }
        return form
    }

    /// A size limit in words: "25 MB".
    static func megabytes(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / (1024 * 1024)) MB" : String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// The parameters of a `Content-Disposition: form-data; name="…"; filename="…"` header.
    static func disposition(_ header: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = Substring(header)
        while let semi = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semi)...].drop(while: { $0 == " " || $0 == "\t" })
            guard let eq = rest.firstIndex(of: "=") else { break }
            let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: eq)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if escaped { value.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { value.append(c) }
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
            out[key] = value
        }
        return out
    }
}
