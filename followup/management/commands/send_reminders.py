import datetime

from django.core.management.base import BaseCommand

from followup import reminders


class Command(BaseCommand):
    help = "Run the daily reminder sweep (and send the digest e-mails) now."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="as on YYYY-MM-DD")
        parser.add_argument("--no-mail", action="store_true", help="skip the digest e-mails")

    def handle(self, *args, date=None, no_mail=False, **options) -> None:
        result = reminders.sweep(date)
        for kind, created in result.created.items():
            if created or result.resolved[kind]:
                self.stdout.write(f"{kind}: {created} new, {result.resolved[kind]} closed")
        sent = 0 if no_mail else reminders.send_digests(date)
        self.stdout.write(self.style.SUCCESS(f"{result}; {sent} digests sent"))
