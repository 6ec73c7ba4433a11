"""An SMTP server that keeps what it receives: the topology run's mail server.

Enough of RFC 5321 for Django's SMTP backend without TLS or authentication (EHLO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT). Every accepted message is kept with its envelope recipients and
subject, so the run can compare them with the outbox's rows.
"""

import dataclasses
import email
import email.policy
import socketserver
import threading


@dataclasses.dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    subject: str


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 topology-sink ready")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 topology-sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.keep(recipients, self._data())
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            else:
                self.reply("502 Command not implemented")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)  # dot-stuffing
        return b"".join(lines)


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int):
        super().__init__(("127.0.0.1", port), _Session)
        self.received: list[Received] = []
        self._lock = threading.Lock()

    def keep(self, recipients: list[str], data: bytes) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._lock:
            self.received.append(Received(tuple(sorted(recipients)), str(message["Subject"] or "")))

    def start(self) -> "SmtpSink":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self
