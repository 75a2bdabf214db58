import Foundation

/// The City of Salford's strategic partnering project of 2003, as the five council papers in
/// `shared/seeds/` record it. Where the papers speak, their words are used; where they are
/// silent (budgets, staff numbers, most purposes) the demo says nothing rather than invent.
enum SalfordDemo {
    struct Area {
        var name: String
        var directorate: String
        var summary: String
        var services: [ServiceSeed]
    }

    struct ServiceSeed {
        var name: String
        var activities = ""
        var customers = ""
        var achievements: [String] = []
        var issues: [String] = []
        var plans: [String] = []

        var isPublishable: Bool { !activities.isEmpty }
    }

    static let councilName = "City of Salford"
    static let directorates = ["Corporate Services", "Personnel and Performance"]

    /// Objectives I–VIII as Cabinet agreed them on 5 March 2003 (progress report of 24 March
    /// 2003, §1.2 c), with the lettered wording of the Cabinet report (a–h) as the description.
    static let objectives: [(title: String, cabinetWording: String)] = [
        ("To improve quality and add value to services.", "a. To improve quality and add value to services"),
        ("To speed up the pace of improvement by providing additional investment.", "b. To speed up the pace of improvement by providing additional investment"),
        ("To achieve better value for money by reducing transaction costs.", "c. To achieve better value for money by reducing transaction costs"),
        ("To exploit our existing skills and expertise.", "d. To exploit our existing skills and expertise"),
        ("To preserve and enhance staff employment security.", "e. To preserve and enhance staff employment security"),
        ("To provide regeneration opportunities.", "f. To provide regeneration/inward investment and better local job opportunities"),
        ("To safeguard and enhance democratic accountability in the delivery of our services.", "g. To safeguard and enhance democratic accountability in the delivery of our services"),
        ("To strengthen strategic capacity to enable achievement in priority areas.", "h. To strengthen strategic capacity to enable achievement in the priority areas"),
    ]

