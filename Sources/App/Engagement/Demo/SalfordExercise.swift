import Fluent
import Foundation

/// The demo's two exercises, from seed 000 (the progress report of 24 March 2003 and its
/// appendix, the advertisement) and seed 003 (the Cabinet report of 5 March 2003):
/// - the 2003 soft market testing exercise as it happened: published on 28 March 2003 with
///   responses by 11 April, the deadline moved to 25 April (the report's timetable) by a
///   recorded extension, closed since;
/// - the same exercise open now: its dates moved to start when the demo is first loaded, its
///   deadline some weeks ahead, so that a visitor can respond.
///
/// Where the papers are silent the demo chooses, and says so here: the time of day of each
/// deadline (12:00 noon), the clarification deadline (a week before the first response
/// deadline), when the extension was made (the day of publication), and the CPV codes.
enum SalfordExercise {
    static let reference = "SLF-2003-SPP"
    static let openReference = "SLF-DEMO-OPEN"
    static let title = "Consultation for partnering models within support and direct services"

    static func london(_ iso: String, _ hour: Int) -> Date {
        guard case .exactly(let date) = LondonTime.reading(Day(iso: iso)!, hour: hour, minute: 0) else { preconditionFailure(iso) }
        return date
    }

    static let advert = """
        The City of Salford is committed to creating the best possible quality of life for the people of Salford, and has identified clear priorities such as better education, quality homes and a clean and healthy city in order to achieve this vision. It is also looking to maximize opportunities for regeneration and the creation of better employment prospects within the City.

        The delivery of this vision requires high quality and efficient direct and support services, which are currently delivered in-house. Within these service areas we are totally committed to ensuring that we deliver continuous improvement, and are therefore currently exploring the potential for innovative partnering models to help us deliver a progressive and ambitious improvement programme in some or all of the following service areas:

        - Finance (Accountancy, Internal Audit, Creditor Payments, Payroll, Debtor Invoicing and Purchasing)
        - Law and Administration (Supporting the Democratic Core, Legal Services, Printing / Reprographics, clerical and administrative support, Emergency Planning and Births, Deaths and Marriages)
        - Salford IT Net (Software Development and Support, Desktop Services, Operations and Service Desk)
        - Salford Advance (BPR and Project Management Consultancy, e- Government centred Product Development and ICT Training)
        - Customer Services (Customer Contact Centre, Service Centres, Corporate Web Content Management, Revenues and Benefits and Community Telematics)
        - Personnel and Performance (Equal Opportunities, Occupational Health and Safety, Training and Development, Organisational Development, Employee Relations, Job Evaluation, Professional Consultancy, Conditions of Service, Recruitment, Communications, Performance Management and Procurement)

        We are committed to ensuring that our citizens receive customer led vital services, and are considering how best to add value to our services and our existing successes and strengths, for example: we are a pathfinder for e-government, and we recently achieved a 4 star CPA rating for our Benefits service.

        As part of this exploration we invite ideas and proposals on possible partnering models from organisations and bodies who share our values and our desire to improve. We have already commissioned an independent study into the types of partnering models currently in use, and it is against this background that we would prefer to receive proposals for genuine and innovative partnering approaches for the delivery of some or all of the above services.
        """

    static let engagement = """
        Soft market testing, not a tender:

        - the advertisement, placed in the Municipal Journal on 28 March 2003;
        - a questionnaire for interested organisations, with information about Salford and a profile of each service in scope on this website;
        - after responses are received, informal discussions and interviews with some of the parties during the evaluation period.
        """

    static let disclaimer = "This invitation is made without any commitment from the City Council. It is not in any way part of a selection tendering process and is not a guarantee or an indication of future intentions on the part of the City Council. Following receipt of proposals, the Council intends to have informal discussions with some of the parties."

    static let contact = """
        Allison Lobley, Strategy Development Team Manager, Corporate Services Directorate, City of Salford, Civic Centre, Chorley Road, Swinton, Salford M27 5DA.

        Telephone 0161 793 3171, email allison.lobley@salford.gov.uk
        """

    /// The seven benefits of the advertisement, each with the objectives (I–VIII) it serves.
    static let benefits: [Exercise.Benefit] = [
        .init(text: "Accelerated continuous improvements in terms of future service quality, effectiveness, accessibility and responsiveness through access to new investment funds, skills and resources.", objectives: [1, 2]),
        .init(text: "Improved value for money through increased operational efficiency and innovation, economies of scale and better asset utilisation.", objectives: [3]),
        .init(text: "Improved quality of services to Salford people by strengthening and adding value to existing partnerships locally and regionally for greater joined up working and leverage of external national and European grants.", objectives: [1, 6]),
        .init(text: "Improved exploitation of current and future know-how and products to generate additional income for re-investment by the Council.", objectives: [4]),
        .init(text: "Preservation and enhancement of job security and skills development through exploiting potential market opportunities.", objectives: [5]),
        .init(text: "Strengthening of strategic capacity to enable achievement in the priority areas.", objectives: [8]),
        .init(text: "Safeguarding and enhancement of democratic accountability in the delivery of our services.", objectives: [7]),
    ]

