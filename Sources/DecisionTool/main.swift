// `decision`: the Decision library from the command line, for benchmarks and for checking it
// against an independent implementation. Problems are JSON (see `Problem`); weight samples and
// score draws are raw little-endian float64 files, row after row.
//
//   decision sample PROBLEM --out WEIGHTS          draw the problem's weights, write them
//   decision smaa PROBLEM [--weights WEIGHTS] [--draws DRAWS] [--out RESULT]
//                                                   SMAA-2 on given or freshly drawn weights
import Decision
import Foundation

struct Problem: Decodable {
    var scores: [[Double]]
    /// Per-cell uncertainty: "uniform" with `relative` (value·(1 ± relative)), or none.
    var uncertainty: Uncertainty?
    var weights: Weights
    var samples: Int
    var seed: UInt64
    var metaWeights: String?
    var confidenceDraws: Int?

    struct Uncertainty: Decodable {
        var kind: String
        var relative: Double
    }

    struct Weights: Decodable {
        var exact: [Double]?
        var tiers: [[Int]]?
        /// Rows aᵀw ≤ b.
        var linear: [Row]?
        var intervals: [Interval]?
        struct Row: Decodable { var coefficients: [Double]; var bound: Double }
        struct Interval: Decodable { var criterion: Int; var lower: Double; var upper: Double }
    }

    var information: WeightInformation {
        if let exact = weights.exact { return .exact(exact) }
        if let tiers = weights.tiers { return .tiers(tiers) }
        let constraints = (weights.linear ?? []).map { WeightConstraint.linear(coefficients: $0.coefficients, bound: $0.bound) }
            + (weights.intervals ?? []).map { WeightConstraint.interval($0.criterion, lower: $0.lower, upper: $0.upper) }
        return constraints.isEmpty ? .unknown : .constraints(constraints)
    }

    var criteria: Int { scores.first?.count ?? 0 }

    func scoreSource() throws -> ScoreSource {
        let values = Matrix(scores)
        guard let uncertainty, uncertainty.relative > 0 else { return .exact(values) }
        guard uncertainty.kind == "uniform" else {
            throw InputError("Only \"uniform\" uncertainty is described in problem files, not \"\(uncertainty.kind)\".")
        }
        let r = uncertainty.relative
        // ±r of each score: for a negative score, its lower end is the one times (1 + r).
        return .distributions(scores.map { row in row.map { .uniform(lower: min($0 * (1 - r), $0 * (1 + r)), upper: max($0 * (1 - r), $0 * (1 + r))) } },
                              seed: seed &+ 1)
    }

    var meta: MetaWeights { metaWeights == "centroid" ? .centroid : .linear }
}

func readDoubles(_ path: String) throws -> [Double] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count % 8 == 0 else { throw InputError("\(path) is not a file of float64 values: its length is not a multiple of 8 bytes.") }
    return data.withUnsafeBytes { raw in
        (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
    }
}

