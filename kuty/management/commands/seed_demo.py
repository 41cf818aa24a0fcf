from django.core.management.base import BaseCommand

from accounts import demo as accounts_demo
from clients import demo as clients_demo
from followup import demo as followup_demo
from followup import reminders
from placements import demo as placements_demo
from plans import demo as plans_demo
from reports import demo as reports_demo
from reports import rollups
from workability import demo as workability_demo


class Command(BaseCommand):
    help = "Create or refresh the South Ostrobothnia demo data (idempotent)."

    def handle(self, *args, **options) -> None:
        logins = accounts_demo.seed()
        clients_demo.seed()
        plans_demo.seed()
        placements_demo.seed()
        placements_demo.seed_attendance()
        followup_demo.seed()
        workability_demo.seed()  # a client on the work-ability path alongside kuty
        logins.append(reports_demo.seed())  # this year's earlier clients, for the report
        reminders.sweep()  # the home pages open on today's to-do lists (beat: every morning)
        rollups.refresh_all()  # the regional report's rollup tables (beat: every night)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo logins:"))
        self.stdout.write(f"  password for all: {accounts_demo.DEMO_PASSWORD}")
        for username, roles in logins:
            self.stdout.write(f"  {username:<20} {roles}")
