"""The programme's counting rules, one place for the Figures screen, the export and the funders'
report. Each rule is a function of a `Period` with its "how is this counted" note as `.how`;
`RULES` lists them all. Every rule runs a fixed number of aggregate queries, whatever the data."""

from .indicators import (
    co01,
    co04,
    co05,
    co29,
    ideas_in_programme,
    ideas_in_support,
    not_countable,
    supported_enterprises,
)
from .period import Period
from .pipeline import (
    funnel,
    ideas_by_challenge_area,
    ideas_by_gender,
    ideas_by_municipality,
    ideas_by_organisation_type,
    outcomes,
    stages_and_exits,
    support_hours,
    time_in_stage,
)
from .reach import (
    mobilised,
    organisations_by_type,
    pace,
    persons_by_age,
    persons_by_gender,
    persons_by_municipality,
    persons_counted,
    reached,
)
from .rules import NOT_STATED, RULES

__all__ = [
    "NOT_STATED",
    "RULES",
    "Period",
    "co01",
    "co04",
    "co05",
    "co29",
    "funnel",
    "ideas_by_challenge_area",
    "ideas_by_gender",
    "ideas_by_municipality",
    "ideas_by_organisation_type",
    "ideas_in_programme",
    "ideas_in_support",
    "mobilised",
    "not_countable",
    "organisations_by_type",
    "outcomes",
    "pace",
    "persons_by_age",
    "persons_by_gender",
    "persons_by_municipality",
    "persons_counted",
    "reached",
    "stages_and_exits",
    "support_hours",
    "supported_enterprises",
    "time_in_stage",
]
