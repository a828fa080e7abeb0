"""The routing inputs kept between requests (selectors.routing_inputs) are never stale."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Contact
from channels_routing import selectors, services
from channels_routing.models import CallbackSlot, Channel, PresenceStatus, RoutingRule

pytestmark = pytest.mark.django_db

URL = reverse("channels_routing:choose")


def offered(client, item, reason) -> list[str]:
    html = client.get(URL, {"item": item.pk, "reason": reason.slug}).content.decode()
    return re.findall(r'<button type="submit" name="channel" value="(\w+)"', html)


def test_an_agent_going_away_changes_the_offer_at_once(
    customer_client, channels, agent, item, urgent_reason
):
    assert "chat" in offered(customer_client, item, urgent_reason)
    assert "chat" in offered(customer_client, item, urgent_reason)  # from the cache
    services.presence_set(agent=agent, channel=channels["chat"], status=PresenceStatus.AWAY)
    assert "chat" not in offered(customer_client, item, urgent_reason)
    services.presence_set(agent=agent, channel=channels["chat"], status=PresenceStatus.AVAILABLE)
    assert "chat" in offered(customer_client, item, urgent_reason)


def test_a_channel_switched_off_in_the_admin_goes_at_once(
    customer_client, channels, item, urgent_reason
):
    assert "phone" in offered(customer_client, item, urgent_reason)
    channels["phone"].enabled = False
    channels["phone"].save()
    assert "phone" not in offered(customer_client, item, urgent_reason)


def _fresh(now):
    return selectors.channel_states(now), selectors.rules_current()


def test_kept_inputs_equal_fresh_ones_as_time_passes_and_data_changes(channels, customer):
    now = timezone.now()
    waiting = Contact.objects.create(customer=customer, channel="chat")
    Contact.objects.filter(pk=waiting.pk).update(requested_at=now - timedelta(minutes=119))
    selectors.routing_changed()  # the raw update above bypassed the signals, as a test does
    CallbackSlot.objects.create(
        starts_at=now + timedelta(minutes=30), ends_at=now + timedelta(minutes=60), capacity=1
    )
    for minutes in (0, 1, 2, 29, 31, 0):  # includes going back in time
        moment = now + timedelta(minutes=minutes)
        assert selectors.routing_inputs(moment) == _fresh(moment), minutes
    RoutingRule.objects.create(name="Stricter", active=True, max_wait_minutes=1)
    assert selectors.routing_inputs(now) == _fresh(now)


def test_a_queued_contact_leaving_the_window_refreshes_the_inputs(
    channels, customer, django_assert_num_queries
):
    now = timezone.now()
    waiting = Contact.objects.create(customer=customer, channel="chat")
    Contact.objects.filter(pk=waiting.pk).update(requested_at=now - timedelta(minutes=119))
    selectors.routing_changed()
    before = selectors.routing_inputs(now)
    chat = next(state for state in before[0] if state.kind == "chat")
    assert chat.queue_length == 1
    with django_assert_num_queries(0):
        selectors.routing_inputs(now + timedelta(seconds=30))
    later = now + timedelta(minutes=2)
    with django_assert_num_queries(6):  # channels, presence, contacts, calls, slot, rules
        after = selectors.routing_inputs(later)
    assert next(s for s in after[0] if s.kind == "chat").queue_length == 0


def test_the_channel_page_works_when_the_cache_is_down(
    customer_client, channels, item, urgent_reason
):
    real_get = selectors.cache.get

    def get(key, *args, **kwargs):  # the session still loads (it falls back to the database)
        if key.startswith("routing:"):
            raise ConnectionError("down")
        return real_get(key, *args, **kwargs)

    with (
        mock.patch.object(selectors.cache, "get_many", side_effect=ConnectionError("down")),
        mock.patch.object(selectors.cache, "get", side_effect=get),
    ):
        assert "phone" in offered(customer_client, item, urgent_reason)


def test_a_cached_channel_page_counts_a_new_contact_at_once(
    customer_client, customer, channels, item, calm_reason
):
    from tests.factories import CaseFactory

    assert offered(customer_client, item, calm_reason) == ["message"]
    assert offered(customer_client, item, calm_reason) == ["message"]  # from the page cache
    case = CaseFactory(customer=customer, item=item, reason=calm_reason)
    Contact.objects.create(customer=customer, item=item, case=case, channel="message")
    # Asking again about the same thing is a repeat contact: the quick channels are offered.
    assert offered(customer_client, item, calm_reason) == ["phone", "callback", "chat", "message"]


def test_a_cached_channel_page_shows_a_renamed_reason(customer_client, channels, item, calm_reason):
    customer_client.get(URL, {"item": item.pk, "reason": calm_reason.slug})
    calm_reason.name = "Send it back"
    calm_reason.save()
    html = customer_client.get(URL, {"item": item.pk, "reason": calm_reason.slug}).content.decode()
    assert "Send it back" in html


def test_another_process_changing_the_inputs_is_seen_at_once(channels, customer):
    """The inputs are kept in the shared cache under a token; a change written by another web
    process replaces the token, so it shows on the next visit."""
    now = timezone.now()
    before = selectors.routing_inputs(now)
    assert next(s for s in before[0] if s.kind == "phone").enabled
    # Another process switches the phone off: its write replaces the token in the shared cache;
    # here no signal fires (a raw update), as in a process that did not make the change.
    Channel.objects.filter(kind="phone").update(enabled=False)
    assert selectors.routing_inputs(now) == before  # same token: the kept copy
    cache.set(selectors.ROUTING_VERSION_KEY, "written-by-another-process", timeout=None)
    after = selectors.routing_inputs(now)
    assert after == _fresh(now)
    assert not next(s for s in after[0] if s.kind == "phone").enabled


KEY = re.compile(r'name="idempotency_key" value="([0-9a-f]{32})"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.parametrize("language", ["en", "nl", "ar"])
def test_the_remembered_offers_render_exactly_as_the_template(
    rf, customer, channels, item, urgent_reason, language
):
    """The offers part is made once per language and set of offers, with the token, the key
    and the page's address put in for each visit: the result is what rendering gives."""
    from django.template.loader import get_template

    from cases.models import ChannelKind
    from channels_routing.forms import ChooseForm
    from channels_routing.views import _offers_html

    target = selectors.Target(customer, item, urgent_reason)
    now = timezone.now()
    decision = selectors.decision_at(selectors.situation_for(target, now, 0), now)
    request = rf.get(URL, {"item": item.pk, "reason": 'x"<&y'})
    request.user = customer.user
    with translation.override(language):
        made = [str(_offers_html(request, decision)) for _ in range(2)]
        keys = [KEY.search(html).group(1) for html in made]
        assert keys[0] != keys[1]  # each visit its own key: a second submit is a new contact
        plain = get_template("channels_routing/_offers.html").render(
            {
                "request": request,
                "csrf_token": "t",
                "form": ChooseForm(offered=decision.kinds, initial={"idempotency_key": keys[1]}),
                "offers": [(o, ChannelKind(o.kind).label) for o in decision.offers],
            }
        )
    assert TOKEN.sub("", made[1]) == TOKEN.sub("", plain)
    assert 'action="/contact/choose/?item=' in plain and "&amp;" in plain
    assert len(decision.offers) == 4


def test_a_cached_channel_page_can_be_submitted(customer, channels, item, urgent_reason):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(customer.user)
    params = {"item": item.pk, "reason": urgent_reason.slug}
    pages = [browser.get(URL, params).content.decode() for _ in range(3)]  # rendered, cached x2
    keys = [KEY.search(html).group(1) for html in pages]
    assert len(set(keys)) == 3  # each visit its own key: a second submit is a new contact
    # The form goes back to the page's own address, about the same item and reason.
    assert f'action="{URL}?item={item.pk}&amp;reason={urgent_reason.slug}"' in pages[2]
    response = browser.post(
        f"{URL}?item={item.pk}&reason={urgent_reason.slug}",
        {
            "csrfmiddlewaretoken": TOKEN.search(pages[2]).group(1),
            "idempotency_key": keys[2],
            "channel": "chat",
            "description": "Still not here",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get(customer=customer)
    assert (contact.channel, contact.description) == ("chat", "Still not here")
