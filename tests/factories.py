import datetime

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organization, Role, Site, User
from clients.models import Case, Client, Consent

PASSWORD = "test-password-123"


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisaatio {n}")
    kind = Organization.Kind.OTHER


class MunicipalityFactory(OrganizationFactory):
    kind = Organization.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Kunta {n}")
    municipality_code = factory.Sequence(lambda n: f"{900 + n % 100:03d}")


class ProviderFactory(OrganizationFactory):
    kind = Organization.Kind.PROVIDER
    name = factory.Sequence(lambda n: f"Palveluntuottaja {n}")


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    organization = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Paja {n}")
    street_address = "Pajakatu 1"
    postal_code = "60100"
    post_office = "Seinäjoki"
    municipality = factory.SubFactory(MunicipalityFactory)
    kinds_of_work = ["puutyö"]
    capacity = 10
    languages = ["fi"]


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Käyttäjä{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(MunicipalityFactory)
    role = Role.SOCIAL_WORKER


def member(role: str, organization: Organization, *, sites=(), **user_fields) -> User:
    user = UserFactory(**user_fields)
    membership = MembershipFactory(user=user, organization=organization, role=role)
    membership.sites.set(sites)
    return user


def make_hetu(index: int) -> str:
    """A valid test henkilötunnus (individual number 900–999)."""
    from clients.demo import demo_hetu

    birth = datetime.date(1980, 1, 1) + datetime.timedelta(days=index * 37)
    return demo_hetu(birth, 900 + index % 100)


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client

    # test identities (900–999), recorded as such: never a henkilötunnus
    hetu = factory.Sequence(make_hetu)
    identifier_kind = "test"
    identifier_reason = "Testiaineisto"
    first_names = factory.Sequence(lambda n: f"Etunimi{n}")
    last_name = factory.Sequence(lambda n: f"Sukunimi{n}")
    home_municipality = factory.SubFactory(MunicipalityFactory)
    registrar = factory.SelfAttribute("home_municipality")


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    municipality = factory.SubFactory(MunicipalityFactory)
    client = factory.SubFactory(ClientFactory, registrar=factory.SelfAttribute("..municipality"))
    responsible_worker = factory.SubFactory(UserFactory)


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    organization = factory.SubFactory(OrganizationFactory)
    information = "Aktivointisuunnitelma"
    purpose = "Suunnitelman laatiminen"
    recorded_by = factory.SubFactory(UserFactory)


def api_for(user):
    """An API client signed in as the user."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user)
    return api
