"""Knowledge gaps by meaning: unanswered questions grouped, one article offered to the askers."""

import uuid

import pytest
from django.test import Client

from cases.models import CaseStatus
from knowledge import gaps, meaning
from knowledge.models import ArticleStatus, Gap, GapExample, GapSource
from knowledge.services import article_set_status
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

QUESTIONS = [
    (GapSource.MESSAGE, "my parcel never came", "en"),
    (GapSource.SEARCH, "the package hasn't arrived yet", "en"),
    (GapSource.SEARCH, "waar blijft mijn pakket", "nl"),
    (GapSource.SEARCH, "where is my delivery, it is late", "en"),
    (GapSource.SEARCH, "can I pay in instalments", "en"),
    (GapSource.MESSAGE, "my washing machine leaks water", "en"),
    (GapSource.SEARCH, "de wasmachine lekt", "nl"),
]


@pytest.fixture
def with_meaning(settings):
    settings.KNOWLEDGE_MEANING = True


def test_the_same_question_in_other_words_and_languages_is_one_gap(with_meaning):
    for source, text, language in QUESTIONS:
        gaps.record(source=source, text=text, language=language)
    assert gaps.cluster_pending() == len(QUESTIONS)
    assert gaps.cluster_pending() == 0  # each example is placed once
    sizes = sorted(Gap.objects.values_list("size", flat=True), reverse=True)
    assert sizes == [4, 2, 1]
    biggest = gaps.gaps_by_meaning()[0]
    assert biggest.gap.size == 4 and biggest.searches == 3 and biggest.messages == 1
    assert {e.text for e in GapExample.objects.filter(gap=biggest.gap)} == {
        text for _s, text, _l in QUESTIONS[:4]
    }


def test_without_the_model_nothing_is_grouped_and_nothing_fails(settings):
    settings.KNOWLEDGE_MEANING = False
    gaps.record(source=GapSource.SEARCH, text="my parcel never came", language="en")
    assert gaps.cluster_pending() == 0
    assert GapExample.objects.filter(gap__isnull=True).count() == 1


def test_searches_with_no_results_and_sent_messages_feed_the_gaps(client):
    client.get("/help/", {"q": "zzqx frobnicate"})
    assert GapExample.objects.filter(source=GapSource.SEARCH, text="zzqx frobnicate").exists()


def test_a_sent_message_feeds_a_message_gap_example(
    with_meaning, customer, customer_client, item, calm_reason, channels
):
    from cases.models import Contact

    customer_client.post(
        f"/contact/choose/?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "message", "description": "", "idempotency_key": uuid.uuid4().hex},
    )
    # Only a channel chosen: nothing was asked yet, so nothing feeds the gaps.
    assert not GapExample.objects.exists()
    contact = Contact.objects.get()
    customer_client.post(
        f"/contact/{contact.pk}/message/",
        {"body": "The display shows   E21 and the drum will not turn"},
    )
    contact.refresh_from_db()
    example = GapExample.objects.get()
    assert (example.source, example.text, example.language, example.case_id) == (
        GapSource.MESSAGE,
        "The display shows E21 and the drum will not turn",
        "en",
        contact.case_id,
    )
    # A guest's message feeds the gaps too, with the guest's case.
    guest = Client()
    session = guest.session
    session["channels_guest_email"] = "guest@example.net"
    session.save()
    guest.post("/contact/guest/message/", {"body": "Mi horno no calienta nada"})
    messages = GapExample.objects.filter(source=GapSource.MESSAGE).order_by("id")
    assert [e.text for e in messages] == [example.text, "Mi horno no calienta nada"]
    assert messages[1].case_id == Contact.objects.get(guest_email="guest@example.net").case_id
    # Grouped by meaning, each is a gap of one message.
    assert gaps.cluster_pending() == 2
    assert sorted((g.messages, g.searches) for g in gaps.gaps_by_meaning()) == [(1, 0), (1, 0)]


def test_an_article_written_for_a_gap_is_offered_on_the_open_cases_that_asked(
    with_meaning, customer, customer_client, manager_client
):
    open_case = CaseFactory(customer=customer, status=CaseStatus.OPEN)
    resolved = CaseFactory(customer=customer, status=CaseStatus.RESOLVED)
    gaps.record(
        source=GapSource.MESSAGE, text="my parcel never came", language="en", case_id=open_case.pk
    )
    gaps.record(
        source=GapSource.MESSAGE,
        text="the package hasn't arrived",
        language="en",
        case_id=resolved.pk,
    )
    gaps.record(source=GapSource.SEARCH, text="waar blijft mijn pakket", language="nl")

    page = manager_client.get("/help/gaps/").content.decode()  # groups what is waiting
    assert "Questions we could not answer, grouped by meaning" in page
    assert "my parcel never came" in page and "waar blijft mijn pakket" in page
    gap = Gap.objects.get()
    response = manager_client.post(f"/help/gaps/{gap.pk}/write/")
    gap.refresh_from_db()
    assert response.status_code == 302 and gap.article is not None
    assert gap.article.status == ArticleStatus.DRAFT
    # The customer sees nothing until it is published.
    assert (
        "New help for your question"
        not in customer_client.get(open_case.get_absolute_url()).content.decode()
    )

    article_set_status(article=gap.article, status=ArticleStatus.PUBLISHED)
    on_open = customer_client.get(open_case.get_absolute_url()).content.decode()
    assert "New help for your question" in on_open
    assert gap.article.get_absolute_url() in on_open
    on_resolved = customer_client.get(resolved.get_absolute_url()).content.decode()
    assert "New help for your question" not in on_resolved
    # The gap is answered: it leaves the list.
    assert "my parcel never came" not in manager_client.get("/help/gaps/").content.decode()


def test_a_customer_cannot_start_articles_for_gaps(with_meaning, customer_client):
    gaps.record(source=GapSource.SEARCH, text="my parcel never came", language="en")
    gaps.cluster_pending()
    gap = Gap.objects.get()
    assert customer_client.post(f"/help/gaps/{gap.pk}/write/").status_code == 403
    assert customer_client.post("/help/gaps/999999/write/").status_code == 403
    assert meaning.available()
