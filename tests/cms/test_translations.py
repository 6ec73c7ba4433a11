"""The Swedish catalogue is complete and its compiled form is current."""

import ast
import gettext
import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES"
ENTRY = re.compile(
    r'^(#, .*\n)?(?:msgctxt (".*")\n)?msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?'
    r'((?:msgstr.*\n(?:".*"\n)*)+)',
    re.M,
)


def entries() -> list[tuple[str, list[str], str]]:
    """(msgid, msgstrs, flags) of every entry but the header; a msgid with a context is keyed as
    gettext keys it in the compiled catalogue (context, EOT, msgid)."""

    def join(block: str) -> str:
        return "".join(
            ast.literal_eval(s) for s in re.findall(r'^(?:msg\w+(?:\[\d\])? )?(".*")$', block, re.M)
        )

    found = []
    for flags, context, msgid, msgstrs in ENTRY.findall((CATALOGUE / "django.po").read_text()):
        if msgid.strip() != '""':
            key = f"{ast.literal_eval(context)}\x04{join(msgid)}" if context else join(msgid)
            found.append((key, [join(s) for s in re.split(r"(?=^msgstr)", msgstrs, flags=re.M) if s], flags))
    return found


def test_every_interface_string_has_a_swedish_translation():
    missing = [msgid for msgid, msgstrs, flags in entries() if not all(msgstrs) or "fuzzy" in flags]
    assert entries()
    assert not missing


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations((CATALOGUE / "django.mo").open("rb"))
    stale = [msgid for msgid, msgstrs, _ in entries() if compiled.gettext(msgid) != msgstrs[0]]
    assert not stale, "run `make messages`"
