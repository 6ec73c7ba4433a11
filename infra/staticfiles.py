from django.apps import apps
from django.contrib.staticfiles.finders import AppDirectoriesFinder

# Viewflow's Material frontend is never shown (reviewers work in the Wagtail admin), and its
# stylesheets point at font files the package does not ship, which breaks collectstatic's
# hashed-name pass. Its static files are left out.
UNUSED_STATIC_APPS = {"viewflow", "viewflow.workflow"}


class UsedAppDirectoriesFinder(AppDirectoriesFinder):
    """Django's app-directories finder, without the apps whose files are never served."""

    def __init__(self, app_names=None, *args, **kwargs):
        if app_names is None:
            app_names = [
                config.name for config in apps.get_app_configs() if config.name not in UNUSED_STATIC_APPS
            ]
        super().__init__(app_names, *args, **kwargs)
