from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from cases.models import Promise

        def promise_changed(sender: type, instance: Promise, **kwargs: object) -> None:
            # Any save or delete of a promise (services, the admin, the demo) keeps the
            # case's earliest open due time right; bulk .update() calls refresh it themselves.
            from cases.services import refresh_promise_due

            refresh_promise_due(instance.case_id)

        post_save.connect(promise_changed, sender=Promise, dispatch_uid="case_promise_due_save")
        post_delete.connect(promise_changed, sender=Promise, dispatch_uid="case_promise_due_delete")

        self.register_cached_pages()

        from cases.models import Attachment, Case, CaseEvent, Contact
        from core.text import register_people_text

        register_people_text(Case, "subject", "description")
        register_people_text(CaseEvent, "body")
        register_people_text(Attachment, "name")
        register_people_text(Contact, "description")

        # The erasure case is noted when a customer's data is erased (mystuff sends it).
        from cases.services import erasure_noted
        from mystuff.services import customer_erased

        customer_erased.connect(erasure_noted, dispatch_uid="cases-erasure-noted")

        # Subjects made from reason names read in the reader's language (cases.timeline).
        from cases.timeline import forget_reason_names
        from mystuff.models import ContactReason

        post_save.connect(forget_reason_names, sender=ContactReason, dispatch_uid="case_subjects")
        post_delete.connect(forget_reason_names, sender=ContactReason, dispatch_uid="case_subjects")

    @staticmethod
    def register_cached_pages() -> None:
        """What cases' rows change on cached pages (core.pagecache)."""
        from cases.models import Attachment, Case, CaseEvent, Contact, Promise, Team
        from core import pagecache

        pagecache.register_owned(Case, Contact)
        pagecache.register_owners(
            "case",
            lambda ids: Case.objects.filter(pk__in=ids).values_list("customer_id", flat=True),
        )
        for on_case in (CaseEvent, Promise, Attachment):
            pagecache.register_via(on_case, field="case", kind="case")
        pagecache.register_shared(Team)  # team names show on case pages
