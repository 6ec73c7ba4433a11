"""The address of the client that sent a request, seen through the trusted reverse proxies.

Behind a proxy every request comes from the proxy's address (gunicorn never reads
`X-Forwarded-For`). Each proxy appends the address it was connected from to that header, so
with `TRUSTED_PROXY_COUNT` proxies the client is the entry that many places from the right.
Entries further left were written by the client itself and are never believed. The intake's
rate limit and the sign-in lock-out both count by this address.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    connected = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return connected
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return connected
    # Fewer entries than proxies: the leftmost was still written by one of ours.
    candidate = forwarded[-min(hops, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a misconfigured proxy; the connecting address is at least real
        return connected
