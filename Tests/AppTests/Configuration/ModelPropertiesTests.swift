@testable import App
import Fluent
import Foundation
import Testing

@Suite("Models list their properties")
struct ModelPropertiesTests {
    /// Each model's list is exactly what reflection finds, the same property objects in the same
    /// order: none missing (its column would silently not be read or written), none extra.
    @Test(arguments: ModelProperties.all.map { ModelCase($0) })
    func theListIsWhatReflectionFinds(_ model: ModelCase) {
        let instance = model.type.init()
        let reflected = Mirror(reflecting: instance).children.compactMap { $0.value as? any AnyProperty }.map { ObjectIdentifier($0 as AnyObject) }
        let listed = instance.properties.map { ObjectIdentifier($0 as AnyObject) }
        #expect(!reflected.isEmpty)
        #expect(listed == reflected, "\(model): list its properties as they are declared")
    }

    /// Every model declared in the app's sources lists its properties and is in
    /// `ModelProperties.all`, so the test above sees it.
    @Test func everyModelIsInTheRegister() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/App").standardized
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var declared: Set<String> = [], unlisted: [String] = []
        let pattern = try Regex(#"(?m)^final class (\w+): Model\b"#)
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let matches = text.matches(of: pattern)
            for (i, match) in matches.enumerated() {
                let name = String(try #require(match.output[1].substring))
                declared.insert(name)
                // Its own list, in its body (up to the next model): without one Fluent reflects
                // again, and the test above cannot tell.
                let body = text[match.range.upperBound..<(i + 1 < matches.count ? matches[i + 1].range.lowerBound : text.endIndex)]
                if !body.contains("var properties: [any AnyProperty]") { unlisted.append(name) }
            }
        }
        #expect(declared.count >= 28)
        #expect(declared == Set(ModelProperties.all.map { String(describing: $0) }))
        #expect(unlisted.isEmpty, "models reflected on every row: \(unlisted)")
    }
}

struct ModelCase: CustomTestStringConvertible, Sendable {
    let type: any Model.Type
    init(_ type: any Model.Type) { self.type = type }
    var testDescription: String { String(describing: type) }
}
