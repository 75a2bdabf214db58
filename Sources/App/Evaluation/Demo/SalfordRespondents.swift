import Foundation

/// Eight organisations that answered the City of Salford's soft market testing exercise of 2003
/// (`SalfordExercise`), with their answers to the demo questionnaire (`SalfordQuestionnaire`) and
/// the score the evaluation panel agreed for each of Cabinet's eight objectives (I–VIII), with the
/// core of its rationale.
///
/// The papers in `shared/seeds/` record the exercise but not who responded or what they said, so
/// everything here is the demo's invention. Every organisation, person, telephone number, email
/// address, company number and street address is fictitious, and so is every other council and
/// company named in the answers (Aldcombe, Easterholme, Hollinsbrook, Ravensmere, Saltersgate,
/// Wenmoor and the firms in the consortia). Telephone numbers are in the ranges Ofcom keeps for
/// drama, email addresses use the reserved `.example` domain, and company numbers are made up.
/// Real public bodies and programmes (the Local Government Pension Scheme, the European Social
/// Fund, Jobcentre Plus and the like) appear only as the 2003 context a respondent would cite.
///
/// What the demo chose:
/// - one respondent of each kind the brief asks for: a joint venture vehicle proposing a joint
///   venture company for all six service areas, two national firms (a strategic service partnership
///   and an IT outsourcer), a neighbouring council proposing a shared service, a small consultancy
///   supporting in-house improvement, a community consortium led by a charity, a consortium of
///   specialist firms, and a weak, vague firm;
/// - the scale of each offer, from no investment to £42 million and from no new jobs to 450;
/// - one response (the IT outsourcer) that fails the staff-terms condition, proposing to
///   harmonise terms and conditions after two years;
/// - the panel's scores, spread so that the strongest proposal on regeneration (VI) is not the
///   strongest on quality (I): with the Project Board's weights the joint venture ranks first, with
///   equal weights the strategic service partnership does;
/// - submission times on working days between 14 and 24 April 2003, avoiding Good Friday (18 April)
///   and Easter Monday (21 April), before the extended deadline of 25 April.
enum SalfordRespondents {
    enum Value: Sendable {
        case text(String)
        case list([String])
    }

    struct Merit: Sendable {
        var score: Int
        var evidence: String
    }

    struct Respondent: Sendable {
        var name: String
        var contact: String
        var email: String
        var companiesNumber: String?
        var isSME: Bool
        var isVCSE: Bool
        var address: String
        var submittedDay: Int
        var submittedHour: Int
        var answers: [UUID: Value]
        var merits: [Int: Merit]
    }

    static let all: [Respondent] = [
        quayward, marloweTansley, stellisk, hollinsbrook, wrenhollow, copperfold, thistlecombe, vantrell,
    ]

    // MARK: - Question ids (SalfordQuestionnaire)

    // About your organisation
    private static let orgName = UUID(uuidString: "62d80c8a-1f61-5baf-8f51-fbc15173e039")!
    private static let contactDetails = UUID(uuidString: "3883bd8c-3878-59d2-9c31-06d8c506d166")!
    private static let orgKind = UUID(uuidString: "ed892691-2e29-590c-861b-2cecd914a972")!
    private static let partners = UUID(uuidString: "7e02b402-2f42-5a7c-a423-23ae5491e779")!
    private static let ukEmployees = UUID(uuidString: "c7a69263-8782-5ab8-ae8e-045664eaf57e")!
    private static let experience = UUID(uuidString: "78d61227-a0ca-54d8-bf7a-167256e9bd93")!
    // Services and partnering model
    private static let serviceAreas = UUID(uuidString: "8cecd52d-d088-585f-8584-f3704cab802d")!
    private static let servicePackages = UUID(uuidString: "ac8bae87-dce3-5a46-a277-2353488673c2")!
    private static let allServices = UUID(uuidString: "f01f0098-5605-5ae5-8970-ade3e41bf74f")!
    private static let model = UUID(uuidString: "a1dfc2e6-4d38-5631-a529-8aa8d4e26219")!
    private static let modelDetail = UUID(uuidString: "5757bf5b-f163-5a1b-9925-08ef4d545e74")!
    private static let innovation = UUID(uuidString: "403ee5fd-9bd7-5c6e-9fd2-d3a12a80ef50")!
    // Investment and service improvement
    private static let investmentAmount = UUID(uuidString: "f6193b63-295d-5a69-ad72-e54603f0e1bd")!
    private static let investmentDetail = UUID(uuidString: "2df70b96-421d-549c-aee5-210256f704f7")!
    private static let improvement = UUID(uuidString: "17d26560-2aa7-5732-a9ce-1c17b59f33d9")!
    private static let indicators = UUID(uuidString: "7cf37550-fdb8-5cf5-85fd-297591e65fd0")!
    // Value for money and the council's skills
    private static let valueForMoney = UUID(uuidString: "409b829a-376d-5c9a-a0e1-1050c26d8d77")!
    private static let annualSaving = UUID(uuidString: "f46cd430-7c09-5e78-951b-637a14ae5db7")!
    private static let widerMarket = UUID(uuidString: "d3bb42c0-8008-5fea-95cc-78cdb1e601b0")!
    private static let products = UUID(uuidString: "8411b8d0-fd4e-5d08-bd9a-c9a01300eef5")!
    private static let incomeShare = UUID(uuidString: "f8995972-9085-5927-a971-14a8a5ff7b39")!
    // Regeneration, inward investment and local jobs
    private static let regeneration = UUID(uuidString: "8f3a5a35-c531-5100-bcdd-d6b14e9ad548")!
    private static let newJobs = UUID(uuidString: "0b866ff8-78a6-5c11-84aa-97ee55d38356")!
    private static let otherClients = UUID(uuidString: "09f858c2-e2b0-5287-a9c0-5bacc3d2c3cb")!
    private static let localPartnerships = UUID(uuidString: "e0553568-cc42-5556-89f5-0c7ef48b5a3b")!
    // Staff
    private static let staffTerms = UUID(uuidString: "5d86ab46-8b1f-5955-af3d-28046359a651")!
    private static let employmentSecurity = UUID(uuidString: "c7ba12ba-8661-58b1-8392-9c832009e690")!
    private static let staffSkills = UUID(uuidString: "bfaa9302-9ff4-51d9-b817-c75fb79400b9")!
    private static let staffInvolvement = UUID(uuidString: "f5a79752-a095-5fc7-b790-275ac61ee8ec")!
    private static let investorsInPeople = UUID(uuidString: "9aa3a682-b89e-5777-ad82-1ba1ee69a838")!
    // Democratic accountability
    private static let accountability = UUID(uuidString: "ef270d06-27c0-5dd9-ba47-6a082504dc3f")!
    private static let reporting = UUID(uuidString: "65a90c05-d12c-55c8-979f-384da167160c")!
    private static let openBook = UUID(uuidString: "fa7131bb-a3a8-5654-8075-dda89c2b6b09")!
    // E-government, skills and strategic capacity
    private static let eGovernment = UUID(uuidString: "dda309e6-c02e-5c6b-91e1-197eab116727")!
    private static let skillsGaps = UUID(uuidString: "2988d04b-ac4a-5fa8-bc96-b22f10e297a3")!
    private static let strategicCapacity = UUID(uuidString: "bae4b64e-9330-5437-b83a-32c4ab5c4798")!
    // Risks, timescales and anything else
    private static let risks = UUID(uuidString: "ec01ee80-add5-52f5-8235-b4fd60884c35")!
    private static let startDate = UUID(uuidString: "f00bcb78-4c80-5e59-bb68-2560d4e80f43")!
    private static let firstImprovements = UUID(uuidString: "b1638957-c61e-5b6f-8e01-29c58b17783e")!
    private static let informalDiscussions = UUID(uuidString: "bea530d1-fe8f-56e1-ae3f-ef7747572966")!
    private static let anythingElse = UUID(uuidString: "1c636562-0115-519c-a812-62ef1327ab9b")!

    // MARK: - 1. A joint venture vehicle: a joint venture company for all six areas

