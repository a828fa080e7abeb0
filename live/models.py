from django.db import models


class Watermark(models.Model):
    """How far a job that publishes moments of time has looked: its next run reads only what
    came due after ``checked_until``, so each moment is told once (live/moments.py)."""

    name = models.CharField(max_length=50, primary_key=True)
    checked_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.checked_until:%Y-%m-%d %H:%M:%S}"
