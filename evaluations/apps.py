from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("执行与评估")

    def ready(self):
        # PDFs, exports, importers, panels, reminder steps, seeder, the delivery-team conflict source
        from . import conflicts, documents, exports, importers, panels, reminders, seed  # noqa: F401

        panels.register_panels()
        documents.register_documents()
        exports.register()
        importers.register()
