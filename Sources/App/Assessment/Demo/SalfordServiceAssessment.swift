import Fluent
import Foundation

/// Salford City Council's 2003 service assessment for the strategic partnering project: the
/// council's own evaluation questionnaire and SWOT for every service (progress note, 16 January
/// 2003), read through the two axes of the MBS service evaluation framework (importance to the
/// council and readiness for partnering), the packages of services that follow from the
/// positioning of services (Senior Management Group, 21 and 22 January 2003), and an options
/// appraisal of each package against objectives I–VIII (Cabinet, 5 March 2003).
///
/// The seeds say the questionnaire, SWOT and framework were completed for all service areas but
/// do not reproduce them: the scores, points and appraisals here are illustrative demo content,
/// consistent with what the seeds record about each service.
enum SalfordServiceAssessment {
    /// One framework question asked of every service (seed 001/002: the MBS framework and the council's own questionnaire). 6–8 of them.
    struct Question { let key: String; let text: String; let axis: Axis }
    /// Which axis of the two-by-two the answer's score feeds.
    enum Axis { case importance, readiness }
    /// A service's answer to one question: a score from 1 (low) to 5 (high) and a short reason.
    struct Answer { let question: String; let score: Int; let note: String }
    /// The SWOT and questionnaire answers for one service.
    struct Assessment {
        let service: String
        let strengths: [String]; let weaknesses: [String]; let opportunities: [String]; let threats: [String]
        let answers: [Answer]
    }
    /// A package of services that could be offered to the market together.
    struct Package { let name: String; let services: [String]; let rationale: String }
    /// An options appraisal: partnership models scored against objectives I–VIII (keys "I"..."VIII") on the 0–5 scale.
    struct Option { let model: String; let summary: String; let scores: [String: Int]; let rationales: [String: String] }
    /// The options appraisal of one package.
    struct Appraisal { let package: String; let options: [Option] }

    /// Four questions on each axis. Importance: how much the council and Salford people depend on
    /// the service. Readiness: how ready the service is to be delivered with or by a partner.
    static let questions: [Question] = [
        Question(key: "pledges", text: "How directly does the service contribute to the council's pledges and priorities, such as Stronger Communities, A Safer Salford and Quality homes for all?", axis: .importance),
        Question(key: "citizens", text: "How far do Salford residents and businesses depend on the service directly, rather than through other council services?", axis: .importance),
        Question(key: "strategy", text: "How much does the council's strategic capacity (planning, decision-making and corporate control) rest on the service?", axis: .importance),
        Question(key: "failure", text: "How serious would a failure of the service be, in statutory, financial or reputational terms?", axis: .importance),
        Question(key: "market", text: "How mature and competitive is the external market for this service, judged from the MBS market intelligence and the site visits to other councils?", axis: .readiness),
        Question(key: "specification", text: "How readily could the service be specified, priced and monitored through an output-based service level agreement?", axis: .readiness),
        Question(key: "investment", text: "How far does the service's improvement depend on investment (ICT, e-government, accommodation) that the council cannot readily fund itself?", axis: .readiness),
        Question(key: "armsLength", text: "How far could the service be delivered at arm's length without weakening democratic accountability or the council's control of policy?", axis: .readiness),
    ]

