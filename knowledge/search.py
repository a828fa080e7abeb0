"""One search over articles, FAQs and the community, ranked and highlighted.

On PostgreSQL it is full-text search: each ``SearchDocument`` carries a ``tsvector`` built with
the stemming configuration of its language, served by a GIN index; ranking is ``ts_rank`` and
the snippets come from ``ts_headline``. Elsewhere (SQLite in development) a fallback matches
words in titles and bodies and ranks title matches above body matches, so results stay
relevant. Both first ask for every word and, when nothing matches, for any word; on
PostgreSQL with pg_trgm a last step finds titles that look like the term, for typos.

Speed (bench/knowledge_bench.py, 120,000 documents): ranking is bounded to CANDIDATES matches
per search, and ts_headline runs only for the hits shown.

Results come in the customer's language; articles without a translation are found in English.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString

from core import outbox
from knowledge import meaning
from knowledge.models import (
    Answer,
    Article,
    ArticleStatus,
    DocumentKind,
    Question,
    SearchDocument,
)
from knowledge.richtext import HIGHLIGHT_START, HIGHLIGHT_STOP, from_headline, highlight, plain_text

DEFAULT_LANGUAGE = "en"
TS_CONFIGS = {
    "en": "english",
    "nl": "dutch",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
}
# Words too common to find anything by on the fallback (PostgreSQL has its own lists).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "can",
        "do",
        "does",
        "for",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "where",
        "why",
        "with",
        "you",
        "your",
        "de",
        "het",
        "een",
        "en",
        "ik",
        "is",
        "mijn",
        "van",
        "wat",
        "waar",
        "hoe",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "ich",
        "ist",
        "mein",
        "meine",
        "wie",
        "wo",
        "was",
        "und",
    ]
)
MAX_WORDS = 8
# Full-text ranking reads every matching document's vector, which for a broad term is most
# of the table. The best CANDIDATES matches by boost (articles first) and recency are ranked
# instead; a GIN scan serves narrow terms, the (language, boost, id) index broad ones.
CANDIDATES = 600
BOOSTS = {
    DocumentKind.ARTICLE: 3,
    DocumentKind.FAQ: 3,
    DocumentKind.QUESTION: 2,
    DocumentKind.ANSWER: 1,
}
ARTICLE_KINDS = [DocumentKind.ARTICLE, DocumentKind.FAQ]
FALLBACK_CANDIDATES = 400


def ts_config(language: str) -> str:
    return TS_CONFIGS.get(language, "simple")


def words(term: str) -> list[str]:
    """The words of a search term worth matching on, lower-case, in order, without repeats."""
    found: list[str] = []
    for word in re.findall(r"\w+", term.lower()):
        if len(word) < 2 or word in STOP_WORDS or word in found:
            continue
        found.append(word)
    return found[:MAX_WORDS]


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    title_html: SafeString
    snippet: SafeString
    url: str
    rank: float
    article_id: int | None
    question_id: int | None
    answer_id: int | None

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.kind).label)


# --- Indexing: called by the services whenever something customers can find changes.


def index_article(article: Article) -> None:
    """(Re)write the documents of one article; a draft has none, so it cannot be found."""
    kept = _vectors_by_text(SearchDocument.objects.filter(article=article))
    SearchDocument.objects.filter(article=article).delete()
    if article.status != ArticleStatus.PUBLISHED:
        return
    documents = [
        SearchDocument(
            kind=article.kind,
            language=translation.language,
            article=article,
            boost=BOOSTS[DocumentKind(article.kind)],
            title=translation.title,
            body=f"{translation.summary}\n{plain_text(translation.body)}".strip(),
        )
        for translation in article.translations.all()
    ]
    _created(documents, kept)
    refresh_vectors(SearchDocument.objects.filter(article=article))


def index_question(question: Question) -> None:
    """(Re)write a community thread: the question and each visible answer."""
    kept = _vectors_by_text(SearchDocument.objects.filter(question=question))
    SearchDocument.objects.filter(question=question).delete()
    if question.hidden:
        return
    documents = [
        SearchDocument(
            kind=DocumentKind.QUESTION,
            language=question.language,
            question=question,
            boost=BOOSTS[DocumentKind.QUESTION],
            title=question.title,
            body=question.body,
        )
    ]
    answers: QuerySet[Answer] = question.answers.filter(hidden=False)
    documents += [
        SearchDocument(
            kind=DocumentKind.ANSWER,
            language=question.language,
            question=question,
            answer=answer,
            boost=BOOSTS[DocumentKind.ANSWER] + (answer.pk == question.accepted_answer_id),
            title=question.title,
            body=answer.body,
        )
        for answer in answers
    ]
    _created(documents, kept)
    refresh_vectors(SearchDocument.objects.filter(question=question))


def _vectors_by_text(documents: QuerySet[SearchDocument]) -> dict[tuple[str, str, str], bytes]:
    """The meaning vectors already computed, by (language, title, body): a re-index keeps the
    vector of every text that did not change instead of running the model again."""
    return {
        (language, title, body): bytes(vector)
        for language, title, body, vector in documents.filter(embedding__isnull=False).values_list(
            "language", "title", "body", "embedding"
        )
        if vector is not None
    }


def _created(documents: list[SearchDocument], kept: dict[tuple[str, str, str], bytes]) -> None:
    for document in documents:
        document.embedding = kept.get((document.language, document.title, document.body))
    created = SearchDocument.objects.bulk_create(documents)
    missing = [d.pk for d in created if d.embedding is None and d.pk is not None]
    if missing and meaning.enabled():
        # A task after commit: the model reads ~0.1 s per document, not the editor's request.
        outbox.enqueue("knowledge.embed_documents", missing)


def refresh_vectors(documents: QuerySet[SearchDocument]) -> None:
    """Fill ``search_vector`` with each document's language configuration (PostgreSQL only)."""
    if not uses_full_text():
        return
    for language in documents.order_by().values_list("language", flat=True).distinct():
        config = ts_config(language)
        documents.filter(language=language).update(
            search_vector=SearchVector("title", weight="A", config=config)
            + SearchVector("body", weight="B", config=config)
        )


