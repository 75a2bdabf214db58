import Fluent
import Vapor

/// The officer's service assessment: the framework's questions, each service's SWOT and answers,
/// the two-by-two of positions, packages of services, and each package's options appraisal.
struct AssessmentController {
    struct Row: Sendable {
        var service: Service
        var area: String
        var assessment: ServiceAssessment?
        var position: Assessment.Position?
    }

    struct Loaded: Sendable {
        var questions: [AssessmentFramework.Question]
        var framework: AssessmentFramework?
        var rows: [Row]
        var packages: [ServicePackage]
        var objectives: [Objective]

        func row(_ service: UUID) -> Row? { rows.first { $0.service.id == service } }
        /// The package each service is in.
        var packageOf: [UUID: ServicePackage] {
            Dictionary(packages.flatMap { p in p.services.map { ($0, p) } }) { a, _ in a }
        }
    }

    static func load(on db: any Database) async throws -> Loaded {
        let framework = try await AssessmentFramework.query(on: db).first()
        let questions = framework?.questions ?? []
        let divisions = try await Division.query(on: db).sort(\.$position).all()
        let services = try await Service.query(on: db).sort(\.$position).all()
        let assessments = Dictionary(try await ServiceAssessment.query(on: db).all().map { ($0.$service.id, $0) }) { a, _ in a }
        var rows: [Row] = []
        for d in divisions {
            for s in services where s.$division.id == d.id {
                let a = assessments[s.id!]
                rows.append(Row(service: s, area: d.name, assessment: a, position: a.flatMap { Assessment.position($0.answers, questions) }))
            }
        }
        let packages = try await ServicePackage.query(on: db).sort(\.$name).all()
        let objectives = try await Objective.query(on: db).sort(\.$number).all()
        return Loaded(questions: questions, framework: framework, rows: rows, packages: packages, objectives: objectives)
    }

    // MARK: The overview

    static let packageName = FieldRule("name", "The package's name", .line(max: 120))
    static let rationale = FieldRule("rationale", "Why these services go together", .text(max: 4_000), required: false)

    @Sendable func overview(req: Request) async throws -> Response {
        try await req.render(AssessmentPages.overview(try await Self.load(on: req.db), FormState(input: FormInput(), csrf: req.csrfToken)))
    }

    /// Reads a package's form: its name, rationale and services (each in no other package).
    static func readPackage(_ p: ServicePackage, _ v: inout Validator, _ l: Loaded, on tx: any Database) async throws {
        p.name = v.text(packageName)
        p.rationale = v.text(rationale)
        var chosen: [UUID] = []
        for row in l.rows {
            let name = "service-\(row.service.id!.lowercasedString)"
            v.accept(name)
            if TextRules.trimmed(v.input[name]) == "yes" { chosen.append(row.service.id!) }
        }
        if chosen.isEmpty { v.fail("services", "Choose at least one service for the package") }
        p.services = chosen
        // Checked again in the writing transaction, under the table's lock: no service in two packages.
        let others = try await ServicePackage.query(on: tx).all().filter { $0.id != p.id }
        let taken = Dictionary(others.flatMap { o in o.services.map { ($0, o.name) } }) { a, _ in a }
        let clashes = chosen.compactMap { s in taken[s].map { (l.row(s)?.service.name ?? "A service", $0) } }
        if let first = clashes.first {
            v.conflict("services", "\(first.0) is already in the package \(first.1): a service is in one package at most")
        }
        if v.errors[packageName.name] == nil, others.contains(where: { $0.name.lowercased() == p.name.lowercased() }) {
            v.conflict(packageName.name, "There is already a package called \(p.name)")
        }
    }

    @Sendable func addPackage(req: Request) async throws -> Response {
        let l = try await Self.load(on: req.db), input = FormInput.form(req)
        let package = ServicePackage()
        do {
            try await req.createAudited(package, from: input, action: "package.make") { p, v, tx in try await Self.readPackage(p, &v, l, on: tx) }
        } catch let failure as ValidationFailure {
            return try await req.render(AssessmentPages.overview(l, FormState(input: input, errors: failure.errors, status: failure.status, csrf: req.csrfToken)))
        }
        return req.redirect(to: .assessmentPackage(.value(package.id!)), flash: "The package is made")
    }

