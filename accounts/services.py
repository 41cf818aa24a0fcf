from collections.abc import Iterable

from django.utils import translation

from .models import Language, Site
from .search import document


def site_reindex(sites: Iterable[Site]) -> None:
    """Rebuild the directory's search text of these sites (after any change to them)."""
    changed = []
    with translation.override("fi"):
        _index(sites, changed)
    Site.objects.bulk_update(changed, ["search_document"])


def _index(sites: Iterable[Site], changed: list[Site]) -> None:
    for site in sites:
        site.search_document = document(
            site.name,
            site.description,
            " ".join(site.kinds_of_work),
            site.organization.name,
            site.municipality.name,
            site.post_office,
            site.accessibility,
            " ".join(str(Language(code).label) for code in site.languages),
        )
        changed.append(site)
