"""Read-only admin views: every change goes through the services (states are protected)."""

from django.contrib import admin

from .models import Delivery, DeliveryLog, Evaluation, PaymentItem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["project", "state", "rectification_deadline", "created_at"]
    list_filter = ["state"]
    list_select_related = ["project"]


@admin.register(DeliveryLog)
class DeliveryLogAdmin(ReadOnlyAdmin):
    list_display = ["date", "activity", "delivery", "indicator", "count", "version", "is_current"]
    list_filter = ["is_current"]
    list_select_related = ["delivery__project", "indicator"]
    show_full_result_count = False


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["delivery", "kind", "round", "state", "total", "grade"]
    list_filter = ["kind", "state", "grade"]
    list_select_related = ["delivery__project"]


@admin.register(PaymentItem)
class PaymentItemAdmin(ReadOnlyAdmin):
    list_display = ["contract", "label", "amount", "gate", "state", "released_at"]
    list_filter = ["gate", "state"]
    list_select_related = ["contract__tender", "contract__organisation"]
