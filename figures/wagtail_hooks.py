"""The Figures item of the Wagtail admin menu and its URLs (/admin/figures/), shown only to those
who may see the figures (the views check the same rule)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import may_see_figures


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_figures(request.user)


@hooks.register("register_admin_urls")
def register_figures_urls():
    return [path("figures/", include(urls, namespace="figures"))]


@hooks.register("register_admin_menu_item")
def register_figures_menu():
    return FiguresMenuItem(
        _("Figures"), reverse("figures:screen"), name="figures", icon_name="table", order=160
    )
