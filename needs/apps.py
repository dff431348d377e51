from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("居民需求")

    def ready(self):
        from . import demo, documents, panels, reminders, signals  # noqa: F401  (seeder, receivers, steps)

        panels.register()
        documents.register()
