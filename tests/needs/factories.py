"""Factories and set-up helpers for needs tests (community A = 翠湖西路社区)."""

from datetime import date

import factory

from marketplace.workflow import apply_transition
from needs.models import (
    Category,
    Consultation,
    ConsultationDecision,
    ConsultationParticipant,
    Decision,
    Need,
    ParticipantKind,
)
from tests.marketplace.factories import UserFactory, force_state, place_tree


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    category = Category.ELDERLY
    community = factory.LazyFunction(lambda: place_tree()["community_a"])
    title = factory.Sequence(lambda n: f"居家养老服务需求{n}")
    description = "小区独居老人多，希望有人定期上门探访。"
    people_count = 20
    author = factory.SubFactory(UserFactory)


def published(**kwargs) -> Need:
    return force_state(NeedFactory(**kwargs), "published")


def many_published(count: int, *, communities, authors) -> None:
    """`count` published needs in one bulk insert (for query-count tests at volume)."""
    rows = [
        Need(
            category=list(Category)[i % len(Category)],
            community=communities[i % len(communities)],
            title=f"批量需求{i}",
            description="批量生成的需求，用于验证页面查询次数不随数据量增长。",
            author=authors[i % len(authors)],
            state="published",
            endorsement_count=i % 17,
        )
        for i in range(count)
    ]
    Need.objects.bulk_create(rows, batch_size=2000)


def go_forward(need, staff, decision=Decision.GO_FORWARD, when=date(2026, 11, 1)):
    consultation = Consultation.objects.create(
        community=need.community,
        date=when,
        place="议事厅",
        minutes="同意推进",
        held_by=staff,
    )
    ConsultationParticipant.objects.bulk_create(
        [
            ConsultationParticipant(
                consultation=consultation, kind=ParticipantKind.RESIDENT, name="张三"
            ),
            ConsultationParticipant(
                consultation=consultation, kind=ParticipantKind.STAFF, name="李四"
            ),
        ]
    )
    ConsultationDecision.objects.create(consultation=consultation, need=need, decision=decision)
    return consultation


def complete(project, purchaser):
    """Drive an approved project to completed through its last real transition."""
    force_state(project, "under_evaluation")
    return apply_transition(project, "complete", actor=purchaser)


def participant_rows(*rows) -> dict:
    """POST data for the consultation form's participant rows: (kind, name[, org pk, role])."""
    data = {"p-TOTAL_FORMS": str(len(rows)), "p-INITIAL_FORMS": "0"}
    for i, (kind, name, *rest) in enumerate(rows):
        org, role = (list(rest) + ["", ""])[:2]
        data |= {f"p-{i}-kind": kind, f"p-{i}-name": name}
        data |= {f"p-{i}-organisation": str(org or ""), f"p-{i}-role": role}
    return data


PEOPLE = participant_rows(("resident", "张三", "", "居民代表"), ("staff", "李四"))
