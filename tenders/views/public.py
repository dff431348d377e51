"""Public pages: the tender list and a tender's page (never any bid info before opening)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from marketplace import clock
from marketplace.forms import ReasonForm
from marketplace.selectors import timeline_for
from marketplace.workflow import available_transitions

from .. import award_selectors, panel_selectors, rules, selectors
from ..models import Tender, TenderState

RANKING_PUBLIC = [TenderState.AWARD_PROPOSED, TenderState.AWARDED, TenderState.CONTRACTED]


def tender_list(request):
    tenders = Paginator(selectors.public_tenders(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "tenders/tender_list.html",
        {"open": selectors.open_tenders()[:50], "tenders": tenders, "now": clock.now()},
    )


def tender_detail(request, pk, *, forms=None, status=200):
    tender = get_object_or_404(
        Tender.objects.select_related("project__community", "winning_bid__organisation"), pk=pk
    )
    user = request.user
    if not rules.can_see_tender(tender, user):
        raise PermissionDenied
    deciding = rules.can_decide(tender, user)
    seat = selectors.seat_of(user, tender)
    show_ranking = tender.state in RANKING_PUBLIC or (
        not tender.is_sealed and (deciding or seat is not None)
    )
    ranking = selectors.ranking_rows(tender) if show_ranking else []
    context = {
        "tender": tender,
        "criteria": tender.criteria.all(),
        "actions": available_transitions(tender, user) if user.is_authenticated else [],
        "deciding": deciding,
        "seat": seat,
        "panel": selectors.panel_of(tender) if deciding else [],
        "my_bids": selectors.bids_visible_to(user, tender).filter(
            organisation_id__in=rules.bidder_organisation_ids(user)
        ),
        "can_bid": tender.accepts_bids and bool(rules.bidder_organisation_ids(user)),
        "opened_bids": selectors.opened_bids(tender),
        "ranking": ranking,
        "timeline": timeline_for(tender),
        "cancel_form": ReasonForm(),
        "now": clock.now(),
        **panel_selectors.detail_context(tender, user, deciding=deciding, seat=seat),
        **award_selectors.detail_context(tender, user, deciding=deciding, ranking=ranking),
        **(forms or {}),
    }
    return render(request, "tenders/tender_detail.html", context, status=status)
