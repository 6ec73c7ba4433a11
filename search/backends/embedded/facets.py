"""The fast columns that facets are counted and filtered from.

Every column read has one value a document: the challenge areas are read from `area_set`, all
of a document's areas as one value (a multi-valued column cost about seven times as much to
read as the others). The counting itself is onepass's (onepass/src/lib.rs).
"""

AREAS = "challenge_area"
AREA_SET = "area_set"


def column(name: str) -> str:
    """The fast column a facet is counted from."""
    return AREA_SET if name == AREAS else name


def area_set(areas) -> str:
    """A document's challenge areas as the one value of its `area_set` column."""
    return " ".join(sorted(areas))
