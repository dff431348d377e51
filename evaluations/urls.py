from django.urls import path

from .views import delivery, evaluation, evidence, logs, survey, volunteers

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
    path("logs/<int:pk>/evidence/", evidence.evidence_new, name="log_evidence"),
    path("evidence/<int:pk>/", evidence.evidence_file, name="evidence"),
    path("logs/<int:pk>/volunteers/", evidence.volunteer_hours_new, name="log_volunteer_hours"),
    path("volunteers/", volunteers.volunteer_list, name="volunteers"),
    path("orgs/<int:org>/volunteers/new/", volunteers.volunteer_new, name="volunteer_new"),
    path("volunteers/register/", volunteers.volunteer_self_new, name="volunteer_self_new"),
    path("volunteers/<int:pk>/", volunteers.volunteer_detail, name="volunteer"),
    path("volunteers/<int:pk>/verify/", volunteers.volunteer_verify_view, name="volunteer_verify"),
    path("volunteers/<int:pk>/reject/", volunteers.volunteer_reject_view, name="volunteer_reject"),
    path(
        "volunteers/<int:pk>/correct/", volunteers.volunteer_correct_view, name="volunteer_correct"
    ),
    path(
        "volunteers/<int:pk>/certificates/<int:org>/",
        volunteers.certificate_new,
        name="certificate_new",
    ),
    path(
        "certificates/verify/<str:code>/",
        volunteers.certificate_verify,
        name="certificate_verify",
    ),
    path("survey/<str:token>/", survey.respond, name="survey"),
    path("parties/<int:pk>/survey/", survey.notice, name="survey_notice"),
    path("parties/<int:pk>/survey/close/", survey.close, name="survey_close"),
]
