import pytest
from django.urls import reverse

from knowledge.models import Article, ArticleFeedback, ArticleStatus, Journey, JourneyOutcome
from tests.knowledge.factories import make_article

pytestmark = pytest.mark.django_db


def article_url(slug):
    return reverse("knowledge:article", args=[slug])


def test_it_shows_the_article_with_did_this_solve_it_and_contact_us(client):
    make_article("track", "Track your delivery", "## Where\n- Open **My Stuff**")
    html = client.get(article_url("track")).content.decode()
    assert html.count("<h1") == 1
    assert "<h2>Where</h2>" in html and "<strong>My Stuff</strong>" in html
    assert "Did this solve it?" in html
    assert "Contact Us" in html
    journey = Journey.objects.get()
    assert f"/contact/choose/?journey={journey.pk}" in html
    assert Article.objects.get().view_count == 1


def test_it_shows_the_article_in_the_customers_language_or_english(client):
    make_article(
        "track", "Track your delivery", translations={"nl": ("Je bezorging volgen", "Tekst")}
    )
    make_article("slots", "Delivery slots")
    client.cookies["django_language"] = "nl"
    assert "Je bezorging volgen" in client.get(article_url("track")).content.decode()
    assert "Delivery slots" in client.get(article_url("slots")).content.decode()


def test_drafts_are_never_visible_to_customers(client, customer_client):
    make_article("draft", "Secret", status=ArticleStatus.DRAFT)
    assert client.get(article_url("draft")).status_code == 404
    assert customer_client.get(article_url("draft")).status_code == 404


def test_editors_can_preview_a_draft(agent_client):
    make_article("draft", "Secret", status=ArticleStatus.DRAFT)
    html = agent_client.get(article_url("draft")).content.decode()
    assert "Draft: customers cannot see this" in html
    assert "Did this solve it?" not in html


@pytest.mark.parametrize(
    ("answer", "outcome"), [("yes", JourneyOutcome.SELF_SOLVED), ("no", JourneyOutcome.OPEN)]
)
def test_it_records_did_this_solve_it_on_the_journey(client, answer, outcome):
    make_article("track", "Track your delivery")
    client.get(article_url("track"))
    response = client.post(reverse("knowledge:article_solved", args=["track"]), {"answer": answer})
    assert response.status_code == 302
    journey = Journey.objects.get()
    assert journey.outcome == outcome
    assert journey.events.last().kind == f"solved_{answer}"
    assert ArticleFeedback.objects.get().answer == answer
    page = client.get(response["Location"]).content.decode()
    assert "Did this solve it?" in page  # the region stays, answered
    assert ("Glad that solved it" in page) == (answer == "yes")


def test_a_no_keeps_contact_us_on_the_screen_for_htmx(client):
    make_article("track", "Track your delivery")
    client.get(article_url("track"))
    response = client.post(
        reverse("knowledge:article_solved", args=["track"]),
        {"answer": "no"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Contact Us" in html and "journey=" in html


def test_a_bad_answer_is_not_recorded(client):
    make_article("track", "Track your delivery")
    response = client.post(reverse("knowledge:article_solved", args=["track"]), {"answer": "maybe"})
    assert response.status_code == 302
    assert not ArticleFeedback.objects.exists()


def test_solved_rejects_get(client):
    make_article("track", "Track your delivery")
    assert client.get(reverse("knowledge:article_solved", args=["track"])).status_code == 405


def test_it_loads_with_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    make_article("track", "Track your delivery")
    client.get(article_url("track"))
    with django_assert_max_num_queries(12):
        client.get(article_url("track"))


def test_an_article_without_the_readers_language_says_it_shows_the_english_one(client):
    from django.conf import settings as django_settings

    from tests.knowledge.factories import make_article

    make_article(
        "seal", "Replace the door seal", translations={"nl": ("Afdichting vervangen", "Tekst.")}
    )
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get("/help/articles/seal/").content.decode()
    assert "Afdichting vervangen" in dutch and "article-language-note" not in dutch
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "de"
    german = client.get("/help/articles/seal/").content.decode()
    assert "Replace the door seal" in german and "article-language-note" in german
