"""Search index rows for showcased ideas (the search app delivers them)."""

from infra import outbox, page_cache


def enqueue_index(idea, *, force: bool = False):
    """An "index" outbox row for a showcased idea (or, with `force`, one that just left the showcase).

    The payload follows search/indexing.py's contract, {"documents": ["idea:<pk>"]}: its handler
    rebuilds the document from the database (workflows/search_documents.py decides whether the
    idea may be found), or deletes it when the idea may no longer be found. Called by every
    action that changes a showcased idea's document or its findability: a decision (stage,
    exit, rejection), withdrawal, and the consent (forced, as it changes either way). Erasing
    an idea must call it with `force` in the deleting transaction, before the row goes.
    Written only when an "index" handler is registered (the search app registers it).
    """
    if force or idea.consent_showcase:
        page_cache.changed("showcase")  # the sitemap lists the showcased ideas
    if outbox.has_handler("index") and (force or idea.consent_showcase):
        return outbox.enqueue("index", {"documents": [f"idea:{idea.pk}"]})
    return None
