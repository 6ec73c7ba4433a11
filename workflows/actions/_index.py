"""Search index rows for ideas (the search app delivers them)."""

from infra import outbox, page_cache


def enqueue_index(idea, *, force: bool = False):
    """An "index" outbox row for an idea, written by every action that changes what an idea's
    documents hold: submission, a decision (stage, exit, rejection), withdrawal, the consent
    and erasure (in the erasing transaction).

    The payload follows search/indexing.py's contract, {"documents": ["idea:<pk>"]}: its handler
    rebuilds the idea's documents from the database or deletes them, in the public index
    (workflows/search_documents.py decides whether the idea may be found) and in the reviewers'
    private index of every idea (workflows/similar.py). `force` says that the idea just left
    the showcase, whose pages change then as for a showcased idea.
    Written only when an "index" handler is registered (the search app registers it).
    """
    if force or idea.consent_showcase:
        page_cache.changed("showcase")  # the sitemap lists the showcased ideas
    if outbox.has_handler("index"):
        return outbox.enqueue("index", {"documents": [f"idea:{idea.pk}"]})
    return None
