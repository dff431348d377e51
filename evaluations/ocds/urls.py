from django.urls import path

from . import views

app_name = "ocds"

urlpatterns = [
    path("", views.policy, name="policy"),
    path("releases.json", views.bulk, name="bulk"),
    path("tenders/<int:pk>/releases.json", views.tender_releases, name="tender_releases"),
    path("tenders/<int:pk>/record.json", views.tender_record, name="tender_record"),
]
