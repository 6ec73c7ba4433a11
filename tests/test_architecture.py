"""The apps' layers: each app imports only the apps below it (migrations aside).

fixtures               demo and random data: may use everything
figures                the programme's figures and the funders' report
workflows  registrations   ideas; registrations for events
reach                  whom the programme reached: organisations, persons, each time reached
cms                    content (its project package, settings and root URLs, may use anything)
search   themes        the search; the public site's look
infra                  the plumbing all of them share
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Each app, and the other apps of this project that it may import.
MAY_IMPORT: dict[str, set[str]] = {
    "infra": set(),
    "themes": {"infra"},
    "search": {"infra"},
    "cms": {"infra", "search", "themes"},
    "reach": {"infra", "cms", "search", "themes"},
    "workflows": {"infra", "cms", "reach", "search", "themes"},
    "registrations": {"infra", "cms", "reach", "search", "themes"},
    "figures": {"infra", "cms", "reach", "registrations", "search", "themes", "workflows"},
    "fixtures": {"infra", "cms", "figures", "reach", "registrations", "search", "themes", "workflows"},
}
#: The project package: settings, root URLs and WSGI bring all the apps together.
PROJECT_PACKAGE = ("cms/settings/", "cms/urls.py", "cms/wsgi.py")


def modules(app: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and not str(path.relative_to(ROOT)).startswith(PROJECT_PACKAGE)
    )


def imported_apps(path: Path) -> set[str]:
    """The top-level packages a module imports, relative imports resolved."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add(package[0] if node.level else node.module.split(".")[0])
    return found & MAY_IMPORT.keys()


def test_every_app_has_its_place_in_the_layers():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == MAY_IMPORT.keys()


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_apps_below_it(app):
    crossing = {
        (str(path.relative_to(ROOT)), imported)
        for path in modules(app)
        for imported in imported_apps(path) - {app} - MAY_IMPORT[app]
    }
    assert crossing == set()
