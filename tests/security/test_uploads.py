"""Files a customer sends with a message: checked on their content, stored where nobody can
guess them.

Case attachments already work this way (cases.rules.attachment_error, cases.models
.attachment_path); these tests hold the "Send a message" form to the same rules. Development
serves MEDIA_ROOT at /media/ to anyone, so a guessable path would be readable by anybody.
"""

import uuid

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from channels_routing.models import ContactAttachment

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.7\n" + b"0" * 32


def _send(world, *files):
    return world.client("owner").post(
        reverse("channels_routing:message", args=[world.message_contact.pk]),
        {"body": "Photos of the leak attached.", "attachments": list(files)},
    )


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("leak.png", b"<html><script>alert(1)</script></html>", "image/png"),
        ("leak.html", b"<html><script>alert(1)</script></html>", "text/plain"),
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf"),
        ("photo.png", PDF, "image/png"),
    ],
    ids=["html-declared-png", "html-named-html", "program-declared-pdf", "pdf-named-png"],
)
def test_a_file_that_is_not_what_it_claims_is_refused(world, name, content, declared):
    response = _send(world, SimpleUploadedFile(name, content, content_type=declared))
    assert response.status_code == 400
    assert "is not a type we accept" in response.content.decode()
    assert not ContactAttachment.objects.exists()


def test_a_real_picture_is_accepted(world):
    response = _send(world, SimpleUploadedFile("leak.png", PNG, content_type="image/png"))
    assert response.status_code == 302
    assert ContactAttachment.objects.get().content_type == "image/png"


def test_a_sent_file_is_not_stored_at_a_guessable_path(world):
    name = f"receipt-{uuid.uuid4().hex[:8]}.pdf"
    first = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    second = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    assert _send(world, first, second).status_code == 302
    stored = [a.file.name for a in ContactAttachment.objects.order_by("pk")]
    assert len(stored) == 2 and stored[0] != stored[1]
    guess = f"contact-attachments/{timezone.now():%Y/%m}/{name}"
    assert not default_storage.exists(guess)
    for path in stored:
        assert path.endswith(name)  # the name is kept for the agent, under a random directory
        assert default_storage.exists(path)
