from django.contrib import admin, messages
from django.utils.translation import gettext as _

from .models import ApiToken, ImportedNeed
from .services import token_create

NEW_FIELDS = ["name", "place", "source"]
READ_ONLY = ["prefix", "place", "source", "user", "created_by", "created_at", "last_used"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "place", "source", "created_by", "last_used", "is_active"]
    list_filter = ["source", "is_active"]
    search_fields = ["name", "prefix"]
    autocomplete_fields = ["place"]

    def get_fields(self, request, obj=None):
        return NEW_FIELDS if obj is None else ["name", *READ_ONLY, "is_active"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else READ_ONLY

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        _token, raw = token_create(
            name=obj.name, place=obj.place, source=obj.source, created_by=request.user, token=obj
        )
        messages.warning(
            request, _("接口令牌（只显示这一次，请立即交给对接系统保存）：%(raw)s") % {"raw": raw}
        )

    def has_delete_permission(self, request, obj=None):
        return False  # imported needs point to it: deactivate instead


@admin.register(ImportedNeed)
class ImportedNeedAdmin(admin.ModelAdmin):
    list_display = ["external_id", "source", "need", "token", "created_at"]
    list_filter = ["source"]
    search_fields = ["external_id"]
    raw_id_fields = ["need", "token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
