import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from workflows.models import ActivityType, MarketOutcome, OutcomeType, SupportActivity

from . import helpers as h


@pytest.fixture
def programme(db):
    """The hand-worked programme of the counting tests (the first quarter of 2026 is counted).

    - Alfa AB (enterprise, registered 2024-05-01, first reached 2026-01-10) has two ideas:
      A1 submitted 10 Jan, to support 20 Jan, 3.5 hours of coaching 10 Feb (contact anna, woman);
      A2 submitted 1 Feb, rejected at screening 15 Feb (contact bo, man).
      anna also took part in an event on 5 March.
    - Beta ek. för. (enterprise, registered 2010) only came to an event: cecilia (gender not
      stated) on 31 March at 23:30, the last day of the quarter.
    - Gamma kommun (a public actor): david came to an event on 1 April at 00:00, the day after.
    - Grannar i Lund (no organisation number): G1 submitted 15 Jan, to support 20 Feb
      (contact erik, prefers not to say).
    - Delta AB (enterprise, registered 2025-06-01, first reached 2025-10-01): D1 submitted
      1 Oct 2025, in market since 1 Dec 2025, a product new to the firm on 15 March 2026
      (contact fia, reached in October only).
    """
    alfa = h.organisation(1, "Alfa AB", registered=datetime.date(2024, 5, 1), first=h.at(2026, 1, 10))
    beta = h.organisation(2, "Beta ek. för.", registered=datetime.date(2010, 1, 1), first=h.at(2026, 3, 31))
    gamma = h.organisation(3, "Gamma kommun", enterprise=False)
    grannar = h.organisation(None, "Grannar i Lund", enterprise=False)
    delta = h.organisation(4, "Delta AB", registered=datetime.date(2025, 6, 1), first=h.at(2025, 10, 1))

    anna = h.reached(
        "anna@example.org", "SIS-2026-00001", h.at(2026, 1, 10), organisation=alfa, gender="woman"
    )
    h.reached("bo@example.org", "SIS-2026-00002", h.at(2026, 2, 1), organisation=alfa, gender="man")
    h.reached(
        "ANNA@example.org ", "77", h.at(2026, 3, 5), organisation=alfa, channel="event", role="participant"
    )
    h.reached(
        "cecilia@example.org",
        "77",
        h.at(2026, 3, 31, 23, 30),
        organisation=beta,
        channel="event",
        role="participant",
    )
    h.reached(
        "david@example.org",
        "78",
        h.at(2026, 4, 1, 0, 0),
        organisation=gamma,
        channel="event",
        role="participant",
    )
    erik = h.reached(
        "erik@example.org", "SIS-2026-00003", h.at(2026, 1, 15), organisation=grannar, gender="undisclosed"
    )
    fia = h.reached(
        "fia@example.org", "SIS-2025-00009", h.at(2025, 10, 1), organisation=delta, gender="woman"
    )

    a1 = h.idea(
        "SIS-2026-00001",
        organisation=alfa,
        contact=anna,
        changes=[(h.at(2026, 1, 10), "submitted", "active"), (h.at(2026, 1, 20), "support", "active")],
    )
    h.idea(
        "SIS-2026-00002",
        organisation=alfa,
        changes=[(h.at(2026, 2, 1), "submitted", "active"), (h.at(2026, 2, 15), "screening", "rejected")],
    )
    h.idea(
        "SIS-2026-00003",
        organisation=grannar,
        contact=erik,
        organisation_type="idea_driven",
        changes=[(h.at(2026, 1, 15), "submitted", "active"), (h.at(2026, 2, 20), "support", "active")],
    )
    d1 = h.idea(
        "SIS-2025-00009",
        organisation=delta,
        contact=fia,
        changes=[(h.at(2025, 10, 1), "submitted", "active"), (h.at(2025, 12, 1), "market", "active")],
    )
    advisor = User.objects.create(username="advisor")
    SupportActivity.objects.create(
        idea=a1,
        date=datetime.date(2026, 2, 10),
        activity_type=ActivityType.COACHING,
        hours=Decimal("3.5"),
        logged_by=advisor,
    )
    MarketOutcome.objects.create(
        idea=d1,
        outcome_type=OutcomeType.NEW_COMPANY,
        product_new_to_firm=datetime.date(2026, 3, 15),
        recorded_by=advisor,
        recorded=h.at(2026, 3, 15),
    )
    return {"anna": anna, "erik": erik, "alfa": alfa, "beta": beta, "delta": delta}
