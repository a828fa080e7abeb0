from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from cases.models import Case, CaseEvent, Contact, Promise
        from channels_routing.models import CallbackRequest, CallRecord
        from live import receivers

        # The desk shows contacts, calls, callbacks and (routing's counts) new cases: any change
        # to one of them refreshes the open desks, once per transaction.
        for model in (Contact, CallRecord, CallbackRequest, Case):
            post_save.connect(
                receivers.desk_changed, sender=model, dispatch_uid=f"live-desk-{model}"
            )
        # The customer's case page: a public timeline entry (a reply, a promise, a status) or a
        # promise kept or cancelled.
        post_save.connect(receivers.case_event_saved, sender=CaseEvent, dispatch_uid="live-case-ev")
        post_save.connect(receivers.promise_saved, sender=Promise, dispatch_uid="live-case-promise")
