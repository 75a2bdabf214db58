// rush: the deadline rush against a Partnering server. C workers (default 64), each taking its
// own share of the organisations' tokens in turn and doing the whole flow an organisation does at
// the deadline: read the questionnaire, submit every answer (a first submission, or a
// resubmission) under a new Idempotency-Key, read the receipt back from its own URL.
// Every receipt acknowledged (201) is checked here (SHA-256 of the copy against the receipt's
// sha256) and written to --output at once, one `receipt sha256` a line, so that a run whose server
// is killed mid-way still knows exactly which receipts it was given.
//
//   rush --url http://127.0.0.1:8080 --exercise UUID --tokens tokens.txt --output receipts.txt
//        [--concurrency 64] [--duration 30] [--stop-when-down]
//   rush --healthz --url http://127.0.0.1:8080 [--concurrency 64] [--duration 30]
//
// Prints a summary, and a last line `RESULT key=value …` for the scripts.
import AsyncHTTPClient
import Crypto
import Foundation
import Synchronization

// MARK: Arguments

struct Options {
    var url = ""
    var exercise = ""
    var tokens = ""
    var output = ""
    var concurrency = 64
    var duration = 30.0
    var healthz = false
    var stopWhenDown = false
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
    usage: rush --url URL --exercise UUID --tokens FILE --output FILE [--concurrency 64] [--duration 30] [--stop-when-down]
           rush --healthz --url URL [--concurrency 64] [--duration 30]

