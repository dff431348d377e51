"""needs/ reacts to the project's later steps by signal (it never imports later stages)."""

from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from marketplace.models import Project, ProjectState
from marketplace.workflow import SYSTEM, apply_transition

from .models import NeedState
from .services.needs import notify_followers

# Steps of the project that the followers of its needs hear about.
TOLD = {
    ProjectState.APPROVED: _("项目书已获批准"),
    ProjectState.TENDERING: _("项目已进入政府购买服务采购程序"),
    ProjectState.CONTRACTED: _("项目已签订服务合同"),
    ProjectState.IN_DELIVERY: _("社工团队已开始提供服务"),
    ProjectState.UNDER_EVALUATION: _("项目进入评估"),
}


@receiver(post_transition, sender=Project, dispatch_uid="needs_follow_project")
def project_moved(sender, instance, name, source, target, method_kwargs=None, **kwargs):
    """Followers hear of each step; a completed project fulfils its needs, a terminated one
    releases them."""
    if target in TOLD:
        for need in instance.needs.filter(state=NeedState.ADOPTED).select_related("author"):
            notify_followers(
                need=need,
                title=_("%(step)s：%(title)s") % {"step": TOLD[target], "title": need.title},
                body=_("您关注的需求已纳入项目“%(project)s”。") % {"project": instance.title},
                key=f"need-project-{need.pk}-{instance.pk}-{target}",
            )
        return
    if target not in (ProjectState.COMPLETED, ProjectState.TERMINATED):
        return
    by = (method_kwargs or {}).get("by") or SYSTEM
    for need in instance.needs.filter(state=NeedState.ADOPTED).select_related("author"):
        if target == ProjectState.COMPLETED:
            apply_transition(need, "fulfil", actor=by, reason=_("项目已完成：%s") % instance.title)
            title = _("需求已解决：%(title)s") % {"title": need.title}
            body = _("项目“%(project)s”已完成。") % {"project": instance.title}
            key = f"need-fulfilled-{need.pk}"
        else:
            apply_transition(need, "release", actor=SYSTEM, reason=_("项目已终止"))
            title = _("项目终止，需求重新开放：%(title)s") % {"title": need.title}
            body = _("项目“%(project)s”已终止，需求可再次纳入新项目。") % {
                "project": instance.title
            }
            key = f"need-released-{need.pk}-{instance.pk}"
        notify_followers(need=need, title=title, body=body, key=key)
