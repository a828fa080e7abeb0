from celery import shared_task

from knowledge import gaps, meaning


@shared_task(name="knowledge.embed_documents")
def embed_documents(document_ids: list[int]) -> int:
    """Compute the meaning vectors of these search documents. Idempotent: a vector is
    recomputed from the same text, and a document deleted meanwhile is skipped."""
    return meaning.embed_documents(document_ids)


@shared_task(name="knowledge.cluster_gaps")
def cluster_gaps() -> int:
    """Group the unanswered questions that arrived since the last run. Idempotent: an example
    already in a gap is not taken again (rows are locked while they are placed)."""
    placed = total = gaps.cluster_pending()
    while placed:
        placed = gaps.cluster_pending()
        total += placed
    return total
