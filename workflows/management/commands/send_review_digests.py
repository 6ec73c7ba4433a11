from django.core.management.base import BaseCommand

from workflows.digests import send_review_digests


class Command(BaseCommand):
    help = "E-mails each reviewer who chose the daily digest the tasks that landed in their queues (daily)."

    def handle(self, *args, **options):
        written = send_review_digests()
        if options["verbosity"] > 1:
            self.stdout.write(f"{written} digests")
