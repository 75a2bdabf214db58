import Foundation

/// The questionnaire as `GET /api/v1/exercises/{id}/questionnaire` gives it: only what answering needs.
struct Questionnaire: Decodable {
    struct Section: Decodable { let id: String; let questions: [Question] }
    struct Question: Decodable {
        let id: String
        let kind: String
        let required: Bool
        let wordLimit: Int?
        let options: [String]
        let minimum: Bound?
        let maximum: Bound?
    }
    /// A bound given as decimal text ("1000000") or as a JSON number.
    struct Bound: Decodable {
        let value: Double
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { value = d; return }
            let s = try c.decode(String.self)
            guard let d = Double(s) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a number: \(s)") }
            value = d
        }
    }
    let version: Int
    let sections: [Section]
    var questions: [Question] { sections.flatMap(\.questions) }
}

/// Sentences a supplier might write to Salford's market engagement questionnaire; long answers
/// are drawn from them, so each body is realistic prose of realistic length (100–300 words,
/// within the question's word limit).
private let sentences: [String] = [
    "We have worked in partnership with eleven local authorities in the North West since 2009, mostly on revenues, benefits and customer contact.",
    "Our approach starts from the council's own priorities and the outcomes its residents need, not from a standard service model.",
    "Staff transferring to the partnership would keep their terms and conditions, their pension arrangements and their recognised trades unions.",
    "We would invest in a shared customer relationship management platform in the first eighteen months, funded from the savings it makes possible.",
    "A joint board with equal representation would set the partnership's priorities each year and review performance every quarter.",
    "Savings would be shared with the council on an open-book basis, with a guaranteed minimum in each of the first five years.",
    "We would locate a regional service centre in Salford, bringing work for other public sector clients and creating around two hundred jobs.",
    "Our project managers use PRINCE2 and would adopt the council's own version of it, so that governance stays familiar to elected members.",
    "Every service would have measurable targets, agreed with the council and published, with service credits when they are missed.",
    "We see real potential in selling the council's CRM Academy and SPRINT methodology to other authorities, with income shared fairly.",
    "Apprenticeships and a graduate scheme would be open to Salford residents first, supported by the local colleges and the university.",
    "The main risk is disruption during transition, which we would manage with a phased plan, parallel running and clear fallback points.",
    "Elected members would keep full control of policy, budgets and priorities; the partnership delivers, the council decides.",
    "We would publish an annual report on the partnership's social value, including local spend, jobs created and training delivered.",
    "Our e-government team has delivered online services that now handle most routine transactions for three metropolitan boroughs.",
    "Accessibility would be designed in from the start, with services available in person, by telephone and online for every resident.",
    "The partnership would strengthen the council's strategic capacity by releasing senior officers from day-to-day operational management.",
    "We would consult staff and unions before any change to working practices, through a joint forum that meets every month.",
    "Investment would cover new technology, property improvements in the civic centre and a programme of training for every member of staff.",
    "Procurement would follow the council's standing orders, and local small businesses would be encouraged to bid for subcontracts.",
    "We expect the first improvements to be visible to residents within six months, starting with faster processing of benefit claims.",
    "Performance information would be available to the council at any time through a shared dashboard, not only in formal reports.",
    "Our consortium partners bring specialist skills in legal services and human resources that complement our own strengths.",
    "Knowledge would be transferred back to the council throughout, so that it could bring services in-house again if it chose to.",
    "We would welcome informal discussions with the council before any formal procurement, to test and refine these proposals together.",
    "Business process re-engineering would be carried out with front-line staff, who know best where the current processes fail residents.",
    "The partnership would support the council's regeneration strategy by locating back-office functions in areas of need within the city.",
    "Our quality management system is certified to ISO 9001 and our information security to ISO 27001, both audited every year.",
    "We would keep the council's data in the United Kingdom, under the council's control, and return it in full at the end of the contract.",
    "Income from new clients would be reinvested in the services, so that Salford residents benefit directly from the partnership's growth.",
]

/// The answers to every question but the file one, as JSON bytes of `{"answers": {...}}`: a few
/// variants (different prose) made once, each with a marker in the organisation's name that a
/// submission replaces by its own organisation and count, so that no two copies are alike.
struct AnswerBodies {
    static let marker = "RUSH_MARKER_7f3a"
    let variants: [(prefix: [UInt8], suffix: [UInt8])]

    init(_ q: Questionnaire, variants count: Int = 8) throws {
        var made: [(prefix: [UInt8], suffix: [UInt8])] = []
        for v in 0..<count {
            var rng = SplitMix(seed: UInt64(v) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
            var answers: [String: Any] = [:]
            var markerPlaced = false
            for question in q.questions {
                switch question.kind {
                case "short-text":
                    if !markerPlaced {
                        answers[question.id] = "Rush Test Organisation \(AnswerBodies.marker) (fictitious)"
                        markerPlaced = true
                    } else {
                        answers[question.id] = "Jo Bloggs, Head of Public Sector Partnerships, 0161 496 0\(100 + v), jo.bloggs@rush.example"
                    }
                case "long-text":
                    let limit = question.wordLimit ?? 500
                    let target = min(limit - 20, 100 + Int(rng.next() % 201))
                    answers[question.id] = AnswerBodies.prose(words: max(20, target), rng: &rng)
                case "single-choice":
                    answers[question.id] = question.options[Int(rng.next() % UInt64(question.options.count))]
                case "multiple-choice":
                    let n = 1 + Int(rng.next() % UInt64(min(3, question.options.count)))
                    let start = Int(rng.next() % UInt64(question.options.count))
                    answers[question.id] = (0..<n).map { question.options[(start + $0) % question.options.count] }
                case "yes-no":
                    answers[question.id] = rng.next() % 4 == 0 ? "no" : "yes"
                case "number":
                    let lo = question.minimum?.value ?? 0, hi = question.maximum?.value ?? 1000
                    let value = lo + Double(rng.next() % 1000) / 1000 * (hi - lo) / 10
                    answers[question.id] = String(Int(value.rounded(.down)))
                case "date":
                    answers[question.id] = String(format: "2027-%02d-%02d", 1 + Int(rng.next() % 12), 1 + Int(rng.next() % 28))
                default:
                    continue // file questions are optional: no upload in the rush
                }
            }
            let data = try JSONSerialization.data(withJSONObject: ["answers": answers], options: [.sortedKeys])
            let text = String(decoding: data, as: UTF8.self)
            guard let range = text.range(of: AnswerBodies.marker) else { throw RushError("the questionnaire has no short-text question") }
            made.append((Array(text[..<range.lowerBound].utf8), Array(text[range.upperBound...].utf8)))
        }
        variants = made
    }

    func body(organisation: Int, submission: Int) -> [UInt8] {
        let v = variants[(organisation &+ submission) % variants.count]
        return v.prefix + Array("\(organisation)-\(submission)".utf8) + v.suffix
    }

    private static func prose(words target: Int, rng: inout SplitMix) -> String {
        var out: [String] = [], count = 0
        while count < target {
            let s = sentences[Int(rng.next() % UInt64(sentences.count))]
            let w = s.split(separator: " ")
            if count + w.count > target { out.append(w.prefix(target - count).joined(separator: " ") + "."); break }
            out.append(s); count += w.count
        }
        return out.joined(separator: " ")
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct RushError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
