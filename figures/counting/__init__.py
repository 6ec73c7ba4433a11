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
    supported_enterprise_lists,
    supported_enterprises,
)
from .period import Period
from .pipeline import (
    IDEA_FIELDS,
    funnel,
    ideas_by_challenge_area,
    ideas_by_gender,
    ideas_by_municipality,
    ideas_by_organisation_type,
    outcomes,
    stages_and_exits,
    submitted_grouped,
    support_hours,
    time_in_stage,
)
from .reach import (
    ReachTotals,
    mobilised,
    organisations_by_type,
    pace,
    persons_by_age,
    persons_by_gender,
    persons_by_municipality,
    persons_counted,
    reach_profile,
    reached,
)
from .rules import NOT_STATED, RULES, with_not_stated

__all__ = [
    "IDEA_FIELDS",
    "NOT_STATED",
    "RULES",
    "Period",
    "ReachTotals",
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
    "reach_profile",
    "reached",
    "stages_and_exits",
    "submitted_grouped",
    "support_hours",
    "supported_enterprise_lists",
    "supported_enterprises",
    "time_in_stage",
    "with_not_stated",
]
