from django.urls import path

from .views import bids, invitations, panel, public, recusal, retender, workflow

app_name = "tenders"
urlpatterns = [
    path("", public.tender_list, name="list"),
    path("<int:pk>/", public.tender_detail, name="detail"),
    path("new/<int:project_pk>/", workflow.tender_create, name="create"),
    path("<int:pk>/publish/", workflow.tender_publish, name="publish"),
    path("<int:pk>/cancel/", workflow.tender_cancel, name="cancel"),
    path("<int:pk>/panel/", panel.panel_appoint, name="panel"),
    path("<int:pk>/declare/", panel.panel_declare, name="declare"),
    path("<int:pk>/eligibility/", panel.panel_eligibility, name="eligibility"),
    path("<int:pk>/score/", panel.panel_score, name="score"),
    path("<int:pk>/report/confirm/", panel.report_confirm, name="report_confirm"),
    path("<int:pk>/recusal/", recusal.recusal_new, name="recusal"),
    path("<int:pk>/recusals/", recusal.recusals, name="recusals"),
    path("recusals/<int:pk>/decide/", recusal.recusal_decide, name="recusal_decide"),
    path("<int:pk>/invitations/", invitations.invitations, name="invitations"),
    path("invitations/<int:pk>/remove/", invitations.invitation_remove, name="invitation_remove"),
    path("<int:pk>/retender/", retender.retender, name="retender"),
    path("<int:pk>/start-evaluation/", workflow.tender_start_evaluation, name="start_evaluation"),
    path("<int:pk>/propose-award/", workflow.tender_propose_award, name="propose_award"),
    path("<int:pk>/contract/", workflow.contract_form, name="contract"),
    path("<int:pk>/bid/", bids.bid_form, name="bid"),
    path("bids/<int:pk>/receipt/", bids.bid_receipt, name="receipt"),
    path("bids/<int:pk>/withdraw/", bids.bid_withdraw, name="withdraw"),
    path("bids/<int:pk>/file/", bids.bid_file, name="bid_file"),
]
