"""`manage.py catalogue` shows a reader every kind and every cross-app contribution."""

from io import StringIO

from django.core.management import call_command

from core.records import catalogue


def test_the_listing_names_every_kind_and_what_carries_behaviour_across_apps():
    out = StringIO()
    call_command("catalogue", stdout=out)
    text = out.getvalue()
    for kind in catalogue:
        assert f"  {kind.name} " in text, kind.name
    # an ending decision shortens the placement: visible here, not only in an import
    assert "placements.services.end_placement_when_service_ends" in text
    assert "decision: plans.services._decision_phase_needs_employment_plan" in text
    assert "reports.rollups.on_matter_changed" in text
