from django.core.management.base import BaseCommand

from registrations.periodic import erase_expired


class Command(BaseCommand):
    help = (
        "Erases the personal data of registrations whose event ended more than "
        "REGISTRATION_RETENTION_MONTHS ago; the counts of persons reached stay."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{erase_expired()} registrations erased.")
