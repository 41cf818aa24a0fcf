"""The client's own acts (issue 24): each one service, called alike by the page and
the API."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core import hooks
from plans.models import ActivationPlan, Party
from plans.services import activation_plan_sign

from .models import ClientAccount, Identification, OwnSignature


def client_account_for(*, hetu: str, given_name: str, family_name: str) -> ClientAccount:
    """The person's account, made at their first strong sign-in (a user with no
    memberships and no password: it can only sign in through the provider)."""
    with transaction.atomic():
        account = ClientAccount.objects.select_related("user").filter(hetu=hetu).first()
        if account is not None:
            return account
        user = User(
            username=f"oma-{uuid.uuid4().hex[:20]}", first_name=given_name, last_name=family_name
        )
        user.set_unusable_password()
        user.save()
        return ClientAccount.objects.create(user=user, hetu=hetu)


@hooks.changes()  # activation_plan_sign publishes the plan's change
def own_plan_sign(
    *, user: User, plan: ActivationPlan, identification_id: int | None
) -> OwnSignature:
    """The client's own signature (one of the three that put the plan in force),
    recorded with the strong sign-in this session came from."""
    identification = Identification.objects.filter(
        pk=identification_id or 0, account__user=user
    ).first()
    if identification is None:
        raise ValidationError(
            _("Tunnistaudu uudelleen pankkitunnuksilla tai mobiilivarmenteella ja yritä sitten.")
        )
    signature = activation_plan_sign.nested(
        user=user,
        plan=plan,
        party=Party.CLIENT,
        signer_name=user.get_full_name() or user.client_account.hetu[:6],
    )
    return OwnSignature.objects.create(signature=signature, identification=identification)


@hooks.changes()  # one transaction: a message row and its sending stand or fall together
def client_reminders_send() -> int:
    """Tell each client by their channel of a plan waiting for their signature, once a
    plan (the daily sweep; the front page shows the same). The number sent."""
    from django.db import IntegrityError
    from django.utils import translation

    from plans.models import PlanState

    from .channels import channel
    from .models import ClientMessage

    sender = channel()
    waiting = (
        ActivationPlan.objects.filter(
            state=PlanState.DRAFT, case__client__hetu__in=(ClientAccount.objects.values("hetu"))
        )
        .exclude(signatures__party=Party.CLIENT)
        .select_related("case__client")
    )
    sent = 0
    for plan in waiting:
        client = plan.case.client
        account = ClientAccount.objects.get(hetu=client.hetu)
        key = f"plan-to-sign-{plan.pk}"
        if (
            not sender.reaches(client)
            or ClientMessage.objects.filter(account=account, key=key).exists()
        ):
            continue
        with translation.override(client.language or "fi"):
            subject = _("Suunnitelmasi odottaa allekirjoitustasi.")
            body = _("Kirjaudu omaan asiointiin ja lue suunnitelmasi: %(url)s") % {
                "url": settings.OMA_PUBLIC_URL
            }
        try:
            with transaction.atomic():
                ClientMessage.objects.create(account=account, key=key, channel=sender.name)
                sender.send(client=client, subject=str(subject), body=str(body))
        except IntegrityError:  # another sweep sent it just now
            continue
        sent += 1
    return sent