    private static let quayward = Respondent(
        name: "Quayward Civic Ventures Ltd (fictitious)",
        contact: "Helen Marchbank",
        email: "partnerships@quaywardcivic.example",
        companiesNumber: "00000001",
        isSME: false,
        isVCSE: false,
        address: "Quayward House, 3 Lanternfield Way, Salford (a fictitious address)",
        submittedDay: 24,
        submittedHour: 11,
        answers: [
            orgName: .text("Quayward Civic Ventures Ltd (fictitious)"),
            contactDetails: .text("Helen Marchbank, Director of Partnerships, 0161 496 0127, partnerships@quaywardcivic.example"),
            orgKind: .text("A consortium or joint venture"),
            partners: .text("A joint venture of Quayward Regeneration Holdings plc and Lanternfield Communications Ltd, with Saltersgate Training Trust for skills (all fictitious)"),
            ukEmployees: .text("3100"),
            experience: .text("Our two parent companies have worked with local authorities since 1994. Lanternfield Communications has run ICT, a contact centre and revenues and benefits for Wenmoor County Council under a ten-year partnership since 1998, bringing the average time to process a new benefit claim down from 58 to 31 days and raising the share of calls answered within 20 seconds from 61 to 88 per cent. Quayward Regeneration Holdings has led town centre and business park schemes with Easterholme City Council and Ravensmere District Council. In 2001 the two formed Quayward Civic Ventures to offer councils a joint venture company that combines the improvement of services with regeneration. At Wenmoor the first eighteen months did not go to plan: a new revenues system went live before staff were fully trained, backlogs grew, and we brought in forty temporary staff at our own cost to clear them. We learned to phase changes to systems and to involve the staff who do the work in designing them, and we now write both into every implementation plan."),
            serviceAreas: .list(["Finance", "Law and Administration", "Salford IT Net", "Salford Advance", "Customer Services", "Personnel and Performance"]),
            servicePackages: .text("One joint venture company delivering all six areas in three packages. Customer access: the Customer Contact Centre, Service Centres, Corporate Web Content Management, Revenues and Benefits and Community Telematics. Technology and change: Salford IT Net (Software Development and Support, Desktop Services, Operations and Service Desk) with Salford Advance (BPR and Project Management Consultancy, e-Government centred Product Development and ICT Training). Business support: the transactional and technical services of Finance, Law and Administration and Personnel and Performance. We would expect the council to keep Internal Audit, Supporting the Democratic Core, Legal Services, Emergency Planning and the strategic parts of Personnel and Performance as client-side functions."),
            allServices: .text("yes"),
            model: .text("A joint venture company with the council"),
            modelDetail: .text("We propose a joint venture company, Salford Civic Services Ltd (a working name), owned 51 per cent by Quayward Civic Ventures and 49 per cent by the City of Salford, with a ten-year service agreement that could be extended by five years. The council would appoint four of the nine directors, including the chair of the audit committee, and hold a golden share giving it a veto over changes to the company's objects, any sale of shares and any move of services out of Salford. About 1,100 staff in scope would transfer to the company under TUPE. The council would keep the freehold of the Civic Centre and its other buildings and lease space to the company; the new systems and the regional business centre we would build would belong to the company and pass to the council at nil cost at the end of the agreement. A client team of about twelve officers within the council would set policy and priorities, commission services and monitor performance. Profits from work for other clients would be shared in proportion to shareholdings, the council's share paid as a dividend it is free to re-invest. A partnership board would meet monthly in the first year, chaired in turn by the council's Director of Corporate Services and our managing director."),
            innovation: .text("Unlike a conventional outsourcing contract, the company would have a second purpose written into its articles: to bring new work and jobs to Salford. It would win business process work from other councils and public bodies in the North West and deliver it from Salford, using the CITIZEN system and the CRM Academy's methods as its products. The council would benefit twice, from the improvement of its own services and from a dividend and jobs from the work of others. At Wenmoor we served one council; this company would be designed from the start to trade."),
            investmentAmount: .text("42000000"),
            investmentDetail: .text("£42 million over the first five years: £16 million in a regional business centre in Salford with space for 600 staff, opening in 2005; £14 million in systems, including a new Council Tax and Benefits system, document imaging across the council, an upgrade of SAP and the corporate web portal; £7 million in the network and desktops, completing the convergence of voice, video and data; and £5 million in training and a Salford skills academy. £26 million would be recovered through the service charge over ten years at a fixed rate of return, and the £16 million for the business centre through income from other clients. None of the investment depends on the council borrowing."),
            improvement: .text("We would build on what already works, such as the four star Benefits service and Charter Mark at Salford Direct. Our targets for year three: new benefit claims processed in an average of 24 days; 90 per cent of calls to the contact centre answered within 20 seconds; 70 per cent of enquiries resolved at the first contact; Council Tax collection up 1.5 percentage points on today; 97 per cent of suppliers' invoices paid within 30 days; and every service capable of electronic delivery available that way by December 2005. We would open four more service centres in neighbourhoods, working with the NHS LIFT scheme, and open the contact centre until 8pm on weekdays and on Saturday mornings."),
            indicators: .text("We would agree a baseline for the best value performance indicators of each service in the first three months and set yearly targets to reach the top quartile of metropolitan councils by year four. Up to 8 per cent of the service charge would depend on meeting them. We would prepare evidence for inspection alongside the council's officers and act on the recommendations of the Audit Commission and the best value inspectors through an agreed improvement plan."),
            valueForMoney: .text("Savings would come from three sources. First, redesigning processes with Salford's own SPRINT methodology and our experience at Wenmoor: we would expect to cut the cost of a benefit claim by 20 per cent and of a supplier payment by 35 per cent through document imaging and e-procurement. Second, economies of scale: the business centre would spread overheads over other clients' work, lowering the unit costs charged to the council. Third, better use of assets: bringing back-office teams into one building would release office space the council could use or sell. We estimate the council's net saving at £2.4 million a year from year three, after the cost of the investment. The service charge would be fixed in real terms for the first five years."),
            annualSaving: .text("2400000"),
            widerMarket: .text("The company's trading arm would market CITIZEN, the CRM Academy's training, Salford's version of PRINCE2 and the SPRINT methodology to other councils, and offer benefits processing and payroll to public bodies in the North West. We have discussed with three councils the possibility of buying benefits processing from a Salford centre. Our target is £6 million a year of external income by year five. The council would receive 49 per cent of profits as a dividend and, for products it developed, a royalty of 10 per cent of sales before profits are calculated."),
            products: .list(["Customer relationship management (CITIZEN and the CRM Academy)", "Business process re-engineering (the SPRINT methodology)", "Project management (Salford's version of PRINCE2)", "e-Government product development", "Revenues and Benefits", "ICT training"]),
            incomeShare: .text("yes"),
            regeneration: .text("The regional business centre would be built on a brownfield site in Salford agreed with the council, opening in summer 2005. It would house the transferred staff and 450 new jobs from work for other clients, about a third of them entry-level posts filled through Jobcentre Plus and local colleges, with places kept for residents of the city's neighbourhood renewal areas. Quayward Regeneration Holdings would invest in the surrounding site and, with the council, bid to the Northwest Development Agency and the European Regional Development Fund for a digital business incubator next door. We would use Salford firms for fit-out, catering and cleaning where they offer value for money, and publish each year how much we have spent locally."),
            newJobs: .text("450"),
            otherClients: .text("yes"),
            localPartnerships: .text("We would join the working groups of the Salford local strategic partnership with a senior manager on each. We would lend the council our bid-writing team, at no charge, to pursue European Objective 2 funding, European Social Fund training money and national e-government funding. We would offer the council's partners, such as the NHS and New Prospect Housing, the use of the contact centre and service centres, so that residents can reach several services at one point."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("All staff would transfer under TUPE on their existing terms and conditions, and we would honour the Statement of Intent in full. The company would apply for admitted body status in the Local Government Pension Scheme so that transferred staff keep their pensions, and new starters would be offered the scheme too. We would guarantee no compulsory redundancies for the life of the agreement: where roles change we would redeploy and retrain, and growth in work for other clients would create posts for staff whose jobs are automated. Staff would keep national pay bargaining and the council's job evaluation scheme unless the trades unions agree otherwise."),
            staffSkills: .text("Every transferred member of staff would have a personal development plan and at least five days' training a year. The skills academy would offer accredited qualifications, including ECDL, NVQs in customer service, and professional accountancy and ICT qualifications. Work for other clients would open careers beyond the council, including secondments to Lanternfield's other partnerships. For hard-to-fill posts in ICT and accountancy we would use our national recruitment and a trainee scheme for Salford school and college leavers."),
            staffInvolvement: .text("A staff partnership forum with the recognised trades unions would meet monthly from the start of any formal procurement, and two staff representatives would sit on the company's people committee. We would sign a partnership agreement with the trades unions before transfer and pay for time off for union representatives. Staff would redesign their own processes in SPRINT workshops."),
            investorsInPeople: .text("yes"),
            accountability: .text("The council would keep control of policy, priorities and standards through its client team, the service agreement and its shareholding. The agreement would set service standards and targets, and changes to priorities would go through a change procedure in which the council has the final word on policy. Cabinet would receive a quarterly performance report and an annual report from the company's chair, and the Quality and Performance Scrutiny Committee could call the managing director to attend. The council's four directors and golden share would give it a voice inside the company as well as through the contract. We accept that a joint venture makes accountability less direct than in-house delivery, and that some of the company's trading information would be commercially confidential; we would agree a protocol so that councillors' enquiries are answered within ten working days."),
            reporting: .text("Monthly"),
            openBook: .text("yes"),
            eGovernment: .text("We would take forward the council's Implementing Electronic Government statement as a joint programme. In the first year we would complete the corporate web content management system and the portal, extend CITIZEN to all front-line services, and introduce online payments and applications for the twenty transactions with the highest volumes. By December 2005 every service capable of electronic delivery would be available online, through the contact centre or at a service centre. Our investment in document imaging, the converged network and a new Council Tax and Benefits system would be managed under Salford's version of PRINCE2, with the council's e-government board as sponsor."),
            skillsGaps: .list(["ICT and e-government", "Customer relationship management", "Business process re-engineering", "Project and programme management", "Procurement and e-procurement", "Accountancy and financial management", "Personnel and organisational development"]),
            strategicCapacity: .text("Freeing the council's senior managers from running transactional services would let them concentrate on the pledges. We would second a strategy and performance team of six to the Chief Executive's office for the first three years, at our cost, to support the priorities of better education, quality homes and a clean and healthy city: for example by linking housing enquiries in the contact centre with New Prospect Housing, and giving schools a single point of contact for support services. The company's systems would give members and managers one view of performance across services through SPIN."),
            risks: .text("The main risks are that the income from other clients is not won, that the transfer disrupts services, and that the council loses the skills to manage a complex partnership. We would carry the risk on external income: the service charge and the savings do not depend on it. We would bear the cost of service failure through the payment mechanism, and we would pay for training the council's client team in partnership management. The council would carry the risk of changes in law and policy that alter the services, priced through the change procedure. Ten years is a long commitment, so break clauses at years five and eight would let the council end the agreement on fair terms."),
            startDate: .text("2004-04-01"),
            firstImprovements: .text("2004-10-01"),
            informalDiscussions: .text("yes"),
        ],
        merits: [
            1: Merit(score: 4, evidence: "Sets year-three targets for new benefit claims (24 days), calls answered within 20 seconds (90 per cent) and first-contact resolution, with up to 8 per cent of the charge at risk; the Wenmoor record is good and candid about its early backlog."),
            2: Merit(score: 5, evidence: "Offers £42 million over five years, itemised: £16 million for a business centre, £14 million for systems including a new Council Tax and Benefits system, £7 million for the network and desktops and £5 million for training, with recovery explained and no council borrowing."),
            3: Merit(score: 3, evidence: "Estimates a net saving of £2.4 million a year from year three with unit-cost cuts for benefit claims and supplier payments, but the saving is net of a fixed return on £26 million over ten years and the case for the shared building is not shown."),
            4: Merit(score: 3, evidence: "A trading arm would sell CITIZEN, PRINCE2 and SPRINT with a 49 per cent dividend and a 10 per cent royalty, but the £6 million income target is unevidenced and the three interested councils are not named."),
            5: Merit(score: 4, evidence: "TUPE with admitted body status in the Local Government Pension Scheme, no compulsory redundancies for the life of the agreement and a partnership agreement with the trades unions; staff would nonetheless leave council employment for a private majority company."),
            6: Merit(score: 5, evidence: "A regional business centre on a Salford brownfield site by summer 2005 with 450 new jobs, a third entry-level with places kept for neighbourhood renewal areas, plus joint bids to the Northwest Development Agency and ERDF for an incubator: the most concrete regeneration offer received."),
            7: Merit(score: 3, evidence: "The council keeps four of nine board seats, a golden share and a client team, and scrutiny can call the managing director; but the private majority, commercial confidentiality and the respondent's own admission that accountability would be less direct hold the score down."),
            8: Merit(score: 4, evidence: "An e-government programme to December 2005 under Salford's PRINCE2 and a seconded strategy team of six linked to the pledges, filling gaps in seven skill areas."),
        ])

    // MARK: - 2. A national firm: a strategic service partnership for four areas

    private static let marloweTansley = Respondent(
        name: "Marlowe Tansley Public Services plc (fictitious)",
        contact: "Richard Oakenshaw",
        email: "bids@marlowetansley.example",
        companiesNumber: "00000002",
        isSME: false,
        isVCSE: false,
        address: "Tansley House, 40 Calder Quay, Leeds (a fictitious address)",
        submittedDay: 23,
        submittedHour: 16,
        answers: [
            orgName: .text("Marlowe Tansley Public Services plc (fictitious)"),
            contactDetails: .text("Richard Oakenshaw, Director, Local Government Partnerships, 0113 496 0381, bids@marlowetansley.example"),
            orgKind: .text("A private sector company"),
            ukEmployees: .text("6800"),
            experience: .text("We run strategic service partnerships with Aldcombe Borough Council (ICT, revenues and benefits and customer services since 1999) and Saltersgate Metropolitan Borough Council (ICT, transactional finance and procurement since 2001), and provide payroll to eleven other public bodies. At Aldcombe the Benefits service moved from one of the poorest in its region to three stars at inspection in 2002, with the average time to process a new claim falling from 71 to 29 days, and the council's use of resources score improved at its comprehensive performance assessment. At Saltersgate we delivered a new finance system and e-procurement, and 60 per cent of orders are now placed electronically. Not everything went to plan: at Saltersgate we underestimated the cost of migrating old systems and the first year's savings were half what we had promised. We made up the shortfall at our own cost and now insist on a joint due diligence period of three months before a price is fixed."),
            serviceAreas: .list(["Finance", "Salford IT Net", "Salford Advance", "Customer Services"]),
            servicePackages: .text("Two packages within one partnership. Package A, customer and revenues: the Customer Contact Centre, Service Centres, Corporate Web Content Management and Revenues and Benefits. Package B, technology and transactions: all four services of Salford IT Net, the three services of Salford Advance, and the transactional services of Finance: Creditor Payments, Payroll, Debtor Invoicing and Purchasing. Accountancy and Internal Audit should stay with the council as its own financial control. We have not included Law and Administration or Personnel and Performance, though we would consider them later, and Community Telematics could join package A once its future is clearer."),
            allServices: .text("yes"),
            model: .text("A strategic service partnership"),
            modelDetail: .text("A strategic service partnership for ten years under a single contract, with a service schedule for each package. About 620 staff in scope would transfer to Marlowe Tansley under TUPE. They would stay in Salford, working from the Civic Centre and Salford Direct's present offices, which the council would continue to own and license to us. We would own the new systems we buy and license them to the council, which could take them over at the end at their written-down value. A partnership board of three Cabinet members, the Chief Executive, the Director of Corporate Services and three of our directors would meet quarterly, and an operational board of officers and our managers monthly. A jointly staffed partnership office would manage the contract, keep a single improvement plan and run the change procedure. Payment would be a fixed annual charge, with deductions for missed standards and a 50 per cent gain share on savings beyond those contracted. Performance would be reported against 54 measures, including the best value performance indicators."),
            innovation: .text("Two things are new compared with our other partnerships. First, a joint improvement fund: we would put 2 per cent of the annual charge into a fund that the partnership board spends on improvements chosen by residents through the council's citizens' panel. Second, a falling price: the annual charge would reduce by 3 per cent a year in real terms from year three, so the council shares in efficiencies without having to renegotiate."),
            investmentAmount: .text("18500000"),
            investmentDetail: .text("£18.5 million in the first five years: £8.2 million for a new Council Tax and Benefits system with document imaging and workflow in 2004–05, meeting the council's target of March 2005; £4.6 million in the desktop estate, the Enterprise XP roll-out and server convergence in 2003–04 and 2004–05; £3.1 million in the contact centre and web portal, including longer opening hours and a telephone payments line; £1.4 million in e-procurement and an upgrade of SAP; and £1.2 million in training. We would recover the investment over the ten years through the annual charge, and the savings figure we give is net of it."),
            improvement: .text("We would keep what is good: the Benefits service's four star rating and Salford Direct's Charter Mark would be protected by contract standards no lower than today's. Our targets, to be confirmed after due diligence: new benefit claims processed in 22 days on average by the end of year two and changes of circumstances in 8 days; Council Tax collection up 2 percentage points by year three; 92 per cent of calls answered within 20 seconds and fewer than 4 per cent abandoned; 80 per cent of IT faults fixed within one working day and desktop availability above 99 per cent; 98 per cent of invoices paid within 30 days. Access would improve through Saturday opening at two service centres, Council Tax and Benefits advice in libraries, and online payments and benefit enquiries at any hour. Every service would survey customer satisfaction twice a year and publish the results to the partnership board."),
            indicators: .text("We would set the contract's standards against the best value performance indicators, aiming for the upper quartile of metropolitan councils within three years for every indicator the partnership affects. Our performance team would support the council's self-assessment for the comprehensive performance assessment and prepare for inspections of benefits, ICT and procurement. At Aldcombe we supported a best value review and a benefits inspection within eighteen months."),
            valueForMoney: .text("We would reduce transaction costs by moving transactions to cheaper channels and removing duplication. A Council Tax payment made online costs about a tenth of one made at a cash office; workflow removes the re-keying of benefit claims; one service desk for all IT calls reduces handling costs. Our purchasing across eleven public bodies would lower the price of desktop equipment and software licences by about 15 per cent. We guarantee a saving of £2.1 million a year from year two against the current budgets of the services in scope, and forecast £3.1 million a year from year four, with open-book accounts so that the council can test the figures."),
            annualSaving: .text("3100000"),
            widerMarket: .text("Salford's CITIZEN system and the CRM Academy have a market among councils without their own customer relationship management, and the Benefits service's expertise could help councils with poor inspection results. We would sell these through our local government division, with the council's staff delivering the work, and share net income equally. We expect income of £1 million a year by year four. Any product the council developed would remain its intellectual property."),
            products: .list(["Customer relationship management (CITIZEN and the CRM Academy)", "Business process re-engineering (the SPRINT methodology)", "e-Government product development", "Revenues and Benefits"]),
            incomeShare: .text("yes"),
            regeneration: .text("Our main contribution would be to keep the services and their staff in Salford, buy locally and create some new jobs. We would open a North West payroll and transactions centre for our other clients, with about 60 new jobs, and would put it in Salford if a suitable building can be found; otherwise it would be elsewhere in Greater Manchester. We would offer 15 modern apprenticeships a year to Salford residents. We have not proposed any property development."),
            newJobs: .text("60"),
            otherClients: .text("yes"),
            localPartnerships: .text("We would work with the council's partners, such as New Prospect Housing and the NHS LIFT scheme, to bring their customer contact through the contact centre. Our grants team has helped partner councils secure national e-government funding and would be at the council's disposal."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("Staff would transfer under TUPE on their existing terms and conditions, in line with the Statement of Intent, and new staff would be employed on equivalent terms. We would seek admitted body status in the Local Government Pension Scheme for transferred staff. There would be no compulsory redundancies arising from the partnership in the first five years; after that, any reductions would be managed by redeployment to our other contracts, retraining and voluntary means. There have been no compulsory redundancies at Aldcombe or Saltersgate."),
            staffSkills: .text("Each member of staff would have a yearly appraisal and a training plan. We would pay for professional qualifications in ICT, accountancy and purchasing, and offer secondments to our other contracts. Where Salford finds it hard to recruit, such as experienced software developers, we would draw on our national pool and run a graduate scheme."),
            staffInvolvement: .text("We would set up a joint consultative committee with the trades unions before transfer and agree a recognition agreement. Staff representatives would sit on the operational board. We would consult staff on the improvement plan and hold open meetings every quarter led by our account director."),
            investorsInPeople: .text("yes"),
            accountability: .text("The council would keep every policy decision, set priorities each year through the partnership board and approve the service standards in the contract. Cabinet members would chair the partnership board; the Quality and Performance Scrutiny Committee would receive our performance report each quarter and could require our account director to attend. Members' enquiries would be answered within five working days, with a named contact for each ward councillor. Complaints would go through the council's complaints procedure, and the Local Government Ombudsman would keep jurisdiction. The council could audit any part of the service, and the contract would give it step-in rights if performance fails. Staff dealing with the public would present the council's name, not ours, so that residents know the council remains responsible."),
            reporting: .text("Monthly"),
            openBook: .text("yes"),
            eGovernment: .text("We would deliver the council's Implementing Electronic Government programme to meet the 2005 target, and bring CITIZEN into the contact centre and the web portal so that customers see one record. Year one: the portal and web content management live, online payments, and document imaging in benefits. Year two: the new Council Tax and Benefits system, e-procurement across directorates, and self-service for staff through the employee portal. We would work to the council's ICT strategy and standards, and the council would chair the design authority."),
            skillsGaps: .list(["ICT and e-government", "Customer relationship management", "Business process re-engineering", "Project and programme management", "Procurement and e-procurement", "Accountancy and financial management"]),
            strategicCapacity: .text("Taking on transactional work and delivering the ICT programme would release senior officers' time, and our performance team would help the council link its service data to the pledges. We would offer a research and consultation service to the Chief Executive's office. We have not proposed a role in education or housing policy, which we believe should stay with the council."),
            risks: .text("The main risks are disruption at transfer, overrun of the new Council Tax and Benefits system, and savings not being delivered. We would carry the risks of delivery, of cost overrun and of the guaranteed saving; the council would carry the risks of changes in legislation and of its own policy decisions. A joint due diligence period of three months would fix the baseline before the price is agreed, and a transition plan with parallel running would protect the benefits service."),
            startDate: .text("2004-01-05"),
            firstImprovements: .text("2004-06-30"),
            informalDiscussions: .text("yes"),
            anythingElse: .text("We can arrange for members and staff representatives to visit Aldcombe and speak to transferred staff and trades union representatives without us present."),
        ],
        merits: [
            1: Merit(score: 5, evidence: "The most specific quality proposal: targets for new claims (22 days) and changes (8 days), calls, IT fixes and invoices, the four star Benefits rating and Charter Mark protected by contract, Saturday opening and twice-yearly satisfaction surveys, backed by the Aldcombe turnaround from 71 to 29 days."),
            2: Merit(score: 4, evidence: "£18.5 million itemised by year, led by £8.2 million for a new Council Tax and Benefits system by March 2005; recovered through the annual charge over ten years."),
            3: Merit(score: 4, evidence: "Guarantees £2.1 million a year from year two and forecasts £3.1 million from year four, with channel-shift and purchasing examples, a charge falling 3 per cent a year in real terms and open-book accounts."),
            4: Merit(score: 4, evidence: "Would sell CITIZEN, the CRM Academy and benefits expertise through its local government division, sharing net income equally for about £1 million a year by year four, and leaves intellectual property with the council."),
            5: Merit(score: 4, evidence: "TUPE, admitted body status, no compulsory redundancies for five years and a recognition agreement before transfer; the guarantee is shorter than the contract and reductions after year five are not ruled out."),
            6: Merit(score: 2, evidence: "About 60 jobs in a payroll and transactions centre only if a building is found in Salford, and 15 apprenticeships a year; no property development and no grant bids of its own."),
            7: Merit(score: 5, evidence: "Cabinet members chair the partnership board, scrutiny receives quarterly reports and can call the account director, members' enquiries are answered in five days, Ombudsman jurisdiction and step-in rights are kept and services carry the council's name."),
            8: Merit(score: 4, evidence: "A two-year e-government plan to the 2005 target with the council chairing the design authority and six skill gaps filled, though it offers little on the priorities beyond ICT."),
        ])

    // MARK: - 3. An IT outsourcer: Salford IT Net only; fails the staff-terms condition

    private static let stellisk = Respondent(
        name: "Stellisk Managed IT Services Ltd (fictitious)",
        contact: "Paul Drennan",
        email: "publicsector@stellisk.example",
        companiesNumber: "00000003",
        isSME: false,
        isVCSE: false,
        address: "Stellisk Data Centre, 9 Hallbrook Park, Wakefield (a fictitious address)",
        submittedDay: 16,
        submittedHour: 10,
        answers: [
            orgName: .text("Stellisk Managed IT Services Ltd (fictitious)"),
            contactDetails: .text("Paul Drennan, Head of Public Sector Sales, 0113 496 0554, publicsector@stellisk.example"),
            orgKind: .text("A private sector company"),
            ukEmployees: .text("1150"),
            experience: .text("We provide managed desktop, network and data centre services to local authorities and health bodies. Our clients include Ravensmere District Council, where we have run desktop and network services since 2000, and two NHS trusts. At Ravensmere we moved the service desk to our centre in Wakefield and replaced 900 desktops within a year, and the average time to fix a fault fell from three days to one. Some users found the remote service desk less personal at first, and we now keep a small team on site at each client."),
            serviceAreas: .list(["Salford IT Net"]),
            servicePackages: .text("One package: the Desktop Services, Operations and Service Desk of Salford IT Net. We would also take on Software Development and Support for the council's packaged applications, but not bespoke development, which we suggest stays with the council or Salford Advance."),
            allServices: .text("no"),
            model: .text("Outsourcing the service to your organisation"),
            modelDetail: .text("A seven-year managed service contract. We would take over the council's IT infrastructure, staff and third-party contracts and deliver the services against a service level agreement. Staff would transfer to Stellisk. The service desk and data centre operations would move to our shared centre in Wakefield, with a team of about 15 engineers on site in Salford. We would buy the council's existing equipment at book value and own the replacement equipment, charging the council a monthly fee per desktop. At the end of the contract the council could buy the equipment back at market value."),
            investmentAmount: .text("4200000"),
            investmentDetail: .text("£4.2 million in the first two years: replacing 2,500 desktops with Windows XP machines over three years, consolidating the council's servers into our data centre, and a new service desk system. The investment would be recovered through the monthly desktop charge over the seven years."),
            improvement: .text("Our standard service levels: 95 per cent of calls answered within 30 seconds, 85 per cent of faults fixed within eight working hours and 99.5 per cent network availability. The service desk would be open from 7am to 7pm on weekdays. Users would be able to log and track calls on the web."),
            indicators: .text("We would report against our standard service levels each month and provide data for the council's ICT-related indicators when asked."),
            valueForMoney: .text("We would reduce the cost of running the council's IT by consolidating servers in our data centre, standardising desktops and using our buying power with manufacturers. We expect the council to save £850,000 a year, about 18 per cent of the current cost of the services in scope, from year two. Because we charge per desktop, the council would pay only for what it uses."),
            annualSaving: .text("850000"),
            widerMarket: .text("Our proposal concentrates on infrastructure, so the opportunities to exploit the council's skills would be limited. We could offer web hosting to the community groups and public bodies the council now serves from our data centre, and pay the council a commission of 5 per cent."),
            products: .list(["Web hosting and internet services"]),
            incomeShare: .text("yes"),
            regeneration: .text("Our proposal is about improving the council's IT and is not designed to bring regeneration. The team of 15 engineers on site would remain in Salford; the rest of the work would be done from Wakefield."),
            newJobs: .text("0"),
            otherClients: .text("no"),
            staffTerms: .text("no"),
            employmentSecurity: .text("Staff would transfer to Stellisk under TUPE on their current terms and conditions. We cannot keep those terms for the whole contract: after two years we would harmonise terms and conditions with those of our own staff, who work a 37.5 hour week on our company pay scales and grading. Transferred staff would join our stakeholder pension scheme for future service, with an employer contribution of 6 per cent; we would not seek admitted body status. About 40 of the roughly 95 staff in scope would be asked to relocate to Wakefield when the service desk and data centre move, and those who cannot would be offered redundancy on our enhanced terms."),
            staffSkills: .text("Transferred staff would join our technical training programme and could work towards manufacturers' certifications. Those who relocate would gain experience of our other clients' systems."),
            staffInvolvement: .text("We would brief staff before transfer and consult the trades unions as the TUPE regulations require. After transfer staff would be represented through our company staff council."),
            investorsInPeople: .text("yes"),
            accountability: .text("The council would set the service levels in the contract and could change them through the change control procedure, at a cost. We would meet the council's IT client manager monthly. Members would raise any concerns through the client manager."),
            reporting: .text("Quarterly"),
            openBook: .text("no"),
            eGovernment: .text("A modern and reliable infrastructure is the foundation of e-government. Our desktop replacement and server consolidation would give the council a stable platform for its e-government applications, which would remain the council's responsibility."),
            strategicCapacity: .text("By taking the day-to-day management of IT away from the council, the contract would free the council to concentrate on its priorities."),
            risks: .text("The main risk is disruption while the service desk and data centre move to Wakefield; we would manage it with our standard transition method, tested at Ravensmere. The council would carry the risk of changes to its requirements through change control. Our liability would be capped at the annual value of the contract."),
            startDate: .text("2003-10-01"),
            firstImprovements: .text("2004-01-31"),
            informalDiscussions: .text("yes"),
        ],
        merits: [
            1: Merit(score: 2, evidence: "Standard service levels (95 per cent of calls in 30 seconds, 85 per cent of faults fixed in eight hours) with no baseline against Salford's present service, and a remote service desk in Wakefield that its own Ravensmere users found less personal."),
            2: Merit(score: 3, evidence: "£4.2 million for 2,500 desktops, server consolidation and a service desk system, recovered through the desktop charge; confined to infrastructure the respondent would own."),
            3: Merit(score: 4, evidence: "Claims £850,000 a year, about 18 per cent of the cost of the services in scope, from server consolidation, standard desktops and purchasing, with a per-desktop charge; but open-book accounting is refused."),
            4: Merit(score: 1, evidence: "Says the opportunities would be limited and offers only web hosting for community groups at a 5 per cent commission."),
            5: Merit(score: 1, evidence: "Answers no to the staff-terms condition: terms harmonised after two years, a stakeholder pension instead of the Local Government Pension Scheme, and about 40 of 95 staff asked to relocate to Wakefield or take redundancy."),
            6: Merit(score: 0, evidence: "States the proposal is not designed to bring regeneration, offers no new jobs and would move work out of Salford to Wakefield."),
            7: Merit(score: 1, evidence: "Control limited to contract service levels changed at a cost, concerns routed through a client manager, no role for members, quarterly reporting and no open-book accounting."),
            8: Merit(score: 2, evidence: "A stable platform for e-government, but the applications are left to the council, no skill gaps are offered and nothing is said about the priorities beyond freeing the council from running IT."),
        ])

    // MARK: - 4. A neighbouring council: a shared service for two areas

    private static let hollinsbrook = Respondent(
        name: "Hollinsbrook Metropolitan Borough Council (fictitious)",
        contact: "Margaret Holroyd",
        email: "resources.partnerships@hollinsbrook.example",
        companiesNumber: nil,
        isSME: false,
        isVCSE: false,
        address: "Town Hall, 1 Market Square, Hollinsbrook (a fictitious address)",
        submittedDay: 22,
        submittedHour: 15,
        answers: [
            orgName: .text("Hollinsbrook Metropolitan Borough Council (fictitious)"),
            contactDetails: .text("Margaret Holroyd, Assistant Chief Executive (Resources), 0161 496 0742, resources.partnerships@hollinsbrook.example"),
            orgKind: .text("Another local authority or public body"),
            ukEmployees: .text("7400"),
            experience: .text("Hollinsbrook has worked with neighbouring councils for many years through joint committees, and since 2001 we have run payroll for two fire and police bodies and for the schools of Wenmoor County Council under agreements between public bodies. Our payroll service produces 31,000 payslips a month with an accuracy of 99.8 per cent. We have also been on the other side of a partnership: our ICT was outsourced in 1996 and brought back in-house in 2001 after the contractor failed to invest. That taught us the value of keeping control of a service and of clear exit arrangements."),
            serviceAreas: .list(["Finance", "Customer Services"]),
            servicePackages: .text("A shared service between the two councils in two groups. Transactional finance: Payroll, Creditor Payments and Debtor Invoicing, delivered from Hollinsbrook, which already runs a large payroll. Revenues and Benefits, delivered from Salford, whose four star Benefits service would take on Hollinsbrook's processing. Accountancy, Internal Audit and Purchasing would stay with each council, as would the contact centre and service centres, which would use the shared revenues and benefits back office."),
            allServices: .text("no"),
            model: .text("Another model"),
            modelDetail: .text("A shared service between two councils, governed by a joint committee under the Local Government Act 1972, with an agreement under the Local Authorities (Goods and Services) Act 1970. Each council would lead one service: Salford for Revenues and Benefits, Hollinsbrook for transactional finance. Staff would remain employed by their own council, working in the lead authority's service or seconded to it, so nobody would change employer unless they chose to; after three years we would review whether a single employer is needed. Each council would keep its own buildings and assets, and shared systems would be owned jointly in proportion to use. The agreement would run for seven years with a review at three. Costs and savings would be shared by the volume of transactions. A joint committee of two members from each council would meet quarterly, and a board of officers monthly."),
            innovation: .text("This is a partnership of equals between public bodies, not a contract. It keeps the work, the skills and the jobs in the public sector, and lets Salford earn from its strength in benefits while using Hollinsbrook's strength in payroll. It could grow: two other councils have asked to join the payroll service once it is established."),
            investmentAmount: .text("1200000"),
            investmentDetail: .text("£1.2 million from Hollinsbrook over the first three years: our share of a new benefits workflow and document imaging system (£700,000), the link between our payroll system and Salford's SAP (£300,000) and training (£200,000). Salford would contribute a similar sum. We would seek national e-government funding for the joint work. No private partner would need to recover its investment: each council bears its share and keeps its savings."),
            improvement: .text("Payroll: Salford staff would gain Hollinsbrook's self-service payslips and online expenses claims, and we would work to 99.8 per cent accuracy. Benefits: combining the two councils' processing under Salford's management, we would expect Hollinsbrook's average time for new claims to fall from 48 days to Salford's level, while Salford's own would be protected by a standard no worse than today's. The two services would share good practice through joint training."),
            indicators: .text("We would compare the two councils' best value performance indicators for each shared service and set joint targets, reported in the same form to each council's scrutiny committee. We would invite a joint inspection by the Benefit Fraud Inspectorate once the shared service is established."),
            valueForMoney: .text("A shared service spreads fixed costs, such as systems and management, over a larger volume. We estimate savings of £2.3 million a year across the two councils by year three, about half to each, so £1.15 million a year to Salford. The savings come from one management team for each service, one set of systems, and using Salford's contact centre for Hollinsbrook's benefit enquiries out of hours. There is no profit margin to pay."),
            annualSaving: .text("1150000"),
            widerMarket: .text("Salford's benefits expertise is the strongest product on offer: the shared service would sell benefits processing to other councils, starting with the two in the region that have already asked. The income would go to Salford as lead authority, after costs. We would also support Salford in offering CITIZEN to councils in the sub-region."),
            products: .list(["Customer relationship management (CITIZEN and the CRM Academy)", "Revenues and Benefits"]),
            incomeShare: .text("yes"),
            regeneration: .text("The shared Revenues and Benefits service would be based in Salford and bring about 35 posts to the city, processing Hollinsbrook's work and that of any other councils that join. We are not a developer and would not bring inward investment on a large scale."),
            newJobs: .text("35"),
            otherClients: .text("yes"),
            localPartnerships: .text("Two councils working together would carry more weight in bids for national e-government funding and for partnership funding from the Office of the Deputy Prime Minister. We would join Salford in the CRM Academy's work of spreading good practice and bring our own links with the fire and police bodies we serve."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("Staff would remain employed by their own council on their existing terms and conditions, in line with Salford's Statement of Intent, and would stay in the Local Government Pension Scheme. Nobody would transfer to a private employer. We would agree a protocol with the trades unions that there will be no compulsory redundancies from the shared service; any reductions would come from vacancies and voluntary early retirement. If a single employer is chosen after three years it would be a public body, and any transfer would follow TUPE and the Cabinet Office statement of practice on staff transfers in the public sector."),
            staffSkills: .text("A larger service offers more careers: staff could move between the two councils' services, and we would run joint training, including the CRM Academy's courses and professional payroll qualifications. The shared payroll would also ease Salford's difficulty in recruiting specialist payroll staff."),
            staffInvolvement: .text("The trades unions of both councils would sit on a joint staff forum from the design of the shared service onwards. Staff would be consulted on the business case before members decide. The joint committee would receive a report from the staff forum every quarter."),
            investorsInPeople: .text("yes"),
            accountability: .text("Democratic control would be direct. The shared service would be governed by a joint committee of elected members from both councils, meeting in public under the councils' standing orders. Each council would keep its own policies, such as Council Tax discounts and local discretion in benefits. The scrutiny committees of both councils could examine the service, and the councils' external auditors would audit it. Residents would deal with their own council, whose name would be on every letter and bill."),
            reporting: .text("Quarterly"),
            openBook: .text("yes"),
            eGovernment: .text("We would join up the two councils' e-government programmes for the shared services: online benefit claims, self-service payroll for staff and electronic invoicing. Salford's pathfinder experience would lead, and our employee self-service system would help Salford meet its target for an employee portal."),
            skillsGaps: .list(["Customer relationship management", "Accountancy and financial management"]),
            strategicCapacity: .text("Sharing transactional services would free management time in both councils, and the joint committee would give members a forum to consider further shared services where they help the priorities. The shared service would not by itself address education, housing or the environment."),
            risks: .text("The main risks are that the two councils' priorities diverge, that one council withdraws, and that the shared systems are late. The agreement would require two years' notice of withdrawal and set out how costs are shared if it happens. Each council would keep the knowledge needed to run its services. A joint project board working to PRINCE2 would manage the systems work."),
            startDate: .text("2004-04-01"),
            firstImprovements: .text("2005-04-01"),
            informalDiscussions: .text("yes"),
            anythingElse: .text("Our Cabinet agreed on 2 April 2003 that we should explore shared services with neighbouring councils. This response is made on that basis and is subject to the decisions of both councils."),
        ],
        merits: [
            1: Merit(score: 3, evidence: "Protects Salford's benefits standard and brings self-service payslips and 99.8 per cent payroll accuracy, but the improvement to Salford's own services is modest: most of the gain in benefits goes to Hollinsbrook."),
            2: Merit(score: 2, evidence: "£1.2 million from Hollinsbrook over three years for workflow, imaging and a payroll link, matched by a similar sum from Salford: little new money for Salford."),
            3: Merit(score: 4, evidence: "£1.15 million a year to Salford by year three from single management teams and systems, with no profit margin and open-book accounts."),
            4: Merit(score: 4, evidence: "Salford would lead a benefits service selling processing to other councils, two of which have already asked, with the income going to Salford after costs, and help in offering CITIZEN in the sub-region."),
            5: Merit(score: 5, evidence: "No change of employer, staff stay in the Local Government Pension Scheme, no compulsory redundancies under a protocol with the trades unions, and a joint staff forum reporting to the joint committee."),
            6: Merit(score: 2, evidence: "About 35 posts in a Salford-based benefits service; says itself it would bring no large-scale inward investment."),
            7: Merit(score: 5, evidence: "A joint committee of elected members meeting in public under standing orders, scrutiny by both councils, each council keeping its own policies and its name on every letter: direct democratic control."),
            8: Merit(score: 3, evidence: "Joins up the two e-government programmes for online claims, staff self-service and e-invoicing and frees management time, but admits it would not address the wider priorities."),
        ])

    // MARK: - 5. A small consultancy: in-house improvement for Personnel and Performance only

    private static let wrenhollow = Respondent(
        name: "Wrenhollow Organisational Consulting Ltd (fictitious)",
        contact: "Dr Susan Callender",
        email: "enquiries@wrenhollow.example",
        companiesNumber: "00000004",
        isSME: true,
        isVCSE: false,
        address: "2 Priory Mews, Wrenhollow Lane, Knutsford (a fictitious address)",
        submittedDay: 14,
        submittedHour: 9,
        answers: [
            orgName: .text("Wrenhollow Organisational Consulting Ltd (fictitious)"),
            contactDetails: .text("Dr Susan Callender, Managing Director, 01632 960418, enquiries@wrenhollow.example"),
            orgKind: .text("A private sector company"),
            ukEmployees: .text("14"),
            experience: .text("Wrenhollow was founded in 1997 by former local government personnel officers. We have supported in-house improvement in personnel and performance management at Easterholme City Council (job evaluation and equal pay, 2000 to 2002), Aldcombe Borough Council (a development programme for 300 managers in 2001) and Wenmoor County Council (a best value review of personnel services in 2002). At Easterholme the job evaluation timetable slipped by eight months because the information held on existing jobs was poor; we now begin every such project with an audit of that information."),
            serviceAreas: .list(["Personnel and Performance"]),
            servicePackages: .text("Personnel and Performance only, in two parts: Job Evaluation, Conditions of Service and Employee Relations, supporting the council's pay and grading work; and Organisational Development, Training and Development and Performance Management, supporting managers across the council. We do not propose to deliver Recruitment, Occupational Health and Safety or Procurement."),
            model: .text("Improving the in-house service, with support from your organisation"),
            modelDetail: .text("The services would stay in-house, with staff employed by the council and managed by its Director of Personnel and Performance. We would provide a team of three consultants for up to 120 days a year over three years, working alongside council staff on an agreed improvement plan and passing on our methods so that the council does not depend on us at the end. The council would own everything produced. We would be paid a daily rate, with 15 per cent of our fees at risk against agreed outcomes."),
            innovation: .text("The fee at risk, and the commitment to pass on our methods so that the council can carry on without us, are unusual for a consultancy. We would also train a group of council staff as accredited job evaluation analysts who could then support other councils."),
            investmentAmount: .text("0"),
            investmentDetail: .text("We are a small firm and would not bring capital investment. We would put our own time at risk: 15 per cent of our fees, about £45,000 over three years, would be paid only if the agreed outcomes are achieved. We would also give 20 days of support free of charge in the first year to draw up the improvement plan."),
            improvement: .text("We would help the council complete job evaluation for all posts by March 2005, shorten the time taken to recruit from advertisement to offer, introduce appraisal for all staff linked to the council's performance management framework, and prepare services for Investors in People. We would measure progress against indicators agreed at the start, including sickness absence and the proportion of staff appraised."),
            indicators: .text("We would help improve the personnel indicators, especially working days lost to sickness, the proportion of senior posts held by women and by people from ethnic minorities, and the proportion of staff with disabilities, and support the council's preparation for its corporate assessment."),
            valueForMoney: .text("Because the services stay in-house, savings would come from better processes rather than scale. We estimate £180,000 a year from lower sickness absence, less use of agency staff and less time spent on grievances. There is no profit margin on a transfer of staff, and the council pays only for the days it uses."),
            annualSaving: .text("180000"),
            widerMarket: .text("Once trained, the council's job evaluation and organisational development staff could support smaller councils in the North West; we would help the council market this and would not compete for the work. We would also help the council offer the SPRINT and PRINCE2 methods to personnel teams elsewhere."),
            products: .list(["Business process re-engineering (the SPRINT methodology)", "Project management (Salford's version of PRINCE2)", "Other"]),
            incomeShare: .text("yes"),
            regeneration: .text("Our proposal is small and would not bring inward investment. We would open a small office in Salford and recruit two local graduates as trainee consultants."),
            newJobs: .text("2"),
            otherClients: .text("no"),
            localPartnerships: .text("We would help the council run joint management training with its partners in the local strategic partnership."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("Staff would stay employed by the council on their current terms and conditions and remain in the Local Government Pension Scheme. Our work would strengthen their skills rather than replace them, and nobody would transfer to us."),
            staffSkills: .text("Council staff would work alongside our consultants and learn our methods. We would accredit six staff as job evaluation analysts and support four through CIPD qualifications, and work for other councils would widen their experience. Where posts are hard to fill, we would help redesign roles and introduce career grades."),
            staffInvolvement: .text("The trades unions would be involved in every stage of job evaluation through a joint working group, as the national agreements require. We would hold workshops with staff on the improvement plan."),
            investorsInPeople: .text("yes"),
            accountability: .text("The services would stay under the council's direct management, so accountability to members would not change. We would report to the Director of Personnel and Performance, and our progress would be reported to the lead member and to the Quality and Performance Scrutiny Committee."),
            openBook: .text("yes"),
            eGovernment: .text("Our proposal is not about ICT. We would support the personnel parts of the council's e-government plan, such as online recruitment and the employee portal, by redesigning the processes before the systems are introduced."),
            skillsGaps: .list(["Project and programme management", "Personnel and organisational development"]),
            strategicCapacity: .text("Better management and performance management would strengthen the council's capacity across all its priorities. Our development programme for managers would concentrate on the skills needed to lead change in education, housing and environmental services."),
            risks: .text("The main risk is that improvement depends on the council's own capacity, since the staff stay in-house; the fee at risk shares it. A second risk is slippage in job evaluation, which we would reduce by starting with an audit of job information. As a small firm we would guarantee the continuity of the named consultants."),
            startDate: .text("2003-07-01"),
            firstImprovements: .text("2003-12-31"),
            informalDiscussions: .text("yes"),
        ],
        merits: [
            1: Merit(score: 3, evidence: "Clear outcomes for Personnel and Performance (job evaluation for all posts by March 2005, appraisal for all staff, readiness for Investors in People), but confined to one area and without a target for the time to recruit."),
            2: Merit(score: 1, evidence: "No investment: its contribution is 20 free days and about £45,000 of fees at risk."),
            3: Merit(score: 2, evidence: "An estimate of £180,000 a year from sickness absence, agency staff and grievances, not broken down; the council pays by the day."),
            4: Merit(score: 2, evidence: "Would help trained council staff support smaller councils and offer SPRINT and PRINCE2 elsewhere, but names no markets or income."),
            5: Merit(score: 4, evidence: "Staff stay council employees in the Local Government Pension Scheme, six accredited as job evaluation analysts and four supported through CIPD qualifications, with a joint working group with the trades unions."),
            6: Merit(score: 1, evidence: "A small Salford office and two local trainee posts; states it would bring no inward investment."),
            7: Merit(score: 4, evidence: "Services stay under direct council management, with progress reported to the lead member and the Quality and Performance Scrutiny Committee: accountability preserved rather than enhanced."),
            8: Merit(score: 3, evidence: "Management development aimed at leading change in education, housing and environmental services and process redesign for online recruitment and the employee portal, but no ICT or e-government capacity."),
        ])

    // MARK: - 6. A VCSE consortium: community access in two areas

    private static let copperfold = Respondent(
        name: "Copperfold Community Technology Trust (fictitious)",
        contact: "Delroy Whitcombe",
        email: "partnerships@copperfold.example",
        companiesNumber: nil,
        isSME: true,
        isVCSE: true,
        address: "The Old Co-operative Hall, 7 Copperfold Street, Salford (a fictitious address)",
        submittedDay: 24,
        submittedHour: 16,
        answers: [
            orgName: .text("Copperfold Community Technology Trust (fictitious)"),
            contactDetails: .text("Delroy Whitcombe, Chief Executive, 0161 496 0863, partnerships@copperfold.example"),
            orgKind: .text("A voluntary or community sector body"),
            partners: .text("Brackenrigg Tenants' Federation, Second Byte Computer Recycling and the Salford Community Learning Circle (all fictitious)"),
            ukEmployees: .text("42"),
            experience: .text("Copperfold is a registered charity, set up in 1996 to help people in Salford's poorer neighbourhoods use computers and the internet. We run six community ICT centres and a mobile learning bus, funded by the New Opportunities Fund, the European Social Fund and the Single Regeneration Budget. We have worked with the City of Salford's libraries on the People's Network and with Hollinsbrook Metropolitan Borough Council on a computer recycling scheme for schools. We have never delivered a council service under contract: our experience of working with councils is of grant agreements and joint projects. Our first mobile learning project closed early in 1999 when its funding ended, which taught us to plan for sustainability from the start."),
            serviceAreas: .list(["Salford Advance", "Customer Services"]),
            servicePackages: .text("One community access package: Community Telematics; ICT Training for the public and community groups (not training for council staff); and a network of community access points linked to the Service Centres, where residents could get help with the council's online services. We would also like to work with Salford IT Net on web hosting for community groups."),
            allServices: .text("no"),
            model: .text("Another model"),
            modelDetail: .text("A community partnership: a five-year service agreement between the council and the Copperfold consortium, four voluntary and community organisations led by Copperfold as the accountable body. The council's Community Telematics staff, about 12 people, would be offered secondment to the consortium and remain council employees. The consortium would run community access points in its six centres, in tenants' halls and in libraries, open in the evenings and at weekends. Equipment would come from Second Byte's recycling, refurbished, with new equipment bought from grants and owned by the consortium but used only for the agreement. A steering group of two councillors, community representatives and council officers would oversee the work. Any surplus would be re-invested in the service."),
            innovation: .text("The service would be run by the communities that use it. Tenants' groups would help decide where the access points go and what they offer, and local people would be trained and paid as community ICT helpers. We know of no council partnership that has put neighbourhood access to e-government in the hands of a community consortium."),
            investmentAmount: .text("650000"),
            investmentDetail: .text("About £650,000 over five years, none of it our own capital: £300,000 from the European Social Fund for training, for which we have outline approval subject to match funding; £200,000 of refurbished equipment from Second Byte; and £150,000 from charitable trusts for the mobile learning bus and the access points. The council's present spending on Community Telematics would provide the match funding."),
            improvement: .text("We would open 20 community access points in the first two years, in places people already use, with evening and weekend hours, and help 2,500 residents a year to use council services online or by telephone. We would report the numbers helped and their satisfaction every quarter. We have not set targets for the wider customer services, which we are not proposing to run."),
            valueForMoney: .text("Volunteers and grant funding would let the council reach more people for the same money, and refurbished equipment costs far less than new. We have not estimated a saving: our aim is more value from the present budget rather than a lower cost."),
            widerMarket: .text("Salford's community web hosting and ICT training could be offered to other voluntary organisations and housing associations in Greater Manchester. The consortium would sell training and hosting to them and share any surplus with the council in proportion to its funding."),
            products: .list(["ICT training", "Web hosting and internet services"]),
            incomeShare: .text("yes"),
            regeneration: .text("Our proposal is neighbourhood renewal from the ground up. It would create 28 jobs, 20 of them community ICT helpers recruited from the estates served, each with training towards an NVQ and a route into work. The access points would bring residents into the digital economy and help them with benefits, jobs and training online. We would base our work in the city's neighbourhood renewal areas and work with Jobcentre Plus on job search. We would bid for European and national funds that a council cannot reach on its own."),
            newJobs: .text("28"),
            otherClients: .text("yes"),
            localPartnerships: .text("We are already part of the community network of the local strategic partnership and work with New Prospect Housing's tenants' associations. The council would gain access to money open only to voluntary bodies, such as charitable trusts and the Community Fund, and the consortium would take on the administration of European Social Fund grants."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("The council's Community Telematics staff would be seconded, remaining council employees on their current terms and conditions and in the Local Government Pension Scheme. If a transfer to the consortium were agreed after review, TUPE would apply and we would seek admitted body status, but as a small charity we would need the council's help to give the pension fund the guarantee it requires. We cannot guarantee posts beyond the five-year agreement, since most of our funding is short-term."),
            staffSkills: .text("Seconded staff would gain experience of community development and training and could lead our community ICT helpers. We would support them to take teaching and assessing qualifications."),
            staffInvolvement: .text("We would meet the staff concerned and their trades union representatives before any decision, and a member of staff would sit on the steering group. Our own staff are consulted through a monthly team meeting."),
            investorsInPeople: .text("no"),
            accountability: .text("Two councillors would sit on the steering group, which would meet in public and publish its minutes, and residents' groups would be represented. The council would set the outcomes in the service agreement and could end it on six months' notice. As a charity we are also accountable to the Charity Commission and publish audited accounts."),
            reporting: .text("Quarterly"),
            openBook: .text("yes"),
            eGovernment: .text("Much of the value of e-government is lost if people cannot use it. Our access points would bring the council's online services to residents without a computer at home, with helpers to guide them. We would link our centres to the People's Network and use the council's web content and CITIZEN at the access points."),
            skillsGaps: .list(["ICT and e-government", "Other"]),
            strategicCapacity: .text("We would give the council a route to residents in its poorest neighbourhoods, on whom its priorities depend. Our centres could host consultations on education and housing and help the council hear from the people it hears from least."),
            risks: .text("The main risk is funding: much of the money is grant and short-term. We would plan each year's service against confirmed funding only, and the council would keep the right to bring the service back in-house. A second risk is our capacity to manage a council agreement; we would appoint a contract manager and ask the council for support in the first year."),
            startDate: .text("2003-11-03"),
            firstImprovements: .text("2004-03-31"),
            informalDiscussions: .text("yes"),
            anythingElse: .text("We know we are much smaller than the companies likely to respond. We believe the council's partnerships should include its communities, and we would gladly work alongside a larger partner if the council chose one."),
        ],
        merits: [
            1: Merit(score: 2, evidence: "Twenty access points and 2,500 residents helped a year would widen access, but the proposal covers only Community Telematics and public ICT training and sets no targets for customer services generally."),
            2: Merit(score: 2, evidence: "£650,000 over five years, all grant or donated equipment; the £300,000 of European Social Fund money has only outline approval and needs the council's own budget as match funding."),
            3: Merit(score: 1, evidence: "Gives no estimate of savings; aims for more value from the same budget through volunteers and refurbished equipment."),
            4: Merit(score: 3, evidence: "Would sell community web hosting and ICT training to voluntary organisations and housing associations and share any surplus with the council, but gives no estimate of income."),
            5: Merit(score: 3, evidence: "Secondment keeps staff as council employees in the Local Government Pension Scheme, but the consortium cannot guarantee posts beyond five years or give a pension guarantee unaided."),
            6: Merit(score: 4, evidence: "Twenty-eight jobs, twenty of them community ICT helpers from the estates with NVQ routes into work, based in neighbourhood renewal areas and drawing on funds the council cannot reach alone: small in scale but well targeted."),
            7: Merit(score: 4, evidence: "Two councillors on a steering group meeting in public with published minutes, residents represented, outcomes set by the council with six months' notice to end, and audited charity accounts."),
            8: Merit(score: 2, evidence: "Gives the council a route into its poorest neighbourhoods and brings e-government to residents without computers, but adds little to strategic capacity beyond that."),
        ])

    // MARK: - 7. A consortium of specialist firms: outsourcing in three areas

    private static let thistlecombe = Respondent(
        name: "The Thistlecombe Consortium (fictitious)",
        contact: "Jonathan Ferrand",
        email: "consortium@thistlecombe.example",
        companiesNumber: nil,
        isSME: true,
        isVCSE: false,
        address: "c/o Ferrand Lyle Solicitors LLP, 14 Tiverton Chambers, Manchester (a fictitious address)",
        submittedDay: 17,
        submittedHour: 14,
        answers: [
            orgName: .text("The Thistlecombe Consortium (fictitious)"),
            contactDetails: .text("Jonathan Ferrand, Senior Partner, Ferrand Lyle Solicitors LLP, 0161 496 0219, consortium@thistlecombe.example"),
            orgKind: .text("A consortium or joint venture"),
            partners: .text("Ferrand Lyle Solicitors LLP (lead), Kestrelpay Bureau Services Ltd and Quillstone Print Ltd (all fictitious)"),
            experience: .text("The three members of the consortium have each served local authorities for many years. Ferrand Lyle has provided legal services to Saltersgate Metropolitan Borough Council and Ravensmere District Council since 1998, including planning, property and child care work. Kestrelpay runs payroll for nine public bodies, among them the schools of Aldcombe Borough Council. Quillstone Print took over the print unit of Easterholme City Council in 2000; the transferred staff took time to adapt to commercial targets, and two years on half the unit's work comes from outside customers. The consortium itself was formed in 2003 for this exercise and has not yet delivered a joint contract."),
            serviceAreas: .list(["Finance", "Law and Administration", "Personnel and Performance"]),
            servicePackages: .text("Three packages that the council could let together or separately: legal services (Legal Services, including support for land charges) from Ferrand Lyle; payroll and transactions (Payroll, Creditor Payments and Debtor Invoicing, with the administration of Recruitment) from Kestrelpay; and print and administration (Printing / Reprographics and Clerical and administrative support, including the post room) from Quillstone."),
            allServices: .text("no"),
            model: .text("Outsourcing the service to your organisation"),
            modelDetail: .text("Each member would take on its package under its own seven-year contract with the council, and the consortium would act as one point of contact under a framework agreement led by Ferrand Lyle. Staff would transfer under TUPE to the member delivering their service. Legal staff would work from Ferrand Lyle's Manchester office and at the Civic Centre; payroll staff from a new Kestrelpay centre in Salford; print staff in the council's print unit, which Quillstone would lease. The council would keep its buildings, and Quillstone would replace the print equipment. Payroll and print would be charged per transaction, and legal work by a fixed annual fee with hourly rates above an agreed volume."),
            innovation: .text("A consortium of specialist firms, rather than one large company, lets the council choose the best provider for each service and keep the option of letting only some packages. Each member is a medium-sized firm with a stake in the North West."),
            investmentAmount: .text("3500000"),
            investmentDetail: .text("£3.5 million in the first five years: £1.8 million in a new payroll centre in Salford with self-service for staff; £1.2 million in digital printing equipment; and £500,000 in a legal practice system and document management for the legal team. It would be recovered through the charges over the seven years."),
            improvement: .text("Payroll: 99.9 per cent accuracy, with payslips available online by 2005. Print: standard jobs turned round in two working days instead of five. Legal: a named lawyer for each directorate and written advice within ten working days. We would support the council's target of LEXCEL accreditation for Legal Services."),
            indicators: .text("We would report the time taken to pay invoices and the accuracy of payroll, and help Legal Services meet its targets for land charges searches."),
            valueForMoney: .text("Our transaction charges would be below the council's current unit costs. We estimate a saving of £900,000 a year across the three packages from year two, mainly in payroll and print through automation and work for outside customers. Legal fees would be fixed for the first three years."),
            annualSaving: .text("900000"),
            widerMarket: .text("The print unit would win work from other public bodies and local businesses, as at Easterholme, and the payroll centre would serve other clients. Those profits would be the members' own: the council would benefit through lower charges rather than a share of income. We could help promote Salford's version of PRINCE2 to our public sector clients."),
            products: .list(["Project management (Salford's version of PRINCE2)", "Other"]),
            incomeShare: .text("no"),
            regeneration: .text("Kestrelpay would open its new North West payroll centre in Salford, creating 60 jobs, most of them clerical and payroll posts filled locally, and Quillstone would keep the print unit in the city. We would use local suppliers where we can. We have not proposed wider regeneration schemes."),
            newJobs: .text("60"),
            otherClients: .text("yes"),
            localPartnerships: .text("Ferrand Lyle would advise the council on bids for European funding free of charge for the first year. We would work with Salford's business networks on local purchasing."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("Staff would transfer under TUPE on their existing terms and conditions, and each member would honour the Statement of Intent. Kestrelpay and Quillstone would seek admitted body status in the Local Government Pension Scheme; Ferrand Lyle would offer its own final salary scheme, certified by an actuary as broadly comparable. There would be no compulsory redundancies for three years. After that some print and clerical posts may be at risk as work becomes electronic, and we would offer redeployment within the three members first."),
            staffSkills: .text("Legal staff would have access to Ferrand Lyle's training and could qualify as solicitors through its training contracts. Payroll and print staff would be trained to recognised industry qualifications."),
            staffInvolvement: .text("We would consult the trades unions as TUPE requires and set up a staff forum in each member. Staff would be briefed monthly during the transition."),
            investorsInPeople: .text("no"),
            accountability: .text("The council would set service standards in each contract and monitor them through its client officer. The consortium's lead partner would report to the Director of Corporate Services twice a year. Legal advice to members and the role of the monitoring officer would stay with the council."),
            reporting: .text("Twice a year"),
            openBook: .text("no"),
            eGovernment: .text("We would provide electronic payslips, online administration of recruitment, electronic ordering of print and a case management system for legal work, supporting the council's e-government targets in the services we deliver."),
            skillsGaps: .list(["Procurement and e-procurement", "Accountancy and financial management", "Other"]),
            strategicCapacity: .text("Freeing the council from running payroll, print and routine legal work would let its senior managers concentrate on the priorities. Our lawyers would support the council's regeneration and housing projects, for example in assembling land."),
            risks: .text("The main risk is coordinating three firms; the framework agreement would make Ferrand Lyle answerable for the consortium's performance. A second risk is disruption to payroll during the move to the new centre, which we would manage by running the two payrolls in parallel for three months."),
            startDate: .text("2004-02-02"),
            firstImprovements: .text("2004-09-30"),
            informalDiscussions: .text("yes"),
        ],
        merits: [
            1: Merit(score: 3, evidence: "Sound targets by service (payroll 99.9 per cent accurate, print in two days, legal advice in ten working days, support for LEXCEL), but from three firms with no joint track record, the consortium having been formed in 2003."),
            2: Merit(score: 3, evidence: "£3.5 million for a payroll centre, digital print equipment and a legal practice system, recovered through the charges over seven years."),
            3: Merit(score: 3, evidence: "£900,000 a year from year two from automation and outside work, and legal fees fixed for three years, but no open-book accounting."),
            4: Merit(score: 2, evidence: "Profits from outside print and payroll work stay with the firms and the council benefits only through lower charges; the offer to promote PRINCE2 is slight."),
            5: Merit(score: 3, evidence: "TUPE, admitted body status for two members and a broadly comparable scheme for legal staff, but only three years without compulsory redundancies, with print and clerical posts flagged as at risk."),
            6: Merit(score: 3, evidence: "Sixty jobs in a new payroll centre in Salford and the print unit kept in the city; no wider regeneration."),
            7: Merit(score: 2, evidence: "Control through contract standards and a client officer, reporting to the Director of Corporate Services only twice a year; no role for members and open-book accounting refused."),
            8: Merit(score: 3, evidence: "Electronic payslips, online recruitment administration, print ordering and legal case management, and lawyers supporting regeneration and housing projects such as land assembly."),
        ])

    // MARK: - 8. A weak, vague firm: a strategic service partnership in four areas

    private static let vantrell = Respondent(
        name: "Vantrell Business Solutions Ltd (fictitious)",
        contact: "Mark Esterbrook",
        email: "sales@vantrell.example",
        companiesNumber: "00000005",
        isSME: true,
        isVCSE: false,
        address: "Unit 12, Vantrell Business Park, Solihull (a fictitious address)",
        submittedDay: 15,
        submittedHour: 12,
        answers: [
            orgName: .text("Vantrell Business Solutions Ltd (fictitious)"),
            contactDetails: .text("Mark Esterbrook, Sales Director, 0121 496 0672, sales@vantrell.example"),
            orgKind: .text("A private sector company"),
            ukEmployees: .text("85"),
            experience: .text("Vantrell has over ten years of experience in delivering business solutions to organisations in the public and private sectors, including several local authorities. We have worked on document management, call centre and IT projects and are proud of our record of satisfied clients. Our approach is to work closely with our clients to understand their needs."),
            serviceAreas: .list(["Law and Administration", "Salford IT Net", "Customer Services", "Personnel and Performance"]),
            servicePackages: .text("We are flexible and would be happy to discuss with the council which services would be most suitable. Our particular strengths are document management, call handling and IT support, and these could be grouped into a single package."),
            allServices: .text("yes"),
            model: .text("A strategic service partnership"),
            modelDetail: .text("We would propose a strategic service partnership in which Vantrell and the council work together to transform the services. The exact structure would be agreed with the council during detailed discussions, and could involve the transfer of staff to Vantrell or their secondment. We would expect the partnership to last at least ten years so that the benefits can be realised. Governance would be through a partnership board."),
            innovation: .text("Our approach is flexible and tailored to each client. We use the latest technology and best practice from both the public and private sectors."),
            investmentDetail: .text("We would bring significant investment in technology, particularly in document management and call handling systems. The level of investment would depend on the scope of the partnership and would be agreed after detailed discussions. It would be recovered over the life of the partnership."),
            improvement: .text("We would improve the services through modern technology and best practice, making them more efficient and customer focused. Our document management solution would reduce paper and speed up processes, and our call handling system would improve the customer experience."),
            valueForMoney: .text("Our solutions have helped clients reduce their costs significantly. By using technology to automate processes, the council would be able to deliver services at lower cost. The savings would be identified during detailed discussions."),
            widerMarket: .text("We would be interested in discussing how the council's skills could be marketed to other organisations."),
            regeneration: .text("As a growing company we would look to recruit locally where possible and would consider locating some of our operations in Salford."),
            staffTerms: .text("yes"),
            employmentSecurity: .text("Staff who transfer would do so under TUPE. We value our staff and would work to make sure that they feel part of the Vantrell team."),
            staffInvolvement: .text("We would communicate regularly with staff and would consult the trades unions as required."),
            accountability: .text("The council would retain responsibility for policy, and a partnership board would oversee the partnership. We would provide an annual report."),
            reporting: .text("Once a year"),
            eGovernment: .text("Our technology would help the council meet its e-government targets by making services available electronically."),
            skillsGaps: .list(["ICT and e-government", "Customer relationship management", "Business process re-engineering"]),
            strategicCapacity: .text("The partnership would free the council to focus on its strategic priorities."),
            risks: .text("All partnerships carry risks, which would be shared appropriately between the partners and managed through the partnership board."),
            informalDiscussions: .text("yes"),
        ],
        merits: [
            1: Merit(score: 1, evidence: "General claims of modern technology and best practice, with no targets, no baseline and no council named in its experience."),
            2: Merit(score: 1, evidence: "Promises ‘significant investment’ in document management and call handling but gives no amount, timing or terms of recovery."),
            3: Merit(score: 1, evidence: "Says savings would be identified in later discussions; no figure and no offer of open-book accounting."),
            4: Merit(score: 0, evidence: "Only an interest in discussing how the council's skills could be marketed: no products, markets or share of income."),
            5: Merit(score: 2, evidence: "Confirms the staff-terms condition and TUPE but says nothing of pensions, redundancies or the development of staff."),
            6: Merit(score: 1, evidence: "Would ‘consider’ locating some operations in Salford and recruit locally where possible; no figure for jobs."),
            7: Merit(score: 1, evidence: "A partnership board and an annual report only; no role for members or scrutiny."),
            8: Merit(score: 1, evidence: "One sentence on e-government targets and one on strategic focus; nothing on Salford's pathfinder work or its priorities."),
        ])
}
