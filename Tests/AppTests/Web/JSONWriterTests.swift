@testable import App
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The services list is written by `JSONWriter`, not `JSONEncoder`: seen from outside, it must
/// say exactly what the encoder would have said of the same records.
@Suite("JSON written by hand")
struct JSONWriterTests {
    /// Key order and the escaping of `/` may differ; the values may not. Both sides are read
    /// back and written again with sorted keys, so the comparison is of values only.
    static func canonical(_ data: Data) throws -> [String: String] {
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var out: [String: String] = [:]
        for item in list {
            let id = try #require(item["id"] as? String)
            out[id] = String(decoding: try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]), as: UTF8.self)
        }
        return out
    }

    @Test func theServicesListSaysWhatTheEncoderWould() async throws {
        try await withDemoApp { app, _ in
            let token = try await APITests.officerToken(app)
            // Awkward text (quotes, backslashes, line breaks, tabs, markup, non-ASCII), absent
            // numbers and a publication time between seconds.
            let area = try #require(try await Division.query(on: app.db).first())
            let odd = Service(divisionID: area.id!, name: #"Odd "quoted" \ name"#, slug: "odd-one", position: 99)
            odd.purpose = "Line one\nline two\r\n\ttabbed </script> & café 🏛️ / slash"
            odd.status = .published
            odd.publishedAt = Date(timeIntervalSince1970: 1_051_268_400.987)
            odd.staff = nil
            odd.budgetPounds = nil
            try await saveFixture(odd, on: app.db)

            let response = try await app.testing().sendRequest(.GET, "/api/v1/services", headers: APITests.json(token))
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let written = try Self.canonical(Data(buffer: response.body))

            let services = try await Service.query(on: app.db).all()
            let encoded = try JSONEncoder.custom(dates: .iso8601).encode(services.map(OrganisationAPI.dto))
            let expected = try Self.canonical(encoded)
            #expect(written.count == services.count)
            #expect(written == expected)
            let mine = try #require(written[odd.id!.uuidString])
            #expect(mine.contains(#""publishedAt":"2003-04-25T11:00:00Z""#))
            #expect(!mine.contains("staff") && !mine.contains("budget"), "absent numbers are left out, as the encoder does")
        }
    }

    @Test func theListIsInPositionOrderAndHidesDraftsFromTheUnsignedIn() async throws {
        try await withDemoApp { app, _ in
            let area = try #require(try await Division.query(on: app.db).first())
            let draft = Service(divisionID: area.id!, name: "Unannounced", slug: "unannounced", position: 0)
            try await saveFixture(draft, on: app.db)
            let anyone = try await app.testing().sendRequest(.GET, "/api/v1/services")
            let list = try anyone.content.decode([OrganisationAPI.ServiceDTO].self)
            #expect(!list.isEmpty && list.allSatisfy { $0.status == .published })
            #expect(list.map(\.position) == list.map(\.position).sorted())
            let officer = try await app.testing().sendRequest(.GET, "/api/v1/services", headers: APITests.json(try await APITests.officerToken(app)))
            #expect(try officer.content.decode([OrganisationAPI.ServiceDTO].self).contains { $0.slug == "unannounced" })
        }
    }

    @Test func datesAreWrittenAsTheEncoderWritesThem() throws {
        let dates = [0, 1_051_268_400, 1_051_268_400.999, 1_700_000_000.5, 4_102_444_799.9].map(Date.init(timeIntervalSince1970:))
        let encoded = try JSONDecoder().decode([String].self, from: JSONEncoder.custom(dates: .iso8601).encode(dates))
        #expect(dates.map(JSONWriter.iso8601) == encoded)
    }
}
