from celery import shared_task

from feedback import services


@shared_task(name="feedback.send_invitation")
def send_feedback_invitation(case_id: int) -> bool:
    """Idempotent: one email per resolution, however often it runs."""
    return services.feedback_send_invitation(case_id=case_id)
