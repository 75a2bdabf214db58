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
/// whether a deadline is in GMT or BST. Written out by hand from the zone's offset rather than
/// with a `DateFormatter`, which costs more than the rest of a page (tests check the two agree).
public enum LondonTime {
    static let zone = TimeZone(identifier: "Europe/London")!
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// The wall-clock fields in London, and the offset from UTC in seconds.
    struct Fields { var year, month, day, hour, minute, second, offset: Int }

    static func fields(_ date: Date) -> Fields {
        let offset = zone.secondsFromGMT(for: date)
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondsOfDay = local - days * 86_400
        let civil = Day(daysSince1970: days)
        return Fields(year: civil.year, month: civil.month, day: civil.day, hour: secondsOfDay / 3600, minute: secondsOfDay % 3600 / 60,
                      second: secondsOfDay % 60, offset: offset)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// "+01:00"
    private static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+", m = abs(seconds) / 60
        return sign + two(m / 60) + ":" + two(m % 60)
    }

    /// "25 April 2003, 12:00 noon (BST, UTC+1)", "26 February 2003, 14:05 (GMT, UTC+0)": the
    /// zone's name and its offset from UTC, so that nobody has to know when the clocks change.
    public static func dateTime(_ date: Date) -> String {
        let f = fields(date)
        let name = f.offset == 0 ? "GMT" : f.offset == 3600 ? "BST" : "UTC" + offset(f.offset)
        let hours = f.offset / 3600, minutes = abs(f.offset) % 3600 / 60
        let utc = "UTC" + (f.offset < 0 ? "-" : "+") + String(abs(hours)) + (minutes == 0 ? "" : ":" + two(minutes))
        let word = f.minute == 0 && f.second == 0 ? (f.hour == 12 ? " noon" : f.hour == 0 ? " midnight" : "") : ""
        return "\(f.day) \(months[f.month - 1]) \(f.year), \(two(f.hour)):\(two(f.minute))\(word) (\(name), \(utc))"
    }

    /// What a wall-clock time in London means: one moment, none (skipped when the clocks go
    /// forward) or two (repeated when they go back).
    enum Reading: Sendable, Equatable {
        case exactly(Date)
        case skipped
        case twice(Date, Date)
    }

    /// The moment(s) at which London's clocks show `hour`:`minute` on `day`.
    static func reading(_ day: Day, hour: Int, minute: Int) -> Reading {
        let local = Double(day.daysSince1970 * 86_400 + hour * 3600 + minute * 60)
        // London is at UTC+0 or UTC+1: try both and keep those that read back as asked.
        let found = [0.0, 3600.0].map { Date(timeIntervalSince1970: local - $0) }.filter {
            Double(zone.secondsFromGMT(for: $0)) == local - $0.timeIntervalSince1970
        }
        switch found.count {
        case 0: return .skipped
        case 1: return .exactly(found[0])
        default: return .twice(found.min()!, found.max()!)
        }
    }

    /// "26 February 2003"
    public static func date(_ date: Date) -> String {
        let f = fields(date)
        return "\(f.day) \(months[f.month - 1]) \(f.year)"
    }

    /// For `datetime` attributes: "2003-02-26T14:05:00+00:00".
    public static func iso(_ date: Date) -> String {
        let f = fields(date)
        return "\(f.year)-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(f.second))\(offset(f.offset))"
    }
}
