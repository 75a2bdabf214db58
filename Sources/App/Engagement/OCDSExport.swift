import Fluent
import Foundation
import Vapor

/// `GET /api/v1/exercises/{id}/ocds`: the notice's releases as an OCDS 1.1.5 release package,
/// shaped as Find a Tender publishes a UK2 notice (the Cabinet Office's UK extension): one
/// release per `NoticeRelease`, the first tagged `planning` and each later one `planningUpdate`,
/// newest last, each a whole copy of the notice as it then stood. `tests/ocds/validate.py` checks
/// what this writes against the schemas and codelists, offline.
enum OCDSExport {
    static let ukExtension = "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json"

    struct Buyer: Sendable {
        var name: String
        var scheme: String
        var id: String
        var partyID: String { "\(scheme)-\(id)" }
    }

    /// The package, as a JSON value. `releases` are the exercise's, oldest first.
    static func package(exerciseID: UUID, releases: [(number: Int, at: Date, snapshot: NoticeSnapshot)], extensions: [ExercisePages.Extension],
                        buyer: Buyer, ocidPrefix: String, publicURL: String) -> JSON {
        let key = exerciseID.lowercasedString
        let ocid = ocidPrefix + key
        func iso(_ date: Date) -> JSON { .string(LondonTime.iso(date)) }
        func releaseID(_ n: Int) -> String { "\(key)-\(n)" }

        let out = releases.map { release -> JSON in
            let n = release.snapshot
            var items: [JSON] = []
            for lot in n.lots {
                for service in lot.services {
                    var item: [(String, JSON)] = [("id", .string(String(items.count + 1))), ("description", .string("\(service.name) (\(lot.area))"))]
                    if let first = service.cpv.first { item.append(("classification", ["scheme": "CPV", "id": .string(first)])) }
                    if service.cpv.count > 1 {
                        item.append(("additionalClassifications", .array(service.cpv.dropFirst().map { ["scheme": "CPV", "id": .string($0)] })))
                    }
                    items.append(.object(item))
                }
            }
            let madeBefore = extensions.filter { $0.at <= release.at }
            var document: [(String, JSON)] = [
                ("id", "UK2"), ("documentType", "marketEngagementNotice"), ("noticeType", "UK2"),
                ("title", .string("Preliminary market engagement notice: \(n.title)")),
                ("description", .string(n.engagement.isEmpty ? "Preliminary market engagement (\(n.reference))." : n.engagement)),
                ("url", .string(publicURL + SiteURL.notice(.value(n.reference)).path)),
                ("format", "text/html"), ("language", "en"),
            ]
            if let published = n.publishedAt { document.append(("datePublished", iso(published))) }
            if release.number > 1 { document.append(("dateModified", iso(release.at))) }
            var milestone: [(String, JSON)] = [
                ("id", "engagement"), ("title", "Response deadline"), ("type", "engagement"),
                ("description", .string(n.engagement.isEmpty ? "Responses to the notice." : n.engagement)),
                ("status", .string(n.status == Exercise.Status.cancelled.rawValue ? "notMet"
                                   : (n.responseDeadline.map { release.at >= $0 } ?? false) ? "met" : "scheduled")),
            ]
            if let due = n.responseDeadline { milestone.append(("dueDate", iso(due))) }
            if release.number > 1 { milestone.append(("dateModified", iso(release.at))) }
            var tender: [(String, JSON)] = [
                ("id", .string(n.reference)), ("title", .string(n.title)), ("description", .string(n.advert.isEmpty ? n.title : n.advert)),
                ("status", "planning"), ("mainProcurementCategory", "services"), ("items", .array(items)),
            ]
            if !madeBefore.isEmpty {
                tender.append(("amendments", .array(madeBefore.enumerated().map { i, e in
                    [
                        "id": .string(String(i + 1)), "date": iso(e.at), "rationale": .string(e.reason),
                        "description": .string("The response deadline was extended from \(LondonTime.iso(e.from)) to \(LondonTime.iso(e.to))."),
                    ]
                })))
            }
            return .object([
                ("ocid", .string(ocid)), ("id", .string(releaseID(release.number))), ("date", iso(release.at)),
                ("tag", .array([release.number == 1 ? "planning" : "planningUpdate"])),
                ("initiationType", "tender"), ("language", "en"),
                ("parties", .array([.object([
                    ("id", .string(buyer.partyID)), ("name", .string(buyer.name)),
                    ("identifier", ["scheme": .string(buyer.scheme), "id": .string(buyer.id), "legalName": .string(buyer.name)]),
                    ("roles", ["buyer"]),
                    ("details", ["classifications": [["scheme": "UK_CA_TYPE", "id": "publicAuthoritySubCentralGovernment",
                                                      "description": "Public authority - sub-central government"]]]),
                ])])),
                ("buyer", ["id": .string(buyer.partyID), "name": .string(buyer.name)]),
                ("planning", .object([("documents", .array([.object(document)])), ("milestones", .array([.object(milestone)]))])),
                ("tender", .object(tender)),
            ])
        }
        return .object([
            ("uri", .string(publicURL + SiteURL.apiExerciseOCDS(.value(exerciseID)).path)),
            ("version", "1.1"),
            ("extensions", .array([.string(ukExtension)])),
            ("publishedDate", releases.last.map { iso($0.at) } ?? .null),
            ("publisher", ["name": .string(buyer.name), "scheme": .string(buyer.scheme), "uid": .string(buyer.id)]),
            ("releases", .array(out)),
        ])
    }

    /// The package for one exercise, if it has been published (a draft has no releases: 404).
    static func respond(_ req: Request) async throws -> Response {
        let id = try req.uuid()
        guard let exercise = try await Exercise.find(id, on: req.db), exercise.status != .draft else {
            throw Abort(.notFound, reason: "No published exercise has that id.")
        }
        let rows = try await NoticeRelease.query(on: req.db).filter(\.$exercise.$id == id).sort(\.$number).all()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let releases = try rows.map { (number: $0.number, at: $0.releasedAt, snapshot: try decoder.decode(NoticeSnapshot.self, from: Data($0.snapshot.utf8))) }
        let extensions = try await DeadlineExtension.query(on: req.db).filter(\.$exercise.$id == id).sort(\.$madeAt).all()
            .map { ExercisePages.Extension(from: $0.previousDeadline, to: $0.newDeadline, reason: $0.reason, at: $0.madeAt) }
        let settings = req.application.settings
        let council = try await req.council()
        let json = package(exerciseID: id, releases: releases, extensions: extensions,
                           buyer: Buyer(name: council.name, scheme: settings.buyerScheme, id: settings.buyerID),
                           ocidPrefix: settings.ocidPrefix, publicURL: settings.publicURL)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: OpenAPIDocument.encoded(json)))
    }
}
