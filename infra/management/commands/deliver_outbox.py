from django.core.management.base import BaseCommand, CommandError

from infra.outbox import SWEEP_BATCH, deliver_due


class Command(BaseCommand):
    help = "Delivers outbox rows (e-mail, index updates) whose first or next attempt is due."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=SWEEP_BATCH, help="At most this many rows per run.")

    def handle(self, *args, limit=SWEEP_BATCH, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        delivered = deliver_due(limit=limit)
        if options["verbosity"] > 1:
            self.stdout.write(f"{delivered} outbox messages delivered")
