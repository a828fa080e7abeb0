"""The Suggested help of an item's help page, worked out once and shared until the help changes.

What is suggested depends only on the reader's language, the item's kind and title, and the
reason chosen (its name in that language, and its parent), never on the customer or on text
they typed, and the work behind it is most of the page: the linked articles, a full-text
search with highlighted snippets, and the question embedded by the model for the search by
meaning (knowledge.search). So the result is kept in the cache under those inputs and served
while two version tokens are the ones it was worked out under: the help content's
(``knowledge.helplists.TOKEN_KEY``: articles, translations, questions, answers, and the reasons
articles are linked to) and the documents' meaning vectors' (``knowledge.meaning.VERSION_KEY``).
The linked articles are ordered by how often they are read, which changes without a save: that
is left to the copy's short life (``SECONDS``), as for the Need Help lists. The search, the
costly part, does not depend on read counts: it is kept apart under the same tokens for longer
(``SEARCH_SECONDS``), so the copy's short life costs two small queries, not a search.

On the item's help page served by the page cache the region is a hole (``region``), read in the
same round trip as the page's tokens, so the cached page shows the help kept now. If the cache
is down, the help is simply worked out.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string

from core import pagecache
from knowledge import helplists, meaning, selectors
from knowledge.selectors import Suggestion

logger = logging.getLogger(__name__)

# The entry's layout is part of the key: a deploy that changes it never reads older entries.
ENTRY_KEY = "help:suggested:e1:{}"
TOKEN_KEYS = [helplists.TOKEN_KEY, meaning.VERSION_KEY]
SECONDS = helplists.SECONDS
# The search part (``_searched``): nothing in it changes with time, so this only bounds the
# cache's size, as the page cache's own entries do.
SEARCH_KEY = "help:suggested:search:e1:{}"
SEARCH_SECONDS = pagecache.PAGE_SECONDS
LIMIT = 6
TEMPLATE = "knowledge/includes/suggested_help.html"


def entry_key(
    *, language: str, item_kind: str, item_title: str, reason_ids: list[int], reason_name: str
) -> str:
    inputs = "\0".join([language, item_kind, item_title, reason_name, *map(str, reason_ids)])
    return ENTRY_KEY.format(hashlib.sha256(inputs.encode()).hexdigest()[:32])


def suggestions(
    *,
    language: str,
    item_kind: str,
    item_title: str,
    reason_ids: list[int],
    reason_name: str,
    prefetched: dict[str, Any] | None = None,
) -> tuple[list[Suggestion], str]:
    """The Suggested help and its region's HTML: the kept copy while the help is unchanged.
    ``prefetched``: the tokens and the entry, already read with the page's tokens."""
    key = entry_key(
        language=language,
        item_kind=item_kind,
        item_title=item_title,
        reason_ids=reason_ids,
        reason_name=reason_name,
    )
    try:
        found = cache.get_many([*TOKEN_KEYS, key]) if prefetched is None else prefetched
        tokens = list(pagecache.current_tokens(TOKEN_KEYS, found).values())
    except Exception:
        logger.warning("suggested help: cache unavailable", exc_info=True)
        tokens = [None]
        found = {}
    entry = found.get(key)
    if isinstance(entry, dict) and None not in tokens and entry.get("tokens") == tokens:
        return entry["suggestions"], entry["html"]
    # The tokens were read before the work: a change meanwhile makes this copy stale at once.
    found_help, linked_ids = selectors.linked_help(
        item_kind=item_kind, reason_ids=reason_ids, language=language, limit=LIMIT
    )
    if len(found_help) < LIMIT:
        found_help += _searched(
            tokens,
            item_kind=item_kind,
            item_title=item_title,
            reason_name=reason_name,
            language=language,
            limit=LIMIT - len(found_help),
            exclude_article_ids=linked_ids,
        )
    html = render_to_string(TEMPLATE, {"suggestions": found_help})
    if None not in tokens:
        try:
            cache.set(
                key,
                {"tokens": tokens, "suggestions": found_help, "html": html},
                timeout=SECONDS,
            )
        except Exception:
            logger.warning("suggested help: could not store", exc_info=True)
    return found_help, html


def _searched(tokens: list[str | None], **inputs: Any) -> list[Suggestion]:
    """The search part, kept apart and longer: it does not depend on read counts, only on the
    help content and the vectors (the tokens), so it is worked out again when they change."""
    words = [*map(str, sorted(inputs["exclude_article_ids"])), str(inputs["limit"])]
    words += [inputs[k] for k in ("language", "item_kind", "item_title", "reason_name")]
    key = SEARCH_KEY.format(hashlib.sha256("\0".join(words).encode()).hexdigest()[:32])
    if None not in tokens:
        try:
            entry = cache.get(key)
        except Exception:
            logger.warning("suggested help: cache unavailable", exc_info=True)
            entry = None
        if isinstance(entry, dict) and entry.get("tokens") == tokens:
            return list(entry["suggestions"])
    found = selectors.searched_help(**inputs)
    if None not in tokens:
        try:
            cache.set(key, {"tokens": tokens, "suggestions": found}, timeout=SEARCH_SECONDS)
        except Exception:
            logger.warning("suggested help: could not store", exc_info=True)
    return found


def region(request: HttpRequest, **inputs: Any) -> tuple[list[Suggestion], str]:
    """The Suggested help, and its region as a hole of the cached page (core.pagecache.hole)."""
    found, html = suggestions(**inputs)
    hole = pagecache.hole(request, html, "knowledge.suggested.refill", keys=_keys(inputs), **inputs)
    return found, hole


def _keys(inputs: dict[str, Any]) -> tuple[str, ...]:
    return (*TOKEN_KEYS, entry_key(**inputs))


def refill(request: HttpRequest, *, prefetched: dict[str, Any], **inputs: Any) -> str:
    return suggestions(prefetched=prefetched, **inputs)[1]
