"""RSS and Atom feeds of the news, one per language.

Links are absolute from the site's own address (`infra.site_address`), not from the host a
request came in by; an item's date is the article's date, not when it was published.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from infra import page_cache
from infra.site_address import absolute

from .models import NewsIndexPage, NewsPage


class NewsFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        page_cache.serve_from_cache(request)
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(site)s: news") % {"site": settings.WAGTAIL_SITE_NAME}

    def description(self):
        return _("News from the programme.")

    def link(self):
        index = NewsIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        return index.get_full_url(self.request) if index else absolute("/")

    def feed_url(self):
        return absolute(self.request.path)

    def items(self):
        page_cache.shows(f"type:{NewsPage._meta.label_lower}:{Locale.get_active().pk}")
        return (
            NewsPage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .order_by("-date", "-pk")
            .defer_streamfields()[:20]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_meta_description()

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