# --- Searching


def search(
    term: str,
    *,
    language: str,
    limit: int = 10,
    kinds: list[str] | None = None,
    match_any: bool = False,
    exclude_article_ids: frozenset[int] = frozenset(),
) -> list[Hit]:
    """Ranked hits for ``term`` in ``language``: full-text and meaning together (hybrid).

    Full-text finds what shares words with the question; the model (``knowledge.meaning``)
    finds what means the same in any language. The two rankings are fused (reciprocal rank
    fusion), one hit per article or community thread. Without the model it is full-text only.
    """
    lexical = lexical_search(
        term,
        language=language,
        limit=limit,
        kinds=kinds,
        match_any=match_any,
        exclude_article_ids=exclude_article_ids,
    )
    query = meaning.query_vector(term) if words(term) else None
    if query is None:
        return lexical
    semantic = _by_meaning(
        query, language=language, limit=limit, kinds=kinds, exclude=exclude_article_ids
    )
    return _fuse(lexical, semantic, term=term, limit=limit)


# A hit by meaning alone must be this similar to the question (multilingual-e5 puts unrelated
# text near 0.75 and answers above 0.80; bench/search_eval.py measured the cut-off).
MIN_SIMILARITY = 0.80
# Within this distance of the best match: a weak second match is noise, not an answer.
SIMILARITY_SPREAD = 0.06
RRF_K = 20
MEANING_WEIGHT = 1.5


def _by_meaning(
    query: Any,
    *,
    language: str,
    limit: int,
    kinds: list[str] | None,
    exclude: frozenset[int],
) -> list[tuple[int, float]]:
    """(document id, similarity), best first: the reader's language, then English articles
    the reader cannot have in their language (as full-text does)."""
    wanted = max(limit * 3, 10)
    own = meaning.language_index(language)
    found = own.best(query, limit=wanted, kinds=kinds, exclude_article_ids=exclude)
    if language != DEFAULT_LANGUAGE:
        english = meaning.language_index(DEFAULT_LANGUAGE)
        translated = {int(a) for a in own.article_ids if a}
        article_kinds = [k for k in kinds or ARTICLE_KINDS if k in ARTICLE_KINDS]
        if article_kinds:
            found += english.best(
                query,
                limit=wanted,
                kinds=article_kinds,
                exclude_article_ids=translated | set(exclude),
            )
    found.sort(key=lambda pair: -pair[1])
    if not found:
        return []
    floor = max(MIN_SIMILARITY, found[0][1] - SIMILARITY_SPREAD)
    return [(pk, score) for pk, score in found if score >= floor]


def _thing(hit: Hit) -> tuple[str, int | None]:
    """What a hit is about: an article (in any language) or a community thread."""
    return ("article", hit.article_id) if hit.article_id else ("thread", hit.question_id)


