from celery import shared_task


@shared_task(name="contact_portal.ping")
def ping(word: str) -> str:
    """Answers a worker health probe; also used by the test that runs a real worker."""
    return f"pong:{word}"
