"""Writes for the API: creating tokens, authenticating them, importing a need."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.models import Place, User
from needs.models import Need
from needs.services.needs import need_submit

from .models import ApiToken, ImportedNeed, hash_token


@transaction.atomic
def token_create(
    *, name: str, place: Place, source: str, created_by, token: ApiToken | None = None
) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once; only its SHA-256 is kept). Imported needs
    are filed under an account of the token's own, which cannot sign in."""
    account = User(
        username=f"api-{secrets.token_hex(6)}",
        name=(_("%(name)s（接口）") % {"name": name})[:50],
    )
    account.set_unusable_password()
    account.save()
    raw = ApiToken.new_secret()
    token = token or ApiToken()
    token.name, token.place, token.source = name, place, source
    token.user, token.created_by = account, created_by
    token.set_secret(raw)
    token.save()
    return token, raw


def token_authenticate(header: str) -> ApiToken | None:
    """The active token named by an "Authorization: Bearer <token>" header, or None."""
    scheme, _sep, raw = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    token = (
        ApiToken.objects.select_related("place", "user")
        .filter(token_hash=hash_token(raw.strip()), is_active=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used=clock.now())
    return token


def need_import(*, token: ApiToken, data: dict) -> tuple[Need, bool]:
    """Create a need from another system through the residents' own service (so it waits in
    the normal review queue); the same external id twice gives the same need."""
    community = data["community"]
    if not token.place.contains(community):
        raise PermissionDenied(_("该令牌无权在此地区提交需求。"))
    existing = _existing(token, data["external_id"])
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            need = need_submit(
                user=token.user,
                community=community,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                people_count=data["people_count"],
                contact_phone=data.get("contact_phone", ""),
            )
            ImportedNeed.objects.create(
                source=token.source, external_id=data["external_id"], need=need, token=token
            )
    except IntegrityError:
        # A concurrent request with the same external id won the race: return its need.
        existing = _existing(token, data["external_id"])
        if existing is None:
            raise
        return existing, False
    return need, True


def _existing(token, external_id) -> Need | None:
    imported = (
        ImportedNeed.objects.select_related("need")
        .filter(source=token.source, external_id=external_id)
        .first()
    )
    return imported.need if imported else None
