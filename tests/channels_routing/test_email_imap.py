"""The IMAP poller against a real IMAP server: Debian's dovecot, started here on a free port
with a throw-away mailbox (``apt-get install dovecot-imapd``; .ci/run installs it)."""

import os
import pwd
import shutil
import socket
import subprocess  # nosec B404 - starts the test's own dovecot
import tempfile
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from imapclient import IMAPClient

from cases.models import CaseEvent, CaseEventKind, ChannelKind, Contact
from cases.services import case_reply_address
from channels_routing.email_in import imap_poll
from channels_routing.models import InboundEmail, InboundEmailStatus
from tests.factories import CaseFactory

DOVECOT = "/usr/sbin/dovecot"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not Path(DOVECOT).exists(), reason="dovecot-imapd is not installed"),
]
PASSWORD = "imap-test-secret"  # noqa: S105 - a throw-away mailbox


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dovecot(tmp_path):
    """A dovecot serving plain IMAP on 127.0.0.1 with one mailbox; stopped after the test."""
    port = _free_port()
    # Outside pytest's private (0700) directory, so the mail user can reach it.
    mail_root = Path(tempfile.mkdtemp(prefix="nh-dovecot-"))
    mail_root.chmod(0o755)
    home = mail_root / "home"
    home.mkdir()
    if os.getuid() == 0:  # dovecot will not keep mail as root: the mailbox belongs to nobody
        mail_user = pwd.getpwnam("nobody")
        internal = "default_internal_user = dovecot\ndefault_login_user = dovenull\n"
        shutil.chown(home, mail_user.pw_uid, mail_user.pw_gid)
    else:
        mail_user = pwd.getpwuid(os.getuid())
        me = mail_user.pw_name
        internal = f"default_internal_user = {me}\ndefault_login_user = {me}\n"
    config = tmp_path / "dovecot.conf"
    config.write_text(
        f"""
base_dir = {tmp_path}/run
state_dir = {tmp_path}/state
log_path = {tmp_path}/dovecot.log
{internal}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:{home}/Maildir
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={home}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    subprocess.run([DOVECOT, "-c", str(config)], check=True)  # noqa: S603
    try:
        for _attempt in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        subprocess.run([DOVECOT, "-c", str(config), "stop"], check=False)  # noqa: S603
        shutil.rmtree(mail_root, ignore_errors=True)


@pytest.fixture
def mailbox(dovecot, settings):
    settings.IMAP_HOST = "127.0.0.1"
    settings.IMAP_PORT = dovecot
    settings.IMAP_SSL = False
    settings.IMAP_USER = "help"
    settings.IMAP_PASSWORD = PASSWORD
    settings.IMAP_FOLDER = "INBOX"
    settings.REPLY_ADDRESS = "reply@help.example.com"
    with IMAPClient("127.0.0.1", port=dovecot, ssl=False) as client:
        client.login("help", PASSWORD)
        yield client


def _deliver(client: IMAPClient, *, sender: str, to: str, body: str, **headers: str) -> None:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "About my case"
    message["Message-ID"] = make_msgid(domain="mail.example.net")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    client.append("INBOX", message.as_bytes())


def test_mail_in_the_mailbox_is_taken_once_and_marked_seen(mailbox, customer):
    case = CaseFactory(customer=customer)
    _deliver(
        mailbox,
        sender=customer.email,
        to=case_reply_address(case.pk),
        body="Any news?\n\nOn Monday, Need Help wrote:\n> We are on it.\n",
    )
    _deliver(
        mailbox,
        sender="robot@example.net",
        to="help@example.com",
        body="Away",
        Auto_Submitted="auto-replied",
    )

    assert imap_poll() == 2
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.CUSTOMER_MESSAGE)
    assert event.body == "Any news?"
    assert Contact.objects.get().channel == ChannelKind.EMAIL
    assert InboundEmail.objects.filter(status=InboundEmailStatus.AUTOMATIC).count() == 1

    mailbox.select_folder("INBOX")
    assert mailbox.search(["UNSEEN"]) == []
    assert imap_poll() == 0  # read once
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_without_a_host_the_poller_does_nothing(settings):
    settings.IMAP_HOST = ""
    assert imap_poll() == 0
