"""The applicant of the idea pipeline, known only by the status link; its reviewers are in the
root conftest, with the rest of the cast."""

import pytest

from workflows import actions

from .helpers import Applicant, idea_fields


@pytest.fixture(autouse=True)
def private_media(private_media):
    """Every test here keeps the applicants' files in a directory of its own."""
    return private_media


@pytest.fixture
def submit(taxonomy, groups):
    def submit(**overrides) -> Applicant:
        idea, secret = actions.submit_idea(**idea_fields(taxonomy, **overrides))
        return Applicant(idea, secret)

    return submit


@pytest.fixture
def applicant(submit) -> Applicant:
    return submit()
