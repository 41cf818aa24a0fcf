import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import Membership, Organization, Role
from tests.factories import MunicipalityFactory, OrganizationFactory, SiteFactory, UserFactory


def test_valid_business_id_is_accepted(db):
    organization = OrganizationFactory.build(business_id="0201256-6")
    organization.full_clean()


def test_business_id_with_wrong_check_digit_is_refused_in_finnish(db):
    organization = OrganizationFactory.build(business_id="0201256-7")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert "Y-tunnus 0201256-7 ei ole kelvollinen" in str(error.value)


def test_municipality_without_code_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        Organization.objects.create(name="Koodittomat", kind=Organization.Kind.MUNICIPALITY)


def test_two_organizations_cannot_share_a_business_id(db):
    OrganizationFactory(business_id="0201256-6")
    with pytest.raises(IntegrityError):
        OrganizationFactory(business_id="0201256-6")


def test_site_must_belong_to_a_provider(db):
    site = SiteFactory.build(organization=MunicipalityFactory(), municipality=MunicipalityFactory())
    with pytest.raises(ValidationError) as error:
        site.full_clean()
    assert "organization" in error.value.message_dict


def test_site_capacity_must_be_positive(db):
    with pytest.raises(IntegrityError):
        SiteFactory(capacity=0)


def test_supervisor_role_does_not_fit_a_te_office(db):
    te_office = OrganizationFactory(kind=Organization.Kind.TE_OFFICE)
    membership = Membership(user=UserFactory(), organization=te_office, role=Role.SUPERVISOR)
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_user_roles_come_from_memberships(world):
    assert world.pekka.roles == {Role.SUPERVISOR}
    assert world.pekka.has_role(Role.SUPERVISOR)
    assert not world.pekka.has_role(Role.SOCIAL_WORKER)
