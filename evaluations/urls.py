from django.urls import path

from .views import delivery, evaluation, logs, survey

app_name = "evaluations"
urlpatterns = [
    path("contracts/<int:pk>/setup/", delivery.setup, name="setup"),
    path("<int:pk>/", delivery.detail, name="delivery"),
    path("<int:pk>/team/", delivery.team, name="team"),
    path("<int:pk>/start/", delivery.start, name="start"),
    path("<int:pk>/terminate/", delivery.terminate, name="terminate"),
    path("<int:pk>/logs/", logs.log_list, name="logs"),
    path("<int:pk>/logs/new/", logs.log_new, name="log_new"),
    path("logs/<int:pk>/", logs.log_detail, name="log"),
    path("logs/<int:pk>/correct/", logs.log_correct, name="log_correct"),
    path("<int:pk>/evaluations/open/", evaluation.open_, name="evaluation_open"),
    path("evaluations/<int:pk>/", evaluation.detail, name="evaluation"),
    path("parties/<int:pk>/score/", evaluation.score, name="party_score"),
    path("evaluations/<int:pk>/close/", evaluation.close, name="evaluation_close"),
    path("<int:pk>/payments/", evaluation.payments, name="payments"),
    path("payments/<int:pk>/release/", evaluation.release, name="payment_release"),
    path("survey/<str:token>/", survey.respond, name="survey"),
    path("parties/<int:pk>/survey/", survey.notice, name="survey_notice"),
    path("parties/<int:pk>/survey/close/", survey.close, name="survey_close"),
]
