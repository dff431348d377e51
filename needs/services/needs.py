"""Writes on needs: submit, review (publish / reject / merge), withdraw, endorse, follow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.models import Place, PlaceLevel
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition, check_transition

from ..models import Category, Endorsement, Follow, Need, NeedState


def _url(need) -> str:
    return reverse("needs:detail", args=[need.pk])


def _followers(need) -> list:
    users = [f.user for f in need.follows.select_related("user")]
    if need.author not in users:
        users.append(need.author)
    return users


@transaction.atomic
def need_submit(
    *,
    user,
    community: Place,
    category: str,
    title: str,
    description: str,
    people_count: int = 1,
    contact_phone: str = "",
) -> Need:
    if not user.is_authenticated:
        raise PermissionDenied(_("请先登录。"))
    if community.level != PlaceLevel.COMMUNITY:
        raise WorkflowError(_("需求须提给一个社区或村。"), status=400)
    if category not in Category.values:
        raise ValidationError({"category": _("未知的需求类别，请从列出的类别中选择。")})
    need = Need.objects.create(
        author=user,
        community=community,
        category=category,
        title=title.strip(),
        description=description.strip(),
        people_count=people_count,
        contact_phone=contact_phone or "",
    )
    Follow.objects.create(need=need, user=user)
    notify(
        users=[user],
        title=_("需求已提交：%(title)s") % {"title": need.title},
        body=_("社区工作者审核后将公开。"),
        url=_url(need),
        key=f"need-submitted-{need.pk}",
    )
    return need


@transaction.atomic
def need_publish(*, need: Need, user) -> Need:
    need = apply_transition(need, "publish", actor=user)
    notify(
        users=[need.author],
        title=_("您的需求已公开：%(title)s") % {"title": need.title},
        body=_("其他居民现在可以附议。"),
        url=_url(need),
        key=f"need-published-{need.pk}",
    )
    return need


@transaction.atomic
def need_publish_many(*, needs, user) -> int:
    """Bulk review: all or nothing (one need outside the user's communities refuses the lot)."""
    for need in needs:
        need_publish(need=need, user=user)
    return len(needs)


@transaction.atomic
def need_reject(*, need: Need, user, reason: str) -> Need:
    if not reason.strip():
        raise WorkflowError(_("不予公开须说明理由。"), status=400)
    need = apply_transition(need, "reject", actor=user, reason=reason.strip())
    notify(
        users=[need.author],
        title=_("您的需求未通过审核：%(title)s") % {"title": need.title},
        body=reason.strip(),
        url=_url(need),
        key=f"need-rejected-{need.pk}",
    )
    return need


@transaction.atomic
def need_mark_out_of_scope(*, need: Need, user, reason: str) -> Need:
    """Not for a service project (e.g. a road repair): the author is told where to turn."""
    check_transition(need, "out_of_scope", user)  # 403 / 409 before the missing reason
    if not reason.strip():
        raise WorkflowError(_("标记为不属于服务范围须说明理由和建议的办理渠道。"), status=400)
    need = apply_transition(need, "out_of_scope", actor=user, reason=reason.strip())
    notify_followers(
        need=need,
        title=_("需求不属于社区服务项目范围：%(title)s") % {"title": need.title},
        body=reason.strip(),
        key=f"need-out-of-scope-{need.pk}",
    )
    return need


@transaction.atomic
def need_out_of_scope_many(*, needs, user, reason: str) -> int:
    """Bulk: all or nothing, like bulk publishing."""
    for need in needs:
        need_mark_out_of_scope(need=need, user=user, reason=reason)
    return len(needs)


def _check_merge_target(need: Need, into: Need) -> None:
    """A need joins another published need of its own community (400 otherwise)."""
    if into.pk == need.pk:
        raise WorkflowError(_("不能合并到需求自身。"), status=400)
    if into.state == NeedState.MERGED:
        raise WorkflowError(_("目标需求已合并到其他需求，请选择合并后的需求。"), status=400)
    if into.state != NeedState.PUBLISHED:
        raise WorkflowError(_("只能合并到已公开的需求。"), status=400)
    if into.community_id != need.community_id:
        raise WorkflowError(_("只能合并到同一社区的需求。"), status=400)


@transaction.atomic
def need_merge(*, need: Need, into: Need, user, reason: str = "") -> Need:
    """Merge a duplicate into `into`: endorsements and followers move over, nothing lost.

    Refused in this order: not the need's reviewer (403), the need's state (409), the
    target (400: itself, merged, not published, another community).
    """
    check_transition(need, "merge", user)
    into = Need.objects.select_for_update().get(pk=into.pk)
    _check_merge_target(need, into)
    told = _followers(need)
    need = apply_transition(need, "merge", actor=user, reason=reason.strip(), into=into)
    already = set(into.endorsements.values_list("user_id", flat=True))
    need.endorsements.filter(user_id__in=already).delete()
    need.endorsements.update(need=into)
    following = set(into.follows.values_list("user_id", flat=True))
    need.follows.filter(user_id__in=following).delete()
    need.follows.update(need=into)
    if need.author_id not in following:
        Follow.objects.get_or_create(need=into, user=need.author)
    Need.objects.filter(pk=into.pk).update(endorsement_count=into.endorsements.count())
    Need.objects.filter(pk=need.pk).update(endorsement_count=0)
    need.refresh_from_db()
    notify(
        users=told,
        title=_("需求“%(title)s”已与“%(into)s”合并") % {"title": need.title, "into": into.title},
        body=_("附议和关注都已计入合并后的需求，之后的进展请看合并后的需求。"),
        url=_url(into),
        key=f"need-merged-{need.pk}",
    )
    notify(
        users=[into.author],
        title=_("另一条需求已合并到您的需求：%(into)s") % {"into": into.title},
        body=_("“%(title)s”的附议和关注者已转入您的需求。") % {"title": need.title},
        url=_url(into),
        key=f"need-merged-into-{into.pk}-{need.pk}",
    )
    return need


@transaction.atomic
def need_withdraw(*, need: Need, user) -> Need:
    return apply_transition(need, "withdraw", actor=user)


@transaction.atomic
def need_endorse(*, need: Need, user) -> Endorsement:
    if not user.is_authenticated:
        raise PermissionDenied(_("请先登录。"))
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.state != NeedState.PUBLISHED:
        raise WorkflowError(_("只能附议已公开、尚未纳入项目的需求。"))
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(need=need, user=user)
    except IntegrityError:
        raise WorkflowError(_("您已附议过这条需求。")) from None
    Need.objects.filter(pk=need.pk).update(endorsement_count=F("endorsement_count") + 1)
    Follow.objects.get_or_create(need=need, user=user)
    return endorsement


@transaction.atomic
def need_follow(*, need: Need, user, follow: bool = True) -> bool:
    if not user.is_authenticated:
        raise PermissionDenied(_("请先登录。"))
    if follow:
        Follow.objects.get_or_create(need=need, user=user)
    else:
        Follow.objects.filter(need=need, user=user).delete()
    return follow


def notify_followers(*, need: Need, title: str, body: str, key: str) -> None:
    notify(users=_followers(need), title=title, body=body, url=_url(need), key=key)
