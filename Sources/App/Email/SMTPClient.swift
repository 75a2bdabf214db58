import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where mail goes: `PARTNERING_SMTP_URL`, such as `smtp://user:pass@mail.council.gov.uk:587`
/// (STARTTLS, which is required before a password is sent) or `smtps://…:465` (TLS from the
/// first byte). Never printed with its password.
struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
    enum Security: Sendable, Equatable { case startTLS, implicitTLS }

    var host: String
    var port: Int
    var security: Security
    var username: String?
    var password: String?
    /// A PEM file of extra certificate authorities to trust (a council's own), besides the system's.
    var caFile: String?

    init?(url: String, caFile: String? = nil) {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), let host = parts.host, !host.isEmpty else { return nil }
        switch scheme {
        case "smtp": security = .startTLS; port = parts.port ?? 587
        case "smtps": security = .implicitTLS; port = parts.port ?? 465
        default: return nil
        }
        self.host = host
        // Already percent-decoded by URLComponents (`50%25off` is `50%off`).
        username = parts.user
        password = parts.password
        self.caFile = caFile
    }

    var description: String {
        "\(security == .implicitTLS ? "smtps" : "smtp")://\(username.map { "\($0):•••@" } ?? "")\(host):\(port)"
    }
}

/// One message as SMTP carries it: a plain-text part and an HTML part, UTF-8, base64.
struct MailMessage: Sendable, Equatable {
    var from: String
    var fromName: String
    var to: String
    var subject: String
    var text: String
    var html: String
    /// Stable for one outbox row, so that a message sent twice (a lease that ran out) can be recognised.
    var messageID: String

    /// RFC 5322, CRLF line ends, lines never longer than 78 characters.
    func rendered(date: Date) -> String {
        let boundary = "=_partnering_" + messageID.filter { $0.isLetter || $0.isNumber }
        // RFC 2047: text that is not plain ASCII goes as encoded words of at most 75 characters
        // (39 bytes of UTF-8 each, never splitting a character), folded onto lines of their own.
        func encodedWord(_ s: String) -> String {
            guard !s.allSatisfy({ $0.isASCII && !$0.isNewline }) || s.count > 60 else { return s }
            var words: [String] = [], chunk = ""
            for c in s where !c.isNewline {
                if chunk.utf8.count + String(c).utf8.count > 39 {
                    words.append(chunk)
                    chunk = ""
                }
                chunk.append(c)
            }
            if !chunk.isEmpty { words.append(chunk) }
            return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
        }
        func base64Lines(_ s: String) -> String {
            let b = Data(s.utf8).base64EncodedString()
            var out: [Substring] = [], i = b.startIndex
            while i < b.endIndex {
                let j = b.index(i, offsetBy: 76, limitedBy: b.endIndex) ?? b.endIndex
                out.append(b[i..<j])
                i = j
            }
            return out.joined(separator: "\r\n")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: \(encodedWord(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(encodedWord(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n"
            + "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(base64Lines(text))\r\n"
            + "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(base64Lines(html))\r\n"
            + "--\(boundary)--\r\n"
    }
}

/// Why a message was not sent. `permanent` (a 5xx answer) is not worth trying again.
struct SMTPError: Error, CustomStringConvertible {
    var description: String
    var permanent: Bool = false
}

/// A small SMTP client on SwiftNIO: one connection per message, EHLO, STARTTLS (or TLS from the
/// start), AUTH PLAIN only over TLS, MAIL, RCPT, DATA, QUIT. Every step has a deadline.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)
    /// The name this server gives itself in EHLO.
    var heloName = "partnering.localhost"

    func send(_ message: MailMessage, date: Date) async throws {
        let tls = try makeTLSContext()
        let replies = SMTPReplyHandler()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: settings.serverHostname))
                        }
                        try channel.pipeline.syncOperations.addHandler(replies)
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPError(description: "could not connect to \(settings.host):\(settings.port): \(error)")
        }
        do {
            try await converse(channel, replies, tls: tls, message: message, date: date)
            _ = try? await channel.close().get()
        } catch {
            _ = try? await channel.close().get()
            throw error
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var config = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { config.additionalTrustRoots = [.file(caFile)] }
        return try NIOSSLContext(configuration: config)
    }

    private func converse(_ channel: any Channel, _ replies: SMTPReplyHandler, tls: NIOSSLContext, message: MailMessage, date: Date) async throws {
        func reply(_ expected: Set<Int>, after what: String) async throws -> SMTPReply {
            let r = try await replies.next(on: channel.eventLoop, timeout: timeout)
            guard expected.contains(r.code) else {
                throw SMTPError(description: "\(what): the server answered \(r.code) \(r.lines.joined(separator: " "))", permanent: r.code >= 500)
            }
            return r
        }
        func command(_ line: String, _ expected: Set<Int>, shown: String? = nil) async throws -> SMTPReply {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            return try await reply(expected, after: shown ?? line)
        }

        _ = try await reply([220], after: "greeting")
        var ehlo = try await command("EHLO \(heloName)", [250])
        var secure = settings.security == .implicitTLS
        if !secure, ehlo.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            _ = try await command("STARTTLS", [220])
            try await channel.pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: settings.serverHostname), position: .first).get()
            secure = true
            ehlo = try await command("EHLO \(heloName)", [250])
        }
        if let user = settings.username {
            // A password never crosses the network in clear.
            guard secure else { throw SMTPError(description: "the server at \(settings.host) does not offer STARTTLS, so the password was not sent", permanent: true) }
            let token = Data("\0\(user)\0\(settings.password ?? "")".utf8).base64EncodedString()
            _ = try await command("AUTH PLAIN \(token)", [235], shown: "AUTH PLAIN")
        }
        _ = try await command("MAIL FROM:<\(message.from)>", [250])
        _ = try await command("RCPT TO:<\(message.to)>", [250, 251])
        _ = try await command("DATA", [354])
        // Dot-stuffing: a line that starts with "." gets another.
        let body = message.rendered(date: date).replacingOccurrences(of: "\r\n.", with: "\r\n..")
        try await channel.writeAndFlush(ByteBuffer(string: body + ".\r\n")).get()
        _ = try await reply([250], after: "the message")
        _ = try? await command("QUIT", [221])
    }
}

