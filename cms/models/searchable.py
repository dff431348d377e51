from django.db import models
from django.utils.translation import gettext_lazy as _

from ..text import stream_text


class SearchTextMixin(models.Model):
    """Keeps a plain-text copy of the page's StreamFields so that site search can match Chinese
    substrings with LIKE on SQLite and PostgreSQL alike (StreamField JSON escapes CJK)."""

    search_text = models.TextField(_("检索文本"), blank=True, editable=False)
    search_text_fields: tuple[str, ...] = ("body",)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & {"title", *self.search_text_fields}:
            self.refresh_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        return super().save(*args, **kwargs)

    def extra_search_text(self) -> str:
        return ""

    def refresh_search_text(self) -> None:
        parts = [self.search_description, self.extra_search_text()]
        parts += [stream_text(getattr(self, name)) for name in self.search_text_fields]
        self.search_text = " ".join(p for p in parts if p)