def _fuse(
    lexical: list[Hit], semantic: list[tuple[int, float]], *, term: str, limit: int
) -> list[Hit]:
    found = words(term)
    rows = {
        row["id"]: row
        for row in SearchDocument.objects.filter(id__in=[pk for pk, _ in semantic]).values(*_FIELDS)
    }
    by_meaning = [
        _hit(rows[pk], highlight(rows[pk]["body"], found), score, found)
        for pk, score in semantic
        if pk in rows
    ]
    scores: dict[tuple[str, int | None], float] = {}
    best: dict[tuple[str, int | None], Hit] = {}
    for weight, hits in ((1.0, lexical), (MEANING_WEIGHT, by_meaning)):
        seen: set[tuple[str, int | None]] = set()
        for position, hit in enumerate(hits):
            key = _thing(hit)
            if key in seen:
                continue
            seen.add(key)
            scores[key] = scores.get(key, 0.0) + weight / (RRF_K + position + 1)
            best.setdefault(key, hit)  # full-text's hit first: its snippet is highlighted
    ranked = sorted(scores, key=lambda key: -scores[key])
    return [best[key] for key in ranked[:limit]]


def lexical_search(
    term: str,
    *,
    language: str,
    limit: int = 10,
    kinds: list[str] | None = None,
    match_any: bool = False,
    exclude_article_ids: frozenset[int] = frozenset(),
) -> list[Hit]:
    """Full-text hits for ``term`` in ``language``, then in English for what is left.

    ``match_any`` finds documents with any of the words (used for suggestions built from a
    reason and an item title); otherwise every word is needed, and any word only when that
    finds nothing.
    """
    term = term.strip()[:200]
    if not words(term):
        return []
    attempts = [True] if match_any else [False, True]
    for any_word in attempts:
        hits = _search_language(
            term, language, limit, kinds, any_word, exclude_article_ids=exclude_article_ids
        )
        if language != DEFAULT_LANGUAGE and len(hits) < limit:
            hits += _search_language(
                term,
                DEFAULT_LANGUAGE,
                limit - len(hits),
                [k for k in kinds or ARTICLE_KINDS if k in ARTICLE_KINDS],
                any_word,
                exclude_article_ids=exclude_article_ids,
                translated_into=language,
            )
        if hits:
            return hits
    return _similar_titles(term, language, limit, kinds)


def _has_trigram() -> bool:
    """Whether pg_trgm is installed (migration 0005 creates it when it is allowed to)."""
    name = str(connection.settings_dict["NAME"])
    if name not in _TRIGRAM:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _TRIGRAM[name] = cursor.fetchone() is not None
    return _TRIGRAM[name]


_TRIGRAM: dict[str, bool] = {}


# Fixed text; every value, the kinds filter included, is a parameter.
SIMILAR_TITLES_SQL = """
    SELECT id FROM (
        SELECT id, boost, word_similarity(%(term)s, title) AS similarity
        FROM knowledge_searchdocument
        WHERE language = %(language)s AND %(term)s <%% title
          AND (%(all_kinds)s OR kind = ANY(%(kinds)s))
          AND numnode(plainto_tsquery(%(config)s::regconfig, %(term)s)) > 0
        LIMIT %(candidates)s
    ) AS candidates
    ORDER BY similarity DESC, boost DESC, id
    LIMIT %(limit)s
"""


def _similar_titles(term: str, language: str, limit: int, kinds: list[str] | None) -> list[Hit]:
    """Typo tolerance: when no word matches, titles that look like the term ("deliverry").

    Only for terms with a word the language does not ignore, and like the full-text search it
    scores a bounded number of candidates, so a short or common term stays fast.
    """
    if not uses_full_text() or not _has_trigram() or not any(len(w) > 3 for w in words(term)):
        return []
    params: dict[str, Any] = {
        "term": term,
        "language": language,
        "kinds": list(kinds or []),
        "all_kinds": not kinds,
        "config": ts_config(language),
        "candidates": CANDIDATES // 3,
        "limit": limit * PER_QUESTION_SPARE,
    }
    with connection.cursor() as cursor:
        cursor.execute(SIMILAR_TITLES_SQL, params)
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return []
    rows = {row["id"]: row for row in SearchDocument.objects.filter(id__in=ids).values(*_FIELDS)}
    kept = _one_per_question(
        [(pk, rows[pk], rows[pk]["question_id"]) for pk in ids if pk in rows], limit
    )
    return [_hit(row, highlight(row["body"], []), 0.0, []) for _pk, row in kept]


def _search_language(
    term: str,
    language: str,
    limit: int,
    kinds: list[str] | None,
    any_word: bool,
    *,
    exclude_article_ids: frozenset[int],
    translated_into: str | None = None,
) -> list[Hit]:
    if limit <= 0 or (kinds is not None and not kinds):
        return []
    documents = SearchDocument.objects.filter(language=language)
    if translated_into:
        # The English fallback only offers articles the reader cannot have in their language.
        documents = documents.exclude(
            article_id__in=SearchDocument.objects.filter(
                language=translated_into, article__isnull=False
            ).values("article_id")
        )
    if kinds:
        documents = documents.filter(kind__in=kinds)
    if exclude_article_ids:
        documents = documents.exclude(article_id__in=exclude_article_ids)
    if uses_full_text():
        return _full_text(documents, term, language, limit, any_word)
    return _fallback(documents, term, limit, any_word)


