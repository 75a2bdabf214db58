@preconcurrency import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Vapor

/// The secret the audit trail is keyed with. It is kept outside the database, so that someone who
/// can write to the database cannot recompute an event's MAC or the chain after changing it.
///
/// - `PARTNERING_AUDIT_KEY` (at least 32 bytes, as base64 or hex) is used when set, and is required
///   on PostgreSQL: every instance must share it.
/// - On a SQLite file without it, a key file is made on first start beside the database
///   (`<file>.audit-key`, mode 0600) and read on every start after. A database that exists
///   without its key file (restored from a backup that left the key out) is refused at start.
///
/// Rotation: see `partnering audit rekey` and docs/operations in the README.
enum AuditKey {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "PARTNERING_AUDIT_KEY is required with PostgreSQL: every instance must key the audit trail with the same secret. Make one with `openssl rand -base64 32`."
        }
    }

    struct Unreadable: Error, CustomStringConvertible {
        var reason: String
        var description: String { "The audit key could not be used: \(reason)" }
    }

    static func parse(_ text: String) throws -> SymmetricKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes: [UInt8]
        if trimmed.count % 2 == 0, trimmed.allSatisfy(\.isHexDigit) {
            bytes = stride(from: 0, to: trimmed.count, by: 2).map {
                let start = trimmed.index(trimmed.startIndex, offsetBy: $0)
                return UInt8(trimmed[start...trimmed.index(after: start)], radix: 16)!
            }
        } else if let data = Data(base64Encoded: trimmed) {
            bytes = Array(data)
        } else {
            throw Unreadable(reason: "it is neither base64 nor hex")
        }
        guard bytes.count >= 32 else { throw Unreadable(reason: "it is \(bytes.count) bytes; it must be at least 32") }
        return SymmetricKey(data: bytes)
    }

    /// The key for this database: from the setting, else the SQLite key file (made if missing).
    static func load(_ settings: AppSettings) throws -> SymmetricKey {
        if let given = settings.auditKey { return try parse(given) }
        guard case .sqlite(let path) = settings.database else { throw Missing() }
        let keyPath = path + ".audit-key"
        let manager = FileManager.default
        if !manager.fileExists(atPath: keyPath) {
            // A database restored without its key file: a new key would prove nothing of its
            // trail, and the server would chain nothing. Say so instead of starting.
            if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 {
                throw Unreadable(reason: "the database \(path) exists but its audit key file \(keyPath) does not. Restore the key file from the backup taken with the database (or set PARTNERING_AUDIT_KEY to the key); a new key could not prove the audit trail")
            }
            let dir = URL(fileURLWithPath: keyPath).deletingLastPathComponent().path
            try manager.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let secret = Array((SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString() + "\n").utf8)
            // Made with mode 0600 from the start, never readable by others even for a moment, and
            // only if no other process made one first (O_EXCL): then that one is read below.
            let fd = open(keyPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 {
                defer { close(fd) }
                guard write(fd, secret, secret.count) == secret.count, fsync(fd) == 0 else {
                    throw Unreadable(reason: "\(keyPath) could not be written")
                }
            } else if errno != EEXIST {
                throw Unreadable(reason: "\(keyPath) could not be created")
            }
        }
        guard let text = manager.contents(atPath: keyPath).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw Unreadable(reason: "\(keyPath) could not be read")
        }
        return try parse(text)
    }
}

extension Application {
    private struct AuditKeyStorage: StorageKey { typealias Value = SymmetricKey }

    /// Set in `configure` from `AuditKey.load`.
    var auditKey: SymmetricKey {
        get { configured(AuditKeyStorage.self) }
        set { storage[AuditKeyStorage.self] = newValue }
    }
}
