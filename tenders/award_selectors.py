"""Reads for questions, clarifications, objections, the award timetable and supplements.

No read here names who asked a question: the asking organisation is kept for nobody's eyes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace import rules as core_rules
from marketplace.models import User

from . import duedates, rules, selectors
from .models import (
    BidState,
    Clarification,
    ClarificationState,
    Contract,
    Objection,
    ObjectionState,
    Question,
    QuestionState,
    Tender,
    TenderState,
)
from .models.bid import OPENED_STATES


def purchasers_of(tender: Tender) -> list[User]:
    place = tender.project.purchaser_place or tender.project.community
    return [
        ra.user
        for ra in selectors._purchaser_assignments()
        if ra.place is not None and ra.place.contains(place)
    ]


def bidders_to_tell(tender: Tender) -> list[User]:
    """People of organisations holding a live bid (told by the system; nobody else learns who)."""
    orgs = tender.bids.filter(state=BidState.SUBMITTED).values("organisation_id")
    return list(
        User.objects.filter(
            role_assignments__organisation_id__in=orgs,
            role_assignments__role__in=rules.BIDDER_ROLES,
        ).distinct()
    )


def answered_questions(tender: Tender):
    """Published Q&A, without any trace of the asker."""
    return (
        Question.objects.filter(tender=tender, state=QuestionState.ANSWERED)
        .only("pk", "text", "answer", "answered_at", "tender_id", "state")
        .order_by("answered_at", "pk")
    )


def unanswered_questions(tender: Tender):
    return (
        Question.objects.filter(tender=tender, state=QuestionState.ASKED)
        .only("pk", "text", "asked_at", "tender_id", "state")
        .order_by("asked_at", "pk")
    )


def my_questions(user, tender: Tender):
    own = rules.bidder_organisation_ids(user)
    return Question.objects.filter(tender=tender, organisation_id__in=own).order_by("asked_at")


def published_clarifications(tender: Tender):
    return Clarification.objects.filter(tender=tender, state=ClarificationState.PUBLISHED).order_by(
        "published_at", "pk"
    )


def objections_visible_to(user, tender: Tender):
    """The purchaser sees every objection; a bidder its own organisation's."""
    qs = Objection.objects.filter(tender=tender).select_related("organisation")
    if rules.can_decide(tender, user):
        return qs
    return qs.filter(organisation_id__in=rules.bidder_organisation_ids(user))


def objector_organisations(user, tender: Tender):
    """The user's organisations that took part in the opening (they may object)."""
    from marketplace.models import Organisation

    own = rules.bidder_organisation_ids(user)
    took_part = tender.bids.filter(state__in=OPENED_STATES, organisation_id__in=own).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=took_part)


def publicity_calendar_days() -> int:
    return int(getattr(settings, "TENDER_PUBLICITY_DAYS", 3))


def objection_window(tender: Tender) -> duedates.Due | None:
    if tender.publicity_ends_at is None:
        return None
    return duedates.objection_deadline(tender.publicity_ends_at)


def objections_to_answer(user):
    """Open objections (质疑) on tenders the user decides on, the oldest (first due) first."""
    return (
        Objection.objects.filter(selectors.decided_by(user, "tender__project"))
        .filter(state=ObjectionState.FILED)
        .select_related("tender", "organisation")
        .order_by("filed_at", "pk")
    )


def with_answer_due(objections) -> list:
    """The objections with `.due` (答复期限, 7 working days) and `.overdue` set."""
    now = clock.now()
    for o in objections:
        o.due = duedates.answer_due(o.filed_at)
        o.overdue = now > o.due.at
    return objections


@dataclass
class Duty:
    label: str
    due: duedates.Due
    done_at: datetime | None = None
    info: bool = False  # a date to know (the objection window), not a duty to do

    @property
    def overdue(self) -> bool:
        if self.info:
            return False
        reference = self.done_at or clock.now()
        return reference > self.due.at


def timetable(tender: Tender, objections=()) -> list[Duty]:
    """The legal dates of the award and the contract, with what was done when."""
    rows: list[Duty] = []
    if tender.scored_at:
        proposed = tender.award_proposed_at if tender.state != TenderState.EVALUATING else None
        rows.append(
            Duty(
                _("确定中标候选人（评标结束后 5 个工作日内）"),
                duedates.award_confirm_due(tender.scored_at),
                proposed,
            )
        )
    if tender.award_proposed_at and tender.publicity_ends_at:
        rows.append(
            Duty(
                _("发布中标候选人公示（确定后 2 个工作日内）"),
                duedates.award_notice_due(tender.award_proposed_at),
                tender.award_proposed_at,  # the step publishes the notice itself
            )
        )
        rows.append(
            Duty(
                _("公示期满（不少于 1 个工作日）"),
                duedates.Due(tender.publicity_ends_at),
                tender.awarded_at,
            )
        )
        window = objection_window(tender)
        rows.append(Duty(_("质疑截止（公示期满后 7 个工作日内）"), window, info=True))
    for o in objections:
        rows.append(
            Duty(
                _("答复质疑 #%(n)s（收到后 7 个工作日内）") % {"n": o.pk},
                duedates.answer_due(o.filed_at),
                o.answered_at if o.state != ObjectionState.WITHDRAWN else o.filed_at,
            )
        )
    if tender.awarded_at:
        contract = getattr(tender, "contract", None)
        signed = contract.signed_at if contract else None
        both = contract.countersigned_at if contract else None
        rows.append(
            Duty(
                _("甲方签订合同（中标后 30 日内）"),
                duedates.contract_due(tender.awarded_at),
                signed,
            )
        )
        rows.append(
            Duty(
                _("承接方签署合同（中标后 30 日内）"),
                duedates.contract_due(tender.awarded_at),
                both,
            )
        )
        if signed:
            rows.append(
                Duty(
                    _("发布合同公告（签订后 2 个工作日内）"),
                    duedates.contract_notice_due(signed),
                    signed,  # the signing step publishes the notice itself
                )
            )
    return rows


def detail_context(tender: Tender, user, *, deciding: bool, ranking) -> dict:
    """What the tender page shows of questions, clarifications, objections and the contract."""
    from marketplace.forms import ReasonForm

    from .award_forms import AnswerForm, ProposeAwardForm

    objections = list(objections_visible_to(user, tender)) if user.is_authenticated else []
    contract = Contract.objects.filter(tender=tender).select_related("organisation").first()
    window = objection_window(tender)
    return {
        "answered_questions": answered_questions(tender),
        "unanswered_questions": list(unanswered_questions(tender)) if deciding else [],
        "my_questions": my_questions(user, tender) if user.is_authenticated else [],
        "clarifications": published_clarifications(tender),
        "can_ask": tender.accepts_bids and bool(rules.bidder_organisation_ids(user)),
        "can_clarify": deciding and tender.accepts_bids,
        "answer_form": AnswerForm(),
        "award_form": ProposeAwardForm(ranking=ranking),
        "reopen_form": ReasonForm(),
        "objections": objections,
        "objection_window": window,
        "can_object": window is not None
        and clock.now() <= window.at
        and objector_organisations(user, tender).exists(),
        "timetable": timetable(tender, objections) if deciding else [],
        "contract": contract,
        "supplements": list(contract.supplements.all()) if contract else [],
        "may_countersign": contract is not None
        and contract.countersigned_at is None
        and core_rules.is_member_of(user, contract.organisation),
    }
