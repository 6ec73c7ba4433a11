"""A digest of everything a rebuild hands the embedded engine's writer, to show that a change meant
only for speed changes no document:

    DATABASE_URL=sqlite:////tmp/c100k.sqlite3 .venv/bin/python bench/rebuild_digest.py [--helpers 2]

Every document's `fields()` (the values the writer indexes and stores), made the way
`search_index rebuild` makes them (through helper processes when the rebuild is large), in the
order the writer takes them; each as `repr` of its sorted items, through blake2b. Run it before
and after the change on the same database: the digests and counts must be equal. It also prints
the CPU of all its processes a document (no writer: what is left is reading, building, analysing
and handing over; the three processes' start included). The 100 112 documents of the 100 000-page
corpus of docs/performance.md give 59d5df9f91c418f6cfd445ac871879b8.
"""

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--helpers", type=int, default=2, help="helper processes (0: this one alone)")
    args = parser.parse_args()

    import django

    django.setup()

    from search.backends.embedded.schema import fields
    from search.rebuild_helpers import AllDocuments, made

    digest = hashlib.blake2b(digest_size=16)
    count = 0
    started = time.perf_counter()
    for values in made(AllDocuments(), fields, args.helpers):
        digest.update(repr(sorted(values.items())).encode())
        count += 1
    elapsed = time.perf_counter() - started
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(usage.ru_utime + usage.ru_stime for usage in used)
    report = {"documents": count, "digest": digest.hexdigest(), "seconds": round(elapsed, 2)}
    print(json.dumps({**report, "cpu_us_a_document": round(cpu / max(count, 1) * 1e6, 1)}))


# Helper processes are spawned: they import this module, which must not run the digest again.
if __name__ == "__main__":
    main()
