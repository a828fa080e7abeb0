"""A small hand-made data set for March 2026 whose measures are worked out by hand.

Every figure asserted in test_measures.py can be recomputed from the comments here.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from cases.models import CaseStatus, Contact, Promise, PromiseStatus
from feedback.models import Feedback
from feedback.services import feedback_pick_up, feedback_submit
from knowledge.models import (
    Article,
    ArticleTranslation,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
)
from mystuff.models import ItemKind
from reporting.services import rollups_rebuild
from tests.factories import (
    CaseFactory,
    ContactReasonFactory,
    CustomerFactory,
    ItemFactory,
    TeamFactory,
)


def at(day: int, hour: int = 12, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def dataset(db, agent):
    team_a = TeamFactory(slug="team-a", name="Team A")
    team_b = TeamFactory(slug="team-b", name="Team B")
    reason_r = ContactReasonFactory(slug="where-is-it", name="Where is it?")
    reason_s = ContactReasonFactory(slug="billing-q", name="Billing")
    c1, c2, c3 = CustomerFactory(), CustomerFactory(), CustomerFactory()
    i1 = ItemFactory(customer=c1, kind=ItemKind.ORDER)
    i2 = ItemFactory(customer=c2, kind=ItemKind.APPOINTMENT)
    i3 = ItemFactory(customer=c3, kind=ItemKind.ORDER)

    def case(**kw):
        return CaseFactory(**kw)

    # A: 1 contact, resolved after 4 h, both SLAs met -> FCR.
    case_a = case(
        customer=c1, item=i1, reason=reason_r, channel="phone", team=team_a,
        status=CaseStatus.RESOLVED, created_at=at(2, 10), resolved_at=at(2, 14),
        first_response_due=at(2, 11), first_responded_at=at(2, 10, 30),
        resolution_due=at(3, 10),
    )  # fmt: skip
    # B: 2 contacts -> not FCR; resolved after 2 h; first response late, resolution met.
    case_b = case(
        customer=c2, item=i2, reason=reason_r, channel="chat", team=team_b,
        status=CaseStatus.RESOLVED, created_at=at(5, 9), resolved_at=at(5, 11),
        first_response_due=at(5, 9, 30), first_responded_at=at(5, 9, 45),
        resolution_due=at(5, 12),
    )  # fmt: skip
    # C: 1 contact but a new case about the same item + reason 2 days after -> not FCR;
    # resolved after 48 h, resolution late.
    case_c = case(
        customer=c3, item=i3, reason=reason_r, channel="phone", team=team_a,
        status=CaseStatus.RESOLVED, created_at=at(10, 8), resolved_at=at(12, 8),
        resolution_due=at(11, 8),
    )  # fmt: skip
    # D: still open, first response never given and past due -> missed.
    case_d = case(
        customer=c3, item=i3, reason=reason_r, channel="message", team=team_a,
        status=CaseStatus.OPEN, created_at=at(14, 8), first_response_due=at(14, 9),
    )  # fmt: skip
    # E: reopened once -> not FCR; resolved after 216 h.
    case_e = case(
        customer=c1, item=i1, reason=reason_s, channel="phone", team=team_b,
        status=CaseStatus.CLOSED, created_at=at(20, 8), resolved_at=at(29, 8),
        reopened_count=1,
    )  # fmt: skip
    # F: resolved in February: outside the range everywhere.
    case_f = case(
        customer=c2, item=i2, reason=reason_s, channel="phone", team=team_a,
        status=CaseStatus.RESOLVED, created_at=at(10, month=2), resolved_at=at(11, month=2),
    )  # fmt: skip

    a1 = Article.objects.create(slug="a-track-your-order", status="published")
    ArticleTranslation.objects.create(
        article=a1, language="en", title="Track your order", body="..."
    )
    a2 = Article.objects.create(slug="b-delivery-times", status="published")

    def journey(customer, item, reason, outcome, day, events=(), month=3):
        j = Journey.objects.create(
            customer=customer, item=item, reason=reason, outcome=outcome,
            started_at=at(day, 9, month=month),
        )  # fmt: skip
        for kind, article in events:
            JourneyEvent.objects.create(journey=j, kind=kind, article=article)
        return j

    opened = JourneyEventKind.ARTICLE_OPENED
    j1 = journey(
        c1, i1, reason_r, JourneyOutcome.CONTACTED, 2, [(opened, a1), (opened, a1), (opened, a2)]
    )
    j2 = journey(c3, i3, reason_r, JourneyOutcome.CONTACTED, 10, [(JourneyEventKind.SEARCH, None)])
    journey(
        c2,
        i2,
        reason_r,
        JourneyOutcome.SELF_SOLVED,
        4,
        [(opened, a1), (JourneyEventKind.SOLVED_YES, a1)],
    )
    journey(c2, i2, reason_s, JourneyOutcome.SELF_SOLVED, 6)
    journey(c1, i1, reason_r, JourneyOutcome.OPEN, 7)
    journey(c1, i1, reason_r, JourneyOutcome.CONTACTED, 7, [(opened, a2)], month=2)

    def contact(customer, case, item, channel, when, answer=None, abandon=None, journey=None):
        return Contact.objects.create(
            customer=customer, case=case, item=item, channel=channel, requested_at=when,
            answered_at=when + timedelta(seconds=answer) if answer is not None else None,
            abandoned_at=when + timedelta(seconds=abandon) if abandon is not None else None,
            journey=journey,
        )  # fmt: skip

    contact(c1, case_a, i1, "phone", at(2, 10), answer=20, journey=j1)  # re-contact (Feb 28)
    contact(c2, case_b, i2, "chat", at(5, 9), answer=40)
    contact(c2, case_b, i2, "chat", at(6, 9), abandon=60)  # re-contact
    contact(c3, case_c, i3, "phone", at(10, 8), answer=60, journey=j2)
    contact(c3, case_d, i3, "message", at(14, 8))  # re-contact
    contact(c1, case_e, i1, "phone", at(20, 8), abandon=30)
    contact(None, None, None, "callback", at(25, 8), answer=100)
    contact(c1, None, i1, "phone", at(28, month=2), answer=5)  # February
    contact(c2, case_f, i2, "phone", at(10, month=2), answer=5)  # February

    def promise(case, team, due, status, completed=None):
        Promise.objects.create(
            case=case, team=team, description="Call back", due_at=due, status=status,
            completed_at=completed,
        )  # fmt: skip

    promise(case_a, team_a, at(3), PromiseStatus.KEPT, at(2))  # on time
    promise(case_b, team_b, at(6), PromiseStatus.KEPT, at(7))  # late
    promise(case_c, team_a, at(11), PromiseStatus.OPEN)  # overdue
    promise(case_c, team_a, at(12), PromiseStatus.CANCELLED)  # not counted
    promise(case_f, team_a, at(1, month=2), PromiseStatus.KEPT, at(1, month=2))  # February

    def answered(feedback, when):
        Feedback.objects.filter(pk=feedback.pk).update(answered_at=when)

    answered(feedback_submit(customer=c1, item=i1, satisfaction=5, feeling=4), at(3))
    f2 = feedback_submit(
        customer=c2, case=case_b, satisfaction=2, feeling=1, follow_up_requested=True
    )
    f2 = feedback_submit(  # changed later: only this latest answer counts
        customer=c2, case=case_b, satisfaction=4, feeling=3, follow_up_requested=True
    )
    answered(f2, at(8))
    f3 = feedback_submit(customer=c3, item=i3, satisfaction=1, feeling=2, follow_up_requested=True)
    feedback_pick_up(feedback=f3, agent=agent)
    answered(f3, at(15))
    answered(feedback_submit(customer=c1, case=case_a, satisfaction=1, feeling=1), at(20, month=2))
    rollups_rebuild(first_day=date(2026, 2, 1), last_day=date(2026, 3, 31))
    return {"cases": {"A": case_a, "B": case_b, "C": case_c, "D": case_d, "E": case_e}}