    // MARK: The framework

    @Sendable func framework(req: Request) async throws -> Response {
        let l = try await Self.load(on: req.db)
        let input = l.framework.map { FormInput.editing($0) } ?? FormInput()
        return try await req.render(AssessmentPages.framework(l, FormState(input: input, csrf: req.csrfToken)))
    }

    static let blankRows = 2

    static func readFramework(_ f: AssessmentFramework, _ v: inout Validator, rows: Int) {
        var questions: [AssessmentFramework.Question] = []
        for i in 1...rows {
            let text = v.text(FieldRule("text-\(i)", "Question \(i)", .text(max: 1_000), required: false))
            let axisText = v.text(FieldRule("axis-\(i)", "The axis of question \(i)", .line(max: 20), required: false))
            let key = v.text(FieldRule("key-\(i)", "The key of question \(i)", .line(max: 64), required: false))
            guard !text.isEmpty else { continue }
            guard let axis = AssessmentFramework.Axis(rawValue: axisText) else { v.fail("axis-\(i)", "Choose the axis question \(i) feeds"); continue }
            questions.append(.init(key: key.isEmpty ? UUID.random().lowercasedString : key, text: text, axis: axis))
        }
        for axis in AssessmentFramework.Axis.allCases where !questions.contains(where: { $0.axis == axis }) {
            v.fail("text-1", "Ask at least one question about \(axis.label.lowercased())")
        }
        f.questions = questions
    }

