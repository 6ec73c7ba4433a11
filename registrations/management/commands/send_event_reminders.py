from django.core.management.base import BaseCommand

from registrations.periodic import send_reminders


class Command(BaseCommand):
    help = "E-mails each seated participant a reminder the day before their event, once per registration."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} reminders sent.")
