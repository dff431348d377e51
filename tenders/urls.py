from django.urls import path

from .views import award, bids, clarifications, public, workflow

app_name = "tenders"
urlpatterns = [
    path("", public.tender_list, name="list"),
    path("<int:pk>/", public.tender_detail, name="detail"),
    path("new/<int:project_pk>/", workflow.tender_create, name="create"),
    path("<int:pk>/publish/", workflow.tender_publish, name="publish"),
    path("<int:pk>/cancel/", workflow.tender_cancel, name="cancel"),
    path("<int:pk>/panel/", workflow.panel_appoint, name="panel"),
    path("<int:pk>/declare/", workflow.panel_declare, name="declare"),
    path("<int:pk>/score/", workflow.panel_score, name="score"),
    path("<int:pk>/start-evaluation/", workflow.tender_start_evaluation, name="start_evaluation"),
    path("<int:pk>/propose-award/", award.tender_propose_award, name="propose_award"),
    path("<int:pk>/contract/", workflow.contract_form, name="contract"),
    path("<int:pk>/bid/", bids.bid_form, name="bid"),
    path("bids/<int:pk>/receipt/", bids.bid_receipt, name="receipt"),
    path("bids/<int:pk>/withdraw/", bids.bid_withdraw, name="withdraw"),
    path("bids/<int:pk>/file/", bids.bid_file, name="bid_file"),
    # questions, clarifications, objections, contract follow-ups
    path("<int:pk>/ask/", clarifications.question_ask, name="ask"),
    path("questions/<int:pk>/answer/", clarifications.question_answer, name="answer"),
    path("<int:pk>/clarify/", clarifications.clarification_publish, name="clarify"),
    path("<int:pk>/reopen-award/", award.tender_reopen_award, name="reopen_award"),
    path("<int:pk>/objection/", award.objection_file, name="object"),
    path("objections/<int:pk>/answer/", award.objection_answer, name="objection_answer"),
    path("objections/<int:pk>/withdraw/", award.objection_withdraw, name="objection_withdraw"),
    path("contracts/<int:pk>/countersign/", award.contract_countersign, name="countersign"),
    path("contracts/<int:pk>/supplement/", award.supplement_add, name="supplement"),
]
