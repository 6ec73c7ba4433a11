"""Content-Security-Policy and Permissions-Policy on every response.

Public pages have no inline script or style, so their policy is strict and has no nonce: a
nonce in a cached page would be repeated to every visitor, and a page cache is planned.
Wagtail's admin (and the Viewflow screens mounted under it) writes inline scripts and styles
and reads no nonce, so /admin/ gets a relaxed policy with 'unsafe-inline' (a nonce would make
browsers ignore 'unsafe-inline', FACTS.md); it still allows nothing from other origins.

Our own middleware rather than django-csp 4.0: the whole job is two fixed policies chosen by
path, which django-csp would need a subclass for, and no nonces.
"""

ADMIN_PREFIX = "/admin/"  # where cms/urls.py mounts Wagtail's admin
PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",  # image previews before upload, inline icons
    "base-uri": "'self'",
    "frame-ancestors": "'self'",  # the page editor's preview panel frames the admin's own preview
}
# Powerful browser features no page of ours uses; a script injected somehow cannot ask for them.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)


def header(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


PUBLIC_HEADER, ADMIN_HEADER = header(PUBLIC_POLICY), header(ADMIN_POLICY)


class SecurityHeadersMiddleware:
    """Adds the policy for the request's area, unless the view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith(ADMIN_PREFIX)
        response.headers.setdefault("Content-Security-Policy", ADMIN_HEADER if admin else PUBLIC_HEADER)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
