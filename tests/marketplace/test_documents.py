"""Document keeping (the kinds themselves are tested with their apps)."""

from django.urls import reverse

from marketplace.models import Document, ProjectState
from tests.marketplace.factories import ProjectFactory, force_state


def test_kept_documents_live_outside_the_media_url(client, staff, settings):
    project = force_state(ProjectFactory(designer=staff), ProjectState.APPROVED)
    url = reverse("document", args=["design", project.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url)["X-Content-SHA256"] == first["X-Content-SHA256"]
    doc = Document.objects.get()  # rendered once, then kept
    assert doc.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not doc.file.path.startswith(str(settings.MEDIA_ROOT))


def test_unknown_kind_is_404(client, db):
    assert client.get(reverse("document", args=["nothing", 1])).status_code == 404


def test_a_draft_design_is_not_public(client, staff):
    project = ProjectFactory(designer=staff)
    assert client.get(reverse("document", args=["design", project.pk])).status_code == 403
