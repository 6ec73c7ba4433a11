from django.core.management.base import BaseCommand

from workflows.deadlines import send_deadline_reminders


class Command(BaseCommand):
    help = "Reminds holders (or groups) of overdue idea tasks daily; tells managers of very late ones."

    def handle(self, *args, **options):
        reminders, notices = send_deadline_reminders()
        if options["verbosity"] > 1:
            self.stdout.write(f"{reminders} reminders, {notices} manager notices")
