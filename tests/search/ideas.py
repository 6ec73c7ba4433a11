"""Ideas for the search tests, moved along by the pipeline's own actions with the workflow tests'
cast and idea, so that their documents are what a real idea gives."""

from dataclasses import dataclass

from django.contrib.auth.models import User

from cms.models import ChallengeArea, Municipality
from tests.helpers import make_user
from tests.workflows.helpers import Applicant, claim_and_decide, idea_fields
from workflows import actions
from workflows.groups import ensure_reviewer_groups

#: Where an idea can stand, and the (who, decision) steps that take a new idea there.
PATHS = {
    "screening": [],
    "support": [("screener", "advance")],
    "pilot": [("screener", "advance"), ("advisor", "advance")],
    "market": [("screener", "advance"), ("advisor", "advance"), ("coordinator", "market")],
    "closed": [("screener", "advance"), ("advisor", "exit")],
    "rejected": [("screener", "reject")],
    "withdrawn": [("screener", "advance"), ("applicant", "withdraw")],
}
REVIEWER_GROUPS = {
    "screener": "Screening committee",
    "advisor": "Advisors",
    "coordinator": "Pilot coordinators",
}


@dataclass
class Pipeline:
    taxonomy: tuple[ChallengeArea, Municipality]
    reviewers: dict[str, User]

    @classmethod
    def with_cast(cls) -> "Pipeline":
        ensure_reviewer_groups()
        area, _ = ChallengeArea.objects.get_or_create(
            slug="ungdomsarbetsloshet",
            defaults={"name": "Ungdomsarbetslöshet", "name_en": "Youth unemployment"},
        )
        municipality, _ = Municipality.objects.get_or_create(
            slug="malmo", defaults={"name": "Malmö", "code": "1280"}
        )
        reviewers = {name: make_user(name, group) for name, group in REVIEWER_GROUPS.items()}
        return cls((area, municipality), reviewers)

    def at(self, where: str, **fields) -> Applicant:
        """A new idea (the workflow tests' one, with `fields` changed) taken to `where`."""
        idea, secret = actions.submit_idea(**idea_fields(self.taxonomy, **fields))
        applicant = Applicant(idea, secret)
        self.walk(applicant, PATHS[where])
        applicant.refresh()
        return applicant

    def walk(self, applicant: Applicant, steps) -> None:
        for who, code in steps:
            if who == "applicant":
                actions.withdraw_idea(applicant.secret, "Vi går med i ett annat program.")
            else:
                claim_and_decide(applicant.idea, self.reviewers[who], code, reason="Skäl.")
