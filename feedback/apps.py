from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from cases.models import Case
        from feedback.receivers import invite_feedback_when_resolved

        post_save.connect(
            invite_feedback_when_resolved, sender=Case, dispatch_uid="feedback_invite_on_resolve"
        )

        from core import pagecache
        from feedback.models import Feedback

        pagecache.register_owned(Feedback)  # the case page says what the customer told us

        from core.text import register_people_text

        register_people_text(Feedback, "comment")