def _full_text(
    documents: QuerySet[SearchDocument], term: str, language: str, limit: int, any_word: bool
) -> list[Hit]:
    config = ts_config(language)
    query: SearchQuery
    if any_word:
        query = reduce(or_, [SearchQuery(w, config=config) for w in words(term)])
    else:
        query = SearchQuery(term, config=config, search_type="websearch")
    # Score at most CANDIDATES matches, in the order the GIN index finds them, then keep
    # the best: one pass over the matching rows, no second lookup, nothing sorted but the
    # scored candidates. ts_headline, the expensive part, runs only for what is shown.
    score = SearchRank(F("search_vector"), query) * (1 + F("boost") / 4.0)
    candidates = (
        documents.filter(search_vector=query)
        .order_by()
        .annotate(rank=score)
        .values("id", "rank", "question_id")[:CANDIDATES]
    )
    sql, params = candidates.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            # nosec B608 - the inner SQL is compiled by the ORM and its values are parameters
            f"SELECT id, rank, question_id FROM ({sql}) AS candidates ORDER BY rank DESC, id LIMIT %s",  # noqa: S608,E501  # nosec B608
            [*params, limit * PER_QUESTION_SPARE],
        )
        best = _one_per_question(cursor.fetchall(), limit)
    if not best:
        return []
    ranks = dict(best)
    rows = (
        SearchDocument.objects.filter(id__in=ranks)
        .annotate(
            snippet=SearchHeadline(
                "body",
                query,
                config=config,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values(*_FIELDS, "snippet")
    )
    by_id = {row["id"]: row for row in rows}
    found = words(term)
    return [
        _hit(by_id[pk], from_headline(by_id[pk]["snippet"]), ranks[pk], found)
        for pk, _rank in best
        if pk in by_id
    ]


_FIELDS = ("id", "kind", "title", "body", "article_id", "article__slug", "question_id", "answer_id")


def _fallback(
    documents: QuerySet[SearchDocument], term: str, limit: int, any_word: bool
) -> list[Hit]:
    found = words(term)
    matches = [Q(title__icontains=w) | Q(body__icontains=w) for w in found]
    condition = reduce(or_, matches) if any_word else reduce(lambda a, b: a & b, matches)
    candidates = list(
        documents.filter(condition).order_by("-boost", "-id").values(*_FIELDS)[:FALLBACK_CANDIDATES]
    )
    scored = []
    for row in candidates:
        title, body = row["title"].lower(), row["body"].lower()
        score = sum(3 * (w in title) + min(body.count(w), 3) for w in found)
        scored.append((score, row))
    scored.sort(key=lambda pair: (-pair[0], pair[1]["kind"] == "answer", pair[1]["id"]))
    kept = _one_per_question(
        [(row["id"], (score, row), row["question_id"]) for score, row in scored], limit
    )
    return [
        _hit(row, highlight(row["body"], found), float(score), found) for _pk, (score, row) in kept
    ]


# A community thread is indexed as its question and each answer; a search shows the thread
# once, at its best-ranked document. Ids are fetched for this many times the limit, so the
# page still fills when several documents of one thread match.
PER_QUESTION_SPARE = 3


def _one_per_question(rows: Any, limit: int) -> list[tuple[Any, Any]]:
    """``(id, value, question_id)`` rows, best first: the first of each thread, up to limit."""
    seen: set[int] = set()
    kept: list[tuple[Any, Any]] = []
    for pk, value, question_id in rows:
        if question_id is not None:
            if question_id in seen:
                continue
            seen.add(question_id)
        kept.append((pk, value))
        if len(kept) == limit:
            break
    return kept


def _hit(row: dict[str, Any], snippet: SafeString, rank: float, found: list[str]) -> Hit:
    if row["article_id"]:
        url = reverse("knowledge:article", args=[row["article__slug"]])
    elif row["answer_id"]:
        url = (
            reverse("knowledge:question", args=[row["question_id"]]) + f"#answer-{row['answer_id']}"
        )
    else:
        url = reverse("knowledge:question", args=[row["question_id"]])
    return Hit(
        kind=row["kind"],
        title=row["title"],
        title_html=highlight(row["title"], found, length=200),
        snippet=snippet,
        url=url,
        rank=rank,
        article_id=row["article_id"],
        question_id=row["question_id"],
        answer_id=row["answer_id"],
    )