    @Sendable func saveFramework(req: Request) async throws -> Response {
        let l = try await Self.load(on: req.db), input = FormInput.form(req), rows = l.questions.count + Self.blankRows
        do {
            if let f = l.framework {
                if Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: f.version) }
                try await req.editAudited(AssessmentFramework.self, f.id!, from: input) { f, v, _ in
                    Self.readFramework(f, &v, rows: rows); return "assessment-framework.update"
                }
            } else {
                try await req.createAudited(AssessmentFramework(), from: input, action: "assessment-framework.update") { f, v, tx in
                    Self.readFramework(f, &v, rows: rows)
                    if try await AssessmentFramework.query(on: tx).first() != nil { v.conflict("text-1", "Someone else saved the questions first: open them again") }
                }
            }
        } catch let failure as ValidationFailure {
            return try await req.render(AssessmentPages.framework(l, FormState(input: input, errors: failure.errors, status: failure.status, csrf: req.csrfToken)))
        } catch is StaleEdit {
            let now = try await Self.load(on: req.db)
            guard let current = now.framework else { throw Abort(.notFound) }
            let rules = (1...(max(rows, now.questions.count + Self.blankRows))).flatMap { i in
                [FieldRule("text-\(i)", "Question \(i)", .text(max: 1_000)), FieldRule("axis-\(i)", "The axis of question \(i)", .line(max: 20))]
            }
            return try await req.render(AssessmentPages.framework(now, FormState.stale(input, current: current, rules: rules, csrf: req.csrfToken)))
        }
        return req.redirect(to: .assessment, flash: "The questions are saved")
    }

    // MARK: A service

    static func service(_ req: Request, _ l: Loaded) throws -> Row {
        guard let id = try? req.uuid(), let row = l.row(id) else { throw Abort(.notFound) }
        return row
    }

    @Sendable func serviceForm(req: Request) async throws -> Response {
        let l = try await Self.load(on: req.db), row = try Self.service(req, l)
        let input = row.assessment.map { FormInput.editing($0) } ?? FormInput()
        return try await req.render(AssessmentPages.service(l, row, FormState(input: input, csrf: req.csrfToken)))
    }

    static let swot: [(rule: FieldRule, label: String)] = [
        (FieldRule("strengths", "The strengths", .text(max: 4_000), required: false), "Strengths"),
        (FieldRule("weaknesses", "The weaknesses", .text(max: 4_000), required: false), "Weaknesses"),
        (FieldRule("opportunities", "The opportunities", .text(max: 4_000), required: false), "Opportunities"),
        (FieldRule("threats", "The threats", .text(max: 4_000), required: false), "Threats"),
    ]

    static func readService(_ a: ServiceAssessment, _ v: inout Validator, questions: [AssessmentFramework.Question], number: (String) -> Int) {
        a.strengths = v.text(swot[0].rule); a.weaknesses = v.text(swot[1].rule)
        a.opportunities = v.text(swot[2].rule); a.threats = v.text(swot[3].rule)
        var answers: [String: ServiceAssessment.Answer] = [:]
        for q in questions {
            let n = number(q.key)
            let score = v.integer(FieldRule("score-\(q.key)", "The score for question \(n)", .integer(Assessment.answerScores), required: false))
            let note = v.text(FieldRule("note-\(q.key)", "The note for question \(n)", .text(max: 2_000), required: false))
            if let score { answers[q.key] = .init(score: score, note: note) }
            else if !note.isEmpty, v.errors["score-\(q.key)"] == nil { v.fail("score-\(q.key)", "Choose a score for question \(n), or clear its note") }
        }
        a.answers = answers
    }

    @Sendable func saveService(req: Request) async throws -> Response {
        let l = try await Self.load(on: req.db), row = try Self.service(req, l), input = FormInput.form(req), now = req.now
        let questions = l.questions, serviceID = row.service.id!
        let numbers = Dictionary(questions.enumerated().map { ($1.key, $0 + 1) }) { a, _ in a }
        let number: @Sendable (String) -> Int = { numbers[$0] ?? 0 }
        do {
            if let a = row.assessment {
                if Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: a.version) }
                try await req.editAudited(ServiceAssessment.self, a.id!, from: input) { a, v, _ in
                    Self.readService(a, &v, questions: questions, number: number)
                    a.assessedAt = now
                    return "service-assessment.update"
                }
            } else {
                try await req.createAudited(ServiceAssessment(), from: input, action: "service-assessment.update") { a, v, tx in
                    a.$service.id = serviceID
                    a.assessedAt = now
                    Self.readService(a, &v, questions: questions, number: number)
                    if try await ServiceAssessment.query(on: tx).filter(\.$service.$id == serviceID).first() != nil {
                        v.conflict("strengths", "Someone else saved this service’s assessment first: open it again")
                    }
                }
            }
        } catch let failure as ValidationFailure {
            return try await req.render(AssessmentPages.service(l, row, FormState(input: input, errors: failure.errors, status: failure.status, csrf: req.csrfToken)))
        } catch is StaleEdit {
            let now = try await Self.load(on: req.db), nowRow = try Self.service(req, now)
            guard let current = nowRow.assessment else { throw Abort(.notFound) }
            let rules = Self.swot.map(\.rule) + now.questions.enumerated().flatMap { i, q in
                [FieldRule("score-\(q.key)", "The score for question \(i + 1)", .line(max: 1)), FieldRule("note-\(q.key)", "The note for question \(i + 1)", .text(max: 2_000))]
            }
            return try await req.render(AssessmentPages.service(now, nowRow, FormState.stale(input, current: current, rules: rules, csrf: req.csrfToken)))
        }
        return req.redirect(to: .assessment, flash: "The assessment of \(row.service.name) is saved")
    }

    // MARK: A package and its options appraisal

    struct PackageLoaded: Sendable {
        var l: Loaded
        var package: ServicePackage
        var options: [AppraisalOption]
        var market: [MarketLine]
    }

    /// A response to the latest opened exercise from an organisation interested in a lot (service
    /// area) this package draws from, with its weighted total under that exercise's frozen weights.
    struct MarketLine: Sendable {
        var organisation: String
        var lots: [String]
        var model: String?
        var total: Double?
        var reference: String
        /// Left out of the exercise's ranking for failing a condition.
        var excluded: Bool
        /// The exercise's scores are all agreed.
        var final: Bool
        /// The exercise's frozen weights are the objectives' weights now, so the totals compare.
        var sameWeights: Bool
    }

    static func package(_ req: Request) async throws -> PackageLoaded {
        let l = try await Self.load(on: req.db)
        guard let id = try? req.uuid(), let p = l.packages.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let options = try await AppraisalOption.query(on: req.db).filter(\.$package.$id == id).sort(\.$model).all()
        let areas = Set(p.services.compactMap { l.row($0)?.area })
        var market: [MarketLine] = []
        if let e = try await Exercise.query(on: req.db).filter(\.$openedAt != nil).sort(\.$openedAt, .descending).first(),
           let results = try await Results.load(e.id!, on: req.sql) {
            let summary = try await MarketSummary.load(e.id!, results: results, on: req.sql)
            let now = Dictionary(l.objectives.map { ($0.number, $0.weight) }) { a, _ in a }
            let same = results.criteria.criteria.count == now.count && results.criteria.criteria.allSatisfy { now[$0.number] == $0.weight }
            market = summary.responses.filter { !Set($0.lots).isDisjoint(with: areas) }.map {
                MarketLine(organisation: $0.name, lots: $0.lots.filter(areas.contains), model: $0.model, total: $0.total, reference: e.reference,
                           excluded: $0.excluded, final: results.final, sameWeights: same)
            }
        }
        return PackageLoaded(l: l, package: p, options: options, market: market)
    }

    static func fresh(_ req: Request) -> FormState { FormState(input: FormInput(), csrf: req.csrfToken) }

    @Sendable func showPackage(req: Request) async throws -> Response {
        let p = try await Self.package(req)
        return try await req.render(AssessmentPages.package(p, edit: FormState(input: FormInput.editing(p.package), csrf: req.csrfToken), option: Self.fresh(req)))
    }

    @Sendable func savePackage(req: Request) async throws -> Response {
        let p = try await Self.package(req), l = p.l
        // A box left unticked is not sent: it says "not in the package", not "as it was".
        var input = FormInput.form(req)
        for row in l.rows where !input.has("service-\(row.service.id!.lowercasedString)") {
            input = input.setting("service-\(row.service.id!.lowercasedString)", "")
        }
        do {
            if Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: p.package.version) }
            try await req.editAudited(ServicePackage.self, p.package.id!, from: input) { pk, v, tx in
                try await Self.readPackage(pk, &v, l, on: tx); return "package.update"
            }
        } catch let failure as ValidationFailure {
            return try await req.render(AssessmentPages.package(p, edit: FormState(input: input, errors: failure.errors, status: failure.status, csrf: req.csrfToken), option: Self.fresh(req)))
        } catch is StaleEdit {
            let now = try await Self.package(req)
            return try await req.render(AssessmentPages.package(now, edit: FormState.stale(input, current: now.package, rules: [Self.packageName, Self.rationale], csrf: req.csrfToken),
                                                                option: Self.fresh(req)))
        }
        return req.redirect(to: .assessmentPackage(.value(p.package.id!)), flash: "The package is saved")
    }

    /// Removes a package with no options. The check and the removal are one transaction under the
    /// packages' lock, which adding an option takes too, so no option is left without its package.
    @Sendable func removePackage(req: Request) async throws -> Response {
        let p = try await Self.package(req), id = p.package.id!
        var v = Validator(FormInput.form(req))
        guard let seen = v.integer(AuditedWrite.version) else { throw Abort(.conflict, reason: "The form did not say which version of the package it removes.") }
        let removed = try await req.deleteAudited(ServicePackage.self, id, version: seen, action: "package.remove") { _, tx in
            guard try await AppraisalOption.query(on: tx).filter(\.$package.$id == id).count() == 0 else {
                throw Abort(.conflict, reason: "Remove the package’s options first: an appraisal is not thrown away with its package.")
            }
        }
        return req.redirect(to: .assessment, flash: "The package \(removed.name) is removed")
    }

    static let model = FieldRule("model", "The partnership model", .line(max: 120))
    static let summary = FieldRule("summary", "What the model would mean for these services", .text(max: 4_000), required: false)
    static let sheet = SheetForm(text: "rationale", textLabel: { "Why the model scores this on objective \($0.numeral)" },
                                 needsText: { "Say why the model scores this on objective \($0.numeral)" },
                                 needsScore: { "Choose a score for objective \($0.numeral), or clear its reason" })

    static func criteria(_ objectives: [Objective]) -> Criteria {
        let c = Criteria()
        c.criteria = Criteria.of(objectives)
        return c
    }

    static func readOption(_ o: AppraisalOption, _ v: inout Validator, criteria: Criteria, packageID: UUID, on tx: any Database) async throws {
        o.model = v.text(model)
        o.summary = v.text(summary)
        o.marks = sheet.read(&v, criteria).compactMap { n, entry in entry.map { ScoreSheet.Mark(criterion: n, score: $0.score, rationale: $0.text) } }
        if v.errors[model.name] == nil, try await AppraisalOption.query(on: tx).filter(\.$package.$id == packageID).all()
            .contains(where: { $0.id != o.id && $0.model.lowercased() == o.model.lowercased() }) {
            v.conflict(model.name, "This package already has the option \(o.model)")
        }
    }

    @Sendable func addOption(req: Request) async throws -> Response {
        let p = try await Self.package(req), input = FormInput.form(req), packageID = p.package.id!, criteria = Self.criteria(p.l.objectives)
        do {
            try await req.createAudited(AppraisalOption(), from: input, action: "appraisal-option.make") { o, v, tx in
                // Under the packages' lock, as removing one is: the package is still there.
                try await AuditedWrite.lockTable(ServicePackage.schema, on: tx)
                guard try await ServicePackage.find(packageID, on: tx) != nil else { throw Abort(.notFound, reason: "The package was removed.") }
                o.$package.id = packageID
                try await Self.readOption(o, &v, criteria: criteria, packageID: packageID, on: tx)
            }
        } catch let failure as ValidationFailure {
            return try await req.render(AssessmentPages.package(p, edit: FormState(input: FormInput.editing(p.package), csrf: req.csrfToken),
                                                                option: FormState(input: input, errors: failure.errors, status: failure.status, csrf: req.csrfToken)))
        }
        return req.redirect(to: .assessmentPackage(.value(packageID)), flash: "The option is added")
    }

    static func option(_ req: Request, _ p: PackageLoaded) throws -> AppraisalOption {
        guard let id = req.parameters.get("option").flatMap(UUID.init(uuidString:)), let o = p.options.first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "This package has no option with that id.")
        }
        return o
    }

    @Sendable func optionForm(req: Request) async throws -> Response {
        let p = try await Self.package(req), o = try Self.option(req, p)
        return try await req.render(AssessmentPages.option(p, o, FormState(input: FormInput.editing(o), csrf: req.csrfToken)))
    }

    @Sendable func saveOption(req: Request) async throws -> Response {
        let p = try await Self.package(req), o = try Self.option(req, p), input = FormInput.form(req), packageID = p.package.id!
        let criteria = Self.criteria(p.l.objectives)
        do {
            if Int(input[AuditedWrite.version.name]) == nil { throw StaleEdit(seen: 0, current: o.version) }
            try await req.editAudited(AppraisalOption.self, o.id!, from: input) { o, v, tx in
                try await Self.readOption(o, &v, criteria: criteria, packageID: packageID, on: tx); return "appraisal-option.update"
            }
        } catch let failure as ValidationFailure {
            return try await req.render(AssessmentPages.option(p, o, FormState(input: input, errors: failure.errors, status: failure.status, csrf: req.csrfToken)))
        } catch is StaleEdit {
            let now = try await Self.package(req), current = try Self.option(req, now)
            let rules = [Self.model, Self.summary] + now.l.objectives.flatMap { o in
                [FieldRule("score-\(o.number)", "The score for objective \(o.number)", .line(max: 1)), FieldRule("rationale-\(o.number)", "Why", .text(max: 4_000))]
            }
            return try await req.render(AssessmentPages.option(now, current, FormState.stale(input, current: current, rules: rules, csrf: req.csrfToken)))
        }
        return req.redirect(to: .assessmentPackage(.value(packageID)), flash: "The option \(o.model) is saved")
    }

    @Sendable func removeOption(req: Request) async throws -> Response {
        let p = try await Self.package(req), o = try Self.option(req, p)
        var v = Validator(FormInput.form(req))
        guard let seen = v.integer(AuditedWrite.version) else { throw Abort(.conflict, reason: "The form did not say which version of the option it removes.") }
        let removed = try await req.deleteAudited(AppraisalOption.self, o.id!, version: seen, action: "appraisal-option.remove")
        return req.redirect(to: .assessmentPackage(.value(p.package.id!)), flash: "The option \(removed.model) is removed")
    }
}
