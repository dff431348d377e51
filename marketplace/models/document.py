import os

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock


class PrivateFileSystemStorage(FileSystemStorage):
    """Files no URL serves (settings.PRIVATE_MEDIA_ROOT): views that check permission stream them."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):  # read each time, so that a changed setting applies (tests)
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


_private = PrivateFileSystemStorage()


def private_storage() -> FileSystemStorage:
    """A callable, so that migrations name it instead of freezing a machine's path."""
    return _private


class Document(models.Model):
    """A rendered PDF, kept once per version of what it shows."""

    content_type = models.ForeignKey(ContentType, models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("文书类型"), max_length=40)
    version = models.CharField(_("版本"), max_length=64)
    file = models.FileField(storage=private_storage, upload_to="documents/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "version"],
                name="one_document_per_version",
            )
        ]

    def __str__(self):
        return f"{self.kind} v{self.version}"
