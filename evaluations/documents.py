"""Kept Chinese PDFs: the evaluation report (评估报告), one per closed evaluation, and the
volunteer service certificate (志愿服务证明), one per issued certificate."""

import segno
from django.conf import settings
from django.urls import reverse

from marketplace.documents import DocumentKind, register

from . import rules, selectors


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


def verify_url(certificate) -> str:
    return settings.SITE_URL + reverse("evaluations:certificate_verify", args=[certificate.code])


def _certificate_context(certificate):
    url = verify_url(certificate)
    return {
        "certificate": certificate,
        "volunteer": certificate.volunteer,
        "services": certificate.services.select_related("log__delivery__project").order_by(
            "started_at", "pk"
        ),
        "verify_url": url,
        "qr": segno.make(url, error="m").png_data_uri(scale=4),
    }


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
    register(
        DocumentKind(
            name="volunteer_certificate",
            model="evaluations.VolunteerCertificate",
            title=lambda c: f"志愿服务证明-{c.number}",
            template="evaluations/documents/volunteer_certificate.html",
            context=_certificate_context,
            version=lambda c: c.number or "",  # an issued certificate never changes
            can_view=rules.views_certificate,
        )
    )