    /// The Project Board of 26 February 2003 gave additional weightings to I, VI and VIII (§1.3).
    /// The papers do not give numbers: the demo doubles the weight of those three and starts
    /// from equal weights, which the history records.
    static let boardWeight = 20.0
    static let otherWeight = 8.0
    static let equalWeight = 12.5
    static let boostedObjectives: Set<Int> = [1, 6, 8]
    static let boardMeeting = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Europe/London"),
                                             year: 2003, month: 2, day: 26, hour: 10).date!
    static let boardReason = "Project Board, 26 February 2003: prioritised the objectives and gave additional weightings to I, VI and VIII (progress report to the Quality and Performance Scrutiny Committee, 24 March 2003, §1.3)."

    /// The pledges named in the Corporate Services report of 21 May 2003, with what that report links to each.
    static let pledges: [(String, String)] = [
        ("Stronger Communities", "Linked in 2003/04 to the community information repository, web hosting for community groups, and public IT access through the People's Network."),
        ("Making Salford a better place to live", "The partnering initiative could contribute through the regeneration objective."),
        ("A Safer Salford", "Linked in 2003/04 to increasing the number of anti-social behaviour orders."),
        ("Quality homes for all", "Linked in 2003/04 to rolling out housing services, with New Prospect Housing Limited, in the Call Centre."),
        ("Clean and healthy city", "Linked in 2003/04 to the NHS LIFT scheme with health sector partners."),
    ]

    /// The six service areas and their services, from the advertisement (appendix to the report of 24 March 2003).
    static let areas: [Area] = [
        Area(name: "Finance", directorate: "Corporate Services",
             summary: "A 3 year revenue strategy and a 5 year capital strategy have been produced and are being implemented.",
             services: [
                ServiceSeed(name: "Accountancy",
                            activities: "- Financial planning and the budget strategy\n- The capital and revenue strategies\n- Final accounts and the annual Statement of Accounts",
                            customers: "The council's directorates and elected members.",
                            achievements: ["Production of a 5 year financial capital strategy, financial plan / budget strategy and 3 year revenue strategy.", "Final accounts closure by 31 August 2002."],
                            issues: ["Accountancy skills: SAP training and regular accountants' briefings have been provided for all accountants; the training skills audit has not been achieved and will be undertaken in 2003/04 in preparation for IIP.", "Accountancy consultation: not undertaken because of the volume of consultation elsewhere; now being addressed as part of the SLA discussions and negotiations."],
                            plans: ["Preparation of the Statement of Accounts for 2002/03 by 31 July 2003.", "Implementation of new cash and bank reconciliation processes to facilitate complete monthly reconciliations by March 2004.", "Further development of management reports from SAP in consultation with service managers by March 2004.", "Implementation of a corporate risk management strategy by March 2004."]),
                ServiceSeed(name: "Internal Audit"),
                ServiceSeed(name: "Creditor Payments",
                            activities: "Paying the council's suppliers' invoices.",
                            customers: "The council's directorates and their suppliers.",
                            achievements: ["Document imaging of all council invoices introduced."]),
                ServiceSeed(name: "Payroll",
                            activities: "Paying the council's employees, and the year-end returns for tax, national insurance and pensions.",
                            customers: "Everyone the City Council employs.",
                            achievements: ["Provision of specialised training for payroll staff.", "Payroll system issues resolved."],
                            issues: ["Multiple employments: initial testing undertaken; target date amended to September 2003."],
                            plans: ["Ensuring that all payroll-related year end forms and reports relating to tax, national insurance and pensions are issued in advance of the due dates by March 2004.", "Implementation of the SAP multiple employment function for all employees with more than one job with the City Council by March 2004.", "Implementation of an employee portal incorporating employee self-service transactions for all Corporate Services staff by March 2004."]),
                ServiceSeed(name: "Debtor Invoicing"),
                ServiceSeed(name: "Purchasing",
                            activities: "Buying goods and services for the council, including framework agreements.",
                            customers: "The council's directorates.",
                            achievements: ["Purchasing savings of £250k achieved.", "Implementation of a 5 year framework agreement on procurement of IT hardware and services."],
                            issues: ["E-Procurement: a joint project of Emerge, Salford Advance and Purchasing to review purchasing processes and develop e-procurement in consultation with suppliers."],
                            plans: ["Undertaking a review of the purchasing process in SAP, including the development of an e-procurement pilot, by March 2004."]),
             ]),
        Area(name: "Law and Administration", directorate: "Corporate Services",
             summary: "A successful partnership with an external firm of solicitors was established in 2002/03.",
             services: [
                ServiceSeed(name: "Supporting the Democratic Core",
                            activities: "- Support to elected members and council meetings\n- Elections\n- The Mayoralty",
                            customers: "Elected members, and the people of Salford as voters.",
                            achievements: ["Review of democratic services using Best Value principles.", "Mayoralty stakeholders consultation meeting."],
                            issues: ["Elections: initiatives on democratic awareness for pupils were delayed by a member of staff being on maternity leave; targets on community links were delayed mainly by involvement in the Ward Boundary review and the all postal ballot.", "Members information database: delayed by resource issues, resolved as a result of the completed review of democratic services.", "SOLAR system: roll out to communities delayed by the need for system enhancements."],
                            plans: ["To pilot an all postal local election and to evaluate the results by June 2004.", "To implement the recommendations of the review of democratic services by March 2004.", "To roll out access to the “Solar” on-line agenda and minutes system to communities by March 2004."]),
                ServiceSeed(name: "Legal Services",
                            activities: "Legal advice and casework for the council, working in partnership with an external firm of solicitors.",
                            customers: "The council's directorates and elected members.",
                            achievements: ["Legal services partnership: a successful partnership with an external firm of solicitors was established and is now operational.", "Regular meetings established with legal services and key directorate staff."],
                            issues: ["Legal Services Commission new systems: resources have now been identified and the new system will be commissioned during 2003/04.", "Land charges: Salford Advance's business process re-engineering team have produced a draft report reviewing land charges processes, and an action plan can now be formulated."],
                            plans: ["To achieve LEXCEL accreditation specifically for Legal Services by March 2004.", "To further develop close working relationships with Messrs. Cobbetts, Solicitors, by March 2004.", "To further increase the number of anti-social behaviour orders by March 2004, contributing to the pledge “A Safer Salford”.", "Replacement of the Debtco/Caseman/Saltime systems with a legal practice information system by July 2003."]),
                ServiceSeed(name: "Printing / Reprographics",
                            activities: "Printing and copying for the council.",
                            customers: "The council's directorates.",
                            achievements: ["The copy print unit now has networked PC and e-mail facilities, enabling electronic processing of job orders."]),
                ServiceSeed(name: "Clerical and administrative support",
                            activities: "Clerical and administrative support to the council, including the postal service.",
                            customers: "The council's directorates.",
                            achievements: ["Re-organisation of the postal service, including establishing standards and procedures."],
                            issues: ["Review of support services: an initial report has been produced, and a management review of the service will commence from April 2003."],
                            plans: ["To undertake a management review of the support services unit, taking into account customer requirements and the need to redefine roles and responsibilities within the team, by March 2004."]),
                ServiceSeed(name: "Emergency Planning",
                            activities: "Planning the council's response to emergencies, including out of hours emergency services.",
                            customers: "The people of Salford and the council's directorates.",
                            achievements: ["Emergency planning: 3 staff per directorate trained."],
                            issues: ["Out of hours emergency services, review of delivery methods: business process re-engineering has now commenced."]),
                ServiceSeed(name: "Births, Deaths and Marriages",
                            activities: "Registering births, deaths and marriages.",
                            customers: "The people of Salford.",
                            achievements: ["Implementation of call centre support for Registrars."],
                            issues: ["Registrars accommodation: target date reviewed and extended to August 2004."],
                            plans: ["To carry out a best value review of Registrars (births, deaths and marriages), commencing September 2003 and completed by March 2004."]),
             ]),
        Area(name: "Salford IT Net", directorate: "Corporate Services",
             summary: "The council's information technology: software, desktops, operations and the service desk.",
             services: [
                ServiceSeed(name: "Software Development and Support"),
                ServiceSeed(name: "Desktop Services",
                            activities: "The council's desktop computers, software licensing and public access to IT.",
                            customers: "The council's staff, and the public through the People's Network.",
                            achievements: ["Increased public access to IT facilities via the People's Network, initially established in libraries."],
                            plans: ["Develop, test, pilot and roll out the Enterprise XP solution by March 2004.", "Increase public access to additional IT facilities via the People's Network by March 2004, contributing to the pledge “Stronger Communities”.", "A single asset and inventory management system for the council's ICT equipment, software and services.", "Implement a replacement licensing system."]),
                ServiceSeed(name: "Operations",
                            activities: "Running the council's servers, networks and hosting.",
                            customers: "The council's directorates, community groups and public bodies.",
                            achievements: ["Removal of the mainframe and Sequent 2000 series machines, and implementation of a new IBM machine."],
                            plans: ["Converge Windows server applications onto enterprise servers by March 2004.", "Continue convergence of systems (voice, video and data network) by March 2004.", "Continue expansion of web hosting and ISP facilities for community groups and public bodies by March 2004, contributing to the pledge “Stronger Communities”."]),
                ServiceSeed(name: "Service Desk",
                            activities: "The IT help desk and remote support for the council's staff.",
                            customers: "The council's staff.",
                            achievements: ["Implemented, trained and piloted a new IT help desk system with increased performance information.", "Integrated an active directory into the help desk system and implemented remote support to improve front line service."],
                            plans: ["Establish closer customer contact with site visits and improved customer satisfaction monitoring."]),
             ]),
        Area(name: "Salford Advance", directorate: "Corporate Services",
             summary: "Successful in its bid to establish a national CRM Academy.",
             services: [
                ServiceSeed(name: "BPR and Project Management Consultancy",
                            activities: "Business process re-engineering (BPR) and project management, using Salford's own methods (SPRINT, and Salford's version of PRINCE2).",
                            customers: "The council's directorates and other local authorities.",
                            achievements: ["Established and implemented a project management support office.", "Implemented new methods of project management, Salford's version of PRINCE2, within IT Net and Salford Advance.", "Salford's BPR methodology is being disseminated as best practice to other local authorities."],
                            issues: ["Project management training and dissemination: the original roll out plan was revised, and specific officers from directorates are to be targeted for training by May 2003."],
                            plans: ["Establish a centre of excellence for project management and the PRINCE2 methodology by March 2004."]),
                ServiceSeed(name: "e-Government centred Product Development",
                            activities: "Developing e-government products, including customer relationship management (CRM).",
                            customers: "The council, other local authorities, and citizens using online services.",
                            achievements: ["Successful bid to establish a national CRM Academy.", "Continued roll out of the CITIZEN (CRM) systems."],
                            issues: ["Create a new partnership organisation: extensive consultation has taken place with external legal advisors to overcome legal constraints on trading; a formal partnership has yet to be formed, though services are being provided to other local authorities as part of the mentoring and dissemination work on the e-government programme."],
                            plans: ["Plan and implement the new CRM Academy, with a partnership of four local authorities and the Office of the Deputy Prime Minister, by March 2004.", "Develop and implement a community information repository accessed via the Internet by March 2004, linked to the pledge “Stronger Communities”.", "Develop the authority's local land and property gazetteer by March 2004.", "Initiate e-enablement of applications for services, regulation interactions, and paying for goods and services by March 2004."]),
                ServiceSeed(name: "ICT Training",
                            activities: "Training in information and communication technology.",
                            customers: "The council's staff.",
                            achievements: ["Launched and rolled out European Computer Driving Licence qualification training."]),
             ]),
        Area(name: "Customer Services", directorate: "Corporate Services",
             summary: "Customer Services' productivity and customer satisfaction levels are continuously high.",
             services: [
                ServiceSeed(name: "Customer Contact Centre",
                            activities: "The council's call centre, handling enquiries for council services.",
                            customers: "The people of Salford.",
                            achievements: ["Productivity and customer satisfaction levels are continuously high."],
                            plans: ["Further roll out of council services within the Call Centre over the next 5 years, with particular emphasis on New Prospect Housing Limited, by March 2004, aligned to the pledge “Quality homes for all”."]),
                ServiceSeed(name: "Service Centres"),
                ServiceSeed(name: "Corporate Web Content Management",
                            activities: "Managing the content of the council's website.",
                            customers: "Citizens, partners and central government.",
                            issues: ["Corporate web content management / portal system: product and preferred supplier selected, installation plan made and software ordered; phase 1 expected to go live in August 2003."],
                            plans: ["Implementing and deploying web content management by March 2004."]),
                ServiceSeed(name: "Revenues and Benefits",
                            activities: "Council Tax and business rates, and Housing and Council Tax Benefits, through Salford Direct.",
                            customers: "Council Tax and business rate payers, and benefit claimants.",
                            achievements: ["A 4 star CPA inspection rating for the Benefits service.", "Charter Mark accreditation for Salford Direct.", "A successful home-working pilot to alleviate office space problems."],
                            issues: ["Apply for CLS accreditation: put on hold pending Charter Mark; future target 31 March 2004."],
                            plans: ["Provision of Council Tax and Benefits advice services throughout the authority's libraries network by March 2004.", "Further roll out of homeworking in Salford Direct, with a £150k Government grant, by March 2004.", "Further work towards a new Council Tax and Benefits IT system by March 2005."]),
                ServiceSeed(name: "Community Telematics"),
             ]),
        Area(name: "Personnel and Performance", directorate: "Personnel and Performance",
             summary: "",
             services: ["Equal Opportunities", "Occupational Health and Safety", "Training and Development",
                        "Organisational Development", "Employee Relations", "Job Evaluation", "Professional Consultancy",
                        "Conditions of Service", "Recruitment", "Communications", "Performance Management", "Procurement"]
                .map { ServiceSeed(name: $0) }),
    ]

    /// The demo supplier's organisation: made up, and says so.
    static let supplierOrganisation = "Example Partnership Services Ltd (fictitious)"

    struct DemoUser {
        var email: String
        var name: String
        var role: Role
    }

    static let users: [DemoUser] = [
        DemoUser(email: "admin@salford.example", name: "Demo Administrator", role: .administrator),
        DemoUser(email: "officer@salford.example", name: "Allison Lobley", role: .officer),
        DemoUser(email: "evaluator@salford.example", name: "Alan Westwood", role: .evaluator),
        DemoUser(email: "moderator@salford.example", name: "Demo Moderator", role: .moderator),
        DemoUser(email: "councillor@salford.example", name: "Demo Councillor", role: .boardMember),
        DemoUser(email: "supplier@supplier.example", name: "Demo Supplier", role: .supplierUser),
    ]
}
