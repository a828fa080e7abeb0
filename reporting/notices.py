"""The proactive notices report: what we told customers before they asked, what they chose,
and how many contacts that saved. Its rules are in ``reporting.definitions`` (pure, tested)."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Contact
from mystuff.models import Item, ItemKind, ItemStatusChange
from notices.models import Notice, NoticeChoice, NoticeKind
from notices.rules import SETTLED
from reporting.definitions import CONTACT_WINDOW_DAYS, contacts_avoided, per_hundred, rate

if TYPE_CHECKING:
    from reporting.selectors import Measure, ReportFilters


def _label(choices: type, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def notices_sent(f: "ReportFilters") -> "Measure":
    from reporting.selectors import Measure

    base = Notice.objects.filter(created_at__gte=f.start, created_at__lt=f.end)
    if f.item_kind:
        base = base.filter(item__kind=f.item_kind)
    choice_counts = {value: Count("id", filter=Q(choice=value)) for value in NoticeChoice.values}
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in base.order_by()
        .values("kind")
        .annotate(
            noticed=Count("id"),
            sent=Count("id", filter=Q(sent_at__isnull=False)),
            chose=Count("id", filter=~Q(choice="")),
            cleared=Count("id", filter=Q(cleared_at__isnull=False)),
            **choice_counts,
        )
        .order_by("kind")
    ]
    table = [
        [
            _label(NoticeKind, r["kind"]),
            r["noticed"],
            r["sent"],
            r["chose"],
            ", ".join(
                f"{_label(NoticeChoice, value)}: {r[value]}"
                for value in NoticeChoice.values
                if r[value]
            )
            or "-",
            r["cleared"],
        ]
        for r in rows
    ]
    noticed = sum(r["noticed"] for r in rows)
    chose = sum(r["chose"] for r in rows)
    return Measure(
        key="notices",
        title=_("Notices sent before the customer asked"),
        definition=_(
            "Notices made in the date range, by problem. Sent: told on the customer's channel "
            "(email). Chose: the customer clicked one of the ways out (Talk to us is a contact, "
            "not a choice). Cleared: the item recovered (delivered, visited, accepted, renewed) "
            "or the promise was kept."
        ),
        columns=[
            _("Problem"),
            _("Notices"),
            _("Sent"),
            _("Customer chose"),
            _("Choices"),
            _("Cleared"),
        ],
        rows=table,
        summary=[
            (_("Notices"), noticed),
            (_("Customers who chose a way out (%)"), rate(chose, noticed)),
        ],
    )


def _contacts_after_due():
    """Contacts the customer started about the item from its due time to the window's end."""
    return Coalesce(
        Subquery(
            Contact.objects.filter(
                item=OuterRef("pk"),
                requested_at__gte=OuterRef("due_at"),
                requested_at__lt=OuterRef("due_at") + timedelta(days=CONTACT_WINDOW_DAYS),
            )
            .order_by()
            .values("item")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def contacts_avoided_measure(f: "ReportFilters") -> "Measure":
    from reporting.selectors import Measure

    now = timezone.now()
    kind = f.item_kind or ItemKind.ORDER
    settled = sorted(SETTLED.get(kind, ()))
    late_items = Item.objects.filter(
        kind=kind, due_at__gte=f.start, due_at__lt=min(f.end, now)
    ).filter(
        # Still not settled, or settled only after it was due: late either way.
        ~Q(status__in=settled)
        | Exists(
            ItemStatusChange.objects.filter(
                item=OuterRef("pk"), to_status__in=settled, changed_at__gt=OuterRef("due_at")
            )
        )
    )
    noticed = Exists(
        Notice.objects.filter(item=OuterRef("pk")).exclude(kind=NoticeKind.PROMISE_LATE)
    )
    figures: list[dict[str, Any]] = [
        dict(row)
        for row in late_items.annotate(noticed=noticed, late_contacts=_contacts_after_due())
        .order_by()
        .values("noticed")
        .annotate(items=Count("id"), contacts=Coalesce(Sum("late_contacts"), 0))
    ]
    by: dict[bool, dict[str, Any]] = {bool(row["noticed"]): row for row in figures}
    with_n = int(by.get(True, {}).get("items", 0))
    with_c = int(by.get(True, {}).get("contacts", 0))
    without_n = int(by.get(False, {}).get("items", 0))
    without_c = int(by.get(False, {}).get("contacts", 0))
    rows = [
        [_("With a notice"), with_n, with_c, per_hundred(with_c, with_n)],
        [_("Without a notice"), without_n, without_c, per_hundred(without_c, without_n)],
    ]
    return Measure(
        key="contacts-avoided",
        title=_("Contacts avoided by telling first"),
        definition=_(
            "Late items: items of the kind (orders unless filtered) due in the date range whose "
            "due time passed before they were settled (delivered, visited, accepted, "
            "cancelled), or that are still not settled. With a notice: we told the customer; "
            "without: the rule was off or the item was late before notices existed. Contacts: "
            "contacts the customer started about the item within %(days)d days of its due "
            "time; a choice made on a notice is not a contact. Contacts avoided: (contacts per "
            "100 late items without a notice - with a notice) x late items with a notice / 100."
        )
        % {"days": CONTACT_WINDOW_DAYS},
        columns=[_("Late items"), _("Items"), _("Contacts"), _("Contacts per 100 late items")],
        rows=rows,
        summary=[(_("Contacts avoided"), contacts_avoided(with_n, with_c, without_n, without_c))],
    )
