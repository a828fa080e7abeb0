from celery import shared_task

from live import moments


@shared_task(name="live.desk_moments")
def desk_moments() -> int:
    """Tell the open desks what came due since the last run (live/moments.py). Safe to run
    twice or at once: each moment is told by one run."""
    return len(moments.desk_moments())
