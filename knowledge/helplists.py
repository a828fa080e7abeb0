"""The Need Help page's lists (popular articles, categories, community questions), rendered once
per language and shared by every visitor until the knowledge base changes.

They are the same for everyone who reads a language, cost most of the page (four queries and
half its render), and change rarely: an article published or edited, a question asked, an
answer posted or hidden. Each such save or delete replaces one token (``changed``, connected
to the models' signals in ``connect``, the page cache's way: now and again on commit); a kept copy
is served only under the token it was rendered under. One thing changes without a save: the
read counts that order the popular articles; that is left to the copy's short life
(``SECONDS``). If the cache is down, the lists are simply rendered.

The same token stands for the published help content as a whole: the Suggested help kept by
``knowledge.suggested`` is kept under it too. On the Need Help page served by the page cache,
the lists are a hole (``lists_hole``), so the cached page shows the lists kept now.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

from core import pagecache
from knowledge import selectors

logger = logging.getLogger(__name__)

TOKEN_KEY = "help:lists:v"
# The entry's layout is part of the key: a deploy that changes it never reads older entries.
ENTRY_KEY = "help:lists:e1:{}"
# How stale the order of the popular articles may get (reads do not replace the token).
SECONDS = 60


def changed(*args: Any, **kwargs: Any) -> None:
    """The knowledge base changed: the kept lists are no longer served (a signal receiver)."""
    pagecache.replace_tokens([TOKEN_KEY])


def _render(language: str) -> str:
    context = {
        "popular": selectors.popular_articles(language),
        "topics": selectors.topic_counts(),
        "questions": selectors.recent_questions(language),
    }
    # Only the lists: no request, so no context processors (nothing in them uses one).
    return render_to_string("knowledge/home.html#lists", context)


def lists_html(language: str, prefetched: dict[str, Any] | None = None) -> str:
    """The lists in this language: the kept copy while the knowledge base is unchanged.
    ``prefetched``: the token and the entry, already read with the page's tokens."""
    key = ENTRY_KEY.format(language)
    try:
        found = cache.get_many([TOKEN_KEY, key]) if prefetched is None else prefetched
        token = pagecache.current_tokens([TOKEN_KEY], found)[TOKEN_KEY]
    except Exception:
        logger.warning("help lists: cache unavailable", exc_info=True)
        return _render(language)
    entry = found.get(key)
    if isinstance(entry, dict) and token is not None and entry.get("token") == token:
        return entry["html"]
    # The token was read before rendering: a change meanwhile makes this copy stale at once.
    html = _render(language)
    if token is not None:
        try:
            cache.set(key, {"token": token, "html": html}, timeout=SECONDS)
        except Exception:
            logger.warning("help lists: could not store", exc_info=True)
    return html


def lists_hole(request: HttpRequest, language: str) -> str:
    """The lists as a hole of the cached Need Help page (core.pagecache.hole): a page served
    from the cache shows the lists kept now, not those of when the page was rendered, read
    in the same round trip as the page's tokens."""
    return pagecache.hole(
        request,
        lists_html(language),
        "knowledge.helplists.refill",
        keys=(TOKEN_KEY, ENTRY_KEY.format(language)),
        language=language,
    )


def refill(request: HttpRequest, *, prefetched: dict[str, Any], language: str) -> str:
    return lists_html(language, prefetched)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from knowledge.models import Answer, Article, ArticleTranslation, Question

    for model in (Article, ArticleTranslation, Question, Answer):
        uid = f"helplists-{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, dispatch_uid=uid)
    # The reasons an article is linked to pick the Suggested help (knowledge.suggested).
    m2m_changed.connect(changed, sender=Article.reasons.through, dispatch_uid="helplists-reasons")
