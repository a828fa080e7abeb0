from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MystuffConfig(AppConfig):
    name = "mystuff"
    verbose_name = _("My Stuff")

    def ready(self) -> None:
        from core.text import register_people_text
        from mystuff.models import Customer

        register_people_text(Customer, "name")
        self.register_cached_pages()

    @staticmethod
    def register_cached_pages() -> None:
        """What My Stuff's rows change on cached pages (core.pagecache)."""
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from core import pagecache
        from mystuff.models import ContactReason, Customer, Item, ItemStatusChange
        from mystuff.services import customer_erased

        pagecache.register_customer(Customer)
        pagecache.register_owned(Item)
        pagecache.register_covered(
            ItemStatusChange, "created with its item's change, in the bulk path that bumps"
        )
        # Its name and urgency show on the channel page.
        pagecache.register_shared(ContactReason)

        def user_changed(sender: Any, instance: Any, update_fields: Any = None, **kw: Any) -> None:
            if update_fields is not None and set(update_fields) <= {"last_login"}:
                return  # signing in changes nothing on the pages
            pagecache.bump(
                *Customer.objects.filter(user_id=instance.pk).values_list("pk", flat=True)
            )

        user = get_user_model()
        pagecache.register(user, user_changed, how="the customer of this user")
        # Before the delete: on_delete=SET_NULL unlinks the customer without a signal, and a
        # new user may get the same id (SQLite reuses the highest one).
        pre_delete.connect(
            user_changed, sender=user, dispatch_uid="pagecache-user-delete", weak=False
        )

        def erased(*, customer: Any, **kwargs: Any) -> None:
            pagecache.bump(customer.pk)

        customer_erased.connect(erased, dispatch_uid="pagecache-erased", weak=False)
