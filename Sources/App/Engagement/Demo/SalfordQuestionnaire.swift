import Foundation

/// The questionnaire of the Salford exercise: what an organisation answering the advertisement
/// of 28 March 2003 is asked, in nine sections of forty-two questions (the last an optional file).
///
/// The papers do not give the questionnaire's text. The progress report of 24 March 2003 (seed
/// 000, §1.4) records that one was being developed "to be issued to interested organisations who
/// wish to respond to our advertisement", and the advertisement offers "a copy of the application
/// questionnaire". The questions are therefore the demo's, each drawn from what the papers say
/// the council wanted to learn from the market:
/// - seed 000: the advertisement (the six service areas, the benefits sought, e-government
///   pathfinder status, informal discussions with some of the parties) and Cabinet's eight
///   objectives (§1.2 c);
/// - seed 001: the Corporate Services Senior Management Group of 21 and 22 January 2003 (what
///   managers would look for from potential partners: investment, e-government, skills gaps,
///   recruitment and retention, performance indicators, income from the council's own skills;
///   investment, improvement and local jobs to be quantified; the involvement of staff and
///   trades unions);
/// - seed 002: the progress note of 16 January 2003 (partnership models, packaging of services,
///   the partnerships visited or to be visited, among them a joint venture company);
/// - seed 003: the Cabinet report of 5 March 2003 (the objectives a–h; genuinely innovative
///   solutions; staff to be employed on no less favourable terms and conditions, in line with the
///   “Statement of Intent”);
/// - seed 004: the Corporate Services service plan report of 21 May 2003 (the council's products
///   and methods, such as CITIZEN, the CRM Academy, SPRINT and Salford's version of PRINCE2;
///   quarterly performance reporting; Investors in People; the pledges).
///
/// Where the papers are silent the demo chooses, and says so here: the wording of every question
/// and its guidance, which questions are required, the word limits, the bounds of the number
/// questions, the options of the choice questions other than the six service areas, and the
/// objectives each question is linked to. The papers do not give the Statement of Intent's text,
/// so the questionnaire refers to it without quoting it.
enum SalfordQuestionnaire {
    static let content: QuestionnaireContent = QuestionnaireContent(sections: [
        // Who the respondent is (the advertisement invites "organisations and bodies who share our
        // values"; seed 002 records visits to councils already in partnership).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "1e69c740-6c66-5cbc-8dbc-f6b47f532845")!,
            title: "About your organisation",
            intro: "Tell us who you are and what experience you have of working with local authorities.",
            questions: [
                q(UUID(uuidString: "62d80c8a-1f61-5baf-8f51-fbc15173e039")!, .shortText, "What is the name of your organisation?",
                  required: true),
                q(UUID(uuidString: "3883bd8c-3878-59d2-9c31-06d8c506d166")!, .shortText, "Give the name, position, telephone number and email address of the person we should contact about your response.",
                  required: true),
                q(UUID(uuidString: "ed892691-2e29-590c-861b-2cecd914a972")!, .singleChoice, "What kind of organisation are you?",
                  required: true,
                  options: ["A private sector company", "Another local authority or public body", "A voluntary or community sector body", "A consortium or joint venture", "Other"]),
                q(UUID(uuidString: "7e02b402-2f42-5a7c-a423-23ae5491e779")!, .shortText, "If you are responding as a consortium or with partners, name them.",
                  guidance: "Leave blank if you are responding alone."),
                q(UUID(uuidString: "c7a69263-8782-5ab8-ae8e-045664eaf57e")!, .number, "How many people does your organisation employ in the United Kingdom?",
                  guidance: "An approximate figure is enough.",
                  minimum: "0", maximum: "1000000"),
                q(UUID(uuidString: "78d61227-a0ca-54d8-bf7a-167256e9bd93")!, .longText, "Describe your experience of working in partnership with local authorities, naming the councils and the services concerned.",
                  guidance: "Say what the partnerships achieved and what you learned from them, including anything that did not go to plan.",
                  required: true, wordLimit: 500, objectives: [1]),
            ]),

        // The six service areas exactly as the advertisement lists them (seed 000); packaging of
        // services and partnership models (seed 002); managers thought it too early to judge
        // particular contract vehicles (seed 001); genuinely innovative solutions (seed 003 (v)).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "efe35be9-9bb3-5e20-8766-106b8d1fb824")!,
            title: "Services and partnering model",
            intro: "Tell us which of the services in the advertisement your proposal covers, and the partnering model you propose. The council has not chosen a model and welcomes genuine and innovative approaches.",
            questions: [
                q(UUID(uuidString: "8cecd52d-d088-585f-8584-f3704cab802d")!, .multipleChoice, "Which of the service areas in the advertisement are you interested in?",
                  guidance: "Choose all that apply. The services within each area are listed in the advertisement and described in the service profiles on the council's website.",
                  required: true,
                  options: ["Finance", "Law and Administration", "Salford IT Net", "Salford Advance", "Customer Services", "Personnel and Performance"], summary: .lots),
                q(UUID(uuidString: "ac8bae87-dce3-5a46-a277-2353488673c2")!, .longText, "Name the services within those areas that your proposal covers, and say how you would group them.",
                  guidance: "You may propose one package of services or several.",
                  required: true, wordLimit: 300),
                q(UUID(uuidString: "f01f0098-5605-5ae5-8970-ade3e41bf74f")!, .yesNo, "Would you consider a partnership covering all the services in the advertisement?",
                  objectives: [3]),
                q(UUID(uuidString: "a1dfc2e6-4d38-5631-a529-8aa8d4e26219")!, .singleChoice, "Which partnering model do you propose?",
                  guidance: "Choose the nearest; describe the model in the next question.",
                  required: true,
                  options: ["Improving the in-house service, with support from your organisation", "Outsourcing the service to your organisation", "A joint venture company with the council", "A strategic service partnership", "Another model"], summary: .model),
                q(UUID(uuidString: "5757bf5b-f163-5a1b-9925-08ef4d545e74")!, .longText, "Describe the organisational and operational aspects of the model you propose.",
                  guidance: "Cover how the partnership would be structured, who would employ the staff, who would own the assets, and how long it would last.",
                  required: true, wordLimit: 750, objectives: [1, 8]),
                q(UUID(uuidString: "403ee5fd-9bd7-5c6e-9fd2-d3a12a80ef50")!, .longText, "What is innovative about your approach?",
                  guidance: "Say how it differs from partnerships you have entered into elsewhere.",
                  wordLimit: 400, objectives: [1]),
            ]),

