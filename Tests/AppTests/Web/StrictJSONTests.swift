@testable import App
import Foundation
import Testing

@Suite("A JSON body read strictly")
struct StrictJSONTests {
    /// Every JSON type is read as itself, and none as another: text that looks like a number or a
    /// truth value stays text, whatever order the types are tried in.
    @Test func eachValueIsReadAsItsOwnType() throws {
        let body = #"{"text":"1","yes":"true","empty":"","int":1,"negative":-7,"whole":2.0,"fraction":1.5,"big":1e300,"bool":true,"no":false,"null":null,"list":["x",1,[],{}],"object":{"k":false}}"#
        let value = try JSONDecoder().decode(StrictJSON.Value.self, from: Data(body.utf8))
        guard case .object(let o) = value else { Issue.record("not an object"); return }
        #expect(o["text"] == .string("1"))
        #expect(o["yes"] == .string("true"))
        #expect(o["empty"] == .string(""))
        #expect(o["int"] == .int(1))
        #expect(o["negative"] == .int(-7))
        #expect(o["whole"] == .int(2))
        #expect(o["fraction"] == .double(1.5))
        #expect(o["big"] == .double(1e300))
        #expect(o["bool"] == .bool(true))
        #expect(o["no"] == .bool(false))
        #expect(o["null"] == .null)
        #expect(o["list"] == .array([.string("x"), .int(1), .array([]), .object([:])]))
        #expect(o["object"] == .object(["k": .bool(false)]))
        #expect(o.count == 13)
    }
}
