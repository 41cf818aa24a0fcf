"""Rebuild the regional report's rollup tables in full (also nightly, by Celery beat)."""

from django.core.management.base import BaseCommand

from reports.rollups import refresh_all


class Command(BaseCommand):
    help = "Rebuild the regional report's rollup tables (reports.rollups) in full."

    def handle(self, *args, **options):
        seconds = refresh_all(verbose=options["verbosity"] > 1)
        self.stdout.write(f"refresh_report_rollups: {seconds:.1f} s")
