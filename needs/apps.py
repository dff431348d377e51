from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("居民需求")

    def ready(self):
        # seeder, PDFs, panels, receivers, reminder steps
        from . import demo, documents, exports, importers, panels, reminders, signals  # noqa: F401

        importers.register()
        exports.register()

        panels.register()
        documents.register()