func writeDoubles(_ values: [Double], to path: String) throws {
    var data = Data(capacity: values.count * 8)
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    try data.write(to: URL(fileURLWithPath: path))
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func run() throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.count >= 2, ["sample", "smaa"].contains(arguments[0]) else {
        FileHandle.standardError.write(Data("usage: decision sample PROBLEM --out WEIGHTS\n       decision smaa PROBLEM [--weights WEIGHTS] [--draws DRAWS] [--out RESULT]\n".utf8))
        exit(64)
    }
    let problem = try JSONDecoder().decode(Problem.self, from: Data(contentsOf: URL(fileURLWithPath: arguments[1])))
    let n = problem.criteria, m = problem.scores.count
    guard m > 0, n > 0, problem.scores.allSatisfy({ $0.count == n }) else {
        throw InputError("The problem's scores must be rows of the same length: one row an alternative, one number a criterion.")
    }

    var output = JSONObject()
    let weights: Matrix
    if let path = option("--weights", in: arguments) {
        let values = try readDoubles(path)
        guard n > 0, !values.isEmpty, values.count % n == 0 else {
            throw InputError("\(path) holds \(values.count) values, which is not a whole number of samples of \(n) weights.")
        }
        weights = Matrix(rows: values.count / n, columns: n, values: values)
        output["method"] = .text("read from \(path)")
    } else {
        let start = ContinuousClock.now
        let (sampled, method) = try WeightSampling.sample(problem.information, criteria: n, count: problem.samples, seed: problem.seed)
        output["samplingSeconds"] = .number(seconds(since: start))
        output["method"] = .text(method.description)
        weights = sampled
    }
    if arguments[0] == "sample" {
        guard let out = option("--out", in: arguments) else { throw CocoaError(.fileNoSuchFile) }
        try writeDoubles(weights.values, to: out)
        return
    }
    var source = try problem.scoreSource()
    if let path = option("--draws", in: arguments) {
        source = .recorded(alternatives: m, criteria: n, draws: try readDoubles(path))
    }
    let start = ContinuousClock.now
    let result = try SMAA.analyse(scores: source, weights: weights, metaWeights: problem.meta,
                                  confidenceDraws: problem.confidenceDraws)
    output["analysisSeconds"] = .number(seconds(since: start))
    output["samples"] = .number(Double(result.samples))
    output["rankAcceptability"] = .rows(result.rankAcceptability.rowArrays)
    output["centralWeights"] = .optionalRows(result.centralWeights)
    output["confidence"] = .optionalNumbers(result.confidence)
    output["holisticAcceptability"] = .numbers(result.holisticAcceptability)
    output["pairwiseWinning"] = .rows(result.pairwiseWinning.rowArrays)
    let json = Data(output.bytes)
    if let out = option("--out", in: arguments) {
        try json.write(to: URL(fileURLWithPath: out))
    } else {
        FileHandle.standardOutput.write(json)
    }
}

/// The result as JSON, keys sorted. Written by hand because `JSONSerialization` took twice as
/// long as the analysis for two 200×200 matrices.
struct JSONObject {
    enum Value {
        case number(Double), text(String), numbers([Double]), optionalNumbers([Double?]), rows([[Double]]), optionalRows([[Double]?])
    }
    private var fields: [String: Value] = [:]
    subscript(key: String) -> Value? {
        get { fields[key] }
        set { fields[key] = newValue }
    }

    /// The object as UTF-8, written into one buffer (strings joined per number were most of it).
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func number(_ d: Double?) {
            guard let d, d.isFinite else { out.append(contentsOf: "null".utf8); return }
            if d == 0 { out.append(UInt8(ascii: "0")) }
            else if d == d.rounded() && abs(d) < 1e15 { out.append(contentsOf: String(Int(d)).utf8) }
            else { out.append(contentsOf: d.description.utf8) }
        }
        func list<T>(_ items: [T], _ each: (T) -> Void) {
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                each(item)
            }
            out.append(UInt8(ascii: "]"))
        }
        func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for c in s.unicodeScalars {
                switch c {
                case "\"": out.append(contentsOf: "\\\"".utf8)
                case "\\": out.append(contentsOf: "\\\\".utf8)
                case _ where c.value < 0x20: out.append(contentsOf: String(format: "\\u%04x", c.value).utf8)
                default: out.append(contentsOf: String(c).utf8)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "{"))
        for (k, key) in fields.keys.sorted().enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            string(key)
            out.append(UInt8(ascii: ":"))
            switch fields[key]! {
            case let .number(d): number(d)
            case let .text(s): string(s)
            case let .numbers(a): list(a) { number($0) }
            case let .optionalNumbers(a): list(a) { number($0) }
            case let .rows(r): list(r) { row in list(row) { number($0) } }
            case let .optionalRows(r): list(r) { row in if let row { list(row) { number($0) } } else { out.append(contentsOf: "null".utf8) } }
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

/// Input the tool cannot use, told as such.
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

do {
    try run()
} catch let error as DecisionError {
    FileHandle.standardError.write(Data("decision: \(error.description)\n".utf8))
    exit(65)
} catch let error as InputError {
    FileHandle.standardError.write(Data("decision: \(error.message)\n".utf8))
    exit(65)
} catch {
    FileHandle.standardError.write(Data("decision: \(error)\n".utf8))
    exit(66)
}
