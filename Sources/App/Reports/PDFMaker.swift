import Foundation
import Vapor

/// Makes a PDF from a report's printable HTML with WeasyPrint (Debian's `weasyprint`), run as a
/// separate process: the HTML goes in on standard input, the PDF comes back on standard output.
/// The process fetches nothing: its URL fetcher refuses every address but `data:`, so a report
/// cannot make the server reach the network, and the document carries its CSS inline
/// (`CommitteeReport.document(.inline)`). It runs on the application's thread pool, never on an
/// event loop, and is stopped after `timeout`.
enum PDFMaker {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The whole program WeasyPrint runs in. It reads the HTML, refuses any fetch, writes the PDF.
    static let program = """
        import sys
        try:
            from weasyprint import HTML, default_url_fetcher
        except ImportError:
            sys.stderr.write("WeasyPrint is not installed (Debian: apt-get install weasyprint)\\n")
            sys.exit(3)
        def refuse(url, timeout=10, ssl_context=None):
            if url.startswith("data:"):
                return default_url_fetcher(url)
            raise ValueError("a report fetches nothing: " + url[:80])
        html = sys.stdin.buffer.read().decode("utf-8")
        sys.stdout.buffer.write(HTML(string=html, url_fetcher=refuse).write_pdf())
        """

    static let timeout: TimeInterval = 120

    static func pdf(_ html: HTML, python: String, on pool: NIOThreadPool) async throws -> Data {
        let input = Data(html.rendered.utf8)
        return try await pool.runIfActive { try run(input, python: python) }
    }

    /// Blocks its thread until the process ends: call it on a thread pool.
    static func run(_ input: Data, python: String) throws -> Data {
        // A process that ends before reading all its input must not end the server with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-I", "-c", program]   // -I: no user site, no environment's PYTHON* variables
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw Failure(description: "WeasyPrint could not be started (\(python)): \(error.localizedDescription)")
        }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        defer { timer.cancel() }
        // Both outputs are read while the input is written, so no pipe fills and stops the process.
        let group = DispatchGroup()
        nonisolated(unsafe) var output = Data(), errors = Data()
        group.enter()
        DispatchQueue.global().async { output = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errors = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0, output.starts(with: Data("%PDF-".utf8)) else {
            let said = String(decoding: errors.suffix(2_000), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "no message"
            throw Failure(description: "WeasyPrint did not make the PDF (status \(process.terminationStatus)): \(said)")
        }
        return output
    }
}

extension Application {
    private struct PDFThreadsKey: StorageKey { typealias Value = NIOThreadPool }

    /// One thread of its own for making PDFs, so that a report being made never holds a thread
    /// the database's driver or the sensitivity analysis needs; PDFs wait their turn on it.
    /// Set up by `configure` (`startPDFThreads`), stopped with the application.
    var pdfThreads: NIOThreadPool { configured(PDFThreadsKey.self) }

    func startPDFThreads() {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        storage[PDFThreadsKey.self] = pool
        lifecycle.use(PDFThreadsShutdown(pool: pool))
    }
}

private struct PDFThreadsShutdown: LifecycleHandler {
    let pool: NIOThreadPool
    func shutdownAsync(_ application: Application) async { try? await pool.shutdownGracefully() }
}
