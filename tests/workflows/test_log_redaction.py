"""A status link's secret never reaches the log, whatever answer its path got."""

import logging

import pytest

from tests.helpers import LogLines

pytestmark = pytest.mark.django_db


def test_a_404_on_a_status_link_is_logged_without_its_secret(client, applicant):
    lines = LogLines()
    logging.getLogger().addHandler(lines)
    try:
        response = client.get(f"/ideas/status/{applicant.secret}/files/999999/")
    finally:
        logging.getLogger().removeHandler(lines)
    assert response.status_code == 404
    assert lines.lines == ["django.request: Not Found: /ideas/status/[redacted]/files/999999/"]
