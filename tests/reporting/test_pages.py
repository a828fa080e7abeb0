import csv
import io
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MARCH = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
SECTIONS = ["contacts", "cases", "feedback", "self-help"]


@pytest.mark.parametrize("section", SECTIONS)
def test_customers_and_agents_are_refused(section, customer_client, agent):
    url = reverse("reporting:section", args=[section])
    assert customer_client.get(url).status_code == 403
    customer_client.force_login(agent)
    assert customer_client.get(url).status_code == 403
    assert customer_client.get(reverse("reporting:export", args=[section])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("reporting:home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("section", SECTIONS)
def test_managers_see_each_section_with_definitions_charts_and_tables(
    section, manager_client, dataset, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = manager_client.get(reverse("reporting:section", args=[section]), MARCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Definition" in html
    assert "<svg" in html and "<table>" in html
    assert 'style="' not in html


def test_the_home_page_shows_contact_measures(manager_client, dataset):
    html = manager_client.get(reverse("reporting:home"), MARCH).content.decode()
    assert "Contact volume by channel" in html
    assert "Average speed of answer" in html


def test_an_unknown_section_is_not_found(manager_client):
    assert manager_client.get("/reports/nothing/").status_code == 404


def test_a_backwards_date_range_is_explained_next_to_the_field(manager_client):
    response = manager_client.get(
        reverse("reporting:home"), {"date_from": "2026-03-31", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end date must be on or after the start date." in html
    assert 'value="2026-03-31"' in html


def test_an_unknown_filter_value_is_rejected_not_a_500(manager_client):
    response = manager_client.get(reverse("reporting:home"), {"channel": "pigeon"})
    assert response.status_code == 400
    export = manager_client.get(reverse("reporting:export", args=["contacts"]), {"team": "x"})
    assert export.status_code == 400


def test_the_csv_export_holds_exactly_the_figures_on_the_page(manager_client, dataset):
    response = manager_client.get(reverse("reporting:export", args=["feedback"]), MARCH)
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Outcome satisfaction"] in lines
    assert ["Share answering 4 or 5 (%)", "66.7"] in lines
    assert ["Waiting", "1"] in lines
    text = response.content.decode()
    # No personal data: the page shows none, so neither does the export.
    assert "@example.org" not in text and "Customer " not in text
    page = manager_client.get(reverse("reporting:section", args=["feedback"]), MARCH)
    for measure in page.context["measures"]:
        for row in measure.rows:
            assert [("" if c is None else str(c)) for c in row] in lines


def test_charts_read_right_to_left_in_arabic_with_the_readers_decimal_separator(
    manager_client, dataset
):
    """In Arabic the chart is mirrored: labels start at its right edge and bars grow from it
    (left-anchored, the labels fell outside the picture); values read like the table's."""
    url = reverse("reporting:section", args=["contacts"])
    english = manager_client.get(url, MARCH).content.decode()
    arabic = manager_client.get(url, MARCH, headers={"accept-language": "ar"}).content.decode()
    assert 'direction="ltr"' in english and '<text x="0" ' in english
    assert 'direction="rtl"' in arabic and '<text x="0" ' not in arabic
    assert re.search(r'<text x="400" y="\d+" class="chart-label">', arabic)
    widths = re.findall(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"', arabic)
    assert widths and all(float(x) + float(w) == 400 for x, w in widths)
    assert re.search(r'class="chart-value">\d+\.\d', english)
    assert not re.search(r'class="chart-value">\d+\.\d', arabic)
