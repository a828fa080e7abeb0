"""Text that attacks whoever reads it later: spreadsheet formulas in CSV exports (issue 23
item 5), bidi controls that reverse names and file names in the admin (17), and article links
that leave the site while looking local (18)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Attachment
from channels_routing.models import ContactAttachment
from core.text import csv_cell
from knowledge.richtext import render
from mystuff.models import Customer

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
RLO = "\u202e"


@pytest.mark.parametrize("term", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_search_term_that_starts_a_formula_reaches_the_csv_as_text(manager_client, term):
    from knowledge.models import SearchRecord

    SearchRecord.objects.create(term=term, results=0, language="en")
    response = manager_client.get(reverse("reporting:export", args=["self-help"]))
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert "'" + term in cells
    assert term not in cells


def test_numbers_and_plain_text_are_left_alone():
    assert csv_cell(-5) == -5
    assert csv_cell("Leak") == "Leak"


def test_a_right_to_left_override_is_stripped_from_a_sent_file_name(world):
    name = f"Alex {RLO}exe.png"
    response = world.client("owner").post(
        reverse("channels_routing:message", args=[world.message_contact.pk]),
        {
            "body": f"Photo {RLO}attached",
            "attachments": [SimpleUploadedFile(name, PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 302
    stored = ContactAttachment.objects.get()
    assert stored.name == "Alex exe.png"
    assert RLO not in stored.file.name
    assert Attachment.objects.filter(case=world.case, name="Alex exe.png").exists()
    world.message_contact.refresh_from_db()
    assert world.message_contact.description == "Photo attached"


def test_bidi_controls_are_stripped_from_names_from_the_api_and_forms(customer):
    customer.name = f"Alex{RLO} \u2066Isolated\u2069 \u200fMark"
    customer.save()
    assert Customer.objects.get(pk=customer.pk).name == "Alex Isolated Mark"


def test_arabic_text_without_controls_is_kept():
    from core.text import strip_bidi

    assert strip_bidi("مرحبا Alex") == "مرحبا Alex"


@pytest.mark.parametrize(
    "markup", ["[x](/\\evil.example)", "[x](/\\/evil.example)", "[x](//evil.example)"]
)
def test_a_link_that_leaves_the_site_while_looking_local_is_not_a_link(markup):
    assert "<a " not in render(markup)


def test_a_local_link_stays_a_link():
    assert render("[Help](/help/)") == '<p><a href="/help/">Help</a></p>'
