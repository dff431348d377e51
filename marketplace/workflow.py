"""The one way every workflow object changes state.

A transition is declared on its model (django-fsm-2, protected field, `permission=`,
`conditions=`); services call `apply_transition`, which locks the row, checks the
permission against the object and every condition (with a message in Chinese),
runs the transition and saves. The post_transition signal records it (signals.py).
"""

from collections.abc import Callable

import django_fsm as fsm
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _


class WorkflowError(Exception):
    """A rule refused the step. `message` is shown to the user; status is the HTTP status."""

    status = 409

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class _System:
    """The scheduler acting on its own (a deadline passed): no person, no permission check."""

    def __repr__(self):
        return "SYSTEM"


SYSTEM = _System()


def condition(message: str) -> Callable:
    """Mark a transition condition with the message shown when it does not hold."""

    def decorate(fn):
        fn.message = message
        return fn

    return decorate


class WorkflowModel(fsm.ConcurrentTransitionMixin, models.Model):
    """Base for models with one protected state machine in the field `state`."""

    class Meta:
        abstract = True

    @property
    def state_label(self) -> str:
        return self.get_state_display()


def check_transition(obj, name: str, actor) -> None:
    """Raise PermissionDenied or WorkflowError unless `actor` may run `name` on `obj` now."""
    method = getattr(obj, name)
    meta = method._django_fsm
    state = meta.field.get_state(obj)
    transition = meta.get_transition(state)
    if transition is None:
        raise WorkflowError(
            _("当前状态为“%(state)s”，不能执行此操作。") % {"state": obj.state_label}
        )
    if actor is not SYSTEM and not transition.has_perm(obj, actor):
        raise PermissionDenied(_("您没有对此对象执行此操作的权限。"))
    for cond in transition.conditions:
        if not cond(obj):
            raise WorkflowError(getattr(cond, "message", _("条件不满足，不能执行此操作。")))


def apply_transition(obj, name: str, *, actor, reason: str = "", **kwargs):
    """Lock the row, check, run transition `name`, save; returns the fresh locked object."""
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        check_transition(locked, name, actor)
        by = None if actor is SYSTEM else actor
        getattr(locked, name)(by=by, reason=reason, **kwargs)
        locked.save()
    return locked


def available_transitions(obj, user) -> list[str]:
    """Names of transitions `user` may run on `obj` now (to draw buttons)."""
    return [t.name for t in obj.get_available_user_state_transitions(user)]
