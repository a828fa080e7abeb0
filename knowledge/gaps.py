"""Knowledge gaps by meaning: unanswered questions grouped so one article closes a cluster.

Searches that found nothing and messages customers sent us (self-help did not answer them) are
recorded as ``GapExample`` rows in the request, cheaply; ``cluster_pending`` (a beat task, and
the gaps page itself for what is still waiting, so the zero-config set-up is right too) embeds
them with the bundled model and puts each into the gap whose centre is nearest, or starts a new
gap. An editor writes one article for a gap; once it is published, the customers whose message
fed the gap and whose case is still open are offered it on their case page.

Without the model nothing is clustered and the gaps page keeps its word-based lists.
"""

from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from core import pagecache
from knowledge import meaning
from knowledge.models import Article, ArticleStatus, Gap, GapExample, GapSource

# Two questions are about the same thing at this similarity (multilingual-e5: paraphrases
# score about 0.88-0.95, different questions on the same topic about 0.80-0.85).
SAME_GAP = 0.86
BATCH = 200
GAPS_COMPARED = 5_000


def record(*, source: str, text: str, language: str, case_id: int | None = None) -> None:
    text = " ".join(text.split())[:500]
    if len(text) >= 3:
        GapExample.objects.create(source=source, text=text, language=language, case_id=case_id)


def cluster_pending(limit: int = BATCH) -> int:
    """Put up to ``limit`` waiting examples into gaps; returns how many were placed."""
    if not meaning.available():
        return 0
    with transaction.atomic():
        pending = list(
            GapExample.objects.select_for_update(skip_locked=True)
            .filter(gap__isnull=True)
            .order_by("created_at", "id")[:limit]
        )
        if not pending:
            return 0
        vectors = meaning.query_vectors([e.text for e in pending])
        if vectors is None:
            return 0
        gaps = list(Gap.objects.order_by("-updated_at")[:GAPS_COMPARED])
        centres = [meaning.from_bytes(g.centroid).copy() for g in gaps]
        now = timezone.now()
        changed: dict[int, Gap] = {}
        for example, vector in zip(pending, vectors, strict=True):
            best, score = -1, -1.0
            if centres:
                scores = np.vstack(centres) @ vector
                best = int(scores.argmax())
                score = float(scores[best])
            if score >= SAME_GAP:
                gap = gaps[best]
                # The centre moves towards the new example: the mean of all, normalised.
                centre = centres[best] * gap.size + vector
                centres[best] = centre / (np.linalg.norm(centre) or 1.0)
                gap.size += 1
            else:
                gap = Gap.objects.create(centroid=meaning.to_bytes(vector), size=1, updated_at=now)
                gaps.append(gap)
                centres.append(vector.copy())
                best = len(gaps) - 1
            gap.centroid = meaning.to_bytes(centres[best])
            gap.updated_at = now
            changed[gap.pk] = gap
            example.gap = gap
        Gap.objects.bulk_update(list(changed.values()), ["centroid", "size", "updated_at"])
        GapExample.objects.bulk_update(pending, ["gap"])
    return len(pending)


@dataclass
class GapView:
    gap: Gap
    examples: list[GapExample]
    searches: int
    messages: int


def gaps_by_meaning(limit: int = 20) -> list[GapView]:
    """The largest gaps still without a published article, each with a few recent examples."""
    gaps = (
        Gap.objects.exclude(article__status=ArticleStatus.PUBLISHED)
        .select_related("article")
        .order_by("-size", "-updated_at")[:limit]
        .prefetch_related(
            Prefetch("examples", queryset=GapExample.objects.order_by("-created_at", "-id"))
        )
    )
    views = []
    for gap in gaps:
        examples = list(gap.examples.all())
        views.append(
            GapView(
                gap=gap,
                examples=examples[:3],
                searches=sum(e.source == GapSource.SEARCH for e in examples),
                messages=sum(e.source == GapSource.MESSAGE for e in examples),
            )
        )
    return views


def offer_published(article: Article) -> list[int]:
    """Once an article written for gaps is published: the cases whose messages fed them offer
    it on their page while open (their cached pages are refreshed). Each gap offers once."""
    if article.status != ArticleStatus.PUBLISHED:
        return []
    gaps = list(Gap.objects.filter(article=article, offered_at__isnull=True))
    if not gaps:
        return []
    case_ids = sorted(
        {
            case_id
            for case_id in GapExample.objects.filter(gap__in=gaps).values_list("case_id", flat=True)
            if case_id is not None
        }
    )
    Gap.objects.filter(pk__in=[g.pk for g in gaps]).update(offered_at=timezone.now())
    if case_ids:
        pagecache.bump_cases(*case_ids)
    return case_ids


def articles_for_case(case_id: int, language: str) -> list[tuple[str, str]]:
    """(title, url) of the published articles written for gaps this case's messages fed, in
    the reader's language where there is a translation."""
    articles = (
        Article.objects.filter(
            status=ArticleStatus.PUBLISHED,
            gaps__examples__case_id=case_id,
            gaps__offered_at__isnull=False,
        )
        .distinct()
        .prefetch_related("translations")
    )
    found = []
    for article in articles:
        titles = {t.language: t.title for t in article.translations.all()}
        title = titles.get(language) or titles.get("en") or next(iter(titles.values()), "")
        found.append((title or article.slug, article.get_absolute_url()))
    return found
