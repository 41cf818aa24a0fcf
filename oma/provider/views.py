"""The provider's sign-in page: pick a test person, as in Suomi.fi's test
identification ("testitunnistaja"), where a test user is chosen instead of a bank."""

from django.contrib.auth import get_user_model, login
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme

PAGE = """<!doctype html><html lang="fi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testitunnistus</title></head><body><main><h1>Testitunnistus</h1>
<p>Paikallinen tunnistuspalvelu kehitystä varten. Valitse testihenkilö.</p>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
<input type="hidden" name="next" value="{next}">{buttons}</form></main></body></html>"""


def choose_person(request):
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    people = get_user_model().objects.order_by("last_name", "first_name")
    if request.method == "POST":
        person = people.filter(username=request.POST.get("hetu", "")).first()
        if person is not None:
            login(request, person)
            return HttpResponseRedirect(next_url)
    buttons = "".join(
        f'<p><button name="hetu" value="{escape(p.username)}">'
        f"{escape(p.first_name)} {escape(p.last_name)}</button></p>"
        for p in people
    )
    page = PAGE.format(csrf=get_token(request), next=escape(next_url), buttons=buttons)
    return HttpResponse(page)
