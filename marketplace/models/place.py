from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceLevel(models.IntegerChoices):
    PROVINCE = 1, _("省")
    PREFECTURE = 2, _("州/市")
    COUNTY = 3, _("县/区")
    TOWNSHIP = 4, _("街道/乡镇")
    COMMUNITY = 5, _("社区/村")


class UrbanRural(models.TextChoices):
    URBAN = "urban", _("城镇")
    RURAL = "rural", _("农村")


# Digits of the 12-digit statistical code that identify a place at each level.
PREFIX_LENGTH = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}


class PlaceQuerySet(models.QuerySet):
    def within(self, place: "Place"):
        """The place and everything below it (a prefix match on the code, index-backed)."""
        return self.filter(code__startswith=place.prefix)

    def communities(self):
        return self.filter(level=PlaceLevel.COMMUNITY)


class Place(models.Model):
    """行政区划: a node of 省 › 州/市 › 县/区 › 街道/乡镇 › 社区/村."""

    code = models.CharField(_("统计用区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"), choices=PlaceLevel.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )
    urban_rural = models.CharField(_("城乡"), max_length=5, choices=UrbanRural.choices, blank=True)
    households = models.PositiveIntegerField(_("户数"), null=True, blank=True)
    # "云南省 昆明市 五华区 …": kept so that lists show the path without walking the tree.
    path_name = models.CharField(_("全称"), max_length=300, blank=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self):
        return self.name

    @property
    def prefix(self) -> str:
        return self.code[: PREFIX_LENGTH[self.level]]

    def ancestor_codes(self) -> list[str]:
        """The codes of the places above this one, from the province down (no query)."""
        return [
            self.code[: PREFIX_LENGTH[level]].ljust(12, "0")
            for level in range(PlaceLevel.PROVINCE, self.level)
        ]

    def contains(self, other: "Place") -> bool:
        return other.code.startswith(self.prefix)

    @property
    def is_community(self) -> bool:
        return self.level == PlaceLevel.COMMUNITY

    @property
    def short_path(self) -> str:
        """The path without the province, for lists inside the province."""
        return self.path_name.split(" ", 1)[-1] if self.path_name else self.name
