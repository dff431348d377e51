from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.models import PartyKind, PartyScore, SurveyResponse
from evaluations.services import surveys as services
from marketplace.workflow import WorkflowError

from .helpers import open_evaluation

ANSWERS = {"q_needs": 5, "q_attitude": 4, "q_overall": 5}


@pytest.fixture
def residents(delivery, purchaser, third_party):
    return open_evaluation(delivery, purchaser, third_party).parties.get(kind=PartyKind.RESIDENTS)


def test_second_response_from_the_same_phone_refused(residents):
    services.survey_respond(party=residents, phone="13912345678", answers=ANSWERS)
    with pytest.raises(WorkflowError, match="只能作答一次"):
        services.survey_respond(party=residents, phone="13912345678", answers=ANSWERS)
    assert SurveyResponse.objects.count() == 1


def test_second_response_from_the_same_account_refused(residents, resident):
    services.survey_respond(party=residents, user=resident, answers=ANSWERS)
    with pytest.raises(WorkflowError, match="只能作答一次"):
        services.survey_respond(party=residents, user=resident, phone="", answers=ANSWERS)


def test_closing_the_survey_scores_the_residents_party(residents, staff, staff_b):
    services.survey_respond(party=residents, phone="13912345678", answers=ANSWERS)  # 93.33
    services.survey_respond(
        party=residents,
        phone="13912345679",
        answers={"q_needs": 3, "q_attitude": 3, "q_overall": 4},
    )  # 66.67
    with pytest.raises(Exception):  # noqa: B017, PT011 - staff of another community: refused
        services.survey_close(party=residents, user=staff_b)
    score = services.survey_close(party=residents, user=staff)
    assert score.score == Decimal("80.00")
    assert "2 份" in score.comment
    with pytest.raises(WorkflowError, match="已结束"):
        services.survey_respond(party=residents, phone="13912345670", answers=ANSWERS)


def test_survey_over_http_by_link_and_qr(client, residents, staff):
    token = services.survey_token(residents)
    url = reverse("evaluations:survey", args=[token])
    data = {"phone": "13912345678", **ANSWERS}
    assert client.get(url).status_code == 200
    assert client.post(url, {**data, "phone": "123"}).status_code == 400
    assert "感谢" in client.post(url, data).content.decode()
    assert client.post(url, data).status_code == 409
    assert client.get(reverse("evaluations:survey", args=["forged"])).status_code == 404
    client.force_login(staff)
    notice = client.get(reverse("evaluations:survey_notice", args=[residents.pk]))
    body = notice.content.decode()
    assert "<svg" in body and token in body
    response = client.post(reverse("evaluations:survey_close", args=[residents.pk]))
    assert response.status_code == 302
    assert PartyScore.objects.get(party=residents).score == Decimal("93.33")
