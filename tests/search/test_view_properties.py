"""Whatever parameters a visitor sends, the search page and the search API answer without a
5xx: a property-based test, 200 examples."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.workflows.test_public_properties import EXAMPLES, field_values

pytestmark = pytest.mark.django_db

PARAMETERS = ["q", "sort", "page", "type", "challenge_area", "municipality", "stage", "language", "year", "x"]


@EXAMPLES
@given(parameters=st.dictionaries(st.sampled_from(PARAMETERS), field_values, max_size=5))
def test_no_search_parameters_fail_the_search_page_or_the_api(client, site_tree, parameters):
    for url in ("/search/", "/en/search/", "/api/search/"):
        response = client.get(url, parameters)
        assert response.status_code < 500, (url, parameters)
