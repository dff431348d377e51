"""Uploaded images re-encoded without metadata (EXIF, GPS location, comments): shared by
need photos and delivery evidence."""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .workflow import WorkflowError

FORMATS = {"JPEG": "jpg", "PNG": "png"}
MAX_SIDE = 2000


def clean_image(data: bytes, *, max_bytes: int) -> tuple[bytes, str]:
    """Re-encode an uploaded image without metadata; returns (bytes, extension)."""
    if len(data) > max_bytes:
        raise WorkflowError(
            _("照片不能超过 %(mb)s MB。") % {"mb": max_bytes // (1024 * 1024)}, status=400
        )
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
