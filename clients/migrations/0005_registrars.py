"""Each registrar keeps its own client records (703/2023).

Until now one client row could hold cases of several organisers. Each client row now
belongs to the organiser of its earliest case; the cases of any other organiser move to
a copy of the client that belongs to that organiser, with the consents that organiser's
workers recorded. Access and disclosure log rows stay where they were written (they are
append-only). Substitute grants to anyone who is not a social worker of the case's
organiser are revoked: a substitute is a colleague of the same registrar.

Left as they were (append-only): the access and disclosure logs and the change history
of the original row; the first organiser's log report may so show rows of the other's
earlier processing of the same person. A data protection officer reads them there."""

from django.db import migrations
from django.utils import timezone

PERSONAL = [
    "hetu",
    "first_names",
    "last_name",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "post_office",
    "home_municipality_id",
    "language",
    "interpreter_needed",
    "support_person",
]


def split_by_registrar(apps, schema_editor):
    Client = apps.get_model("clients", "Client")
    Case = apps.get_model("clients", "Case")
    Consent = apps.get_model("clients", "Consent")
    Membership = apps.get_model("accounts", "Membership")
    CaseGrant = apps.get_model("clients", "CaseGrant")
    for client in Client.objects.filter(registrar__isnull=True).iterator():
        organisers = list(
            Case.objects.filter(client=client)
            .order_by("opened_on", "pk")
            .values_list("municipality_id", flat=True)
        )
        organisers = list(dict.fromkeys(organisers)) or [client.home_municipality_id]
        client.registrar_id = organisers[0]
        client.save(update_fields=["registrar"])
        for organiser in organisers[1:]:
            copy = Client.objects.create(
                registrar_id=organiser, **{f: getattr(client, f) for f in PERSONAL}
            )
            Case.objects.filter(client=client, municipality_id=organiser).update(client=copy)
            # a consent goes with the organiser whose case was open when it was given
            # (by whom it was recorded, when no case was open then)
            their_workers = Membership.objects.filter(
                organization_id=organiser, role="social_worker"
            ).values("user_id")
            for consent in Consent.objects.filter(client=client):
                open_then = (
                    Case.objects.filter(
                        client__in=[client, copy], opened_on__lte=consent.given_on
                    )
                    .exclude(closed_on__lt=consent.given_on)
                    .order_by("-opened_on")
                    .first()
                )
                if open_then is not None:
                    moves = open_then.municipality_id == organiser
                else:
                    moves = their_workers.filter(user_id=consent.recorded_by_id).exists()
                if moves:
                    Consent.objects.filter(pk=consent.pk).update(client=copy)
    for grant in CaseGrant.objects.filter(revoked_at__isnull=True).select_related("case"):
        colleague = Membership.objects.filter(
            user_id=grant.user_id, organization_id=grant.case.municipality_id, role="social_worker"
        ).exists()
        if not colleague:
            grant.revoked_at = timezone.now()
            grant.save(update_fields=["revoked_at"])


class Migration(migrations.Migration):
    dependencies = [("clients", "0004_client_registrar")]

    operations = [migrations.RunPython(split_by_registrar, migrations.RunPython.noop)]
