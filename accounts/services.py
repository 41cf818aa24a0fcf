from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import translation

from .models import ApiToken, Language, Site, TokenKind, User
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


def api_token_issue(*, user: User) -> tuple[ApiToken, str]:
    """A new API token for the user: the token itself is returned only now."""
    if user.is_system_integration:
        kind, ttl = TokenKind.INTEGRATION, timedelta(days=settings.API_INTEGRATION_TOKEN_DAYS)
    else:
        kind, ttl = TokenKind.PERSONAL, timedelta(hours=settings.API_TOKEN_IDLE_HOURS)
    return ApiToken.objects.create(
        user=user, expiry=ttl, kind=kind, password_stamp=user.get_session_auth_hash()
    )
