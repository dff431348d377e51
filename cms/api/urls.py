from django.urls import path

from . import views
from .resources import RESOURCES

app_name = "api"

urlpatterns = [
    path("", views.docs, name="docs"),
    path("v1/openapi.json", views.schema, name="openapi"),
    *[path(f"v1/{r.name}/", views.LIST_VIEWS[r.name], name=r.name) for r in RESOURCES],
    *[
        path(f"v1/{r.name}/<str:{r.key}>/", views.detail_view(r), name=f"{r.name}_detail")
        for r in RESOURCES
    ],
]
