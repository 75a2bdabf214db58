import Foundation
import Vapor

/// The one clock of the server. Every deadline, receipt and audit time comes from here, so tests
/// can stand the server at any moment.
public protocol ServerClock: Sendable {
    func now() -> Date
}

public struct SystemClock: ServerClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = any ServerClock }

    public var clock: any ServerClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}

/// How times are shown: always Europe/London, always with the offset, so nobody has to guess
/// whether a deadline is in GMT or BST.
public enum LondonTime {
    static let zone = TimeZone(identifier: "Europe/London")!

    private static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = zone
        f.dateFormat = format
        return f
    }

    /// "26 February 2003, 14:05 GMT (+00:00)"
    public static func dateTime(_ date: Date) -> String {
        formatter("d MMMM yyyy, HH:mm zzz '('xxx')'").string(from: date)
    }

    /// "26 February 2003"
    public static func date(_ date: Date) -> String {
        formatter("d MMMM yyyy").string(from: date)
    }

    /// For `datetime` attributes: "2003-02-26T14:05:00+00:00".
    public static func iso(_ date: Date) -> String {
        formatter("yyyy-MM-dd'T'HH:mm:ssxxx").string(from: date)
    }
}