    /// One assessment for every service in the six service areas.
    static let assessments: [Assessment] = [
        // MARK: Finance
        Assessment(
            service: "Accountancy",
            strengths: ["3 year revenue strategy and 5 year capital strategy produced and being implemented", "Final accounts closed by 31 August 2002", "All accountants trained on the corporate financial system, with regular briefings"],
            weaknesses: ["Training skills audit not yet done, holding back Investors in People preparation", "No accountancy-specific customer consultation carried out in 2002/03", "Management reports from the financial system still being developed with service managers"],
            opportunities: ["Complete monthly cash and bank reconciliations from March 2004", "Lead the corporate risk management strategy due by March 2004", "SLA negotiations give directorates a clearer say in the support they buy"],
            threats: ["Continuing financial pressure on local authorities", "Difficulty recruiting and keeping qualified accountants", "Loss of trusted financial advice to members if strategic and technical work were split"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Indirect but real: the budget strategy decides how much reaches the pledge priorities."),
                Answer(question: "citizens", score: 2, note: "Residents see its work in Council Tax setting, not as a service they use."),
                Answer(question: "strategy", score: 5, note: "The financial plan and capital strategy are the backbone of corporate planning."),
                Answer(question: "failure", score: 5, note: "A late or qualified Statement of Accounts, or a budget error, would damage the council's standing and CPA score."),
                Answer(question: "market", score: 3, note: "Firms offer technical accountancy, but few would take on strategic financial advice to members."),
                Answer(question: "specification", score: 2, note: "Much of the work is advice and judgement that is hard to express as outputs."),
                Answer(question: "investment", score: 2, note: "Needs reporting development on the existing system rather than new capital."),
                Answer(question: "armsLength", score: 2, note: "The chief financial officer's statutory duties and budget advice to Cabinet must stay under direct council control."),
            ]),
        Assessment(
            service: "Internal Audit",
            strengths: ["Independent assurance on the council's financial systems and controls", "Detailed knowledge of the council's own systems and procedures"],
            weaknesses: ["Small team, exposed when posts fall vacant", "Limited computer audit capacity as more services move online"],
            opportunities: ["Buy in specialist ICT audit skills for e-government systems", "Share audit resources with neighbouring authorities", "Base the audit plan on the new corporate risk management strategy"],
            threats: ["The external auditor's reliance on internal audit depends on standards being kept up", "Conflict of interest if the same provider audited a partner running council services"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No direct link to a pledge; it protects the resources that serve them."),
                Answer(question: "citizens", score: 1, note: "Works for the council and its members, not the public."),
                Answer(question: "strategy", score: 3, note: "Assurance on internal control supports good governance and risk management."),
                Answer(question: "failure", score: 4, note: "Weak audit would expose the council to fraud and to criticism from the external auditor."),
                Answer(question: "market", score: 5, note: "Many firms already provide internal audit to local authorities."),
                Answer(question: "specification", score: 4, note: "An annual plan of audit days and reports is straightforward to specify and monitor."),
                Answer(question: "investment", score: 2, note: "Little capital need; the gap is specialist ICT audit skill."),
                Answer(question: "armsLength", score: 3, note: "Can be bought in, provided the head of audit keeps a direct reporting line to members."),
            ]),
        Assessment(
            service: "Creditor Payments",
            strengths: ["Document imaging of all council invoices introduced", "High-volume, rules-based process already on the corporate financial system"],
            weaknesses: ["Depends on directorates ordering and receipting goods correctly", "Payment not yet linked to electronic ordering"],
            opportunities: ["Link payment to the e-procurement pilot", "Economies of scale from processing invoices for other public bodies", "Faster payment of small local firms"],
            threats: ["The invoices-paid-on-time indicator exposes any dip in performance", "Loss of in-house knowledge of directorate coding during any transfer"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No direct pledge link."),
                Answer(question: "citizens", score: 2, note: "Local suppliers rely on prompt payment; residents are not direct users."),
                Answer(question: "strategy", score: 2, note: "Transactional, though its data feeds budget monitoring."),
                Answer(question: "failure", score: 3, note: "Late or duplicate payments cost money and harm supplier relations, but can be put right."),
                Answer(question: "market", score: 5, note: "Accounts payable processing is a mature and competitive market."),
                Answer(question: "specification", score: 5, note: "Volumes, turnaround and accuracy are easy to measure, e.g. invoices paid within 30 days."),
                Answer(question: "investment", score: 3, note: "Imaging is in place; workflow and electronic invoicing would need further investment."),
                Answer(question: "armsLength", score: 5, note: "Purely transactional, with no policy content."),
            ]),
        Assessment(
            service: "Payroll",
            strengths: ["Specialised training provided for payroll staff", "Earlier payroll system problems resolved"],
            weaknesses: ["Employees with more than one job not yet handled in one record; target moved to September 2003", "Year-end tax, national insurance and pension returns have come close to the deadlines"],
            opportunities: ["Employee portal with self-service for Corporate Services staff by March 2004", "Sell payroll services to schools and other public bodies", "Join with recruitment in a single HR transactions service"],
            threats: ["Pay errors are highly visible to staff and trades unions", "Tax, national insurance and pension rules change every year"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No direct pledge link."),
                Answer(question: "citizens", score: 2, note: "Serves everyone the council employs, many of them Salford residents."),
                Answer(question: "strategy", score: 2, note: "Establishment data helps workforce planning, but the service is transactional."),
                Answer(question: "failure", score: 5, note: "Failing to pay staff correctly or to meet tax and pension deadlines would be serious."),
                Answer(question: "market", score: 5, note: "Payroll bureaux serving councils are common."),
                Answer(question: "specification", score: 5, note: "Accuracy, timeliness and year-end deadlines are easy to measure."),
                Answer(question: "investment", score: 3, note: "Multiple employments and self-service need system work and some investment."),
                Answer(question: "armsLength", score: 4, note: "Can run at arm's length as long as pay policy stays with the council."),
            ]),
        Assessment(
            service: "Debtor Invoicing",
            strengths: ["Central raising of invoices for all directorates", "Shares the corporate financial system with creditor payments"],
            weaknesses: ["Collection depends on directorates raising invoices promptly and accurately", "Arrears information not always used by the services that are owed money"],
            opportunities: ["Draw on the recovery skills of Council Tax collection", "Offer residents and firms electronic payment through the e-government programme"],
            threats: ["Arrears could rise if recovery slips during a period of change", "Recovery from vulnerable debtors, such as for care charges, needs sensitive handling"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No direct pledge link."),
                Answer(question: "citizens", score: 2, note: "Residents and firms receive invoices for services such as trade waste and care."),
                Answer(question: "strategy", score: 2, note: "Income collection supports the revenue strategy."),
                Answer(question: "failure", score: 3, note: "Poor collection harms cash flow and raises bad debt provisions."),
                Answer(question: "market", score: 4, note: "Income collection is offered by several bureaux, though seldom on its own."),
                Answer(question: "specification", score: 4, note: "Invoices raised, collection rates and age of debt are easy to measure."),
                Answer(question: "investment", score: 3, note: "Online payment and better recovery tools need some investment."),
                Answer(question: "armsLength", score: 5, note: "Transactional; write-off policy would stay with the council."),
            ]),
        Assessment(
            service: "Purchasing",
            strengths: ["£250k purchasing savings achieved in 2002/03", "5 year framework agreement for IT hardware and services in place"],
            weaknesses: ["E-procurement delayed while purchasing processes are reviewed", "Much spending still goes outside corporate contracts"],
            opportunities: ["E-procurement pilot from the review of the purchasing process by March 2004", "Buy jointly with other Greater Manchester authorities", "Open more contracts to small local firms, helping regeneration"],
            threats: ["Savings are hard to prove without good spending data", "EU procurement rules limit how fast contracts can change"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Savings for front-line services and local supply support Making Salford a better place to live."),
                Answer(question: "citizens", score: 2, note: "Local businesses are suppliers; residents feel it only through value for money."),
                Answer(question: "strategy", score: 4, note: "Control of spending with suppliers is central to the budget strategy."),
                Answer(question: "failure", score: 4, note: "Procurement errors bring legal challenge and lost savings."),
                Answer(question: "market", score: 4, note: "Procurement services and electronic marketplaces are offered to councils."),
                Answer(question: "specification", score: 4, note: "Savings, contract coverage and order turnaround can be measured."),
                Answer(question: "investment", score: 4, note: "E-procurement needs investment the council has struggled to find."),
                Answer(question: "armsLength", score: 3, note: "Buying can be delegated, but contract award decisions must stay accountable."),
            ]),
        // MARK: Law and Administration
        Assessment(
            service: "Supporting the Democratic Core",
            strengths: ["Democratic services reviewed on Best Value principles", "Stakeholders consulted on the Mayoralty", "Experience gained from the Ward Boundary review and the all postal ballot"],
            weaknesses: ["Members information database delayed by lack of resources", "Democratic awareness work with pupils delayed by staff absence"],
            opportunities: ["Pilot an all postal local election and evaluate it by June 2004", "Open the SOLAR online agenda and minutes system to communities", "Carry out the recommendations of the democratic services review by March 2004"],
            threats: ["Loss of public confidence if an election went wrong", "Any suggestion of private control of council business would be politically unacceptable"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Involving communities in council decisions underpins Stronger Communities."),
                Answer(question: "citizens", score: 4, note: "Every voter depends on the elections it runs; residents follow council business through its agendas and minutes."),
                Answer(question: "strategy", score: 5, note: "Council, Cabinet and scrutiny decision-making depend on it."),
                Answer(question: "failure", score: 5, note: "A flawed election or an improperly held meeting would be very serious."),
                Answer(question: "market", score: 1, note: "There is no real market for supporting council meetings and members."),
                Answer(question: "specification", score: 2, note: "Committee clerking could be specified, but much of the work is advice and judgement."),
                Answer(question: "investment", score: 2, note: "The online agenda system needs only modest further investment."),
                Answer(question: "armsLength", score: 1, note: "Must stay under direct council control to protect democratic accountability."),
            ]),
        Assessment(
            service: "Legal Services",
            strengths: ["Partnership with an external firm of solicitors established and now operational", "Regular meetings held with key directorate staff"],
            weaknesses: ["New Legal Services Commission systems not yet commissioned", "Land charges processes still under review", "Old case management and time recording systems due for replacement"],
            opportunities: ["LEXCEL accreditation by March 2004", "A legal practice information system by July 2003", "More anti-social behaviour orders, contributing to A Safer Salford"],
            threats: ["Difficulty recruiting and keeping local government lawyers", "A second partnership on top of the first could blur lines of accountability"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Anti-social behaviour orders contribute directly to A Safer Salford."),
                Answer(question: "citizens", score: 3, note: "Residents benefit through enforcement work and land charge searches."),
                Answer(question: "strategy", score: 4, note: "Legal advice to Cabinet and officers protects every major decision, including this project."),
                Answer(question: "failure", score: 5, note: "Wrong advice could expose the council to costly challenge."),
                Answer(question: "market", score: 4, note: "Law firms are keen to work with councils, as the existing partnership shows."),
                Answer(question: "specification", score: 3, note: "Casework can be priced, but advice to members is harder to specify."),
                Answer(question: "investment", score: 2, note: "The new practice system is already funded."),
                Answer(question: "armsLength", score: 2, note: "The monitoring officer role and advice to members must stay in-house; the existing partnership already covers what can be bought in."),
            ]),
        Assessment(
            service: "Printing / Reprographics",
            strengths: ["Copy print unit networked, with job orders taken by e-mail", "Quick turnaround for committee papers and urgent internal work"],
            weaknesses: ["Ageing print equipment", "Demand falling as more documents go online"],
            opportunities: ["Extend electronic job ordering to every directorate", "A managed print arrangement could cut unit costs"],
            threats: ["Volumes fall further as SOLAR and web publishing grow", "Commercial printers can undercut on price for long runs"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No pledge link."),
                Answer(question: "citizens", score: 1, note: "An internal service; the public sees only its leaflets."),
                Answer(question: "strategy", score: 1, note: "No strategic role."),
                Answer(question: "failure", score: 2, note: "Delays are inconvenient, but work can be placed elsewhere at short notice."),
                Answer(question: "market", score: 5, note: "Printing and copying is a commodity market."),
                Answer(question: "specification", score: 5, note: "Jobs, prices and turnaround are simple to specify."),
                Answer(question: "investment", score: 3, note: "Equipment renewal needs capital the council would rather not tie up."),
                Answer(question: "armsLength", score: 5, note: "No policy content; confidential committee work can be covered by contract terms."),
            ]),
        Assessment(
            service: "Clerical and administrative support",
            strengths: ["Postal service reorganised, with standards and procedures set", "Flexible staff who cover work across directorates"],
            weaknesses: ["Roles and responsibilities unclear; a management review starts in April 2003", "Benchmarking of support services and the postal service not achieved"],
            opportunities: ["Wider document imaging could cut paper handling", "The management review can redefine roles around what customers need"],
            threats: ["Staff anxiety about change during the partnering exercise", "Work spread across many teams is hard to measure or transfer"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No direct pledge link."),
                Answer(question: "citizens", score: 2, note: "Post to and from residents passes through it."),
                Answer(question: "strategy", score: 2, note: "Keeps the centre running but has no strategic role."),
                Answer(question: "failure", score: 2, note: "Disruption causes delays rather than service failure."),
                Answer(question: "market", score: 3, note: "Mailroom and office services firms exist, but seldom for mixed clerical roles."),
                Answer(question: "specification", score: 2, note: "Roles are still being redefined, so outputs cannot yet be specified."),
                Answer(question: "investment", score: 2, note: "Mainly a matter of management review, not investment."),
                Answer(question: "armsLength", score: 3, note: "No policy content, but closely woven into the council's day-to-day working."),
            ]),
        Assessment(
            service: "Emergency Planning",
            strengths: ["Three staff in each directorate trained in emergency planning", "Local knowledge of high-risk sites and partner agencies in Salford"],
            weaknesses: ["Out of hours emergency arrangements still under business process re-engineering", "Benchmarking of out of hours services not achieved"],
            opportunities: ["Joint planning and exercises with neighbouring authorities and the emergency services", "Re-engineered out of hours arrangements with faster response"],
            threats: ["Rising national expectations of civil resilience", "A small team: losing one or two key staff would weaken cover"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Protecting residents in an emergency contributes to A Safer Salford."),
                Answer(question: "citizens", score: 4, note: "Residents depend on it when a major incident happens."),
                Answer(question: "strategy", score: 4, note: "The council's corporate response to a major incident rests on it."),
                Answer(question: "failure", score: 5, note: "Failure in an emergency could cost lives."),
                Answer(question: "market", score: 2, note: "Consultants write plans, but nobody offers to run a council's emergency response."),
                Answer(question: "specification", score: 3, note: "Plans, training and exercises can be specified; the response itself cannot."),
                Answer(question: "investment", score: 1, note: "Little capital need."),
                Answer(question: "armsLength", score: 1, note: "Command and co-ordination in an emergency must rest with the council."),
            ]),
        Assessment(
            service: "Births, Deaths and Marriages",
            strengths: ["Call centre support for Registrars introduced", "Direct personal service to residents at important moments in their lives"],
            weaknesses: ["Unsuitable accommodation; the target for new premises has moved to August 2004", "Not yet subject to a best value review"],
            opportunities: ["Best value review from September 2003 to March 2004", "More ceremonies at approved venues could raise income"],
            threats: ["National reform of civil registration could change how the service is run", "Poor accommodation harms the public's experience at sensitive times"],
            answers: [
                Answer(question: "pledges", score: 2, note: "A modest link to Making Salford a better place to live."),
                Answer(question: "citizens", score: 5, note: "Every birth, death and marriage in the city is registered here."),
                Answer(question: "strategy", score: 2, note: "Not central to the council's strategy."),
                Answer(question: "failure", score: 4, note: "Statutory, and errors affect families at difficult times."),
                Answer(question: "market", score: 1, note: "Registration is a statutory service with no private market."),
                Answer(question: "specification", score: 3, note: "Appointment waiting times and accuracy can be measured."),
                Answer(question: "investment", score: 2, note: "Accommodation needs capital, but not of a kind a service partner would bring."),
                Answer(question: "armsLength", score: 2, note: "Registration officers hold statutory appointments under the Registrar General."),
            ]),
        // MARK: Salford IT Net
        Assessment(
            service: "Software Development and Support",
            strengths: ["Detailed knowledge of the council's business applications", "Projects run under Salford's version of PRINCE2"],
            weaknesses: ["Many ageing applications still to be replaced or integrated", "Not enough development capacity to meet the 2005 e-government target alone"],
            opportunities: ["Integrate back-office systems with the CITIZEN CRM systems and the website", "Deliver the replacement Council Tax and Benefits system by March 2005", "Develop applications jointly with other authorities"],
            threats: ["Shortage of ICT skills and private sector salary competition", "Missing the 2005 target for electronic service delivery"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Its applications sit behind the services that deliver most pledges."),
                Answer(question: "citizens", score: 3, note: "Residents rely on its systems through online and contact centre services."),
                Answer(question: "strategy", score: 4, note: "Central to the e-government programme."),
                Answer(question: "failure", score: 4, note: "An application failure can halt a service such as benefits payments."),
                Answer(question: "market", score: 4, note: "Many firms offer application development and support to councils."),
                Answer(question: "specification", score: 3, note: "Support is measurable; development has to be specified project by project."),
                Answer(question: "investment", score: 5, note: "Meeting the 2005 target needs investment well beyond the council's capital programme."),
                Answer(question: "armsLength", score: 4, note: "Technical work can be done at arm's length if the council keeps ICT strategy."),
            ]),
        Assessment(
            service: "Desktop Services",
            strengths: ["Public access to IT established in libraries through the People's Network", "5 year framework agreement for IT hardware in place"],
            weaknesses: ["No single asset and inventory system for the council's ICT equipment", "Software licensing system needs replacement"],
            opportunities: ["Pilot and roll out the new corporate desktop build by March 2004", "Extend public IT access, contributing to Stronger Communities"],
            threats: ["Refresh costs grow with the size of the desktop estate", "Risk of licensing non-compliance until the new system is in place"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Public IT access through the People's Network supports Stronger Communities."),
                Answer(question: "citizens", score: 3, note: "Library users rely on the public PCs it supports."),
                Answer(question: "strategy", score: 3, note: "Every council service depends on working desktops."),
                Answer(question: "failure", score: 4, note: "Desktop failures stop front-line staff working."),
                Answer(question: "market", score: 5, note: "Desktop management is a mature, competitive market."),
                Answer(question: "specification", score: 4, note: "Fix times, availability and refresh cycles are easy to set in an SLA."),
                Answer(question: "investment", score: 5, note: "The new desktop build and a regular refresh need capital."),
                Answer(question: "armsLength", score: 4, note: "Technical work; public access policy stays with the council."),
            ]),
        Assessment(
            service: "Operations",
            strengths: ["Mainframe and old server machines removed and replaced by a new enterprise server", "Web hosting and internet services already provided to community groups and public bodies"],
            weaknesses: ["Departmental server applications not yet moved onto the enterprise servers", "Voice, video and data networks still separate"],
            opportunities: ["A converged network could cut telephony costs", "Expand web hosting for community groups, contributing to Stronger Communities", "Sell hosting to other public bodies"],
            threats: ["Security and disaster recovery demands rise as services go online", "Technology changes faster than the capital programme can follow"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Hosting for community groups supports Stronger Communities."),
                Answer(question: "citizens", score: 3, note: "Online services and community websites depend on it."),
                Answer(question: "strategy", score: 4, note: "The network and servers underpin the whole e-government programme."),
                Answer(question: "failure", score: 5, note: "A major outage would stop most council services."),
                Answer(question: "market", score: 5, note: "Data centre and network services are widely available."),
                Answer(question: "specification", score: 4, note: "Availability and response times can be set in an SLA."),
                Answer(question: "investment", score: 5, note: "Convergence and resilience need major capital."),
                Answer(question: "armsLength", score: 4, note: "Technical, provided the council controls its data."),
            ]),
        Assessment(
            service: "Service Desk",
            strengths: ["New help desk system with better performance information", "Directory integration and remote support fix problems without a visit"],
            weaknesses: ["Little direct contact with customers and weak satisfaction monitoring", "Relies on desktop and operations teams for fixes it cannot make itself"],
            opportunities: ["Site visits and regular satisfaction monitoring", "Longer opening hours to support home-working and out of hours services"],
            threats: ["Call volumes will rise during the desktop roll out", "Experienced staff leave for private sector help desks"],
            answers: [
                Answer(question: "pledges", score: 2, note: "Contributes to pledges only through the staff it supports."),
                Answer(question: "citizens", score: 1, note: "Its users are council staff."),
                Answer(question: "strategy", score: 2, note: "Operational rather than strategic."),
                Answer(question: "failure", score: 4, note: "A poor help desk slows every service in the council."),
                Answer(question: "market", score: 5, note: "Service desks are among the most commonly outsourced ICT services."),
                Answer(question: "specification", score: 5, note: "Call answering, first-time fix and satisfaction are easy to measure."),
                Answer(question: "investment", score: 3, note: "The system is new; further tools are modest in cost."),
                Answer(question: "armsLength", score: 4, note: "No policy content."),
            ]),
        // MARK: Salford Advance
        Assessment(
            service: "BPR and Project Management Consultancy",
            strengths: ["Salford's SPRINT method for business process re-engineering disseminated to other councils as best practice", "Project management support office established"],
            weaknesses: ["Roll out of project management training behind the original plan", "Uneven demand from directorates"],
            opportunities: ["Centre of excellence for project management and PRINCE2 by March 2004", "Sell re-engineering and project management to other authorities"],
            threats: ["Legal limits on council trading", "Key staff could be recruited by private consultancies"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Re-engineering work such as the land charges review helps services deliver the pledges."),
                Answer(question: "citizens", score: 2, note: "Residents benefit only through better services."),
                Answer(question: "strategy", score: 5, note: "The council's capacity to manage change rests on it (objective VIII)."),
                Answer(question: "failure", score: 3, note: "Weak project control would delay major programmes."),
                Answer(question: "market", score: 3, note: "A consultancy market exists, but Salford's methods are its own."),
                Answer(question: "specification", score: 3, note: "Assignments can be specified, though results are shared with client services."),
                Answer(question: "investment", score: 3, note: "Growth would need working capital and marketing."),
                Answer(question: "armsLength", score: 4, note: "Could trade at arm's length while the council stays its main client."),
            ]),
        Assessment(
            service: "e-Government centred Product Development",
            strengths: ["Successful bid to establish a national CRM Academy", "Continued roll out of the CITIZEN CRM systems", "Further Pathfinder funding won for e-government dissemination"],
            weaknesses: ["A formal trading partnership has not yet been formed", "Relies on short-term government funding"],
            opportunities: ["CRM Academy with four authorities and the Office of the Deputy Prime Minister by March 2004", "Community information repository and local land and property gazetteer", "E-enable applications, regulation and payments"],
            threats: ["Legal constraints on council trading", "Private firms could copy the products and sell them first"],
            answers: [
                Answer(question: "pledges", score: 4, note: "The community information repository links directly to Stronger Communities."),
                Answer(question: "citizens", score: 4, note: "Residents use its products online and through the contact centre."),
                Answer(question: "strategy", score: 5, note: "Drives the council's e-government programme and its pathfinder status."),
                Answer(question: "failure", score: 4, note: "Delay would put the 2005 e-government target at risk."),
                Answer(question: "market", score: 4, note: "Other councils want the products; what is missing is a vehicle to sell them."),
                Answer(question: "specification", score: 3, note: "Product development is hard to fix in advance."),
                Answer(question: "investment", score: 5, note: "Growth needs investment beyond government grant."),
                Answer(question: "armsLength", score: 4, note: "Products could be developed and sold at arm's length."),
            ]),
        Assessment(
            service: "ICT Training",
            strengths: ["European Computer Driving Licence training launched and rolled out", "Courses designed around the council's own systems"],
            weaknesses: ["Small unit with limited training rooms", "Little e-learning yet"],
            opportunities: ["Build staff skills for e-government and the new desktop", "Offer courses to partner bodies and residents"],
            threats: ["Competition from colleges and commercial trainers", "Training budgets are often the first to be cut"],
            answers: [
                Answer(question: "pledges", score: 2, note: "Staff skills support the pledges only indirectly."),
                Answer(question: "citizens", score: 1, note: "Its trainees are council staff."),
                Answer(question: "strategy", score: 2, note: "Supports ICT skills rather than strategy."),
                Answer(question: "failure", score: 2, note: "Courses can be rescheduled or bought in."),
                Answer(question: "market", score: 5, note: "Many commercial trainers and colleges offer ECDL."),
                Answer(question: "specification", score: 4, note: "Courses delivered, pass rates and feedback are measurable."),
                Answer(question: "investment", score: 3, note: "Training rooms and e-learning need some investment."),
                Answer(question: "armsLength", score: 4, note: "No policy content."),
            ]),
        // MARK: Customer Services
        Assessment(
            service: "Customer Contact Centre",
            strengths: ["Productivity and customer satisfaction continuously high", "Customer contact strategy on target for 2005", "Already supports services such as the Registrars"],
            weaknesses: ["Only some council services handled so far", "Answers depend on how well back-office systems are linked in"],
            opportunities: ["Bring in housing services from the council's housing management company, contributing to Quality homes for all", "Take calls for other public bodies"],
            threats: ["Demand peaks whenever services change", "Staff turnover typical of contact centres"],
            answers: [
                Answer(question: "pledges", score: 5, note: "Housing services in the centre contribute directly to Quality homes for all."),
                Answer(question: "citizens", score: 5, note: "The main way residents contact the council."),
                Answer(question: "strategy", score: 4, note: "The front door of the customer contact strategy."),
                Answer(question: "failure", score: 4, note: "Any failure is felt straight away by residents."),
                Answer(question: "market", score: 4, note: "Contact centre services are widely available."),
                Answer(question: "specification", score: 3, note: "Call measures are easy to set, but resolution depends on back-office services."),
                Answer(question: "investment", score: 4, note: "Bringing in more services needs investment in CRM and telephony."),
                Answer(question: "armsLength", score: 3, note: "Could run at arm's length if the council keeps ownership of the customer relationship."),
            ]),
        Assessment(
            service: "Service Centres",
            strengths: ["Face-to-face access in local communities", "Central reception merged, with its management transferred to Development Services"],
            weaknesses: ["Buildings vary in quality", "Links with the contact centre still developing"],
            opportunities: ["New customer service outlets with health partners through NHS LIFT by 2004", "Council Tax and Benefits advice in libraries"],
            threats: ["Depends on the NHS LIFT timetable", "Pressure on office space"],
            answers: [
                Answer(question: "pledges", score: 5, note: "Joint outlets with health partners contribute to Clean and healthy city."),
                Answer(question: "citizens", score: 5, note: "Residents use them every day, especially those without phones or internet."),
                Answer(question: "strategy", score: 3, note: "Part of the customer contact strategy."),
                Answer(question: "failure", score: 4, note: "Closures would hit vulnerable residents hardest."),
                Answer(question: "market", score: 3, note: "Some providers exist, usually tied to property deals."),
                Answer(question: "specification", score: 2, note: "Services differ from centre to centre."),
                Answer(question: "investment", score: 3, note: "Capital is already coming through NHS LIFT."),
                Answer(question: "armsLength", score: 2, note: "A visible local council presence is part of democratic accountability, and LIFT is already the chosen partnership."),
            ]),
        Assessment(
            service: "Corporate Web Content Management",
            strengths: ["Product chosen, installation plan made and software ordered", "Phase 1 expected to go live in August 2003"],
            weaknesses: ["The portal was delayed in 2002/03", "Content depends on directorates keeping pages up to date"],
            opportunities: ["Full deployment by March 2004", "Raise the profile of services with residents, partners and central government"],
            threats: ["Out-of-date content damages trust in the site", "Rising accessibility expectations"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Online information supports Stronger Communities."),
                Answer(question: "citizens", score: 4, note: "A growing share of residents use the website first."),
                Answer(question: "strategy", score: 3, note: "Presents corporate information to partners and government."),
                Answer(question: "failure", score: 3, note: "A failure would embarrass the council rather than harm residents."),
                Answer(question: "market", score: 3, note: "Web agencies exist, but knowledge of council content is local."),
                Answer(question: "specification", score: 4, note: "Publishing turnaround and availability measure well."),
                Answer(question: "investment", score: 4, note: "Software is ordered; later phases need further investment."),
                Answer(question: "armsLength", score: 3, note: "Editorial control must stay with the council."),
            ]),
        Assessment(
            service: "Revenues and Benefits",
            strengths: ["4 star CPA inspection rating for the Benefits service", "Charter Mark for Salford Direct", "Successful home-working pilot"],
            weaknesses: ["Application for CLS accreditation put on hold", "Council Tax and Benefits IT system nearing the end of its life"],
            opportunities: ["New Council Tax and Benefits IT system by March 2005", "Council Tax and Benefits advice throughout the libraries network", "More home-working with a £150k Government grant"],
            threats: ["Frequent changes to benefit rules", "Any drop in performance would be highly visible and could cost subsidy"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Housing benefit supports Quality homes for all and protects vulnerable residents."),
                Answer(question: "citizens", score: 5, note: "Almost every household pays Council Tax, and many claim benefits."),
                Answer(question: "strategy", score: 3, note: "Council Tax income is central to the budget."),
                Answer(question: "failure", score: 5, note: "Failure would hit vulnerable claimants and council income at once."),
                Answer(question: "market", score: 5, note: "Revenues and benefits is one of the most developed markets for council services."),
                Answer(question: "specification", score: 4, note: "National performance indicators already measure it well."),
                Answer(question: "investment", score: 5, note: "The new IT system needs major investment."),
                Answer(question: "armsLength", score: 3, note: "Discretionary awards and recovery policy must stay accountable to members."),
            ]),
        Assessment(
            service: "Community Telematics",
            strengths: ["Community networks and online access in neighbourhoods", "Close working with community groups"],
            weaknesses: ["Relies on short-term grants", "Unclear fit with the rest of Customer Services"],
            opportunities: ["Link with the community information repository", "Bid for regeneration funding"],
            threats: ["Grant funding ending", "Overlap with the People's Network"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Strong link to Stronger Communities."),
                Answer(question: "citizens", score: 3, note: "Used by community groups in some neighbourhoods."),
                Answer(question: "strategy", score: 2, note: "Limited strategic role."),
                Answer(question: "failure", score: 2, note: "A failure would be felt locally."),
                Answer(question: "market", score: 2, note: "Few providers work in this field."),
                Answer(question: "specification", score: 2, note: "Its outcomes are developmental and hard to specify."),
                Answer(question: "investment", score: 3, note: "Some investment would help it grow."),
                Answer(question: "armsLength", score: 3, note: "Could be run by a community organisation."),
            ]),
        // MARK: Personnel and Performance
        Assessment(
            service: "Equal Opportunities",
            strengths: ["Sets the council's equality policy and race equality scheme", "Good links with community and staff groups"],
            weaknesses: ["Small team with a wide remit", "Equality monitoring of staff and service users incomplete"],
            opportunities: ["Work towards the Equality Standard for Local Government", "Build equality checks into service plans and the partnering process itself"],
            threats: ["New statutory duties under the Race Relations (Amendment) Act 2000", "Equality could lose its corporate weight if the function were moved out"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Fair access to services underpins Stronger Communities."),
                Answer(question: "citizens", score: 3, note: "Residents benefit through fairer services rather than direct contact."),
                Answer(question: "strategy", score: 4, note: "Sets corporate policy that every directorate must follow."),
                Answer(question: "failure", score: 4, note: "Breach of statutory equality duties would bring legal and reputational damage."),
                Answer(question: "market", score: 1, note: "There is no real market for a council's equality policy role."),
                Answer(question: "specification", score: 2, note: "Policy advice and culture change are hard to specify as outputs."),
                Answer(question: "investment", score: 1, note: "Needs commitment rather than capital."),
                Answer(question: "armsLength", score: 2, note: "The policy role must stay with the council and its members."),
            ]),
        Assessment(
            service: "Occupational Health and Safety",
            strengths: ["Health and safety policies updated in job descriptions as posts are filled", "Supports the attendance management procedures published to team leaders"],
            weaknesses: ["Sickness absence remains high in some directorates", "Limited occupational health clinical capacity"],
            opportunities: ["Buy in occupational health clinical services while keeping safety advice in-house", "Use quarterly sickness reports to target prevention"],
            threats: ["Tougher health and safety enforcement and rising claims", "Shortage of occupational health nurses and physicians"],
            answers: [
                Answer(question: "pledges", score: 2, note: "A healthy workforce supports Clean and healthy city only indirectly."),
                Answer(question: "citizens", score: 1, note: "Serves council employees."),
                Answer(question: "strategy", score: 3, note: "Sickness absence affects every service's capacity."),
                Answer(question: "failure", score: 5, note: "A serious accident or breach could mean prosecution."),
                Answer(question: "market", score: 4, note: "Occupational health providers already serve many councils."),
                Answer(question: "specification", score: 4, note: "Referral times, assessments and inspections can be specified."),
                Answer(question: "investment", score: 2, note: "Little capital need."),
                Answer(question: "armsLength", score: 3, note: "Clinical work can be bought in; the duty of care stays with the council."),
            ]),
        Assessment(
            service: "Training and Development",
            strengths: ["Rolling programme of staff training compiled each year", "Training and event management modules on the corporate system implemented"],
            weaknesses: ["Training skills audits not complete in every service", "Evaluation of training is patchy"],
            opportunities: ["Support Investors in People accreditation across services by March 2004", "Share training programmes with other Greater Manchester authorities"],
            threats: ["Training budgets are cut first when money is tight", "Competing priorities for staff time"],
            answers: [
                Answer(question: "pledges", score: 2, note: "Skilled staff help deliver the pledges indirectly."),
                Answer(question: "citizens", score: 1, note: "Serves council staff."),
                Answer(question: "strategy", score: 4, note: "Closing skills gaps is one of the issues the senior managers raised."),
                Answer(question: "failure", score: 2, note: "Courses can be postponed or bought in at short notice."),
                Answer(question: "market", score: 4, note: "Training providers are plentiful."),
                Answer(question: "specification", score: 3, note: "Course delivery is measurable; development outcomes less so."),
                Answer(question: "investment", score: 3, note: "E-learning would need investment."),
                Answer(question: "armsLength", score: 4, note: "Delivery can be at arm's length if the council sets the priorities."),
            ]),
        Assessment(
            service: "Organisational Development",
            strengths: ["A methodology for managing change devised and circulated", "Led the discussion paper on strengthening senior and middle management roles"],
            weaknesses: ["Peer review actions still being worked through", "Capacity stretched by the partnering project itself"],
            opportunities: ["Respond to CPA and peer review findings on corporate capacity", "Support staff and managers through whatever partnering outcome is chosen"],
            threats: ["External criticism of the council as a whole (CPA, IDeA, Best Value inspectors)", "Change fatigue among staff"],
            answers: [
                Answer(question: "pledges", score: 3, note: "A fit organisation is needed to deliver all the pledges."),
                Answer(question: "citizens", score: 2, note: "Residents see only its results."),
                Answer(question: "strategy", score: 5, note: "Shapes the council's capacity to change (objective VIII)."),
                Answer(question: "failure", score: 3, note: "Weakness shows slowly, in poor inspection results."),
                Answer(question: "market", score: 2, note: "Consultants offer pieces of the work but not the ongoing role."),
                Answer(question: "specification", score: 2, note: "Outcomes are long-term and hard to specify."),
                Answer(question: "investment", score: 2, note: "Needs senior time more than money."),
                Answer(question: "armsLength", score: 2, note: "Too close to corporate leadership to be delivered at arm's length."),
            ]),
        Assessment(
            service: "Employee Relations",
            strengths: ["Established working relationships with the trades unions", "Statement of Intent agreed on staff terms in any partnership"],
            weaknesses: ["Heavy casework load slows the resolution of disputes", "Staff satisfaction survey held in abeyance"],
            opportunities: ["Involve trades unions early in the partnering project, which senior managers see as critical", "Restart the staff satisfaction survey"],
            threats: ["Industrial relations strain during the partnering exercise", "Loss of trust if staff feel excluded from decisions"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No direct pledge link."),
                Answer(question: "citizens", score: 1, note: "Serves managers, staff and trades unions."),
                Answer(question: "strategy", score: 4, note: "Good relations with staff are critical to any change programme."),
                Answer(question: "failure", score: 4, note: "A breakdown could lead to industrial action."),
                Answer(question: "market", score: 2, note: "Employment advice is available, but not to manage the council's own relations."),
                Answer(question: "specification", score: 2, note: "Relationships cannot be reduced to service levels."),
                Answer(question: "investment", score: 1, note: "No investment need."),
                Answer(question: "armsLength", score: 2, note: "The employer's relationship with its staff cannot be handed to a third party."),
            ]),
        Assessment(
            service: "Job Evaluation",
            strengths: ["In-house evaluators trained in the nationally agreed scheme", "Knowledge of the council's grading history and the reasons behind it"],
            weaknesses: ["A backlog of evaluations for new and changed posts", "Harmonisation of manual and officer grades under single status still to be completed"],
            opportunities: ["Buy in extra evaluators for the peak of the single status work", "Draw on the electronic job descriptions now kept for every post"],
            threats: ["Equal pay claims if grading cannot be defended", "The cost of regrading falls on an already stretched budget"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No pledge link."),
                Answer(question: "citizens", score: 1, note: "Serves managers and staff."),
                Answer(question: "strategy", score: 3, note: "Pay structures shape recruitment, retention and the pay bill."),
                Answer(question: "failure", score: 4, note: "Grading that cannot be defended invites equal pay claims."),
                Answer(question: "market", score: 3, note: "Consultants supply evaluation capacity for fixed exercises, not a standing service."),
                Answer(question: "specification", score: 3, note: "Evaluations completed can be counted, but consistency needs expert judgement."),
                Answer(question: "investment", score: 2, note: "Little capital need."),
                Answer(question: "armsLength", score: 2, note: "Grading decisions must be owned by the council as employer and agreed with the trades unions."),
            ]),
        Assessment(
            service: "Professional Consultancy",
            strengths: ["Personnel advisers who know each directorate's staffing issues", "Staff turnover reports produced quarterly and retention schemes reviewed"],
            weaknesses: ["Personnel policies not yet published on the intranet", "Advice differs from one directorate to another"],
            opportunities: ["Put policies and guidance on the intranet so managers can help themselves", "Move from doing casework for managers to coaching them"],
            threats: ["Experienced advisers leaving for better-paid posts", "Directorates buying advice from outside if the service does not keep pace"],
            answers: [
                Answer(question: "pledges", score: 2, note: "Supports the directorates that deliver the pledges."),
                Answer(question: "citizens", score: 1, note: "Its clients are council managers."),
                Answer(question: "strategy", score: 3, note: "Advises managers on restructuring and staffing decisions."),
                Answer(question: "failure", score: 3, note: "Poor advice leads to grievances and tribunal claims."),
                Answer(question: "market", score: 3, note: "HR consultancies exist but seldom run a council's advisory service."),
                Answer(question: "specification", score: 3, note: "Response times can be set; the quality of advice needs judgement."),
                Answer(question: "investment", score: 2, note: "Little investment need beyond intranet publishing."),
                Answer(question: "armsLength", score: 3, note: "Specialist advice could be bought in, but policy and discipline stay in-house."),
            ]),
        Assessment(
            service: "Conditions of Service",
            strengths: ["Keeps local conditions in line with national agreements", "Attendance management policy and procedures published to team leaders"],
            weaknesses: ["Guidelines for delegated budget management not yet completed", "The staff handbook is out of date"],
            opportunities: ["Publish conditions of service on the intranet", "Develop home-working and flexible working policies from the Salford Direct pilot"],
            threats: ["National pay awards add costs the council does not control", "Staff anxiety about whether their terms would be protected in a partnership"],
            answers: [
                Answer(question: "pledges", score: 1, note: "No pledge link."),
                Answer(question: "citizens", score: 1, note: "Serves staff and managers."),
                Answer(question: "strategy", score: 3, note: "Terms and conditions frame every workforce decision, including the Statement of Intent on staff terms."),
                Answer(question: "failure", score: 3, note: "Errors lead to grievances and back-pay claims."),
                Answer(question: "market", score: 2, note: "Little market for maintaining a council's own conditions of service."),
                Answer(question: "specification", score: 3, note: "Policy reviews and updates can be scheduled and checked."),
                Answer(question: "investment", score: 1, note: "No investment need."),
                Answer(question: "armsLength", score: 2, note: "Employer policy must stay with the council and be negotiated with the trades unions."),
            ]),
        Assessment(
            service: "Recruitment",
            strengths: ["Recruitment module on the corporate system implemented", "Job descriptions and person specifications now held electronically", "Most team leaders trained in recruitment and selection"],
            weaknesses: ["Recruitment procedures still to be streamlined", "Posts in several professions remain hard to fill"],
            opportunities: ["Job fairs and a pool of candidates for temporary jobs", "Online applications through the council's website", "Recruit more local people, helping regeneration"],
            threats: ["Competition for skilled staff across Greater Manchester", "Rising agency costs while posts stay vacant"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Local recruitment supports Making Salford a better place to live."),
                Answer(question: "citizens", score: 2, note: "Job applicants, many of them local, deal with it directly."),
                Answer(question: "strategy", score: 4, note: "Recruitment and retention difficulties were among the main issues the senior managers raised."),
                Answer(question: "failure", score: 4, note: "Unfilled posts harm services and push up agency spending."),
                Answer(question: "market", score: 5, note: "Recruitment agencies and advertising services are plentiful."),
                Answer(question: "specification", score: 4, note: "Time to fill and cost per appointment are measurable."),
                Answer(question: "investment", score: 3, note: "Online recruitment needs some investment."),
                Answer(question: "armsLength", score: 4, note: "Administration can run at arm's length; appointment decisions stay with managers."),
            ]),
        Assessment(
            service: "Communications",
            strengths: ["Regular newsletters and a dedicated intranet site keep staff informed about strategic partnering", "Much greater use of the intranet across Corporate Services"],
            weaknesses: ["Directorate staff newsletters, such as Grapevine in Corporate Services, have lapsed for lack of resources", "No hard evidence yet that consultation is better co-ordinated"],
            opportunities: ["Deliver the consultation and communication plan for the partnering project", "Use the new web content management system to reach residents"],
            threats: ["Rumour and uncertainty among staff while the market is tested", "Hostile press coverage of any partnering decision"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Explaining the pledges and progress on them to residents is part of its job."),
                Answer(question: "citizens", score: 4, note: "Residents learn about the council mainly through its publications and press work."),
                Answer(question: "strategy", score: 4, note: "Manages the council's reputation and the messages of its leadership."),
                Answer(question: "failure", score: 3, note: "Poor communication damages reputation and staff morale, but seldom stops services."),
                Answer(question: "market", score: 2, note: "PR agencies take on campaigns but do not run council communications."),
                Answer(question: "specification", score: 2, note: "Reputation and trust are hard to express as outputs."),
                Answer(question: "investment", score: 2, note: "Little capital need."),
                Answer(question: "armsLength", score: 1, note: "The council's voice to residents and staff must stay under its own control."),
            ]),
        Assessment(
            service: "Performance Management",
            strengths: ["Best value indicators reported quarterly to senior managers and the Quality and Performance Scrutiny Committee", "Piloting SPIN, the council's electronic performance information system"],
            weaknesses: ["Benchmarking data very hard to obtain for some services", "A performance culture not yet consistent across directorates"],
            opportunities: ["Roll out SPIN across the council by March 2004", "Use better information to target resources and improve best value indicators"],
            threats: ["CPA and inspection judgements rest on the quality of its data", "Criticism from inspectors if performance information proves unreliable"],
            answers: [
                Answer(question: "pledges", score: 3, note: "Tracks and reports progress on the pledges."),
                Answer(question: "citizens", score: 2, note: "Residents see only the published performance information."),
                Answer(question: "strategy", score: 5, note: "Central to corporate control and to responding to CPA."),
                Answer(question: "failure", score: 4, note: "Unreliable data would damage the council's CPA assessment."),
                Answer(question: "market", score: 2, note: "Few providers offer performance management as a service."),
                Answer(question: "specification", score: 3, note: "Reporting cycles and data quality checks can be specified."),
                Answer(question: "investment", score: 2, note: "SPIN is already being developed within existing budgets."),
                Answer(question: "armsLength", score: 2, note: "Performance reporting to members must stay independent of any provider being measured."),
            ]),
        Assessment(
            service: "Procurement",
            strengths: ["Sets the council's corporate procurement policies and standing orders guidance", "Experience of letting long-term framework agreements"],
            weaknesses: ["Corporate procurement strategy not yet complete", "Few staff with professional procurement qualifications"],
            opportunities: ["Corporate lead on e-procurement with Purchasing", "Joint procurement with neighbouring authorities", "Use contracts to create local jobs and support small firms"],
            threats: ["EU procurement rules and the risk of challenge", "Pressure to show savings quickly"],
            answers: [
                Answer(question: "pledges", score: 4, note: "Contract conditions on local jobs and suppliers support Making Salford a better place to live."),
                Answer(question: "citizens", score: 2, note: "Local firms deal with it; residents feel it indirectly."),
                Answer(question: "strategy", score: 4, note: "Will set the rules for how this and every major contract is let."),
                Answer(question: "failure", score: 4, note: "A flawed procurement could be challenged and delay major projects."),
                Answer(question: "market", score: 4, note: "Procurement expertise is available from consultancies and buying organisations."),
                Answer(question: "specification", score: 3, note: "Savings and contract coverage are measurable; strategic advice less so."),
                Answer(question: "investment", score: 4, note: "E-procurement and spend analysis need investment."),
                Answer(question: "armsLength", score: 3, note: "Procurement work can be shared, but award decisions must stay accountable to members."),
            ]),
    ]

