from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """The person's name and personal identity code in the ID token and userinfo."""

    oidc_claim_scope = None  # every claim below, whatever the scopes asked

    def get_additional_claims(self, request):
        user = request.user
        return {
            "given_name": user.first_name,
            "family_name": user.last_name,
            settings.HETU_CLAIM: user.username,
        }
