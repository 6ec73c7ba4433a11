"""Wagtail's API v2 answers every parameter it cannot take with a 400 and a JSON message."""

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]
# Each was a 500 in Wagtail 8.0.1 (FACTS.md).
REFUSED = [
    ("?search=a&search_operator=xyz", "search_operator must be 'and' or 'or'"),
    ("?search=%00", "search must not contain null characters"),
    ("?search=a%00b&search_operator=and", "search must not contain null characters"),
    ("?offset=9223372036854775808", "offset must be at most"),
    ("?offset=1000000000000000000000000000000", "offset must be at most"),
    ("?search=a&offset=9223372036854775808", "offset must be at most"),
]


@pytest.mark.parametrize(("query", "message"), REFUSED)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_parameters_wagtail_cannot_take_get_a_400_with_a_message(client, site_tree, endpoint, query, message):
    response = client.get(endpoint + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["message"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_find_by_an_id_that_is_no_number_gets_a_400(client, site_tree, endpoint):
    response = client.get(endpoint + "find/?id=abc")
    assert response.status_code == 400
    assert response.json() == {"message": "id must be an integer"}


@pytest.mark.parametrize("text", ['")("', '"samverkan', "samverkan\"'\\*", "NEAR(a b)", "a:b -c ^d"])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_any_search_text_without_a_null_gets_results(client, site_tree, endpoint, text):
    response = client.get(endpoint, {"search": text})
    assert response.status_code == 200
    assert isinstance(response.json()["items"], list)


def test_a_quoted_search_finds_what_the_words_find(client, site_tree):
    found = client.get("/api/v2/pages/", {"search": '"samverkan"'}).json()["items"]
    assert site_tree.article.title in {item["title"] for item in found}


@pytest.mark.parametrize(
    "query", ["?search=samverkan&search_operator=AND", "?offset=4611686018427387904", "?limit=10&offset=0"]
)
def test_good_parameters_still_pass(client, site_tree, query):
    assert client.get("/api/v2/pages/" + query).status_code == 200
