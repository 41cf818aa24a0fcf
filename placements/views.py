from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clients.models import AccessAction
from clients.services import access_log
from decisions.forms import NoticeForm
from decisions.views import decision_for
from kuty.pdf import pdf_response

from . import services
from .forms import DirectoryForm
from .models import Placement
from .services import directory_search


@login_required
@require_http_methods(["GET", "POST"])
def notice_send(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    case, decision = decision_for(request, pk, decision_pk, "ilmoitus toteutuspaikalle")
    plan = decision.plan
    form = NoticeForm(
        request.POST or None,
        initial={
            "goals": plan.kuty_goal if plan else "",
            "contacts": services.default_contacts(decision),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_notice_send(
                user=request.user, decision=decision, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ilmoitus lähetetty toteutuspaikalle."))
            return redirect("placements:placement_detail", placement_pk=placement.pk)
    return render(
        request, "placements/notice_form.html", {"case": case, "decision": decision, "form": form}
    )


def _placement_for(request: HttpRequest, placement_pk: int, what: str) -> Placement:
    placement = get_object_or_404(
        Placement.objects.visible_to(request.user).select_related("site__organization"),
        pk=placement_pk,
    )
    access_log(
        user=request.user,
        clients=[placement.case.client],
        action=AccessAction.VIEW,
        what=f"{what} (työtoimintajakso {placement.pk})",
        request=request,
    )
    return placement


@login_required
@require_GET
def placement_detail(request: HttpRequest, placement_pk: int) -> HttpResponse:
    placement = _placement_for(request, placement_pk, "ilmoitus toteutuspaikalle")
    return render(request, "placements/placement_detail.html", {"placement": placement})


@login_required
@require_GET
def notice_pdf(request: HttpRequest, placement_pk: int) -> HttpResponse:
    placement = _placement_for(request, placement_pk, "ilmoitus PDF")
    with placement.notice_pdf.open("rb") as stored:
        return pdf_response(stored.read(), f"ilmoitus-{placement.pk}.pdf")


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The service directory: one search box over providers, sites and kinds of work."""
    form = DirectoryForm(request.GET or None)
    sites = directory_search(form.cleaned_data if form.is_valid() else {})
    page = Paginator(sites, 20).get_page(request.GET.get("sivu"))
    template = "placements/_directory_results.html" if request.htmx else "placements/directory.html"
    return render(request, template, {"form": form, "page": page})
