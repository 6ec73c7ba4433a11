import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)

# (command, interval in seconds). Later parts add their own deadline and retry jobs here.
PERIODIC_JOBS = [
    ("publish_scheduled", 60),
    ("deliver_outbox", 60),  # retries of e-mails and index updates (infra/outbox.py)
    ("idea_deadlines", 3600),  # reminders of overdue idea tasks, at most daily per task
    ("send_review_digests", 3600),  # reviewers' daily digests of new tasks, at most daily per reviewer
    ("erase_expired_personal_data", 86400),  # the retention rule for applicants' personal data
]


class Command(BaseCommand):
    help = "Runs the periodic jobs (scheduled publishing, ...) in a loop; one instance per deployment."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, once=False, **options):
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for name, interval in PERIODIC_JOBS:
                if now - last_run.get(name, -interval) >= interval:
                    last_run[name] = now
                    try:
                        call_command(name)
                    except Exception:  # one failing job must not stop the others
                        logger.exception("periodic job %s failed; next try in %ss", name, interval)
            if once:
                return
            time.sleep(5)
