"""Signals cases sends for the apps above it (which connect to them in their ``apps.ready``)."""

from django.dispatch import Signal

# Contacts were changed in bulk (``QuerySet.update``), past their save signals.
contacts_changed = Signal()
