"""The agent's case page (the admin's case view) with what the customer told us (feedback)."""

from django.contrib import admin

from cases.admin import CaseAdmin
from cases.models import Case
from cases.selectors import CaseContext
from feedback.selectors import latest_feedback_on_case


class CaseWithFeedbackAdmin(CaseAdmin):
    def work_context(self, case: Case) -> CaseContext:
        context = super().work_context(case)
        context.feedback = latest_feedback_on_case(case=case)
        return context


admin.site.unregister(Case)
admin.site.register(Case, CaseWithFeedbackAdmin)