extension SMTPSettings {
    /// For TLS's name check and SNI. An address is sent no name: TLS then checks the certificate
    /// against the address connected to.
    var serverHostname: String? {
        let isAddress = host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
        return isAddress ? nil : host
    }
}

/// A server's reply: its code and its lines (a reply may run over several: `250-…`, `250 …`).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// Reads replies off the connection and hands them, in order, to whoever asks next.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    // Touched only on the channel's event loop.
    private var pending = ""
    private var lines: [String] = []
    private var ready: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            lines.append(String(line.dropFirst(4)))
            let isLast = line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-"
            guard isLast else { continue }
            let reply = SMTPReply(code: Int(line.prefix(3)) ?? 0, lines: lines)
            lines = []
            if waiting.isEmpty { ready.append(reply) } else { waiting.removeFirst().succeed(reply) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(description: "the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(SMTPError(description: "connection error: \(error)"))
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        failure = failure ?? error
        for promise in waiting { promise.fail(error) }
        waiting = []
    }

    func next(on loop: any EventLoop, timeout: TimeAmount) async throws -> SMTPReply {
        try await loop.flatSubmit { () -> EventLoopFuture<SMTPReply> in
            if !self.ready.isEmpty { return loop.makeSucceededFuture(self.ready.removeFirst()) }
            if let failure = self.failure { return loop.makeFailedFuture(failure) }
            let promise = loop.makePromise(of: SMTPReply.self)
            self.waiting.append(promise)
            let timer = loop.scheduleTask(in: timeout) {
                guard let i = self.waiting.firstIndex(where: { $0.futureResult === promise.futureResult }) else { return }
                self.waiting.remove(at: i)
                promise.fail(SMTPError(description: "no answer from the server in time"))
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
            return promise.futureResult
        }.get()
    }
}
