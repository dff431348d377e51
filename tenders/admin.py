"""Django admin for tenders. Sealed bids are invisible here to everyone, superusers included:
the bid admin's queryset excludes bids of unopened tenders, the tender admin shows no bid
count or inline, and transition records of sealed bids are hidden too."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from marketplace.admin import TransitionRecordAdmin
from marketplace.models import TransitionRecord

from .models import Bid, Contract, Criterion, Tender


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Tender)
class TenderAdmin(admin.ModelAdmin):
    """Read-mostly: state changes only through the workflow pages. No bid count, no bid inline."""

    list_display = ["title", "method", "state", "deadline", "ceiling_price"]
    list_filter = ["state", "method"]
    search_fields = ["title"]
    readonly_fields = [
        "state",
        "published_at",
        "opened_at",
        "winning_bid",
        "publicity_ends_at",
        "awarded_at",
        "previous",
        "method_change_approved_by",
        "method_change_reason",
    ]
    # Raw ids: a select would list every organisation on the page (bidders among them).
    raw_id_fields = ["project", "created_by", "design_organisation"]
    inlines = [CriterionInline]

    def has_delete_permission(self, request, obj=None):
        return False  # the confirmation page would list (and so count) the bids


def sealed_bid_ids():
    return Bid.objects.filter(tender__opened_at__isnull=True).values("pk")


@admin.register(Bid)
class BidAdmin(admin.ModelAdmin):
    list_display = ["tender", "organisation", "price", "state", "submitted_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in Bid._meta.fields]

    def get_queryset(self, request):
        # Nobody, not even a superuser, sees a bid of an unopened tender here.
        return super().get_queryset(request).filter(tender__opened_at__isnull=False)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["tender", "organisation", "amount", "state", "signed_at"]
    list_filter = ["state"]
    readonly_fields = ["state", "signed_at", "tender", "bid", "organisation", "project"]


class SealedAwareTransitionRecordAdmin(TransitionRecordAdmin):
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        bid_type = ContentType.objects.get_for_model(Bid)
        return qs.exclude(content_type=bid_type, object_id__in=sealed_bid_ids())


admin.site.unregister(TransitionRecord)
admin.site.register(TransitionRecord, SealedAwareTransitionRecordAdmin)
