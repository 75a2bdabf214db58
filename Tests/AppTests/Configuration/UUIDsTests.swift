@testable import App
import Foundation
import Testing

@Suite("UUIDs made and written without Foundation's C helpers")
struct UUIDsTests {
    @Test func lowerCaseTextIsFoundationsLowerCased() {
        var ids = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                   UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
                   UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!]
        for _ in 0..<2_000 { ids.append(UUID()) }
        for id in ids {
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.lowercasedString) == id)
        }
    }

    @Test func randomOnesAreVersion4OfTheRFCsVariantAndDoNotRepeat() {
        var seen: Set<UUID> = []
        var bitsSeen = [UInt8](repeating: 0, count: 16), bitsClear = [UInt8](repeating: 0, count: 16)
        for _ in 0..<10_000 {
            let id = UUID.random()
            withUnsafeBytes(of: id.uuid) { b in
                #expect(b[6] >> 4 == 4)
                #expect(b[8] >> 6 == 0b10)
                for i in 0..<16 { bitsSeen[i] |= b[i]; bitsClear[i] |= ~b[i] }
            }
            #expect(id.lowercasedString.dropFirst(14).first == "4")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
        // Every bit that is not fixed was seen both set and clear: the bytes are all random.
        for i in 0..<16 {
            let fixed: UInt8 = i == 6 ? 0xF0 : i == 8 ? 0xC0 : 0
            #expect(bitsSeen[i] | fixed == 0xFF && bitsClear[i] | fixed == 0xFF, "byte \(i)")
        }
    }

    @Test func textIsReadAsFoundationReadsIt() {
        for _ in 0..<500 {
            let id = UUID()
            #expect(UUID(text: id.uuidString) == id && UUID(text: id.lowercasedString) == id)
        }
        for bad in ["", "not a uuid", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5F0", "E621E1F8C36C-495A-93FC-0C247A3E6E5F0",
                    "G621E1F8-C36C-495A-93FC-0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5\u{e9}"] {
            #expect(UUID(text: bad) == nil && UUID(uuidString: bad) == nil, "\(bad)")
        }
    }

    @Test func compactScoresAreReadByteByByte() {
        #expect(ScoreSheet.scores("1:4,2:3,10:0") == [1: 4, 2: 3, 10: 0])
        #expect(ScoreSheet.scores("") == [:])
        #expect(ScoreSheet.scores("1:4,x:3,3:,:5,4:2:1,5:5") == [1: 4, 5: 5], "malformed pairs are skipped")
        #expect(ScoreSheet.scores("123456789012345678901234567890:1,2:99999999999999999999999999,3:3") == [3: 3], "too long to be a score: skipped, not overflowed")
    }
}
