from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TendersConfig(AppConfig):
    name = "tenders"
    verbose_name = _("项目采购")

    def ready(self):
        from . import demo, documents, panels, reminders, steps  # noqa: F401  (seeder, PDFs, panels, steps)
