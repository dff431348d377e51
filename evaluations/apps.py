from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("执行与评估")

    def ready(self):
        from . import documents, exports, panels, reminders, seed  # noqa: F401  (seeder, steps)

        panels.register_panels()
        documents.register_documents()
        exports.register()