        // Objectives I and II; the first benefit of the advertisement (seed 000); the need to lever
        // in additional investment, to improve best value and management performance indicators,
        // and to respond to external criticism (seed 001); investment and improvement to be
        // quantified after initial discussions (seed 001), so the amount is not required.
        QuestionnaireContent.Section(
            id: UUID(uuidString: "1ac76ef9-cfc5-5c3c-a8f2-ae9f107d4af0")!,
            title: "Investment and service improvement",
            intro: "Tell us what investment you would bring and how the services would improve. Figures are estimates at this stage and would be tested in any later discussions.",
            questions: [
                q(UUID(uuidString: "f6193b63-295d-5a69-ad72-e54603f0e1bd")!, .number, "Roughly how much would you invest in the services over the first five years of the partnership, in pounds?",
                  guidance: "A whole number of pounds; an estimate is enough.",
                  minimum: "0", maximum: "1000000000", objectives: [2], summary: .investment),
                q(UUID(uuidString: "2df70b96-421d-549c-aee5-210256f704f7")!, .longText, "Describe the investment you would bring: what it would be in, when it would be made and how it would be recovered.",
                  guidance: "Include investment in systems, buildings, skills and resources.",
                  required: true, wordLimit: 500, objectives: [2]),
                q(UUID(uuidString: "17d26560-2aa7-5732-a9ce-1c17b59f33d9")!, .longText, "How would you improve the quality, effectiveness, accessibility and responsiveness of the services?",
                  guidance: "Build on what the services already do well; the service profiles describe their achievements and plans.",
                  required: true, wordLimit: 500, objectives: [1], summary: .improvement),
                q(UUID(uuidString: "7cf37550-fdb8-5cf5-85fd-297591e65fd0")!, .longText, "How would you help the council improve its best value and management performance indicators and respond to external inspection?",
                  guidance: "",
                  wordLimit: 300, objectives: [1]),
            ]),