    """.utf8))
    exit(2)
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst().makeIterator()
    func value(_ name: String) -> String {
        guard let v = args.next() else { FileHandle.standardError.write(Data("\(name) needs a value\n".utf8)); usage() }
        return v
    }
    while let a = args.next() {
        switch a {
        case "--url": o.url = value(a)
        case "--exercise": o.exercise = value(a)
        case "--tokens": o.tokens = value(a)
        case "--output": o.output = value(a)
        case "--concurrency", "-c": guard let n = Int(value(a)), n > 0 else { usage() }; o.concurrency = n
        case "--duration", "-d": guard let d = Double(value(a)), d > 0 else { usage() }; o.duration = d
        case "--healthz": o.healthz = true
        case "--stop-when-down": o.stopWhenDown = true
        case "--help", "-h": usage()
        default: FileHandle.standardError.write(Data("unknown argument \(a)\n".utf8)); usage()
        }
    }
    while o.url.hasSuffix("/") { o.url.removeLast() }
    if o.url.isEmpty { usage() }
    if !o.healthz && (o.exercise.isEmpty || o.tokens.isEmpty || o.output.isEmpty) { usage() }
    return o
}

// MARK: Measuring

/// What one worker saw; merged at the end, so that no lock is taken per request.
struct Tally {
    var flow: [UInt64] = []          // ns, whole flow (all three requests answered 2xx)
    var questionnaire: [UInt64] = []
    var submit: [UInt64] = []        // ns, the POST that answered 201
    var response: [UInt64] = []
    var healthz: [UInt64] = []
    var statuses: [String: Int] = [:]   // "step status" for every non-2xx
    var errors: [String: Int] = [:]     // "step: error" for every request that got no answer
    var firstSubmissions = 0
    var resubmissions = 0
    var receipts = 0
    var mismatches = 0                  // sha256(copy) != sha256, or the receipt read back differs
    var responseBytes = 0

    mutating func merge(_ o: Tally) {
        flow += o.flow; questionnaire += o.questionnaire; submit += o.submit; response += o.response; healthz += o.healthz
        statuses.merge(o.statuses, uniquingKeysWith: +); errors.merge(o.errors, uniquingKeysWith: +)
        firstSubmissions += o.firstSubmissions; resubmissions += o.resubmissions
        receipts += o.receipts; mismatches += o.mismatches; responseBytes += o.responseBytes
    }
}

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
    return Double(sorted[rank]) / 1_000_000
}

func ms(_ v: Double) -> String { v.isNaN ? "n/a" : String(format: "%.1f", v) }

final class Shared: Sendable {
    let stop = Atomic<Bool>(false)
    let receiptsFD: Int32
    init(receiptsFD: Int32) { self.receiptsFD = receiptsFD }

    /// One line per receipt, written with one write(2) on an O_APPEND file: in the kernel's hands
    /// (and so in the file) as soon as this returns, whatever then happens to this process.
    func record(receipt: String, sha256: String) {
        var line = Array("\(receipt) \(sha256)\n".utf8)
        line.withUnsafeMutableBytes { buf in
            var done = 0
            while done < buf.count {
                let n = write(receiptsFD, buf.baseAddress! + done, buf.count - done)
                if n <= 0 { if errno == EINTR { continue }; perror("write receipts"); exit(1) }
                done += n
            }
        }
    }
}

enum Outcome {
    case answered(status: Int, body: [UInt8])
    case failed(String)
}

func send(_ client: HTTPClient, _ request: HTTPClientRequest) async -> Outcome {
    do {
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 30)
        return .answered(status: Int(response.status.code), body: Array(buffer.readableBytesView))
    } catch {
        return .failed(describe(error))
    }
}

/// A short, stable name for an error, so that counts group (no addresses or ports in it).
func describe(_ error: any Error) -> String {
    var s = String(describing: error)
    if let cut = s.firstIndex(of: "(") { s = String(s[..<cut]) }
    if s.count > 80 { s = String(s.prefix(80)) }
    return s
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Whether `needle` occurs in `haystack` (memchr for its first byte, then memcmp).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
    return haystack.withUnsafeBytes { h in
        needle.withUnsafeBytes { n in
            var at = 0
            let last = h.count - n.count
            while at <= last {
                guard let hit = memchr(h.baseAddress! + at, Int32(first), last - at + 1) else { return false }
                let offset = h.baseAddress!.distance(to: UnsafeRawPointer(hit))
                if memcmp(h.baseAddress! + offset, n.baseAddress!, n.count) == 0 { return true }
                at = offset + 1
            }
            return false
        }
    }
}

struct Receipt: Decodable {
    let number: Int
    let receipt: String
    let sha256: String
    let copy: String
}

func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in digest { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}

// MARK: The run

@main
struct Rush {
    static func main() async {
        let options = parseOptions()
        var configuration = HTTPClient.Configuration(
    timeout: .init(connect: .seconds(2), read: .seconds(30)),
    connectionPool: .init(idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)
)
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let code = await report(options: options, client: client)
        try? await client.shutdown()
        exit(code)
    }
}

func run(options: Options, client: HTTPClient) async throws -> (Tally, Double) {
    let deadline = now() + UInt64(options.duration * 1_000_000_000)

    if options.healthz {
        let start = now()
        let tally = await withTaskGroup(of: Tally.self) { group in
            for _ in 0..<options.concurrency {
                group.addTask {
                    var t = Tally()
                    var request = HTTPClientRequest(url: options.url + "/healthz")
                    request.method = .GET
                    while now() < deadline {
                        let s = now()
                        switch await send(client, request) {
                        case .answered(let status, _):
                            if (200..<300).contains(status) { t.healthz.append(now() - s) } else { t.statuses["healthz \(status)", default: 0] += 1 }
                        case .failed(let e):
                            t.errors["healthz: \(e)", default: 0] += 1
                            try? await Task.sleep(nanoseconds: 20_000_000)
                        }
                    }
                    return t
                }
            }
            var all = Tally()
            for await t in group { all.merge(t) }
            return all
        }
        return (tally, Double(now() - start) / 1e9)
    }

    // The tokens, and the questionnaire once (to know what to answer; every flow reads it again).
    let tokens = try String(contentsOfFile: options.tokens, encoding: .utf8)
        .split(whereSeparator: \.isNewline).map(String.init).filter { $0.hasPrefix("pt_") }
    guard !tokens.isEmpty else { throw RushError("no tokens (lines starting pt_) in \(options.tokens)") }
    if tokens.count < options.concurrency {
        FileHandle.standardError.write(Data("rush: only \(tokens.count) tokens for \(options.concurrency) workers: some organisations will submit from two workers at once\n".utf8))
    }
    let questionnaireURL = "\(options.url)/api/v1/exercises/\(options.exercise)/questionnaire"
    let submitURL = "\(options.url)/api/v1/exercises/\(options.exercise)/response/submissions"
    var first = HTTPClientRequest(url: questionnaireURL)
    first.headers.add(name: "Authorization", value: "Bearer \(tokens[0])")
    guard case .answered(200, let qBody) = await send(client, first) else { throw RushError("could not read the questionnaire at \(questionnaireURL)") }
    let questionnaire = try JSONDecoder().decode(Questionnaire.self, from: Data(qBody))
    let bodies = try AnswerBodies(questionnaire)

    let fd = open(options.output, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o644)
    guard fd >= 0 else { throw RushError("cannot open \(options.output)") }
    let shared = Shared(receiptsFD: fd)
    let stopWhenDown = options.stopWhenDown
    let concurrency = options.concurrency

    let start = now()
    let tally = await withTaskGroup(of: Tally.self) { group in
        for worker in 0..<concurrency {
            group.addTask {
                var t = Tally()
                // This worker's own organisations (no two workers share one when there are enough).
                let mine = tokens.count >= concurrency
                    ? Array(stride(from: worker, to: tokens.count, by: concurrency))
                    : [worker % tokens.count]
                var submissionsMade = [Int](repeating: 0, count: tokens.count)
                var turn = 0
                let decoder = JSONDecoder()
                func failed(_ step: String, _ e: String) async {
                    t.errors["\(step): \(e)", default: 0] += 1
                    if stopWhenDown { shared.stop.store(true, ordering: .relaxed) }
                    try? await Task.sleep(nanoseconds: 20_000_000)
                }
                while now() < deadline, !shared.stop.load(ordering: .relaxed) {
                    let org = mine[turn % mine.count]
                    turn += 1
                    let auth = "Bearer \(tokens[org])"
                    let flowStart = now()

                    // 1. The questionnaire page.
                    var q = HTTPClientRequest(url: questionnaireURL)
                    q.headers.add(name: "Authorization", value: auth)
                    switch await send(client, q) {
                    case .failed(let e): await failed("questionnaire", e); continue
                    case .answered(let status, _) where !(200..<300).contains(status):
                        t.statuses["questionnaire \(status)", default: 0] += 1; continue
                    case .answered: t.questionnaire.append(now() - flowStart)
                    }

                    // 2. Every answer, under a new key.
                    submissionsMade[org] += 1
                    var p = HTTPClientRequest(url: submitURL)
                    p.method = .POST
                    p.headers.add(name: "Authorization", value: auth)
                    p.headers.add(name: "Content-Type", value: "application/json")
                    p.headers.add(name: "Idempotency-Key", value: UUID().uuidString)
                    p.body = .bytes(bodies.body(organisation: org, submission: submissionsMade[org]))
                    let submitStart = now()
                    let receipt: Receipt
                    switch await send(client, p) {
                    case .failed(let e): await failed("submit", e); continue
                    case .answered(let status, _) where status != 201:
                        t.statuses["submit \(status)", default: 0] += 1; continue
                    case .answered(_, let body):
                        t.submit.append(now() - submitStart)
                        guard let r = try? decoder.decode(Receipt.self, from: Data(body)) else {
                            t.statuses["submit 201 without a receipt", default: 0] += 1; continue
                        }
                        receipt = r
                    }
                    shared.record(receipt: receipt.receipt, sha256: receipt.sha256)
                    t.receipts += 1
                    if receipt.number == 1 { t.firstSubmissions += 1 } else { t.resubmissions += 1 }
                    if hex(SHA256.hash(data: Array(receipt.copy.utf8))) != receipt.sha256.lowercased() { t.mismatches += 1 }

                    // 3. The receipt read back from where the submission's answer put it (its `Location`).
                    var g = HTTPClientRequest(url: "\(submitURL)/\(receipt.number)")
                    g.headers.add(name: "Authorization", value: auth)
                    let readStart = now()
                    switch await send(client, g) {
                    case .failed(let e): await failed("receipt", e); continue
                    case .answered(let status, _) where !(200..<300).contains(status):
                        t.statuses["receipt \(status)", default: 0] += 1; continue
                    case .answered(_, let body):
                        let end = now()
                        t.response.append(end - readStart)
                        t.responseBytes += body.count
                        if !contains(body, Array(receipt.sha256.utf8)) { t.mismatches += 1 }
                        t.flow.append(end - flowStart)
                    }
                }
                return t
            }
        }
        var all = Tally()
        for await t in group { all.merge(t) }
        return all
    }
    let elapsed = Double(now() - start) / 1e9
    close(fd)
    return (tally, elapsed)
}

func report(options: Options, client: HTTPClient) async -> Int32 {
var exitCode: Int32 = 0
do {
    let (t, elapsed) = try await run(options: options, client: client)
    let errors = t.errors.values.reduce(0, +), non2xx = t.statuses.values.reduce(0, +)
    func line(_ s: String) { print(s) }
    if options.healthz {
        let h = t.healthz.sorted()
        let rps = Double(h.count) / elapsed
        line("/healthz: \(h.count) answered in \(String(format: "%.1f", elapsed)) s at \(options.concurrency) connections: \(String(format: "%.0f", rps)) requests/s, p50 \(ms(percentile(h, 50))) ms, p99 \(ms(percentile(h, 99))) ms; \(errors) errors, \(non2xx) non-2xx")
        line(String(format: "RESULT healthz_rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d", rps, percentile(h, 50), percentile(h, 99), errors, non2xx))
    } else {
        let flow = t.flow.sorted(), submit = t.submit.sorted(), q = t.questionnaire.sorted(), r = t.response.sorted()
        let rate = Double(flow.count) / elapsed
        line("Deadline rush: \(options.concurrency) workers, \(String(format: "%.1f", elapsed)) s")
        line("- complete responses (questionnaire read, every answer submitted, receipt read back): \(flow.count), \(String(format: "%.1f", rate))/s")
        line("- receipts acknowledged (201): \(t.receipts) (\(t.firstSubmissions) first submissions, \(t.resubmissions) resubmissions); checked client-side, mismatches: \(t.mismatches)")
        line("- complete flow: p50 \(ms(percentile(flow, 50))) ms, p95 \(ms(percentile(flow, 95))) ms, p99 \(ms(percentile(flow, 99))) ms")
        line("- questionnaire GET: p50 \(ms(percentile(q, 50))) ms, p99 \(ms(percentile(q, 99))) ms")
        line("- submission POST: p50 \(ms(percentile(submit, 50))) ms, p95 \(ms(percentile(submit, 95))) ms, p99 \(ms(percentile(submit, 99))) ms")
        line("- receipt GET: p50 \(ms(percentile(r, 50))) ms, p99 \(ms(percentile(r, 99))) ms, mean body \(r.isEmpty ? 0 : t.responseBytes / r.count / 1024) KiB")
        line("- requests with no answer (connection errors, timeouts): \(errors)")
        for (k, v) in t.errors.sorted(by: { $0.value > $1.value }) { line("    \(v) × \(k)") }
        line("- non-2xx answers: \(non2xx)")
        for (k, v) in t.statuses.sorted(by: { $0.key < $1.key }) { line("    \(v) × \(k)") }
        line(String(format: "RESULT flows=%d flows_per_s=%.1f flow_p50_ms=%.2f flow_p95_ms=%.2f flow_p99_ms=%.2f submit_p50_ms=%.2f submit_p99_ms=%.2f receipts=%d first=%d resubmissions=%d mismatches=%d errors=%d non2xx=%d elapsed_s=%.1f",
                    flow.count, rate, percentile(flow, 50), percentile(flow, 95), percentile(flow, 99), percentile(submit, 50), percentile(submit, 99),
                    t.receipts, t.firstSubmissions, t.resubmissions, t.mismatches, errors, non2xx, elapsed))
        if t.mismatches > 0 { exitCode = 3 }
    }
} catch {
    FileHandle.standardError.write(Data("rush: \(error)\n".utf8))
    exitCode = 1
}
return exitCode
}
