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
        let dateTime = Self.formatter("d MMMM yyyy, HH:mm zzz '('xxx')'")
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
            #expect(LondonTime.dateTime(moment) == dateTime.string(from: moment), "\(moment.timeIntervalSince1970)")
            #expect(LondonTime.date(moment) == date.string(from: moment), "\(moment.timeIntervalSince1970)")
            #expect(LondonTime.iso(moment) == iso.string(from: moment), "\(moment.timeIntervalSince1970)")
        }
    }

    @Test func theSeedsDeadlineReadsAsACouncilWouldWriteIt() {
        // 25 April 2003, 12:00 noon in London was 11:00 UTC (BST).
        let noon = Date(timeIntervalSince1970: 1_051_268_400)
        #expect(LondonTime.dateTime(noon) == "25 April 2003, 12:00 BST (+01:00)")
        #expect(LondonTime.iso(noon) == "2003-04-25T12:00:00+01:00")
    }
}
