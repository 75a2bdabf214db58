@testable import App
import Foundation
import Testing

/// `LondonTime` writes times out by hand (a `DateFormatter` per call cost more than the rest of a
/// page): it must say exactly what Foundation's formatter says, across both offsets and every
/// change between them, from 1972 (from 1968 to 1971 the UK kept +1 all year, which ICU names
/// "GMT+1"; no date the server shows falls then).
@Suite("London time")
struct LondonTimeTests {
    static func formatter(_ format: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "Europe/London")!
        f.dateFormat = format
        return f
    }

    @Test func itAgreesWithFoundationsFormatter() {
        let dateTime = Self.formatter("d MMMM yyyy, HH:mm")
        let zoneName = Self.formatter("zzz")
        let offset = Self.formatter("x")
        let date = Self.formatter("d MMMM yyyy")
        let iso = Self.formatter("yyyy-MM-dd'T'HH:mm:ssxxx")
        var moments: [Date] = []
        // Random moments from 1972 to 2040, and each side of every change of offset from 2000 to 2030.
        // A fixed sequence, so that a failure can be run again.
        struct SplitMix: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }
        var generator = SplitMix(state: 20_030_425)
        for _ in 0..<3000 { moments.append(Date(timeIntervalSince1970: Double(Int.random(in: 70_000_000...2_200_000_000, using: &generator)))) }
        let zone = TimeZone(identifier: "Europe/London")!
        var t = Date(timeIntervalSince1970: 946_684_800)
        while t < Date(timeIntervalSince1970: 1_893_456_000) {
            guard let change = zone.nextDaylightSavingTimeTransition(after: t) else { break }
            moments += [change.addingTimeInterval(-1), change, change.addingTimeInterval(1), change.addingTimeInterval(3599)]
            t = change
        }
        moments.append(Date(timeIntervalSince1970: 1_051_268_400))
        for moment in moments {
            // Foundation's "+01" is written "UTC+1"; 12:00 and 00:00 on the hour say "noon" and "midnight".
            let hours = Int(offset.string(from: moment).replacingOccurrences(of: "Z", with: "+00"))!
            let clock = dateTime.string(from: moment), onTheHour = Int(moment.timeIntervalSince1970) % 3600 == 0
            let word = onTheHour && clock.hasSuffix("12:00") ? " noon" : onTheHour && clock.hasSuffix("00:00") ? " midnight" : ""
            #expect(LondonTime.dateTime(moment) == "\(clock)\(word) (\(zoneName.string(from: moment)), UTC\(hours < 0 ? "-" : "+")\(abs(hours)))", "\(moment.timeIntervalSince1970)")
            #expect(LondonTime.date(moment) == date.string(from: moment), "\(moment.timeIntervalSince1970)")
            #expect(LondonTime.iso(moment) == iso.string(from: moment), "\(moment.timeIntervalSince1970)")
        }
    }

    @Test func theSeedsDeadlineReadsAsACouncilWouldWriteIt() {
        // 25 April 2003, 12:00 noon in London was 11:00 UTC (BST).
        let noon = Date(timeIntervalSince1970: 1_051_268_400)
        #expect(LondonTime.dateTime(noon) == "25 April 2003, 12:00 noon (BST, UTC+1)")
        #expect(LondonTime.dateTime(noon.addingTimeInterval(-2 * 86_400 * 30)) == "24 February 2003, 11:00 (GMT, UTC+0)")
        #expect(LondonTime.dateTime(Date(timeIntervalSince1970: 1_049_155_200)) == "1 April 2003, 01:00 (BST, UTC+1)")
        #expect(LondonTime.iso(noon) == "2003-04-25T12:00:00+01:00")
    }

    @Test func aWallClockTimeIsOneMomentNoneOrTwo() {
        // 25 April 2003, 12:00 in London: 11:00 UTC.
        #expect(LondonTime.reading(Day(iso: "2003-04-25")!, hour: 12, minute: 0) == .exactly(Date(timeIntervalSince1970: 1_051_268_400)))
        // 14 February 2003, 12:00: GMT, so 12:00 UTC.
        #expect(LondonTime.reading(Day(iso: "2003-02-14")!, hour: 12, minute: 0) == .exactly(Date(timeIntervalSince1970: 1_045_224_000)))
        // The clocks went forward at 01:00 GMT on 30 March 2003: 01:30 never happened.
        #expect(LondonTime.reading(Day(iso: "2003-03-30")!, hour: 1, minute: 30) == .skipped)
        // They went back at 02:00 BST on 26 October 2003: 01:30 happened at 00:30 and at 01:30 UTC.
        #expect(LondonTime.reading(Day(iso: "2003-10-26")!, hour: 1, minute: 30)
                == .twice(Date(timeIntervalSince1970: 1_067_128_200), Date(timeIntervalSince1970: 1_067_131_800)))
    }
}
