"""The public showcase: a page per showcased idea in both languages, 404 for every other idea,
and the list of showcased ideas. Only public fields are ever shown."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.search.ideas import Pipeline
from workflows import actions

pytestmark = pytest.mark.django_db

PERSONAL = {
    "organisation_name": "Zorbaflinkens ideella förening",
    "contact_name": "Quillamina Yxbergsdotter",
    "contact_email": "quillamina@example.org",
    "contact_phone": "070-987 65 43",
}


@pytest.fixture
def pipeline(db) -> Pipeline:
    return Pipeline.with_cast()


def showcase_url(reference: str, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("showcase:idea", kwargs={"reference": reference})


def listing_url(language: str = "sv") -> str:
    with translation.override(language):
        return reverse("showcase:listing")


def test_the_showcase_urls_are_the_same_path_in_both_languages():
    assert showcase_url("SIS-2016-00001") == "/ideas/SIS-2016-00001/"
    assert showcase_url("SIS-2016-00001", "en") == "/en/ideas/SIS-2016-00001/"
    assert (listing_url(), listing_url("en")) == ("/ideas/", "/en/ideas/")


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("sv", ["Skede", "Stöd", "Utmaningsområden", "Ungdomsarbetslöshet", "Kommun", "Malmö"]),
        ("en", ["Stage", "Support", "Challenge areas", "Youth unemployment", "Municipality", "Malmö"]),
    ],
)
def test_a_showcased_idea_has_a_public_page_in_both_languages(client, pipeline, language, texts):
    idea = pipeline.at("support", consent_showcase=True, **PERSONAL).idea
    response = client.get(showcase_url(idea.reference, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 lang="sv">{idea.title}</h1>' in html
    assert idea.summary in html
    assert str(idea.created.year) in html
    for text in texts:
        assert text in html, text
    for value in PERSONAL.values():
        assert value not in html, value
    assert "Yxbergsdotter" not in html
    assert idea.organisation_number not in html


@pytest.mark.parametrize("where", ["screening", "rejected", "withdrawn"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_idea_that_is_not_past_screening_or_was_withdrawn_has_no_page(client, pipeline, where, language):
    idea = pipeline.at(where, consent_showcase=True).idea
    assert client.get(showcase_url(idea.reference, language)).status_code == 404


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_idea_without_consent_or_an_unknown_reference_has_no_page(client, pipeline, language):
    idea = pipeline.at("pilot", consent_showcase=False).idea
    assert client.get(showcase_url(idea.reference, language)).status_code == 404
    assert client.get(showcase_url("SIS-2099-99999", language)).status_code == 404
    assert client.get(showcase_url("<script>", language)).status_code == 404


@pytest.mark.parametrize("where", ["pilot", "market", "closed"])
def test_an_idea_past_screening_keeps_its_page_also_after_an_exit(client, pipeline, where):
    idea = pipeline.at(where, consent_showcase=True).idea
    assert client.get(showcase_url(idea.reference)).status_code == 200


def test_the_page_goes_when_the_applicant_withdraws_the_consent(client, pipeline):
    applicant = pipeline.at("support", consent_showcase=True)
    assert client.get(showcase_url(applicant.idea.reference)).status_code == 200
    actions.set_showcase_consent(applicant.secret, False)
    assert client.get(showcase_url(applicant.idea.reference)).status_code == 404


def test_the_showcase_pages_only_answer_get_and_head(client, pipeline):
    idea = pipeline.at("support", consent_showcase=True).idea
    assert client.post(showcase_url(idea.reference)).status_code == 405
    assert client.head(showcase_url(idea.reference)).status_code == 200
    assert client.post(listing_url()).status_code == 405


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_list_shows_the_showcased_ideas_only(client, pipeline, language):
    shown = pipeline.at("market", consent_showcase=True, title="Hemtjänst med cykel").idea
    pipeline.at("support", consent_showcase=False, title="Dold idé utan samtycke")
    pipeline.at("withdrawn", consent_showcase=True, title="Tillbakadragen idé")
    response = client.get(listing_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f'href="{showcase_url(shown.reference, language)}"' in html
    assert "Dold idé" not in html
    assert "Tillbakadragen" not in html


def test_the_list_runs_the_same_queries_however_many_ideas(client, pipeline, django_assert_max_num_queries):
    pipeline.at("support", consent_showcase=True)
    with django_assert_max_num_queries(50) as captured:
        client.get(listing_url())
    few = len(captured)
    for n in range(4):
        pipeline.at("support", consent_showcase=True, title=f"Idé nummer {n}")
    with django_assert_max_num_queries(few):
        client.get(listing_url())


def test_the_sitemap_lists_showcased_ideas_only(client, pipeline):
    shown = pipeline.at("support", consent_showcase=True).idea
    hidden = pipeline.at("support", consent_showcase=False).idea
    english = pipeline.at("pilot", consent_showcase=True, language="en").idea
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/ideas/{shown.reference}/</loc>" in xml
    assert f"/en/ideas/{english.reference}/</loc>" in xml
    assert hidden.reference not in xml


def test_the_footer_leads_to_the_showcase(client, pipeline):
    assert 'href="/ideas/"' in client.get("/search/").content.decode()
    assert 'href="/en/ideas/"' in client.get("/en/search/").content.decode()
