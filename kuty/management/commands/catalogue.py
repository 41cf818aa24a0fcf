"""`manage.py catalogue`: every kind of client record and everything one app adds to
another's work, in one listing (issue 23: behaviour carried across apps must be visible
to a reader, not only to whoever finds the registering import)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from clients import case_page, lifecycle
from core import hooks
from core.records import catalogue
from decisions import services as decision_services
from kuty.home import PANELS
from placements import placement_page


def _name(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def lines() -> list[str]:
    out = ["Record kinds (core.records.catalogue), in the process' order:"]
    for kind in catalogue:
        rights = ", ".join(sorted(kind.scopes)) or "no gate: export only"
        out.append(
            f"  {kind.name:<20} {kind.model._meta.label:<32} rights: {rights}; "
            f"topic: {kind.topic or '-'}; timeline: {'yes' if kind.timeline else 'no'}"
        )
    out.append("Listeners of a changed matter (core.hooks), in the writer's transaction:")
    out += [f"  {_name(f)}" for f in hooks._listeners]
    out.append("… and after the commit, in the worker:")
    out += [f"  {_name(f)}" for f in hooks._later]
    out.append("Made decisions (decisions.services.on_decision_made):")
    out += [f"  {_name(f)}" for f in decision_services._made_hooks]
    out.append("Conditions of entering a phase (clients.lifecycle.phase_guard):")
    out += [f"  {phase}: {_name(f)}" for phase, fs in lifecycle._guards.items() for f in fs]
    out.append("Case-page panels (clients.case_page):")
    out += [f"  {_name(f)}" for f in case_page._providers]
    out.append("Placement-page panels (placements.placement_page):")
    out += [f"  {_name(f)}" for f in placement_page._providers]
    out.append("Home-page panels (kuty.home.PANELS):")
    out += [f"  {', '.join(sorted(p.roles))}: {_name(p.build)}" for p in PANELS]
    return out


class Command(BaseCommand):
    help = "List the record catalogue and every cross-app contribution."

    def handle(self, *args, **options) -> None:
        self.stdout.write("\n".join(lines()))