    /// The CPV codes the demo gives each service (the papers give none).
    static let cpv: [String: [String]] = [
        "Accountancy": ["79211000-6"], "Internal Audit": ["79212200-5"], "Creditor Payments": ["79211000-6"], "Payroll": ["79211110-0"],
        "Debtor Invoicing": ["79211000-6"], "Purchasing": ["79418000-7"],
        "Supporting the Democratic Core": ["79500000-9"], "Legal Services": ["79100000-5"], "Printing / Reprographics": ["79800000-2"],
        "Clerical and administrative support": ["79500000-9"], "Emergency Planning": ["75222000-8"], "Births, Deaths and Marriages": ["75130000-6"],
        "Software Development and Support": ["72262000-9", "72267000-4"], "Desktop Services": ["72610000-9"], "Operations": ["72500000-0"],
        "Service Desk": ["72253000-3"],
        "BPR and Project Management Consultancy": ["79411000-8", "72224000-1"], "e-Government centred Product Development": ["72262000-9"],
        "ICT Training": ["80533100-0"],
        "Customer Contact Centre": ["79512000-6"], "Service Centres": ["79500000-9"], "Corporate Web Content Management": ["72400000-4"],
        "Revenues and Benefits": ["75130000-6", "79940000-5"], "Community Telematics": ["85320000-8"],
        "Equal Opportunities": ["79414000-9"], "Occupational Health and Safety": ["71317200-5"], "Training and Development": ["80511000-9"],
        "Organisational Development": ["79414000-9"], "Employee Relations": ["79414000-9"], "Job Evaluation": ["79414000-9"],
        "Professional Consultancy": ["79411000-8"], "Conditions of Service": ["79414000-9"], "Recruitment": ["79600000-0"],
        "Communications": ["79416000-3"], "Performance Management": ["79411000-8"], "Procurement": ["79418000-7"],
    ]

    static let extensionReason = "The timetable agreed for the exercise gives 25 April 2003 for the return of questionnaires and expressions of interest (progress report to the Quality and Performance Scrutiny Committee, 24 March 2003, §1.5); the advertisement had said 11 April."

    /// Writes both exercises, their releases and the extension, inside the demo's transaction.
    static func load(on tx: any Database, now: Date, actor: Actor) async throws {
        let services = try await Service.query(on: tx).all()
        let scope = services.compactMap { s in cpv[s.name].map { Exercise.ScopeItem(service: s.id!, cpv: $0) } }

        func exercise(_ reference: String, _ title: String) -> Exercise {
            let e = Exercise()
            e.reference = reference
            e.title = title
            e.advert = advert
            e.engagement = engagement
            e.disclaimer = disclaimer
            e.contact = contact
            e.scope = scope
            e.benefits = benefits
            e.status = .published
            return e
        }

        // 2003, as it happened.
        let past = exercise(reference, title)
        past.publishOn = "2003-03-28"
        past.publishedAt = london("2003-03-28", 9)
        past.clarificationDeadline = london("2003-04-04", 12)
        past.responseDeadline = london("2003-04-11", 12)
        past.evaluationFrom = "2003-04-28"
        past.evaluationTo = "2003-05-23"
        past.interviewFrom = "2003-04-28"
        past.interviewTo = "2003-05-23"
        past.decisionOn = "2003-06-11"
        try await past.create(on: tx)
        try await AuditTrail.record("exercise.publish", past, before: nil, by: actor, at: past.publishedAt!, on: tx)
        try await ExerciseWrites.release(past, summary: "The notice was published.", at: past.publishedAt!, on: tx)
        try await questionnaire(for: past, at: past.publishedAt!, actor: actor, on: tx)
        let extendedAt = london("2003-03-28", 14), previous = past.responseDeadline!, extended = london("2003-04-25", 12)
        let before = past.auditFields
        past.responseDeadline = extended
        past.version += 1
        try await past.save(on: tx)
        try await AuditTrail.record("exercise.extend", past, before: before, by: actor, at: extendedAt, on: tx)
        let ext = DeadlineExtension(exerciseID: past.id!, from: previous, to: extended, reason: extensionReason, at: extendedAt)
        try await ext.create(on: tx)
        try await AuditTrail.record("deadline-extension.create", ext, before: nil, by: actor, at: extendedAt, on: tx)
        try await ExerciseWrites.release(past, summary: "The response deadline was extended from \(LondonTime.dateTime(previous)) to \(LondonTime.dateTime(extended)): \(extensionReason)", at: extendedAt, on: tx)

        // The same, open now: published today, questions for three weeks, responses for six.
        let today = Day.london(now)
        let calendar = try await WorkingDays.read(on: tx.sql)
        func workday(_ weeks: Int) -> Day {
            var day = today.adding(days: weeks * 7)
            while !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
            return day
        }
        let deadline = workday(6)
        let open = exercise(openReference, title + " (demo, open now)")
        open.publishOn = today.iso
        open.publishedAt = now
        open.clarificationDeadline = london(workday(3).iso, 12)
        open.responseDeadline = london(deadline.iso, 12)
        open.evaluationFrom = calendar.day(1, after: deadline).iso
        open.evaluationTo = calendar.day(20, after: deadline).iso
        open.interviewFrom = calendar.day(10, after: deadline).iso
        open.interviewTo = calendar.day(20, after: deadline).iso
        open.decisionOn = calendar.day(30, after: deadline).iso
        try await open.create(on: tx)
        try await AuditTrail.record("exercise.publish", open, before: nil, by: actor, at: now, on: tx)
        try await ExerciseWrites.release(open, summary: "The notice was published.", at: now, on: tx)
        try await questionnaire(for: open, at: now, actor: actor, on: tx)
    }

    /// The demo's questionnaire (`SalfordQuestionnaire`), published as version 1 with the notice.
    static func questionnaire(for exercise: Exercise, at when: Date, actor: Actor, on tx: any Database) async throws {
        let q = Questionnaire()
        q.$exercise.id = exercise.id!
        q.content = SalfordQuestionnaire.content
        try await q.create(on: tx)
        try await AuditTrail.record("questionnaire.update", q, before: nil, by: actor, at: when, on: tx)
        _ = try await QuestionnaireWrites.record(q, exercise: exercise, changes: [], at: when, by: actor, on: tx)
    }
}
