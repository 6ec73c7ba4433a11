"""Corrections for "did you mean": the nearest frequent word that the index knows.

Candidates are the index's own words that share the misspelt word's first two letters (most
misspellings keep them), so both engines only need to list words by prefix with their
document counts, which each does from its term dictionary.
"""


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts one), or limit + 1 if over."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def max_distance(word: str) -> int:
    """One edit for short words, two from seven letters: more would turn words into other words."""
    return 1 if len(word) < 7 else 2


def correction(word: str, candidates: list[tuple[str, int]]) -> str | None:
    """The candidate nearest to `word`, the most frequent among equally near ones; None if none is near."""
    limit = max_distance(word)
    scored = [
        (distance, -count, term)
        for term, count in candidates
        if term != word and (distance := edit_distance(word, term, limit)) <= limit
    ]
    return min(scored)[2] if scored else None
