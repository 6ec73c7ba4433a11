from datetime import timedelta

from django.core.management.base import BaseCommand

from workflows.actions.held import discard_abandoned_uploads
from workflows.public.form_keys import FORM_KEY_MAX_AGE


class Command(BaseCommand):
    help = (
        "Deletes the attachments held for intake forms that were sent back with errors and never sent "
        "again, once the form's key has expired (run hourly)."
    )

    def handle(self, *args, **options):
        discarded = discard_abandoned_uploads(timedelta(seconds=FORM_KEY_MAX_AGE))
        if options["verbosity"] > 1:
            self.stdout.write(f"{discarded} held attachments deleted")
