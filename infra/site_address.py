"""The site's address, from one place: `BASE_URL`.

The default Wagtail site follows it (its hostname and port are set from it at every `migrate`
and by `load_demo`), so Wagtail's own absolute links (canonical and `og:url`, the iCalendar
`URL`, the sitemap) and ours (feeds, e-mails, the showcase's canonical link) all name the
server the programme is reached at, whatever host a request came in by.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    """The absolute URL of a path on this site."""
    return base_url() + path


def follow_base_url(site: Site) -> None:
    """Gives `site` (unsaved) the hostname and port of `BASE_URL`."""
    address = urlsplit(base_url())
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)


def default_site_follows_base_url(**kwargs) -> None:
    """After `migrate`: the default site's address is `BASE_URL` again if it was changed."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    address = (site.hostname, site.port)
    follow_base_url(site)
    if (site.hostname, site.port) != address:
        site.save(update_fields=["hostname", "port"])
