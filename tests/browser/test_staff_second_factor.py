"""A staff member sets up an authenticator app in a real browser (issue 23, item 1): the pages
work under our CSP, with one heading and labelled fields, in English and Arabic."""

import os
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import PASSWORD, UserFactory

SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_staff_member_sets_up_an_authenticator_app(
    page, live_server, sign_in, settings, language
):
    settings.MFA_REQUIRED_FOR_STAFF = True
    agent = UserFactory(role="agent", is_staff=True)
    sign_in(page, agent.email, PASSWORD)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/admin/")
    # Setting up a second factor first asks for the password again.
    assert "/accounts/reauthenticate/" in page.url
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("form:has(input[type=password]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/2fa/totp/activate/" in page.url
    assert page.locator("h1").count() == 1
    _shot(page, f"totp-activate-{language}")
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.locator("input[name=code]").fill(code)
    page.locator("form:has(input[name=code]) button[type=submit]").click()
    page.wait_for_load_state()
    _shot(page, f"recovery-codes-{language}")
    page.goto(f"{live_server.url}/admin/")
    assert page.url.rstrip("/").endswith("/admin")
