from django.db import models


class ReportAccess(models.Model):
    """Carries the permission that opens the reporting pages; it holds no rows."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_reports", "Can view the reporting pages")]
