from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InfraConfig(AppConfig):
    """The plumbing every app shares: the outbox and the periodic jobs, the site lookup and its
    cache, the page cache, the site's address, sign-in, security headers and the safe spreadsheet writer."""

    name = "infra"
    verbose_name = _("Infrastructure")

    def ready(self):
        # Registers the outbox's own handlers ("email") in every process, worker included.
        # The health checks of infra's own services, registered before those of the apps above.
        from . import health, outbox  # noqa: F401
        from .page_cache_tags import connect_page_cache_receivers
        from .site_address import default_site_follows_base_url
        from .sites import connect_chrome_receivers

        post_migrate.connect(default_site_follows_base_url, sender=self)
        connect_chrome_receivers()
        connect_page_cache_receivers()
