"""The plan's targets, with their source. Operators may override values with the
MONITORING_TARGETS setting (a dict with the same keys); the defaults are the seed plan's.

Source: the province's 三社联动 plan (Yunnan, 2016–2020) as summarised in the product
design (docs: DESIGN.md, "The problem", and issue 7 "Plan-target monitoring").
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SOURCE = _("云南省“三社联动”规划（2016—2020 年）提出的目标")

DEFAULTS = {
    # Social organisations serving each community: ≥5 in urban, ≥3 in rural communities.
    "orgs_per_urban_community": 5,
    "orgs_per_rural_community": 3,
    # Every community with at least one professional (qualified) social worker: 100%.
    "share_with_social_worker": 100,
    # Residents' needs answered (reviewed) within this many days of submission.
    "answer_days": 30,
    "share_answered": 100,
}


def target(key: str):
    return {**DEFAULTS, **getattr(settings, "MONITORING_TARGETS", {})}[key]
