from django.urls import reverse

from marketplace.models import Document, ProjectState
from tests.marketplace.factories import ProjectFactory, force_state
from tests.support.pdf import pdf_text


def test_design_pdf_has_extractable_chinese_and_is_kept(client, staff):
    project = ProjectFactory(designer=staff, title="翠湖长者关爱服务项目")
    client.force_login(staff)
    url = reverse("document", args=["project-design", project.pk])
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "翠湖长者关爱服务项目" in text
    assert "翠湖西路社区" in text and "活动物料" in text and "20000.00" in text
    client.get(url)
    assert Document.objects.count() == 1  # kept, not rendered again


def test_design_pdf_of_a_draft_is_not_public(client, staff):
    project = ProjectFactory(designer=staff)
    response = client.get(reverse("document", args=["project-design", project.pk]))
    assert response.status_code == 403


def test_approved_design_is_public(client, staff):
    project = force_state(ProjectFactory(designer=staff), ProjectState.APPROVED)
    response = client.get(reverse("document", args=["project-design", project.pk]))
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == Document.objects.get().sha256


def test_kept_documents_live_outside_the_media_url(client, staff, settings):
    project = force_state(ProjectFactory(designer=staff), ProjectState.APPROVED)
    client.get(reverse("document", args=["project-design", project.pk]))
    path = Document.objects.get().file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
