"""Evidence on delivery logs: type and size checked, images re-encoded without EXIF, kept
privately on the version it was added to (a correction keeps the old evidence)."""

import io
import uuid
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.images import clean_image
from marketplace.workflow import WorkflowError

from .. import rules
from ..models import Delivery, DeliveryLog, LogEvidence

MAX_BYTES = 10 * 1024 * 1024
MAX_PER_LOG = 20
IMAGES = {"jpg", "jpeg", "png"}
# Office files are zip packages: the part that names what the package is.
OFFICE = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _check_file(name: str, data: bytes) -> tuple[bytes, str]:
    """(bytes to keep, extension); refuses what is not what it claims to be."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in IMAGES | set(OFFICE) | {"pdf"}:
        raise ValidationError(_("只接受 JPG、PNG、PDF、DOCX 或 XLSX 文件。"))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("文件不能超过 10 MB。"))
    if not data:
        raise ValidationError(_("文件是空的。"))
    if ext in IMAGES:
        try:
            return clean_image(data, max_bytes=MAX_BYTES)
        except WorkflowError as exc:
            raise ValidationError(exc.message) from exc
    if ext == "pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("文件内容不是 PDF。"))
        return data, ext
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("文件内容与扩展名 .%(ext)s 不符。") % {"ext": ext}) from exc
    if OFFICE[ext] not in names:
        raise ValidationError(_("文件内容与扩展名 .%(ext)s 不符。") % {"ext": ext})
    return data, ext


@transaction.atomic
def evidence_add(*, log: DeliveryLog, user, name: str, data: bytes) -> LogEvidence:
    log = DeliveryLog.objects.select_for_update().get(pk=log.pk)
    delivery = Delivery.objects.select_related("contract").get(pk=log.delivery_id)
    if not rules.adds_evidence(delivery, user):
        raise PermissionDenied(_("只有项目团队成员可以上传佐证材料。"))
    if not log.is_current:
        raise ValidationError(_("此日志已被更正，请在最新版本上添加佐证材料。"))
    if log.evidence.count() >= MAX_PER_LOG:
        raise ValidationError(_("每条日志最多 20 份佐证材料。"))
    kept, ext = _check_file(name, data)
    stem = (name.rsplit(".", 1)[0] or "file")[:150]
    evidence = LogEvidence(
        log=log, name=f"{stem}.{ext}", extension=ext, size=len(kept), uploaded_by=user
    )
    evidence.file.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(kept), save=False)
    evidence.save()
    return evidence
