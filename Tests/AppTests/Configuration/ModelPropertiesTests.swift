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

    /// Every model declared in the app's sources is in `ModelProperties.all`, so the test above
    /// sees it.
    @Test func everyModelIsInTheRegister() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/App").standardized
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var declared: Set<String> = []
        let pattern = try Regex(#"(?m)^final class (\w+): Model\b"#)
        for case let url as URL in files where url.pathExtension == "swift" {
            for match in try String(contentsOf: url, encoding: .utf8).matches(of: pattern) {
                declared.insert(String(try #require(match.output[1].substring)))
            }
        }
        #expect(declared.count >= 28)
        #expect(declared == Set(ModelProperties.all.map { String(describing: $0) }))
    }
}

struct ModelCase: CustomTestStringConvertible, Sendable {
    let type: any Model.Type
    init(_ type: any Model.Type) { self.type = type }
    var testDescription: String { String(describing: type) }
}
