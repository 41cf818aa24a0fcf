import django_filters
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from core.api import StrictBooleanFilter

from .access import site_entry_gate
from .models import ApiToken, Language, Membership, Organization, Site, User
from .services import ENTRY_FIELDS, api_token_issue, site_entry_update


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "kind",
            "business_id",
            "municipality_code",
            "parent",
            "employment_area",
        ]


# The values before the 2025 reform (docs/law.md): a filter still accepts them.
KIND_ALIASES = {"te_office": Organization.Kind.EMPLOYMENT_AUTHORITY}


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=[*Organization.Kind.choices, *((old, old) for old in KIND_ALIASES)],
        method="filter_kind",
    )

    class Meta:
        model = Organization
        fields = ["kind"]

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind=KIND_ALIASES.get(value, value))


class SiteSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)

    class Meta:
        model = Site
        fields = [
            "id",
            "name",
            "organization",
            "organization_name",
            "municipality",
            "municipality_name",
            "description",
            "street_address",
            "postal_code",
            "post_office",
            "kinds_of_work",
            "capacity",
            "languages",
            "wheelchair_accessible",
            "accessibility",
            "start_activity",
            "contact_name",
            "contact_phone",
            "contact_email",
            "entry_updated_at",
            "entry_updated_by",
        ]
        read_only_fields = ["entry_updated_at", "entry_updated_by"]


class SiteEntrySerializer(serializers.ModelSerializer):
    """What the provider keeps in a site's directory entry (PATCH)."""

    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices), required=False
    )

    class Meta:
        model = Site
        fields = list(ENTRY_FIELDS)

    def validate(self, attrs):
        others = sorted(set(self.initial_data) - set(ENTRY_FIELDS))
        if others:
            raise serializers.ValidationError(
                {name: _("Tätä tietoa ei muuteta hakemistotiedoissa.") for name in others}
            )
        return attrs


class MembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True)
    sites = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "role", "sites"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    memberships = MembershipSerializer(many=True)


class MeView(generics.GenericAPIView):
    """The signed-in user and their roles."""

    serializer_class = MeSerializer

    def get(self, request):
        user = request.user
        memberships = Membership.objects.filter(user=user).select_related("organization")
        data = {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "memberships": memberships.prefetch_related("sites"),
        }
        return Response(self.get_serializer(data).data)


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations of the region: public directory data, readable by all staff."""

    serializer_class = OrganizationSerializer
    queryset = Organization.objects.all()
    filterset_class = OrganizationFilter


class SiteFilter(django_filters.FilterSet):
    start_activity = StrictBooleanFilter()

    class Meta:
        model = Site
        fields = ["municipality", "organization", "start_activity"]


class SiteViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Work-activity units: the service directory, readable by all staff.

    `?q=` searches names, descriptions, kinds of work, providers and places in Finnish
    and Swedish, inflected forms included ("puutöitä" finds "puutyö"), ranked.
    PATCH updates the directory entry (description, kinds of work, capacity, languages,
    accessibility, start activity, contact): the provider's administrators, and
    colleagues granted the right for the site; anyone else gets 404."""

    serializer_class = SiteSerializer
    filterset_class = SiteFilter
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(request=SiteEntrySerializer, responses=SiteSerializer)
    def partial_update(self, request, *args, **kwargs):
        site = site_entry_gate(request.user, kwargs["pk"])
        entry = SiteEntrySerializer(site, data=request.data, partial=True)
        entry.is_valid(raise_exception=True)
        site = site_entry_update(actor=request.user, site=site, changes=entry.validated_data)
        return Response(SiteSerializer(site).data)

    def get_queryset(self):
        sites = Site.objects.active().select_related("organization", "municipality")
        query = self.request.query_params.get("q", "").strip()
        return sites.search(query) if query else sites.order_by("name")


class TokenRequestSerializer(serializers.Serializer):
    # The user model's own limit: a longer name is no user, and axes could not record
    # the failed attempt (its column is 255 characters).
    username = serializers.CharField(max_length=User._meta.get_field("username").max_length)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown only in this answer; kuty keeps a hash.")
    id = serializers.CharField()
    kind = serializers.CharField()
    expiry = serializers.DateTimeField()


class ApiTokenSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="token_key", read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "kind", "created", "expiry", "current"]

    def get_current(self, token: ApiToken) -> bool:
        return token.pk == getattr(self.context["request"].auth, "pk", None)


class ObtainTokenView(APIView):
    """POST: exchange a username and password for a new API token (throttled, and counted
    by axes); it is shown once. DELETE: revoke the token the request came with."""

    throttle_classes = [AnonRateThrottle]

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else super().get_permissions()

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request=request, **serializer.validated_data)
        if user is None and getattr(request, "axes_locked_out", False):
            # locked out by axes: the right password would not do either (issue 28)
            minutes = round(settings.AXES_COOLOFF_TIME * 60)
            detail = _(
                "Liian monta epäonnistunutta kirjautumista. Yritä uudelleen %(minutes)s "
                "minuutin kuluttua."
            ) % {"minutes": minutes}
            return Response({"detail": detail}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            return Response(
                {"detail": _("Käyttäjätunnus tai salasana on väärin.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, key = api_token_issue(user=user)
        return Response(
            {"token": key, "id": token.token_key, "kind": token.kind, "expiry": token.expiry}
        )

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if not isinstance(request.auth, ApiToken):
            raise serializers.ValidationError(
                {"detail": _("Pyynnössä ei ole API-tunnistetta, jonka voisi perua.")}
            )
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own API tokens: list them, revoke any (DELETE)."""

    serializer_class = ApiTokenSerializer
    lookup_field = "token_key"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-f]{8,15}"  # knox's token_key: the token's first characters
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user).order_by("-created")
