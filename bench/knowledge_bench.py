"""Search speed on PostgreSQL with 10,000 articles and 100,000 community answers.

Builds the data set once (in the database DATABASE_URL names; use a scratch database), then
runs the search the Need Help page runs (ranked, with highlighted snippets) for a mix of
terms and prints p50/p95/p99 in milliseconds. Target: p95 < 50 ms.

    createdb -h 127.0.0.1 -U postgres nh_knowledge_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nh_knowledge_bench \\
        .venv/bin/python bench/knowledge_bench.py [--rebuild] [--searches 400]

Text is drawn from the words of the demo knowledge base with a Zipf-like frequency, so some
terms match tens of thousands of documents and others a handful, as in real help content.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
# Building the data set runs statements longer than the 10 s limit served pages have.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from knowledge.demo_content import ARTICLES as DEMO_ARTICLES  # noqa: E402
from knowledge.models import (  # noqa: E402
    Answer,
    Article,
    ArticleStatus,
    ArticleTranslation,
    DocumentKind,
    Question,
    SearchDocument,
)
from knowledge.search import BOOSTS, STOP_WORDS, refresh_vectors, search  # noqa: E402

ARTICLES = 10_000
QUESTIONS = 10_000
ANSWERS_PER_QUESTION = 10
BATCH = 5_000


def vocabulary() -> list[str]:
    words: list[str] = []
    for *_, translations in DEMO_ARTICLES:
        for text in translations["en"]:
            for word in re.findall(r"[a-z]{3,}", text.lower()):
                if word not in STOP_WORDS and word not in words:
                    words.append(word)
    return words


class Writer:
    def __init__(self, words: list[str], seed: int = 7):
        self.random = random.Random(seed)
        self.words = words
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(words))]

    def text(self, n: int) -> str:
        return " ".join(self.random.choices(self.words, self.weights, k=n))


def build(writer: Writer) -> None:
    print("building the data set …", flush=True)
    started = time.perf_counter()
    SearchDocument.objects.all().delete()
    Article.objects.filter(slug__startswith="bench-").delete()
    Question.objects.filter(title__startswith="Bench:").delete()
    author, _ = User.objects.get_or_create(username="bench@example.com")
    for start in range(0, ARTICLES, BATCH):
        with transaction.atomic():
            articles = Article.objects.bulk_create(
                Article(slug=f"bench-{n}", status=ArticleStatus.PUBLISHED, kind="article")
                for n in range(start, min(start + BATCH, ARTICLES))
            )
            translations = [
                ArticleTranslation(
                    article=article,
                    language="en",
                    title=writer.text(6).capitalize(),
                    summary=writer.text(15),
                    body=writer.text(250),
                )
                for article in articles
            ]
            ArticleTranslation.objects.bulk_create(translations)
            SearchDocument.objects.bulk_create(
                SearchDocument(
                    kind=DocumentKind.ARTICLE,
                    boost=BOOSTS[DocumentKind.ARTICLE],
                    language="en",
                    article=t.article,
                    title=t.title,
                    body=f"{t.summary}\n{t.body}",
                )
                for t in translations
            )
    for start in range(0, QUESTIONS, BATCH // ANSWERS_PER_QUESTION * 5):
        with transaction.atomic():
            stop = min(start + BATCH // ANSWERS_PER_QUESTION * 5, QUESTIONS)
            questions = Question.objects.bulk_create(
                Question(
                    author=author,
                    title=f"Bench: {writer.text(8)}?",
                    body=writer.text(40),
                    answer_count=ANSWERS_PER_QUESTION,
                )
                for _ in range(start, stop)
            )
            answers = Answer.objects.bulk_create(
                Answer(question=q, author=author, body=writer.text(60))
                for q in questions
                for _ in range(ANSWERS_PER_QUESTION)
            )
            SearchDocument.objects.bulk_create(
                [
                    SearchDocument(
                        kind=DocumentKind.QUESTION,
                        boost=BOOSTS[DocumentKind.QUESTION],
                        language="en",
                        question=q,
                        title=q.title,
                        body=q.body,
                    )
                    for q in questions
                ]
                + [
                    SearchDocument(
                        kind=DocumentKind.ANSWER,
                        boost=BOOSTS[DocumentKind.ANSWER],
                        language="en",
                        question_id=a.question_id,
                        answer=a,
                        title=a.question.title,
                        body=a.body,
                    )
                    for a in answers
                ]
            )
        print(f"  {stop:,} questions", flush=True)
    print("  computing search vectors …", flush=True)
    refresh_vectors(SearchDocument.objects.all())
    # Filling the vectors with one bulk UPDATE rewrote every row; a table that grows row by
    # row under autovacuum stays compact, so compact it before measuring.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL ANALYZE knowledge_searchdocument")
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--searches", type=int, default=400)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this on PostgreSQL: set DATABASE_URL=postgres://…")
    call_command("migrate", verbosity=0)
    words = vocabulary()
    writer = Writer(words)
    if args.rebuild or Answer.objects.filter(question__title__startswith="Bench:").count() < (
        QUESTIONS * ANSWERS_PER_QUESTION
    ):
        build(writer)

    documents = SearchDocument.objects.count()
    print(
        f"documents: {documents:,} "
        f"(articles {Article.objects.count():,}, answers {Answer.objects.count():,})"
    )
    # Terms: single words across the frequency range, and two- and three-word phrases.
    rng = random.Random(11)
    common, middle, rare = words[:20], words[20:200], words[200:]
    terms = (
        [rng.choice(common) for _ in range(40)]
        + [rng.choice(middle) for _ in range(80)]
        + [rng.choice(rare) for _ in range(40)]
        + [f"{rng.choice(middle)} {rng.choice(middle)}" for _ in range(80)]
        + [f"{rng.choice(common)} {rng.choice(middle)}" for _ in range(40)]
        + [f"{rng.choice(words)} {rng.choice(words)} {rng.choice(words)}" for _ in range(40)]
        + ["washing machine not draining", "refund", "deliverry", "warranty careplus"]
    )
    for term in terms[:20]:  # warm the caches
        search(term, language="en")
    timings: list[float] = []
    results: list[int] = []
    by_term: dict[str, float] = {}
    for n in range(args.searches):
        term = terms[n % len(terms)]
        started = time.perf_counter()
        hits = search(term, language="en", limit=20)
        timings.append((time.perf_counter() - started) * 1000)
        results.append(len(hits))
        by_term[term] = max(by_term.get(term, 0), timings[-1])
    timings.sort()

    def pct(p: float) -> float:
        return timings[min(len(timings) - 1, int(len(timings) * p))]

    print(f"searches: {len(timings)} (terms with no results: {results.count(0)})")
    print(
        f"search ms: p50 {pct(0.50):.1f}  p95 {pct(0.95):.1f}  p99 {pct(0.99):.1f}  "
        f"max {timings[-1]:.1f}  mean {statistics.mean(timings):.1f}"
    )
    slowest = sorted(by_term.items(), key=lambda pair: -pair[1])[:5]
    print("slowest terms:", ", ".join(f"{t!r} {ms:.0f} ms" for t, ms in slowest))
    print("target p95 < 50 ms:", "met" if pct(0.95) < 50 else "NOT met")


if __name__ == "__main__":
    main()
