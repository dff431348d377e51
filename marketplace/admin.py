from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Place, Project, RoleAssignment, TransitionRecord, User
from .models.organisation import person_key


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["place", "organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("平台信息"), {"fields": ("name", "phone")}))
    list_display = ["username", "name", "masked_phone", "is_staff"]
    search_fields = ["username", "name"]
    inlines = [RoleInline]

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: the confirmation page would list the objects that protect a
        # user from deletion, sealed bids among them.
        return False

    @admin.display(description=_("手机号"))
    def masked_phone(self, obj):
        return obj.masked_phone


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "urban_rural", "households"]
    list_filter = ["level", "urban_rural"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


class OrganisationAdminForm(forms.ModelForm):
    """The person in charge's ID number is entered here; only its key is kept."""

    representative_id_number = forms.CharField(
        label=_("负责人身份证号"),
        required=False,
        help_text=_("只保存其 SHA-256 标识，用于识别负责人为同一人的组织；留空则不修改。"),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "credit_code",
            "type",
            "registration_authority",
            "registered_on",
            "rating",
            "annual_report",
            "bad_credit",
            "place",
            "is_evaluation_agency",
            "description",
            "legal_representative",
            "controlled_by",
        ]

    def save(self, commit=True):
        number = self.cleaned_data.get("representative_id_number", "")
        if number.strip():
            self.instance.legal_representative_key = person_key(number)
        return super().save(commit)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "credit_code", "type", "rating", "bad_credit"]
    list_filter = ["type", "rating", "bad_credit"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["place", "controlled_by"]

    def has_delete_permission(self, request, obj=None):
        # Organisations are never deleted: the confirmation page would list their bids.
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Read-mostly: state changes only through the workflow pages."""

    list_display = ["title", "community", "state", "approved_budget"]
    list_filter = ["state", "funding_source"]
    search_fields = ["title"]
    readonly_fields = ["state", "approved_budget", "funding_source", "organisation", "version"]
    raw_id_fields = ["community", "purchaser_place", "designer"]


@admin.register(TransitionRecord)
class TransitionRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "content_type", "object_id", "transition", "source", "target", "by"]
    list_filter = ["content_type", "transition"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
