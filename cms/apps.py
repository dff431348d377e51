from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("公开网站")

    def ready(self):
        from . import demo, seeders, signals  # noqa: F401  (demo site, workflow notices)
