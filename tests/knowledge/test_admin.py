import pytest
from django.urls import reverse

from knowledge.models import Article, ArticleRevision, SearchDocument
from mystuff.models import ContactReason
from tests.factories import ContactReasonFactory

pytestmark = pytest.mark.django_db


def reason_form(**overrides):
    data = {
        "slug": "new-reason",
        "name": "New reason",
        "translations": "{}",
        "item_kinds": ["order"],
        "urgency": "normal",
        "position": "0",
        "active": "on",
        "Article_reasons-TOTAL_FORMS": "0",
        "Article_reasons-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def test_a_seventh_top_level_reason_for_a_kind_is_refused_with_a_clear_message(manager_client):
    for n in range(6):
        ContactReasonFactory(item_kinds=["order"], name=f"Reason {n}")
    response = manager_client.post(reverse("admin:mystuff_contactreason_add"), reason_form())
    assert response.status_code == 200
    assert "order already has 6 top-level reasons" in response.content.decode()
    assert not ContactReason.objects.filter(slug="new-reason").exists()


def test_a_reason_with_translations_is_saved(manager_client):
    response = manager_client.post(
        reverse("admin:mystuff_contactreason_add"),
        reason_form(translations='{"nl": "Nieuwe reden"}', urgency="high"),
    )
    assert response.status_code == 302
    reason = ContactReason.objects.get(slug="new-reason")
    assert reason.localized_name("nl") == "Nieuwe reden" and reason.urgency == "high"


def test_a_reason_cannot_have_three_levels(manager_client):
    top = ContactReasonFactory()
    middle = ContactReasonFactory(parent=top)
    response = manager_client.post(
        reverse("admin:mystuff_contactreason_add"), reason_form(parent=middle.pk)
    )
    assert "two levels" in response.content.decode()


def test_saving_an_article_in_the_admin_keeps_a_revision_and_indexes_it(manager_client):
    data = {
        "slug": "new",
        "kind": "faq",
        "status": "published",
        "topic": "billing",
        "item_kinds": ["order"],
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-0-language": "en",
        "translations-0-title": "Paying by card",
        "translations-0-summary": "",
        "translations-0-body": "We take **cards**.",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    response = manager_client.post(reverse("admin:knowledge_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="new")
    assert ArticleRevision.objects.filter(article=article).count() == 1
    assert SearchDocument.objects.filter(article=article).count() == 1


def test_admin_lists_load(manager_client):
    assert manager_client.get(reverse("admin:mystuff_contactreason_changelist")).status_code == 200
    for name in [
        "article",
        "question",
        "abusereport",
        "searchrecord",
        "journey",
        "tag",
    ]:
        assert manager_client.get(reverse(f"admin:knowledge_{name}_changelist")).status_code == 200
