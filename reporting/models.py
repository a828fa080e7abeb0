from django.db import models


class ReportAccess(models.Model):
    """Carries the permission that opens the reporting pages; it holds no rows."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_reports", "Can view the reporting pages")]


class RollupRun(models.Model):
    """One finished rebuild of the roll-ups. Days the latest run could not have seen whole are
    counted live by the pages (``reporting.selectors.live_from``), so figures are right with or
    without a beat process."""

    first_day = models.DateField()
    last_day = models.DateField()
    finished_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["-finished_at"], name="rollup_run_finished_idx")]


class ContactDay(models.Model):
    """Contacts rolled up per local day and filter values; kept current by
    ``reporting.tasks.refresh_rollups``. The contact pages read this table for the days the
    last roll-up saw whole and count the days since live."""

    day = models.DateField()
    channel = models.CharField(max_length=20)
    reason_slug = models.CharField(max_length=80, blank=True)
    reason_name = models.CharField(max_length=120, blank=True)
    team_slug = models.CharField(max_length=50, blank=True)
    item_kind = models.CharField(max_length=20, blank=True)
    contacts = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    abandoned = models.PositiveIntegerField(default=0)
    answer_seconds = models.FloatField(default=0)
    with_case = models.PositiveIntegerField(default=0)
    cases_opened = models.PositiveIntegerField(default=0)
    recontacts = models.PositiveIntegerField(default=0)
    self_help_first = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day"], name="contact_day_idx")]


class CaseDay(models.Model):
    """Resolved cases rolled up per local day of resolution and filter values."""

    day = models.DateField()
    channel = models.CharField(max_length=20, blank=True)
    reason_slug = models.CharField(max_length=80, blank=True)
    team_slug = models.CharField(max_length=50, blank=True)
    item_kind = models.CharField(max_length=20, blank=True)
    resolved = models.PositiveIntegerField(default=0)
    fcr = models.PositiveIntegerField(default=0)
    resolution_seconds = models.FloatField(default=0)
    under_4h = models.PositiveIntegerField(default=0)
    from_4h_to_1d = models.PositiveIntegerField(default=0)
    from_1d_to_3d = models.PositiveIntegerField(default=0)
    from_3d_to_7d = models.PositiveIntegerField(default=0)
    over_7d = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["day"], name="case_day_idx")]
