"""Template loading that follows the active theme.

The active theme's folder comes first and the default theme's second, so a theme
overrides only what it needs to. The cache key carries the theme name: without it the
first theme to load a template would serve it to every Site.
"""

from django.template.loaders import cached, filesystem

from .registry import DEFAULT_THEME, active_theme, templates_dir


class ThemeDirectoriesLoader(filesystem.Loader):
    def get_dirs(self):
        theme = active_theme()
        return [templates_dir(theme)] + ([templates_dir(DEFAULT_THEME)] if theme != DEFAULT_THEME else [])


class ThemeLoader(cached.Loader):
    def cache_key(self, template_name, skip=None):
        return f"{active_theme()}:{super().cache_key(template_name, skip)}"
