from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import selectors
from ..models import Delivery


def visible_delivery(request, pk):
    try:
        delivery = selectors.delivery_with_context(pk)
    except Delivery.DoesNotExist:
        get_object_or_404(Delivery, pk=pk)
    if not selectors.can_view_delivery(delivery, request.user):
        raise PermissionDenied
    return delivery
