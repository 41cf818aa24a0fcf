import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organization, Role, Site, User

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
