"""CO05's three-year rule at its edges: the screen's grouped count and the report's list agree."""

import datetime

from figures import counting
from figures.counting import Period

from . import helpers as h

Q1 = Period.quarter(2026, 1)


def test_new_enterprises_at_the_three_year_edge(db):
    """Each enterprise came to an event in Q1 2026 (so is in CO01). First reached 2 March 2026:
    registered 2 March 2023 is exactly three years before (not new), 3 March 2023 is new. First
    reached 29 February 2024: three years before is 28 February 2021, so 1 March 2021 is new and
    28 February 2021 is not. Without a registration date, not new."""
    edge = [
        ("Precis AB", datetime.date(2023, 3, 2), h.at(2026, 3, 2)),
        ("Dagen efter AB", datetime.date(2023, 3, 3), h.at(2026, 3, 2)),
        ("Skottdag AB", datetime.date(2021, 3, 1), h.at(2024, 2, 29)),
        ("Före skottdag AB", datetime.date(2021, 2, 28), h.at(2024, 2, 29)),
        ("Utan datum AB", None, h.at(2026, 3, 2)),
    ]
    for serial, (name, registered, first) in enumerate(edge, start=1):
        organisation = h.organisation(serial, name, registered=registered, first=first)
        h.reached(
            f"person{serial}@example.org",
            "77",
            h.at(2026, 3, 5),
            organisation=organisation,
            channel="event",
            role="participant",
        )

    listed = sorted(row["name"] for row in counting.co05(Q1))
    assert listed == ["Dagen efter AB", "Skottdag AB"]
    assert counting.supported_enterprises(Q1) == {"co01": 5, "co04": 0, "co05": 2}
