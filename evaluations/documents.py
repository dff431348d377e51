"""The evaluation report (评估报告) as a kept Chinese PDF, one per closed evaluation."""

from marketplace.documents import DocumentKind, register

from . import selectors


def _context(evaluation):
    delivery = selectors.delivery_with_context(evaluation.delivery_id)
    return {
        "evaluation": selectors.evaluations_for(delivery).get(pk=evaluation.pk),
        "delivery": delivery,
        "contract": delivery.contract,
        "progress": selectors.progress_for(delivery),
        "totals": selectors.log_totals(delivery),
        "team": selectors.team_for(delivery),
    }


def _can_view(evaluation, user):
    delivery = selectors.delivery_with_context(evaluation.delivery_id)
    return evaluation.state != "open" and selectors.can_view_delivery(delivery, user)


def register_documents():
    register(
        DocumentKind(
            name="evaluation_report",
            model="evaluations.Evaluation",
            title=lambda e: f"评估报告-{e.delivery.project.title}-{e.get_kind_display()}{e.round}",
            template="evaluations/documents/evaluation_report.html",
            context=_context,
            version=lambda e: (
                f"{e.state}-{e.total}-{e.closed_at:%Y%m%d%H%M%S}" if e.closed_at else e.state
            ),
            can_view=_can_view,
        )
    )