    /// Packages that follow from the positioning of services. Services left out: those in the
    /// high-importance, low-readiness quadrant (to be improved in-house), Legal Services (already
    /// in a partnership with an external firm), Internal Audit (must stay independent of any
    /// partner it would audit) and the commodity services best bought separately.
    static let packages: [Package] = [
        Package(
            name: "ICT infrastructure and support",
            services: ["Software Development and Support", "Desktop Services", "Operations", "Service Desk"],
            rationale: "Software Development and Support (importance 3.5, readiness 4.0), Desktop Services (3.25, 4.5) and Operations (3.75, 4.5) all sit in the high-importance, high-readiness quadrant: the market is mature, service levels are easy to set, and the 2005 e-government target needs more investment than the capital programme can find. Service Desk (2.25, 4.25) is low in importance but high in readiness, and cannot sensibly be separated from the infrastructure it supports."),
        Package(
            name: "e-Government products and change consultancy",
            services: ["e-Government centred Product Development", "BPR and Project Management Consultancy", "ICT Training"],
            rationale: "e-Government centred Product Development (4.25, 4.0) and BPR and Project Management Consultancy (3.25, 3.25) are high in both importance and readiness, and are the services whose know-how other councils already want: the CRM Academy and the SPRINT method. ICT Training (1.75, 4.0) is low in importance but ready, and adds a saleable training offer. Packaged together they test objective IV, exploiting our own skills, and get round the legal limits on council trading that have so far stopped a formal partnership."),
        Package(
            name: "Customer contact and revenues",
            services: ["Customer Contact Centre", "Corporate Web Content Management", "Revenues and Benefits"],
            rationale: "Customer Contact Centre (4.5, 3.5), Revenues and Benefits (4.25, 4.25) and Corporate Web Content Management (3.5, 3.5) are high in both importance and readiness. They share the customer contact strategy, the CRM systems and the new Council Tax and Benefits system due by 2005, which a partner's investment could bring forward. Because the Benefits service holds 4 star and Charter Mark status, any option must protect that performance. Service Centres (4.25, 2.5) are left out: high in importance but low in readiness, and already tied to NHS LIFT."),
        Package(
            name: "Transactional finance, payroll and procurement",
            services: ["Creditor Payments", "Debtor Invoicing", "Payroll", "Recruitment", "Purchasing", "Procurement"],
            rationale: "Creditor Payments (2.0, 4.5), Debtor Invoicing (2.0, 4.0) and Payroll (2.5, 4.25) are the clearest low-importance, high-readiness services: high-volume transactions on one corporate system, in a mature market. Recruitment (3.25, 4.0), Purchasing (3.25, 3.75) and Procurement (3.5, 3.5) are high in both importance and readiness, and share the same system and the delayed e-procurement and self-service work. Together they give enough volume for economies of scale while strategic finance and personnel policy stay in-house."),
    ]

