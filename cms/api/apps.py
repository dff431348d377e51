from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """A sub-app of cms with its own label, so its migrations never collide with cms's."""

    name = "cms.api"
    label = "cms_api"
    verbose_name = _("开放接口")
    default_auto_field = "django.db.models.BigAutoField"
