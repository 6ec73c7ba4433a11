"""Pages whose address holds a secret (an applicant's status link, a registration's cancel link)."""

from functools import wraps


def private(view):
    """Never cached, never indexed, and the address never sent to another site as a referrer.
    `same-origin` rather than `no-referrer`: under `no-referrer` browsers send `Origin: null`
    with the page's own forms, which Django's CSRF check refuses."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped
