from django.core.management.base import BaseCommand

from workflows.actions import erase_expired_personal_data


class Command(BaseCommand):
    help = (
        "Erases the applicant's personal data from ideas that ended and have not changed for "
        "IDEA_PERSONAL_DATA_RETENTION_DAYS days (the retention rule; run daily)."
    )

    def handle(self, *args, **options):
        erased = erase_expired_personal_data()
        if options["verbosity"] > 1:
            self.stdout.write(f"{erased} ideas erased")
