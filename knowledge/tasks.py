from celery import shared_task

from knowledge import meaning


@shared_task(name="knowledge.embed_documents")
def embed_documents(document_ids: list[int]) -> int:
    """Compute the meaning vectors of these search documents. Idempotent: a vector is
    recomputed from the same text, and a document deleted meanwhile is skipped."""
    return meaning.embed_documents(document_ids)
