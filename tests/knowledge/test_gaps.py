import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus
from knowledge import services
from knowledge.models import (
    Article,
    ArticleStatus,
    Journey,
    JourneyEvent,
    JourneyEventKind,
    JourneyOutcome,
    SearchRecord,
)
from tests.factories import CaseFactory, ContactReasonFactory
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db
GAPS = reverse("knowledge:gaps")


def test_customers_cannot_see_the_gaps(customer_client):
    assert customer_client.get(GAPS).status_code == 403


def test_guests_are_asked_to_sign_in(client):
    assert client.get(GAPS).status_code == 302


def test_it_shows_articles_read_right_before_a_contact(agent_client, customer, where_is_my_order):
    article = make_article("late", "My delivery is late", reasons=[where_is_my_order])
    for outcome in (JourneyOutcome.CONTACTED, JourneyOutcome.CONTACTED, JourneyOutcome.SELF_SOLVED):
        journey = Journey.objects.create(
            customer=customer, reason=where_is_my_order, outcome=outcome
        )
        JourneyEvent.objects.create(
            journey=journey, kind=JourneyEventKind.ARTICLE_OPENED, article=article
        )
    # Opened twice in one of those journeys: one more read, the same journeys.
    JourneyEvent.objects.create(
        journey=Journey.objects.filter(outcome=JourneyOutcome.CONTACTED).first(),
        kind=JourneyEventKind.ARTICLE_OPENED,
        article=article,
    )
    gaps = agent_client.get(GAPS).context["gaps"]
    assert [(r["article_title"], r["journeys"], r["reads"]) for r in gaps.read_before_contact] == [
        ("My delivery is late", 2, 3)
    ]


def test_it_shows_reasons_without_articles_searches_without_results_and_articles_marked_no(
    agent_client, where_is_my_order
):
    lonely = ContactReasonFactory(name="Lonely reason")
    make_article("late", "My delivery is late", reasons=[where_is_my_order])
    make_article("draft", "Draft", reasons=[lonely], status=ArticleStatus.DRAFT)
    SearchRecord.objects.create(term="gift card", results=0, language="en")
    SearchRecord.objects.create(term="gift card", results=0, language="en")
    SearchRecord.objects.create(term="delivery", results=3, language="en")
    services.solved_answer_record(
        answer="no", journey=None, language="en", article=Article.objects.get(slug="late")
    )
    response = agent_client.get(GAPS)
    gaps = response.context["gaps"]
    assert [r.name for r in gaps.reasons_without_articles] == ["Lonely reason"]
    assert [(r["term"], r["times"]) for r in gaps.searches_without_results] == [("gift card", 2)]
    assert [(r["article__slug"], r["no"]) for r in gaps.articles_marked_no] == [("late", 1)]
    assert response.content.decode().count("<h1") == 1


def test_an_editor_starts_a_draft_from_a_resolved_case(agent_client, customer, where_is_my_order):
    case = CaseFactory(
        customer=customer,
        reason=where_is_my_order,
        status=CaseStatus.RESOLVED,
        subject="Fridge delivered to the wrong floor",
        summary="The crew delivered to floor 3; we rebooked.",
        resolved_at=timezone.now(),
    )
    assert case in agent_client.get(GAPS).context["gaps"].cases_to_write_up
    response = agent_client.post(reverse("knowledge:draft_from_case", args=[case.pk]))
    article = Article.objects.get(source_case_id=case.pk)
    assert response["Location"] == reverse("admin:knowledge_article_change", args=[article.pk])
    assert article.status == ArticleStatus.DRAFT
    assert article.translations.get().body == case.summary
    assert list(article.reasons.all()) == [where_is_my_order]
    assert article.revisions.count() == 1
    # Again: the same draft, not a second one; and the case leaves the list.
    agent_client.post(reverse("knowledge:draft_from_case", args=[case.pk]))
    assert Article.objects.filter(source_case_id=case.pk).count() == 1
    assert case not in agent_client.get(GAPS).context["gaps"].cases_to_write_up


def test_an_open_case_cannot_become_an_article(agent_client, customer):
    case = CaseFactory(customer=customer, status=CaseStatus.OPEN, summary="x")
    assert (
        agent_client.post(reverse("knowledge:draft_from_case", args=[case.pk])).status_code == 404
    )


def test_customers_cannot_start_drafts(customer_client, customer):
    case = CaseFactory(customer=customer, status=CaseStatus.RESOLVED, summary="x")
    assert (
        customer_client.post(reverse("knowledge:draft_from_case", args=[case.pk])).status_code
        == 403
    )


def test_it_names_articles_by_title_in_the_readers_language(
    agent_client, customer, where_is_my_order
):
    article = make_article(
        "late-delivery",
        "My delivery is late",
        reasons=[where_is_my_order],
        translations={"nl": ("Mijn levering is laat", "Tekst.")},
    )
    journey = Journey.objects.create(
        customer=customer, reason=where_is_my_order, outcome=JourneyOutcome.CONTACTED
    )
    JourneyEvent.objects.create(
        journey=journey, kind=JourneyEventKind.ARTICLE_OPENED, article=article
    )
    services.solved_answer_record(answer="no", journey=None, language="en", article=article)
    english = agent_client.get(GAPS).content.decode()
    assert "My delivery is late" in english
    assert "late-delivery<" not in english
    dutch = agent_client.get(GAPS, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert dutch.count("Mijn levering is laat") == 2
