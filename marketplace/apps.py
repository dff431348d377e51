from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("平台核心")

    def ready(self):
        from . import demo, signals, signin  # noqa: F401  (registrations)
        from .exports import registers as register_exports
        from .imports import organisations, panel, places, registry

        registry.register(places.PlaceImporter())
        registry.register(organisations.OrganisationImporter())
        register_exports.register()
        panel.register()
