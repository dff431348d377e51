"""Need photos: type and size checked, re-encoded so that EXIF (and its GPS location) is gone."""

import io
import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.workflow import WorkflowError

from ..models import NeedPhoto

MAX_PHOTOS = 6
MAX_BYTES = 5 * 1024 * 1024
FORMATS = {"JPEG": "jpg", "PNG": "png"}
MAX_SIDE = 2000


def clean_image(data: bytes) -> tuple[bytes, str]:
    """Re-encode an uploaded image without metadata; returns (bytes, extension)."""
    if len(data) > MAX_BYTES:
        raise WorkflowError(_("照片不能超过 5 MB。"), status=400)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        fmt = image.format
        if fmt not in FORMATS:
            raise WorkflowError(_("只接受 JPG 或 PNG 格式的照片。"), status=400)
        image = ImageOps.exif_transpose(image)  # keep the orientation, drop the tag
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise WorkflowError(_("无法识别的图片文件。"), status=400) from exc
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    # A fresh image carries no info dict: no EXIF, no GPS, no comments.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.save(out, format=fmt, quality=85) if fmt == "JPEG" else clean.save(out, format=fmt)
    return out.getvalue(), FORMATS[fmt]


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
