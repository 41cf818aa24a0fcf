"""The user's own page (the calendar feed's secret address) and the feed itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Site

from . import calendar, ptv
from .models import CalendarFeed, new_calendar_token


@login_required
@require_GET
def my_page(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = feed and request.build_absolute_uri(reverse("national:calendar_feed", args=[feed.token]))
    return render(request, "national/my_page.html", {"feed_url": url})


@login_required
@require_POST
def calendar_address_new(request: HttpRequest) -> HttpResponse:
    """A new secret address; the old one stops working at once (revoked)."""
    CalendarFeed.objects.update_or_create(
        user=request.user, defaults={"token": new_calendar_token()}
    )
    messages.success(request, _("Uusi kalenteriosoite on tehty. Vanha osoite ei enää toimi."))
    return redirect("national:my_page")


@login_required
@require_POST
def calendar_address_revoke(request: HttpRequest) -> HttpResponse:
    CalendarFeed.objects.filter(user=request.user).delete()
    messages.success(request, _("Kalenteriosoite on poistettu käytöstä."))
    return redirect("national:my_page")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed, for calendar programs: the secret address is the only key (no session)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(calendar.feed(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def site_ptv(request: HttpRequest, site_pk: int) -> HttpResponse:
    """A directory entry's PTV link, PTV's update time and the fields that differ."""
    site = get_object_or_404(Site.objects.select_related("ptv_link"), pk=site_pk)
    link = getattr(site, "ptv_link", None)
    rows = ptv.labelled(link.differences) if link else []
    return render(request, "national/site_ptv.html", {"site": site, "link": link, "rows": rows})


@login_required
@require_GET
def site_ptv_export(request: HttpRequest, site_pk: int) -> HttpResponse:
    """The entry in PTV's Open API v11 ServiceLocation format (the directory is public)."""
    site = get_object_or_404(Site.objects.select_related("municipality", "ptv_link"), pk=site_pk)
    response = JsonResponse(ptv.export_site(site), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="ptv-{site.pk}.json"'
    return response
