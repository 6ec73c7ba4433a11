"""The names of facet values on /search/ and /api/search/: never stale after an editor's change,
and asked of the database once per value and language where the labeller names its models."""

import pytest

from cms.models import ChallengeArea
from search import labels
from search.backends import get_backend

from .test_views import synthetic

pytestmark = pytest.mark.django_db


def test_a_renamed_challenge_area_or_municipality_shows_at_once(client, site):
    params = {"q": "samverkan"}
    assert "Ungdomsarbetslöshet" in client.get("/search/", params).content.decode()
    assert "Youth unemployment" in client.get("/en/search/", params).content.decode()
    site.challenge.name, site.challenge.name_en = "Unga utan jobb", "Young people without work"
    site.challenge.save()
    site.municipality.name = "Malmö stad"
    site.municipality.save()

    html = client.get("/search/", params).content.decode()
    assert "Unga utan jobb" in html
    assert "Ungdomsarbetslöshet" not in html
    assert "Young people without work" in client.get("/en/search/", params).content.decode()
    facets = client.get("/api/search/", {"q": "idéverkstad"}).json()["facets"]
    assert {"value": "malmo", "label": "Malmö stad", "count": 1, "selected": False} in facets["municipality"]


@pytest.fixture
def counted(monkeypatch):
    """The challenge areas named by a labeller that names its model and counts what it is asked."""
    asked = []

    def names(slugs):
        asked.append(sorted(slugs))
        return {area.slug: area.label for area in ChallengeArea.objects.filter(slug__in=slugs)}

    monkeypatch.setattr(labels, "_labellers", {**labels._labellers, "challenge_area": []})
    labels.register_labels("challenge_area", names, models=[ChallengeArea])
    return asked


def test_the_labels_are_asked_once_per_value_and_language_until_the_model_changes(client, site, counted):
    get_backend().index(synthetic(3))
    for _ in range(2):
        assert "Ungdomsarbetslöshet" in client.get("/search/", {"q": "cykel"}).content.decode()
        english = client.get("/en/search/", {"q": "cykel", "language": "sv"}).content.decode()
        assert "Youth unemployment" in english
    assert counted == [["ungdomsarbetsloshet"]] * 2  # once in Swedish, once in English

    site.challenge.name = "Unga utan jobb"
    site.challenge.save()
    assert "Unga utan jobb" in client.get("/search/", {"q": "cykel"}).content.decode()
    assert len(counted) == 3
    ChallengeArea.objects.create(slug="klimat", name="Klimat")  # any change to the model
    client.get("/search/", {"q": "cykel"})
    assert len(counted) == 4
