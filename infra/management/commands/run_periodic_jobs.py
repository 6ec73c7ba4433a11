import logging
import signal
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from infra.locks import AlreadyRunning, only_instance

logger = logging.getLogger(__name__)

# (command, interval in seconds)
PERIODIC_JOBS = [
    ("publish_scheduled", 60),
    ("deliver_outbox", 60),  # retries of e-mails and index updates (infra/outbox.py)
    ("idea_deadlines", 3600),  # reminders of overdue idea tasks, at most daily per task
    ("send_review_digests", 3600),  # reviewers' daily digests of new tasks, at most daily per reviewer
    ("erase_expired_personal_data", 86400),  # the retention rule for applicants' personal data
    ("discard_abandoned_uploads", 3600),  # attachments held for intake forms never sent again
    ("send_event_reminders", 3600),  # participants' reminders the day before, once per registration
    ("erase_expired_registrations", 86400),  # the retention rule for event registrations
]
#: Seconds between two looks at which jobs are due.
TICK = 5


class Command(BaseCommand):
    help = (
        "Runs the periodic jobs (scheduled publishing, outbox retries, reminders, digests, retention) "
        "in a loop. Only one instance runs per database; SIGTERM stops it after the current job."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, once=False, **options):
        try:
            with only_instance("run_periodic_jobs"):
                self.run(once=once, verbosity=options["verbosity"])
        except AlreadyRunning:
            raise CommandError(
                "run_periodic_jobs is already running for this database; one instance is enough."
            ) from None

    def run(self, *, once: bool, verbosity: int) -> None:
        stopping = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
        try:
            if verbosity > 0:
                self.stdout.write("Running the periodic jobs; SIGTERM stops them after the current job.")
                self.stdout.flush()
            self.loop(once=once, stopping=stopping)
        finally:
            signal.signal(signal.SIGTERM, previous)
        if stopping.is_set() and verbosity > 0:
            self.stdout.write("Stopped on SIGTERM.")

    def loop(self, *, once: bool, stopping: threading.Event) -> None:
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for name, interval in PERIODIC_JOBS:
                if stopping.is_set():
                    return
                if now - last_run.get(name, -interval) >= interval:
                    last_run[name] = now
                    try:
                        call_command(name)
                    except Exception:  # one failing job must not stop the others
                        logger.exception("periodic job %s failed; next try in %ss", name, interval)
            if once or stopping.wait(TICK):
                return
