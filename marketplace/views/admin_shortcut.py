"""The Django admin's "view on site" shortcut (/django-admin/r/<content type>/<id>/), guarded.

Django's own shortcut answers a missing object and an object without a page with different
404 messages, so it tells whether a primary key exists. Here every refusal is the same 404,
and only objects that the model's admin lists to this user are looked at: a sealed bid,
hidden by its admin's queryset until opening, is indistinguishable from one that never was.
"""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _


def _not_found() -> Http404:
    return Http404(_("没有可在网站上查看的对象。"))


def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        model_admin = admin.site.get_model_admin(model)
    except (ContentType.DoesNotExist, NotRegistered) as exc:
        raise _not_found() from exc
    if not model_admin.has_view_or_change_permission(request):
        raise _not_found()
    try:
        visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
    except (ValueError, ValidationError):
        visible = False
    if not visible:
        raise _not_found()
    try:
        return shortcut(request, content_type_id, object_id)
    except Http404 as exc:
        raise _not_found() from exc
