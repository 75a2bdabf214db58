"""An SMTP server for the tests: STARTTLS required, AUTH PLAIN/LOGIN over TLS only, and each
message it accepts written to the spool folder as JSON (envelope, headers, both parts, whether
TLS was on and who signed in), for the tests to read. A recipient starting "reject" is refused
for good (550), one starting "tempfail" for now (451), so that retries can be tested.

    python tests/smtp/server.py --port 2525 --spool DIR --cert cert.pem --key key.pem --user U --password P
"""
import argparse
import asyncio
import email
import email.policy
import json
import pathlib
import ssl
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Spool:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 No such mailbox"
        if address.startswith("tempfail"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_subtype()] = part.get_content()
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "messageId": str(message["Message-ID"]),
            "date": str(message["Date"]),
            "text": parts.get("plain", ""),
            "html": parts.get("html", ""),
            "tls": session.ssl is not None,
            "user": (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None),
        }
        name = f"{time.time():.6f}-{uuid.uuid4().hex}.json"
        (self.folder / (name + ".part")).write_text(json.dumps(record))
        (self.folder / (name + ".part")).rename(self.folder / name)
        return "250 2.0.0 Accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--spool", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode() and auth_data.password == args.password.encode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    controller = Controller(Spool(args.spool), hostname=args.host, port=args.port, tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    print(f"SMTP test server on {args.host}:{args.port}, spool {args.spool}", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
