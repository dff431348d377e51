from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TendersConfig(AppConfig):
    name = "tenders"
    verbose_name = _("项目采购")

    def ready(self):
        # seeder, PDFs, panels, scheduled steps, end-of-scoring receiver, overdue reminders
        from . import (  # noqa: F401
            demo,
            demo_award,
            documents,
            due_reminders,
            exports,
            panels,
            receivers,
            reminders,
            steps,
        )

        exports.register()
