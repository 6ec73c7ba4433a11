"""Bad input gets a clear answer, never a server error."""

import pytest

pytestmark = pytest.mark.django_db

MALFORMED_QUERIES = [
    "?page=abc",
    "?page=0",
    "?page=-1",
    "?page=1000000000",
    "?page=1e9",
    "?page=%00",
    "?page=1&page=2",
    "?tag=" + "x" * 5000,
    "?tag=%27%3B--",
    "?type=nope",
    "?challenge=%3Cscript%3E",
    "?past=yes",
    "?%ff=%fe",
]


def test_unknown_urls_get_the_themed_not_found_page(client, site_tree):
    for url in ("/finns-inte/", "/en/does-not-exist/", "/nyheter/finns-inte/", "/en/news/x/y/z/"):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert 'class="theme-default' in html, url
        assert 'id="main"' in html, url


def test_not_found_page_speaks_the_language_of_the_url(client, site_tree):
    assert '<html lang="en"' in client.get("/en/does-not-exist/").content.decode()
    assert '<html lang="sv"' in client.get("/finns-inte/").content.decode()


@pytest.mark.parametrize("query", MALFORMED_QUERIES)
def test_malformed_query_strings_never_give_a_server_error(client, site_tree, query):
    for page in (site_tree.news_index, site_tree.event_index, site_tree.resource_index, site_tree.home):
        response = client.get(page.url + query)
        assert response.status_code == 200, (page.url, query)


def test_an_out_of_range_page_number_shows_the_last_page(client, site_tree):
    response = client.get("/nyheter/?page=999")
    assert site_tree.article.title in response.content.decode()


def test_server_errors_render_the_standalone_themed_page(client, site_tree, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<html" in html
    assert "/static/default/css/" in html
