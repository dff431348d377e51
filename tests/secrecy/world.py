"""The sealed tender the sweep looks at, every kind of visitor, and the two bids it hides."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile

from cms.seeders import seed_cms, seed_site
from marketplace.models import Role
from tenders.services import bids as bid_services
from tenders.services import panel as panel_services
from tests.marketplace.factories import UserFactory, grant
from tests.tenders.factories import bidder, evaluator, published_tender


@dataclass(frozen=True)
class SealedBid:
    org_name: str
    price: Decimal
    file_name: str
    file_body: bytes
    proposal: str

    def prices(self) -> list[str]:
        """The price however a page might write it."""
        whole = int(self.price)
        cents = f"{self.price:.2f}"
        return [
            cents,
            f"{self.price:,.2f}",
            str(whole),
            f"{whole:,}",
            f"{self.price / 10000:.2f}万",
            cents.replace(".", ","),
        ]


SEALED = [
    SealedBid(
        "秘密投标社工服务中心甲",
        Decimal("137913.57"),
        "绝密方案甲QX7.pdf",
        b"%PDF-1.4 SEALED-PROPOSAL-ALPHA-5521",
        "甲方案正文：独创的星光守护服务流程Z9",
    ),
    SealedBid(
        "秘密投标社工服务中心乙",
        Decimal("142857.31"),
        "绝密方案乙RW3.pdf",
        b"%PDF-1.4 SEALED-PROPOSAL-BRAVO-7734",
        "乙方案正文：独创的月光陪伴服务流程K4",
    ),
]


# Every kind of visitor the world holds (each test_sweep_*.py module sweeps some of them).
VISITOR_ROLES = (
    "anonymous",
    "resident",
    "community_staff",
    "purchaser",
    "purchaser_elsewhere",
    "org_admin_not_bidding",
    "evaluator_on_panel",
    "editor",
    "reviewer",
    "superuser",
)


@dataclass
class World:
    tender: object
    visitors: dict  # role name -> user or None (anonymous); never a bidder
    bidders: list = field(default_factory=list)  # [(org, admin user)] in SEALED order
    bids: list = field(default_factory=list)


def build(places, fixtures: dict) -> World:
    """Everything but the bids: the site, the CMS roles, a published tender, a seated panel."""
    editor = grant(UserFactory(username="editor", name="网站编辑员"), Role.EDITOR)
    reviewer = grant(UserFactory(username="reviewer", name="网站审核员"), Role.REVIEWER)
    seed_site(lambda _m: None)
    seed_cms(lambda _m: None)
    purchaser = fixtures["purchaser"]
    tender = published_tender(purchaser)
    # A lawful panel (five experts for 公开招标); the first is the visitor who sits on it.
    panel = [evaluator(7 + i) for i in range(5)]
    judge = panel[0]
    panel_services.panel_appoint(tender=tender, user=purchaser, evaluators=panel)
    visitors = {
        "anonymous": None,
        "resident": fixtures["resident"],
        "community_staff": fixtures["staff"],
        "purchaser": purchaser,
        "purchaser_elsewhere": fixtures["purchaser_elsewhere"],
        "org_admin_not_bidding": fixtures["org_admin"],
        "evaluator_on_panel": judge,
        "editor": editor,
        "reviewer": reviewer,
        "superuser": fixtures["superuser"],
    }
    assert tuple(visitors) == VISITOR_ROLES
    world = World(tender=tender, visitors=visitors)
    world.bidders = [bidder(s.org_name) for s in SEALED]
    return world


def submit_bids(world: World) -> None:
    for (org, user), sealed in zip(world.bidders, SEALED, strict=True):
        world.bids.append(
            bid_services.bid_submit(
                tender=world.tender,
                organisation=org,
                user=user,
                price=sealed.price,
                proposal=sealed.proposal,
                upload=ContentFile(sealed.file_body, name=sealed.file_name),
            )
        )


def secrets(world: World, index: int) -> list[str]:
    """What must never show outside bidder `index`'s own organisation (literal strings)."""
    sealed, bid = SEALED[index], world.bids[index]
    stem = sealed.file_name.rsplit(".", 1)[0]
    return [
        *sealed.prices(),
        stem,
        sealed.file_body.decode()[9:],
        sealed.proposal,
        bid.digest,
        bid.digest[:16],
        bid.file_sha256,
        bid.receipt_no,
    ]


def identities(world: World, index: int) -> list[str]:
    """Public facts about a bidder (listed anyway) that must not appear *because* it bid."""
    org = world.bidders[index][0]
    return [org.name, org.credit_code]
