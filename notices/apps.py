from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Proactive notices")

    def ready(self) -> None:
        from mystuff.services import items_stored

        def judge(sender: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
            from notices.services import items_changed

            items_changed(rows=rows)

        items_stored.connect(judge, dispatch_uid="notices-items-stored", weak=False)

        from core import pagecache
        from notices.models import Notice, NoticeRule

        # The banners on My Stuff and the item page, and what Contact Us knows.
        pagecache.register_owned(Notice)
        # A rule's ways out show on those banners: a manager's change reaches every customer.
        pagecache.register_shared(NoticeRule)

        from cases.timeline import register_text
        from notices.rules import timeline_params

        # What the customer chose, and the note for agents, read in each reader's language.
        register_text("notice.chose", _("You chose: %(choice)s"), timeline_params)
        register_text(
            "notice.note",
            _(
                "Proactive notice #%(notice)s (%(kind)s) sent %(sent)s; the customer chose: "
                "%(choice)s."
            ),
            timeline_params,
        )