        // Objectives III and IV; the second and fourth benefits of the advertisement (seed 000);
        // commercially exploiting know-how and products for re-investment (seed 001); the products
        // and methods named in seed 004 (CITIZEN and the CRM Academy, SPRINT, Salford's version of
        // PRINCE2, ICT training, web hosting for community groups and public bodies).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "489a0e69-0b83-5fce-bc70-ceb2e8e067f8")!,
            title: "Value for money and the council's skills",
            intro: "Tell us how your proposal would reduce the cost of transactions and make more of the skills, know-how and products the council has developed.",
            questions: [
                q(UUID(uuidString: "409b829a-376d-5c9a-a0e1-1050c26d8d77")!, .longText, "How would your proposal improve value for money and reduce transaction costs?",
                  guidance: "For example through operational efficiency, innovation, economies of scale or better use of assets.",
                  required: true, wordLimit: 500, objectives: [3]),
                q(UUID(uuidString: "f46cd430-7c09-5e78-951b-637a14ae5db7")!, .number, "What saving a year would you expect the council to make once the partnership is established, in pounds?",
                  guidance: "A whole number of pounds; an estimate is enough.",
                  minimum: "0", maximum: "100000000", objectives: [3]),
                q(UUID(uuidString: "d3bb42c0-8008-5fea-95cc-78cdb1e601b0")!, .longText, "How would you help the council exploit its skills, know-how and products in a wider market to generate income for re-investment?",
                  guidance: "Say which markets you have in mind and how income would be shared.",
                  required: true, wordLimit: 500, objectives: [4]),
                q(UUID(uuidString: "8411b8d0-fd4e-5d08-bd9a-c9a01300eef5")!, .multipleChoice, "Which of the council's products and expertise do you see a wider market for?",
                  guidance: "Choose all that apply.",
                  options: ["Customer relationship management (CITIZEN and the CRM Academy)", "Business process re-engineering (the SPRINT methodology)", "Project management (Salford's version of PRINCE2)", "e-Government product development", "Revenues and Benefits", "ICT training", "Web hosting and internet services", "Other"],
                  objectives: [4]),
                q(UUID(uuidString: "f8995972-9085-5927-a971-14a8a5ff7b39")!, .yesNo, "Would the council share in income earned from selling its products and services to other organisations?",
                  objectives: [4]),
            ]),

        // Objective VI (Cabinet: "regeneration/inward investment and better local job
        // opportunities", seed 003); the advertisement's aim to maximise regeneration and better
        // employment prospects, and its third benefit on local and regional partnerships and
        // national and European grants (seed 000); large scale regeneration and local jobs to be
        // quantified (seed 001).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "897e1858-0993-5bf9-94d9-279e00a02dee")!,
            title: "Regeneration, inward investment and local jobs",
            intro: "The council wants to make the most of opportunities for regeneration and better employment prospects in the city. Tell us what your proposal would bring to Salford.",
            questions: [
                q(UUID(uuidString: "8f3a5a35-c531-5100-bcdd-d6b14e9ad548")!, .longText, "Describe the regeneration and inward investment your proposal would bring to Salford.",
                  guidance: "Say what would be located in the city, and when.",
                  required: true, wordLimit: 500, objectives: [6]),
                q(UUID(uuidString: "0b866ff8-78a6-5c11-84aa-97ee55d38356")!, .number, "How many new jobs would your proposal create in Salford?",
                  guidance: "Count full-time equivalent jobs in addition to those of staff who would transfer; an estimate is enough.",
                  minimum: "0", maximum: "10000", objectives: [6], summary: .jobs),
                q(UUID(uuidString: "09f858c2-e2b0-5287-a9c0-5bacc3d2c3cb")!, .yesNo, "Would you bring work for other clients to Salford, creating jobs in the city?",
                  objectives: [6]),
                q(UUID(uuidString: "e0553568-cc42-5556-89f5-0c7ef48b5a3b")!, .longText, "How would you strengthen and add value to the council's existing partnerships, locally and regionally, including in securing national and European grants?",
                  guidance: "",
                  wordLimit: 400, objectives: [1, 6]),
            ]),

        // Objective V; Cabinet's recommendation (v) on terms and conditions and the “Statement of
        // Intent” (seed 003); job security and skills development (seeds 000 and 001); the future
        // involvement of staff and trades unions, "of critical importance" (seed 001); recruitment
        // and retention difficulties (seed 001); Investors in People (seed 004).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "65f9694a-bc67-5f4e-a41c-a8f806f3731f")!,
            title: "Staff",
            intro: "The council expects any partner to employ staff on no less favourable terms and conditions than those they now enjoy. Tell us how you would protect and develop the people who deliver the services.",
            questions: [
                q(UUID(uuidString: "5d86ab46-8b1f-5955-af3d-28046359a651")!, .yesNo, "Would staff be employed on no less favourable terms and conditions than those they currently enjoy, in line with the council's “Statement of Intent”?",
                  guidance: "The Cabinet report of 5 March 2003 says that any potential partner would be expected to ensure this.",
                  required: true, objectives: [5], condition: true),
                q(UUID(uuidString: "c7ba12ba-8661-58b1-8392-9c832009e690")!, .longText, "How would you preserve and enhance the employment security of staff?",
                  guidance: "Cover the transfer of staff under the TUPE regulations, pensions, and what would happen to staff over the life of the partnership.",
                  required: true, wordLimit: 500, objectives: [5]),
                q(UUID(uuidString: "bfaa9302-9ff4-51d9-b817-c75fb79400b9")!, .longText, "How would you develop the skills and careers of staff, including through work for other clients?",
                  guidance: "Say how you would help where the council has difficulty recruiting and retaining staff.",
                  wordLimit: 400, objectives: [4, 5]),
                q(UUID(uuidString: "f5a79752-a095-5fc7-b790-275ac61ee8ec")!, .longText, "How would you involve staff and the trades unions in developing and running the partnership?",
                  guidance: "",
                  required: true, wordLimit: 300, objectives: [5]),
                q(UUID(uuidString: "9aa3a682-b89e-5777-ad82-1ba1ee69a838")!, .yesNo, "Does your organisation hold Investors in People accreditation?",
                  objectives: [5]),
            ]),

        // Objective VII and the last benefit of the advertisement (seed 000); quarterly performance
        // reporting to senior managers and the Quality and Performance Scrutiny Committee (seed 004).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "5526a55d-379a-52f7-9203-b2ef5805058f")!,
            title: "Democratic accountability",
            intro: "The council must remain accountable to the people of Salford for the services, whoever delivers them. Tell us how your proposal would safeguard and enhance that accountability.",
            questions: [
                q(UUID(uuidString: "ef270d06-27c0-5dd9-ba47-6a082504dc3f")!, .longText, "How would the council keep control of policy, priorities and service standards, and how would elected members hold the partnership to account?",
                  guidance: "",
                  required: true, wordLimit: 500, objectives: [7]),
                q(UUID(uuidString: "65a90c05-d12c-55c8-979f-384da167160c")!, .singleChoice, "How often would you report performance on the services to the council?",
                  guidance: "The council reports its best value performance indicators quarterly to senior managers and to its Quality and Performance Scrutiny Committee.",
                  options: ["Monthly", "Quarterly", "Twice a year", "Once a year"],
                  objectives: [7]),
                q(UUID(uuidString: "fa7131bb-a3a8-5654-8075-dda89c2b6b09")!, .yesNo, "Would you agree to open-book accounting for the services in the partnership?",
                  objectives: [3, 7]),
            ]),

        // Objective VIII; the council as a pathfinder for e-government (seed 000); the need to
        // respond to the e-government agenda and to fill skills gaps (seed 001); the priorities and
        // pledges (seeds 000 and 004).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "3cb1cbf0-1df3-512f-afa6-e50bc623d5a1")!,
            title: "E-government, skills and strategic capacity",
            intro: "Salford is a pathfinder for e-government. Tell us how you would take that work forward and strengthen the council's capacity to achieve its priorities.",
            questions: [
                q(UUID(uuidString: "dda309e6-c02e-5c6b-91e1-197eab116727")!, .longText, "How would you help the council deliver its e-government and ICT plans, building on its work as a pathfinder?",
                  guidance: "",
                  required: true, wordLimit: 500, objectives: [1, 2, 8]),
                q(UUID(uuidString: "2988d04b-ac4a-5fa8-bc96-b22f10e297a3")!, .multipleChoice, "In which of these areas could you fill gaps in the council's skills?",
                  guidance: "Choose all that apply.",
                  options: ["ICT and e-government", "Customer relationship management", "Business process re-engineering", "Project and programme management", "Procurement and e-procurement", "Accountancy and financial management", "Personnel and organisational development", "Other"],
                  objectives: [8]),
                q(UUID(uuidString: "bae4b64e-9330-5437-b83a-32c4ab5c4798")!, .longText, "How would the partnership strengthen the council's strategic capacity to achieve its priorities?",
                  guidance: "The council's priorities include better education, quality homes and a clean and healthy city.",
                  required: true, wordLimit: 500, objectives: [8]),
            ]),

        // The outline timetable and risk assessment (seed 000, §1.4–1.5); the informal discussions
        // the advertisement announces (seed 000).
        QuestionnaireContent.Section(
            id: UUID(uuidString: "3fbbea57-735a-5d1a-9d87-dc76a5f48376")!,
            title: "Risks, timescales and anything else",
            intro: "Tell us about the risks of your proposal and how soon it could take effect. This is soft market testing, not a tender: dates are estimates.",
            questions: [
                q(UUID(uuidString: "ec01ee80-add5-52f5-8235-b4fd60884c35")!, .longText, "What are the main risks of your proposal for the council, and how would they be shared and managed?",
                  guidance: "",
                  required: true, wordLimit: 400, objectives: [3]),
                q(UUID(uuidString: "f00bcb78-4c80-5e59-bb68-2560d4e80f43")!, .date, "What is the earliest date on which the partnership could start?",
                  guidance: "An estimate, assuming any formal procurement the council might need."),
                q(UUID(uuidString: "b1638957-c61e-5b6f-8e01-29c58b17783e")!, .date, "By what date would the first improvements to services be delivered?",
                  guidance: "An estimate.",
                  objectives: [2]),
                q(UUID(uuidString: "bea530d1-fe8f-56e1-ae3f-ef7747572966")!, .yesNo, "Would you take part in informal discussions with the council about your proposal?",
                  guidance: "The council intends to hold informal discussions with some of the parties after the closing date.",
                  required: true),
                q(UUID(uuidString: "1c636562-0115-519c-a812-62ef1327ab9b")!, .longText, "Is there anything else you would like the council to know?",
                  guidance: "",
                  wordLimit: 300),
                q(UUID(uuidString: "5b0f2c1e-8d7a-5e3b-9f41-2a6c7d8e9f10")!, .file, "If you have one, attach an outline of your proposal or a statement of your organisation's capability",
                  guidance: "Optional. The council reads it alongside your answers; the answers above are what is evaluated."),
            ]),
    ])

    private static func q(_ id: UUID, _ kind: QuestionnaireContent.Question.Kind, _ text: String,
                          guidance: String = "", required: Bool = false, wordLimit: Int? = nil,
                          options: [String] = [], minimum: String? = nil, maximum: String? = nil,
                          objectives: [Int] = [], condition: Bool = false,
                          summary: QuestionnaireContent.Question.SummaryRole? = nil) -> QuestionnaireContent.Question {
        QuestionnaireContent.Question(id: id, kind: kind, text: text, guidance: guidance, required: required, wordLimit: wordLimit,
                                      options: options, minimum: minimum, maximum: maximum, objectives: objectives, condition: condition ? true : nil, summary: summary)
    }
}