    /// One options appraisal per package: the four partnership models, each scored 0–5 against objectives I–VIII.
    static let appraisals: [Appraisal] = [
        Appraisal(package: "ICT infrastructure and support", options: [
            Option(
                model: "Improve in-house",
                summary: "Salford IT Net carries on, funding the new desktop build, server convergence and network convergence from the council's own capital programme.",
                scores: ["I": 3, "II": 1, "III": 2, "IV": 3, "V": 4, "VI": 1, "VII": 5, "VIII": 2],
                rationales: [
                    "I": "The service is already improving, as the mainframe replacement and new help desk show, but only as fast as capital allows.",
                    "II": "No new investment comes in, so the desktop refresh and convergence compete with front-line capital bids.",
                    "III": "Server convergence brings some savings, but without the economies of scale of a larger provider.",
                    "IV": "Skills stay in Salford, but cannot be sold beyond the community hosting already offered.",
                    "V": "Staff remain council employees, though ICT recruitment and retention stay difficult.",
                    "VI": "No new jobs or inward investment.",
                    "VII": "ICT stays fully under the direct control of Corporate Services and the Lead Member.",
                    "VIII": "ICT capacity stays stretched by the 2005 e-government target.",
                ]),
            Option(
                model: "Outsource",
                summary: "The infrastructure services are let as a conventional output-based contract, with staff transferring to the contractor under TUPE.",
                scores: ["I": 3, "II": 3, "III": 4, "IV": 1, "V": 2, "VI": 2, "VII": 3, "VIII": 2],
                rationales: [
                    "I": "Service levels are guaranteed by contract, but improvement beyond the specification costs extra.",
                    "II": "The contractor would fund the refresh, but recover the cost through its charges over the contract.",
                    "III": "Desktop and data centre services are where a large provider's scale economies are greatest.",
                    "IV": "The council's ICT know-how would pass to the contractor with no return.",
                    "V": "TUPE protects terms at transfer, but later job security depends on the contractor.",
                    "VI": "Work could move to a regional centre outside Salford.",
                    "VII": "Control rests on a client team and contract monitoring, one step removed from members.",
                    "VIII": "A small client function would struggle to steer ICT strategy.",
                ]),
            Option(
                model: "Joint venture company",
                summary: "A company owned jointly by the council and a private partner runs ICT for the council and sells hosting and network services to other public bodies.",
                scores: ["I": 3, "II": 4, "III": 3, "IV": 4, "V": 3, "VI": 4, "VII": 3, "VIII": 3],
                rationales: [
                    "I": "Quality should rise with the partner's investment, though setting up the company would divert effort at first.",
                    "II": "The partner would put in equity and working capital.",
                    "III": "Economies of scale depend on the company winning outside work.",
                    "IV": "Hosting and network services could be sold to other public bodies across Greater Manchester.",
                    "V": "Staff transfer to the company, and their security depends on its trading success.",
                    "VI": "A Salford-based company could create new ICT jobs in the city.",
                    "VII": "Council seats on the board give influence but not direct control.",
                    "VIII": "Adds capacity, but the company's commercial aims may compete with the council's priorities.",
                ]),
            Option(
                model: "Strategic service partnership",
                summary: "A long-term partnership in which a partner invests in and runs the ICT infrastructure under the council's strategic direction, sharing risk and reward, with staff seconded or transferred on protected terms.",
                scores: ["I": 4, "II": 5, "III": 4, "IV": 3, "V": 4, "VI": 4, "VII": 4, "VIII": 5],
                rationales: [
                    "I": "Investment and partner expertise would bring the desktop build and convergence forward.",
                    "II": "The partner's up-front investment would fund the refresh, convergence and resilience together.",
                    "III": "Partner scale with a gain-share returns part of the savings to the council.",
                    "IV": "Gain-share on services sold to others, though less directly than through a company.",
                    "V": "Secondment or transfer on no less favourable terms, in line with the Statement of Intent.",
                    "VI": "The partner could base a regional service centre in Salford.",
                    "VII": "A joint board with member representation and open-book accounting keeps control.",
                    "VIII": "The council keeps ICT strategy and gains the partner's capacity to deliver it.",
                ]),
        ]),
        Appraisal(package: "e-Government products and change consultancy", options: [
            Option(
                model: "Improve in-house",
                summary: "Salford Advance continues as a council division, selling to other councils only as far as the law on council trading allows, funded by government grants.",
                scores: ["I": 4, "II": 2, "III": 2, "IV": 2, "V": 4, "VI": 1, "VII": 5, "VIII": 3],
                rationales: [
                    "I": "The CRM Academy bid and SPRINT show the service already adds value on its own.",
                    "II": "Growth depends on short-term Pathfinder and ODPM funding.",
                    "III": "Little scope to cut costs in a small, developing service.",
                    "IV": "Legal limits on trading stop the council from selling its products properly.",
                    "V": "Staff stay council employees, though grant-funded posts are insecure.",
                    "VI": "No new jobs or investment.",
                    "VII": "Products and priorities stay fully under member control.",
                    "VIII": "Change capacity is kept, but cannot grow beyond what the council can fund.",
                ]),
            Option(
                model: "Outsource",
                summary: "Product development, re-engineering consultancy and ICT training are let to a contractor to supply to the council.",
                scores: ["I": 2, "II": 2, "III": 3, "IV": 0, "V": 1, "VI": 1, "VII": 2, "VIII": 1],
                rationales: [
                    "I": "Bespoke, fast-changing work fits a fixed specification badly.",
                    "II": "A contractor has no reason to invest in products it does not own.",
                    "III": "Training and routine consultancy could be bought more cheaply.",
                    "IV": "The council's products and know-how would pass to the contractor for nothing.",
                    "V": "Specialist staff would probably be moved to the contractor's other work.",
                    "VI": "No local benefit, and possibly jobs lost from Salford.",
                    "VII": "The council would lose control of the direction of its e-government work.",
                    "VIII": "Removes the change capacity that objective VIII depends on.",
                ]),
            Option(
                model: "Joint venture company",
                summary: "A trading company owned jointly with a partner develops and sells CRM products, the SPRINT method and training to other councils, with profits shared.",
                scores: ["I": 4, "II": 4, "III": 3, "IV": 5, "V": 4, "VI": 5, "VII": 3, "VIII": 4],
                rationales: [
                    "I": "The partner's market reach adds value to products that are already good.",
                    "II": "The partner puts in capital to develop and market the products.",
                    "III": "Development costs are spread over many customers.",
                    "IV": "A company gets round the legal limits on trading and sells Salford's know-how nationally.",
                    "V": "A growing company gives staff better security and career prospects.",
                    "VI": "A new Salford company could bring skilled jobs and investment to the city.",
                    "VII": "The council's shareholding and board seats give influence, but commercial decisions sit with the company.",
                    "VIII": "Income returned to the council and a bigger specialist team strengthen capacity.",
                ]),
            Option(
                model: "Strategic service partnership",
                summary: "A partner invests in the council's e-government programme under a long-term agreement and shares income from selling products to others.",
                scores: ["I": 4, "II": 4, "III": 3, "IV": 3, "V": 4, "VI": 3, "VII": 4, "VIII": 4],
                rationales: [
                    "I": "Partner investment would speed up products such as the community information repository.",
                    "II": "The partner would invest in development in return for a share of sales.",
                    "III": "Some savings from shared development.",
                    "IV": "Income is shared, but the partner controls the route to market.",
                    "V": "Staff stay with the council or transfer on protected terms.",
                    "VI": "Some local jobs, depending on where the partner does the work.",
                    "VII": "The council keeps control of priorities through a joint board.",
                    "VIII": "Capacity grows while priorities stay with the council.",
                ]),
        ]),
        Appraisal(package: "Customer contact and revenues", options: [
            Option(
                model: "Improve in-house",
                summary: "Customer Services keeps building on its 4 star and Charter Mark performance, funding the new Council Tax and Benefits system and the contact centre roll out from its own budget and grants.",
                scores: ["I": 4, "II": 2, "III": 3, "IV": 3, "V": 5, "VI": 2, "VII": 5, "VIII": 3],
                rationales: [
                    "I": "The service already performs well, with a 4 star Benefits rating and high satisfaction.",
                    "II": "The new IT system by 2005 and more services in the contact centre would stretch the council's budget.",
                    "III": "Home-working and channel shift can reduce costs steadily.",
                    "IV": "Skills are used for the council and its housing services, but not sold more widely.",
                    "V": "Staff stay council employees in a growing service.",
                    "VI": "The contact centre keeps jobs in Salford, but brings few new ones.",
                    "VII": "Residents' main contact with the council and benefit decisions stay fully accountable.",
                    "VIII": "Capacity is sound but could not grow fast.",
                ]),
            Option(
                model: "Outsource",
                summary: "The contact centre, web content and revenues and benefits services are let to a contractor on an output-based contract.",
                scores: ["I": 2, "II": 3, "III": 4, "IV": 1, "V": 2, "VI": 2, "VII": 1, "VIII": 2],
                rationales: [
                    "I": "Risks the 4 star and Charter Mark standard while the contractor learns the service.",
                    "II": "A contractor would fund a new system, but recover its cost through charges.",
                    "III": "Revenues and benefits contractors achieve real economies of scale.",
                    "IV": "Council know-how passes to the contractor.",
                    "V": "TUPE protects terms at transfer only.",
                    "VI": "Processing could be moved away from Salford.",
                    "VII": "Residents' main point of contact and discretionary decisions would be one step removed from members.",
                    "VIII": "The council loses direct control of its customer strategy.",
                ]),
            Option(
                model: "Joint venture company",
                summary: "A company owned jointly with a partner runs contact centre and benefits processing for the council and sells them to other public bodies.",
                scores: ["I": 3, "II": 3, "III": 3, "IV": 4, "V": 3, "VI": 4, "VII": 2, "VIII": 3],
                rationales: [
                    "I": "Quality could be kept, but the company's focus may move to outside customers.",
                    "II": "The partner invests capital, but only where it expects a commercial return.",
                    "III": "Savings depend on winning work from other bodies.",
                    "IV": "Contact centre and benefits skills could be sold to others.",
                    "V": "Staff transfer to the company, with security tied to its growth.",
                    "VI": "Growth could create call centre jobs in Salford.",
                    "VII": "A company is a weak vehicle for benefit decisions that members must answer for.",
                    "VIII": "Some capacity, though divided between the council and outside customers.",
                ]),
            Option(
                model: "Strategic service partnership",
                summary: "A partner invests in the new Council Tax and Benefits system and CRM under a long-term agreement, with the council keeping policy, discretionary decisions and the customer relationship.",
                scores: ["I": 4, "II": 5, "III": 4, "IV": 3, "V": 4, "VI": 4, "VII": 3, "VIII": 4],
                rationales: [
                    "I": "Builds on current performance, provided 4 star and Charter Mark standards are written into the agreement.",
                    "II": "The partner's investment could bring the new system forward from 2005.",
                    "III": "Shared systems and processing cut transaction costs.",
                    "IV": "Gain-share on services offered to other public bodies.",
                    "V": "Secondment or transfer on no less favourable terms.",
                    "VI": "The partner could expand the contact centre in Salford to serve other bodies.",
                    "VII": "Accountability holds only if discretionary decisions stay with council officers.",
                    "VIII": "Adds capacity to roll out the customer contact strategy faster.",
                ]),
        ]),
        Appraisal(package: "Transactional finance, payroll and procurement", options: [
            Option(
                model: "Improve in-house",
                summary: "Finance and Personnel and Performance keep these services and improve them on the corporate system, completing multiple employments, self-service and the e-procurement pilot themselves.",
                scores: ["I": 3, "II": 1, "III": 2, "IV": 2, "V": 5, "VI": 1, "VII": 4, "VIII": 2],
                rationales: [
                    "I": "Invoice imaging and £250k purchasing savings show steady improvement.",
                    "II": "Self-service and e-procurement have stalled for want of investment.",
                    "III": "Volumes are too small for big economies of scale.",
                    "IV": "Little scope to sell payroll or payments services beyond the council.",
                    "V": "Staff keep council employment and their current terms.",
                    "VI": "No new jobs or inward investment for Salford.",
                    "VII": "Payments, payroll and purchasing stay answerable to members through the Director of Corporate Services.",
                    "VIII": "Finance and personnel managers stay tied up in transaction work.",
                ]),
            Option(
                model: "Outsource",
                summary: "The transactional services are let on an output-based contract to a provider that runs payments, payroll and recruitment administration for many clients.",
                scores: ["I": 3, "II": 3, "III": 5, "IV": 1, "V": 2, "VI": 1, "VII": 3, "VIII": 3],
                rationales: [
                    "I": "Clear service levels for payment and pay accuracy, but quality no better than the specification.",
                    "II": "The provider's systems would bring self-service and e-procurement.",
                    "III": "High-volume payments and payroll are where outsourcing makes its biggest savings.",
                    "IV": "The council's own transactional skills would simply pass to the provider.",
                    "V": "TUPE protects terms at transfer, but the work could later be moved.",
                    "VI": "Work likely to move to a shared centre outside Salford.",
                    "VII": "Transactions carry little policy; pay policy and contract awards stay with the council.",
                    "VIII": "Frees managers to concentrate on strategic finance and personnel work.",
                ]),
            Option(
                model: "Joint venture company",
                summary: "A company owned jointly with a partner processes payments, payroll and purchasing for the council and sells the same services to schools and other public bodies.",
                scores: ["I": 3, "II": 3, "III": 3, "IV": 3, "V": 3, "VI": 3, "VII": 3, "VIII": 2],
                rationales: [
                    "I": "Quality would be much as now, with management attention split with outside customers.",
                    "II": "The partner would invest in the systems it needs to serve several clients.",
                    "III": "Savings depend on attracting other clients.",
                    "IV": "Payroll and payment services could be sold to schools and other bodies.",
                    "V": "Staff transfer to the company, and their security depends on it winning schools and other clients.",
                    "VI": "A processing centre in Salford could add some jobs.",
                    "VII": "Transactional work can sit in a company without much loss of accountability.",
                    "VIII": "Setting up and overseeing a company would take management time.",
                ]),
            Option(
                model: "Strategic service partnership",
                summary: "A partner invests in self-service, e-procurement and workflow on the corporate system under a long-term agreement, with savings shared and staff on protected terms.",
                scores: ["I": 4, "II": 4, "III": 4, "IV": 3, "V": 4, "VI": 3, "VII": 4, "VIII": 4],
                rationales: [
                    "I": "Investment would deliver the delayed self-service and e-procurement work.",
                    "II": "The partner funds system improvements from shared savings.",
                    "III": "Good savings from workflow and self-service, though a little less than full outsourcing.",
                    "IV": "Some gain-share if payroll or payments are later offered to schools and other bodies.",
                    "V": "Staff transfer or are seconded on protected terms.",
                    "VI": "The processing stays in Salford, with modest growth if other clients are won.",
                    "VII": "A joint board with member representation oversees performance, and contract awards stay with the council.",
                    "VIII": "Frees finance and personnel managers for strategic work while the expertise stays close at hand.",
                ]),
        ]),
    ]

