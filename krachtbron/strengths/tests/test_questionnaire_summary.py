import datetime

from django.utils import timezone

from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.strengths.questionnaire_summary import latest_summary


def test_no_completed_questionnaire_gives_none(org):
    assert latest_summary(org.family) is None


def test_the_newest_completed_questionnaire_is_summarised_by_the_engine(org):
    earlier = timezone.now() - datetime.timedelta(days=60)
    completed_response(org.member, org.adviser, {"g01": 0}, completed_at=earlier)
    completed_response(org.member, org.adviser, {"g01": 4, "g02": 4, "g03": 1, "g04": 3})

    summary = latest_summary(org.family)

    assert summary is not None
    assert summary.member_label == "Fatima"
    first = summary.sections[0]
    assert first.mean == 3.0  # (4 + 4 + 1 + 3) / 4, all four items of the first section
    assert len(summary.strengths) == 3 and len(summary.needs) == 1


def test_another_familys_questionnaire_is_never_used(org):
    from krachtbron.testing.factories import MemberFactory

    stranger = MemberFactory(family=org.other_family)
    completed_response(stranger, org.other_adviser, {"g01": 4})
    assert latest_summary(org.family) is None
