from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .views import (
    account,
    admin_shortcut,
    dev_login,
    documents,
    exports,
    health,
    imports,
    organisations,
    phone_login,
    projects,
    signin,
)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", signin.SignInView.as_view(), name="login"),
    path("accounts/phone/", phone_login.phone_login, name="phone_login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/dev-login/<str:token>/", dev_login.dev_login, name="dev_login"),
    path("accounts/password/", account.password_set, name="password_set"),
    path("my/", account.my_work, name="my_work"),
    path("my/notifications/", account.notifications, name="notifications"),
    path("my/notifications/read/", account.notifications_read, name="notifications_read"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path(
        "projects/<int:pk>/versions/<int:number>/",
        projects.project_version,
        name="project_version",
    ),
    path("projects/<int:pk>/submit/", projects.project_submit, name="project_submit"),
    path("projects/<int:pk>/approve/", projects.project_approve, name="project_approve"),
    path("projects/<int:pk>/return/", projects.project_return, name="project_return"),
    path("orgs/", organisations.organisation_list, name="organisation_list"),
    path("orgs/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("orgs/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "orgs/<int:pk>/members/",
        organisations.organisation_member_create,
        name="organisation_member_create",
    ),
    path("documents/<slug:kind>/<int:pk>/", documents.document_download, name="document"),
    path("imports/", imports.import_index, name="import_index"),
    path("imports/jobs/<int:pk>/", imports.import_job, name="import_job"),
    path("imports/jobs/<int:pk>/commit/", imports.import_job_commit, name="import_job_commit"),
    path("imports/<slug:kind>/", imports.import_upload, name="import_upload"),
    path("imports/<slug:kind>/template.<str:fmt>", imports.import_template, name="import_template"),
    path("exports/<slug:slug>.<str:fmt>", exports.export_download, name="export"),
    path("needs/", include("needs.urls")),
    path("tenders/", include("tenders.urls")),
    path("delivery/", include("evaluations.urls")),
    path("ocds/", include("evaluations.ocds.urls")),
    path("api/", include("cms.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Before admin.site.urls: its own "view on site" tells which primary keys exist.
    path(
        "django-admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_shortcut.view_on_site),
        name="admin_view_on_site",
    ),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("cms-documents/", include(wagtaildocs_urls)),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