    /// Loads it: the framework, every service's assessment (dated 16 January 2003, as the progress
    /// note), the packages and their appraisals (22 January), each with its audit event.
    static func load(on tx: any Database, actor: Actor) async throws {
        let at = SalfordEvaluation.day(16, month: 1, 12)
        func save<M: Model & Auditable>(_ model: M, _ action: String, at: Date) async throws where M.IDValue == UUID {
            try await model.create(on: tx)
            try await AuditTrail.record(action, model, before: nil, by: actor, at: at, on: tx)
        }
        let framework = AssessmentFramework()
        framework.questions = questions.map { .init(key: $0.key, text: $0.text, axis: $0.axis == .importance ? .importance : .readiness) }
        try await save(framework, "assessment-framework.update", at: at)
        let services = Dictionary(try await App.Service.query(on: tx).all().map { ($0.name, $0.id!) }) { a, _ in a }
        for a in assessments {
            guard let id = services[a.service] else { continue }
            let s = ServiceAssessment()
            s.$service.id = id
            s.strengths = a.strengths.joined(separator: "\n"); s.weaknesses = a.weaknesses.joined(separator: "\n")
            s.opportunities = a.opportunities.joined(separator: "\n"); s.threats = a.threats.joined(separator: "\n")
            s.answers = Dictionary(a.answers.map { ($0.question, ServiceAssessment.Answer(score: $0.score, note: $0.note)) }) { x, _ in x }
            s.assessedAt = at
            try await save(s, "service-assessment.update", at: at)
        }
        let numerals = Dictionary((1...8).map { (RomanNumeral.string($0), $0) }) { a, _ in a }
        let packaged = SalfordEvaluation.day(22, month: 1, 16)
        for p in packages {
            let package = ServicePackage()
            package.name = p.name
            package.rationale = p.rationale
            package.services = p.services.compactMap { services[$0] }
            try await save(package, "package.make", at: packaged)
            for o in appraisals.first(where: { $0.package == p.name })?.options ?? [] {
                let option = AppraisalOption()
                option.$package.id = package.id!
                option.model = o.model
                option.summary = o.summary
                option.marks = o.scores.compactMap { key, score in
                    numerals[key].map { ScoreSheet.Mark(criterion: $0, score: score, rationale: o.rationales[key] ?? "") }
                }
                try await save(option, "appraisal-option.make", at: packaged)
            }
        }
    }
}
