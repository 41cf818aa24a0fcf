from django.core.management.base import BaseCommand, CommandError

from clients.models import Client
from kuty import scale


class Command(BaseCommand):
    help = (
        "Load national-scale benchmark data into an empty, migrated database: by default "
        "100 000 clients, ~114 000 cases, ~5 M attendance marks, 1 M access-log rows "
        "(kuty/scale.py). Never into a database people use."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clients", type=int, default=100_000)

    def handle(self, *args, clients: int, **options) -> None:
        if clients < 100:
            raise CommandError("--clients: at least 100 (20 organisers, 300 sites).")
        if Client.objects.exists():
            raise CommandError("The database already holds clients: seed_scale needs an empty one.")
        timings = scale.seed(clients, say=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"seed_scale: {clients} clients in {timings['total']:.0f} s")
        )
