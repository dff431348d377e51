"""Need photos: type and size checked, re-encoded so that EXIF (and its GPS location) is gone."""

import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.images import clean_image as _clean_image
from marketplace.workflow import WorkflowError

from ..models import NeedPhoto

MAX_PHOTOS = 6
MAX_BYTES = 5 * 1024 * 1024


def clean_image(data: bytes) -> tuple[bytes, str]:
    """Re-encode an uploaded photo without metadata (see marketplace.images)."""
    return _clean_image(data, max_bytes=MAX_BYTES)


@transaction.atomic
def photos_add(*, need, user, files: list[bytes]) -> list[NeedPhoto]:
    if need.author_id != user.pk:
        raise PermissionDenied(_("只有提出人可以添加照片。"))
    if need.photos.count() + len(files) > MAX_PHOTOS:
        raise WorkflowError(_("每条需求最多 6 张照片。"), status=400)
    saved = []
    for raw in files:
        data, ext = clean_image(raw)
        photo = NeedPhoto(need=need)
        photo.image.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(data), save=True)
        saved.append(photo)
    return saved
