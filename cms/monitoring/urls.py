from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.monitoring, name="province"),
    path("<str:code>/", views.monitoring, name="place"),
    path("<str:code>/<slug:key>.csv", views.monitoring_csv, name="csv"),
]
