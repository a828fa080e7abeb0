import pytest

from knowledge import services
from knowledge.models import Journey, JourneyEvent, JourneyEventKind, JourneyOutcome
from knowledge.selectors import journey_context
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db


def test_journey_context_has_the_shape_the_channels_app_reads(customer, item, where_is_my_order):
    article = make_article("late", "My delivery is late", translations={"nl": ("Te laat", "x")})
    question = make_question()
    journey = Journey.objects.create(
        customer=customer, item=item, reason=where_is_my_order, language="nl"
    )
    services.journey_record_article(journey=journey, article=article)
    services.journey_record_article(journey=journey, article=article)
    services.search_record(term="late  delivery", results=3, language="nl", journey=journey)
    services.solved_answer_record(answer="no", journey=journey, language="nl", article=article)
    services.solved_answer_record(answer="no", journey=journey, language="nl", question=question)
    assert journey_context(journey) == {
        "articles_opened": [{"id": article.pk, "slug": "late", "title": "Te laat"}],
        "searches": [{"term": "late delivery", "results": 3}],
        "solved_answers": [
            {"article": "late", "answer": "no"},
            {"article": f"community:{question.pk}", "answer": "no"},
        ],
    }


def test_nothing_is_added_to_a_journey_that_ended(customer):
    article = make_article("late", "My delivery is late")
    journey = Journey.objects.create(customer=customer, outcome=JourneyOutcome.CONTACTED)
    services.journey_record_article(journey=journey, article=article)
    services.solved_answer_record(answer="yes", journey=journey, language="en", article=article)
    journey.refresh_from_db()
    assert journey.outcome == JourneyOutcome.CONTACTED
    assert not JourneyEvent.objects.exists()


def test_saving_a_translation_keeps_a_revision_only_when_it_changed():
    article = make_article("late", "My delivery is late", "v1")
    for body in ["v1", "v2", "v2"]:
        services.article_save_translation(
            article=article, language="en", title="My delivery is late", body=body
        )
    assert [r.body for r in article.revisions.all()] == ["v2", "v1"]


def test_a_journey_about_an_item_then_general_help_stays_one_journey(customer, item):
    journey = services.journey_start_or_continue(
        current=None, customer=customer, session_key="s", language="en", item=item
    )
    again = services.journey_start_or_continue(
        current=journey, customer=customer, session_key="s", language="en"
    )
    assert again == journey
    assert JourneyEventKind.REASON_CHOSEN not in journey.events.values_list("kind", flat=True)
