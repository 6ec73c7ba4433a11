"""The all-ideas CSV export as Swedish and English spreadsheet users open it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from .test_backoffice_export import csv_rows
from .test_backoffice_screens import login

pytestmark = pytest.mark.django_db


def test_a_swedish_manager_gets_semicolons_swedish_words_and_times_to_the_second(client, submit, manager):
    idea = submit(language="en").idea
    client.force_login(manager)  # the admin in Swedish, the programme's language
    response = client.get(reverse("ideas:export_csv"))
    header, row = csv_rows(response)
    column = dict(zip(header, row, strict=True))
    assert column["Referens"] == idea.reference
    assert (column["Nystartat företag"], column["Försenad"]) == ("Nej", "Nej")
    assert column["Språk"] == "Engelska"
    assert column["Inlämnad"] == f"{timezone.localtime(idea.created):%Y-%m-%d %H:%M:%S}"


def test_the_english_variant_is_the_english_readers_and_one_click_away_for_a_swedish_one(
    client, submit, manager
):
    idea = submit().idea
    client.force_login(manager)
    page = client.get(reverse("ideas:index")).text
    assert "?dialect=en" in page
    expected_start = ["Reference", "Title", "Stage"]
    for asked in ({"dialect": "en"}, {}):
        if not asked:
            login(client, manager)  # the admin in English
        header, row = csv_rows(client.get(reverse("ideas:export_csv"), asked), delimiter=",")
        column = dict(zip(header, row, strict=True))
        assert header[:3] == expected_start
        assert (column["Reference"], column["New enterprise"], column["Language"]) == (
            idea.reference,
            "No",
            "Swedish",
        )
    assert "?dialect=sv" in client.get(reverse("ideas:index")).text
