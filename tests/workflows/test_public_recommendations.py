"""Resources recommended to the applicant: on the status page, for the idea's current stage, and in
the receipt e-mail, for the stage at submission; in the applicant's language; left out when
nothing fits."""

import socket

import pytest

from infra.models import OutboxMessage
from search.backends import get_backend

from .helpers import claim_and_decide
from .library import Library
from .test_public_status import opened, url

pytestmark = pytest.mark.django_db

HEADING = {"sv": "Resurser för din idé", "en": "Resources for your idea"}
RECEIPT_HEADING = {
    "sv": "Resurser som kan hjälpa dig med idén:",
    "en": "Resources that may help you with the idea:",
}
UNRELATED = {
    "title": "Cykelkök för nyanlända",
    "summary": "Nyanlända lagar cyklar tillsammans i en verkstad.",
}
ENGLISH = {
    "language": "en",
    "title": "Homework help at the library",
    "summary": "Young adults give homework help to pupils at Malmö's libraries.",
}


@pytest.fixture
def library(settings, tmp_path, taxonomy) -> Library:
    """The library, in the configured search index of this test's own."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    library = Library.build()
    library.index(get_backend())
    return library


def receipt(idea) -> dict:
    return OutboxMessage.objects.get(payload__idea=idea.pk, payload__template="receipt").payload


def status_page(client, applicant, language: str = "sv") -> str:
    response = opened(client, applicant.secret, language).get(url(language=language))
    assert response.status_code == 200
    return response.content.decode()


def test_the_status_page_shows_the_resources_with_links_and_reasons(
    client, library, submit, django_assert_num_queries
):
    applicant = submit()
    opened(client, applicant.secret)
    # Two of them are the recommendations': the idea's challenge areas, the resources' kinds.
    with django_assert_num_queries(16):
        page = client.get(url()).content.decode()
    assert HEADING["sv"] in page
    guide = library.pages["laxhjalp"]["sv"]
    assert f'<a href="{guide.full_url}">Läxhjälp som metod</a>' in page
    assert "Matchar: Ungdomsarbetslöshet, läxhjälp" in page
    assert f'<a href="{library.pages["bibliotek"]["sv"].full_url}">Biblioteket som mötesplats</a>' in page
    assert "Kor på bete" not in page


def test_a_stage_change_changes_the_resources(client, library, submit, screener, advisor, coordinator):
    applicant = submit()
    assert "Budgetmall för piloten" not in status_page(client, applicant)
    claim_and_decide(applicant.idea, screener, "advance")
    claim_and_decide(applicant.idea, advisor, "advance")
    pilot = status_page(client, applicant)
    assert "Budgetmall för piloten" in pilot
    assert "Matchar: budget" in pilot
    assert "Starta ett socialt företag" not in pilot
    claim_and_decide(applicant.idea, coordinator, "market")
    market = status_page(client, applicant)
    assert "Starta ett socialt företag" in market
    assert "Matchar: socialt företag, kunder" in market
    assert "Budgetmall för piloten" not in market


def test_an_english_applicant_sees_english_resources(client, library, submit):
    page = status_page(client, submit(**ENGLISH), "en")
    assert HEADING["en"] in page
    assert "Homework help as a method" in page
    assert "Matches: Youth unemployment, homework, help, pupils" in page
    assert "Läxhjälp som metod" not in page


def test_when_nothing_fits_the_status_page_has_no_resources_section(client, library, submit):
    page = status_page(client, submit(**UNRELATED))
    assert HEADING["sv"] not in page
    assert "recommendations" not in page


def test_the_swedish_receipt_recommends_swedish_resources(library, submit):
    sent = receipt(submit().idea)
    guide = library.pages["laxhjalp"]["sv"]
    assert RECEIPT_HEADING["sv"] in sent["body"]
    assert (
        f"- Läxhjälp som metod\n  {guide.full_url}\n  Matchar: Ungdomsarbetslöshet, läxhjälp\n"
        in sent["body"]
    )
    assert (
        f'<a href="{guide.full_url}">Läxhjälp som metod</a><br>Matchar: Ungdomsarbetslöshet, läxhjälp'
        in (sent["html"])
    )
    assert "Homework help" not in sent["body"]


def test_the_english_receipt_recommends_english_resources(library, submit):
    sent = receipt(submit(**ENGLISH).idea)
    guide = library.pages["laxhjalp"]["en"]
    assert RECEIPT_HEADING["en"] in sent["body"]
    assert (
        f"- Homework help as a method\n  {guide.full_url}\n  Matches: Youth unemployment, homework"
        in sent["body"]
    )
    assert f'<a href="{guide.full_url}">Homework help as a method</a>' in sent["html"]
    assert "Läxhjälp som metod" not in sent["body"]


def test_when_nothing_fits_the_receipt_has_no_resources(library, submit):
    sent = receipt(submit(**UNRELATED).idea)
    assert RECEIPT_HEADING["sv"] not in sent["body"]
    assert (
        "Dela inte länken: den som har den kan se och ändra din ansökan.\n\nVänliga hälsningar"
        in sent["body"]
    )
    assert "<ul>" not in sent["html"]


def test_without_the_search_the_idea_is_received_and_the_receipt_has_no_resources(settings, submit, caplog):
    with socket.socket() as unused:  # a port that nothing listens on once closed
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 1
    applicant = submit()
    sent = receipt(applicant.idea)
    assert applicant.idea.reference in sent["subject"]
    assert RECEIPT_HEADING["sv"] not in sent["body"]
    assert "recommendations skipped: SearchUnavailable" in caplog.text
    assert applicant.idea.title not in caplog.text
