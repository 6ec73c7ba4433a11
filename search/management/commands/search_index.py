"""`manage.py search_index rebuild|update|status`: both parts of the search index (the public one,
and the reviewers' private one of every idea) and the database."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.backends.base import SearchError

# Ids listed per kind of difference; the rest are counted.
SHOWN = 20


class Command(BaseCommand):
    help = (
        "The search index, in both its parts: the public one, and the private one of every idea "
        "for the reviewers' similar ideas. rebuild: every findable document into a new index, then "
        "a switch with no gap, then the changes made meanwhile are applied again. update: index "
        "what is missing or stale, delete what should not be there. status: compare the index with "
        "the database and list what differs (exit status 1 with --check if anything does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--check", action="store_true", help="status: fail (exit status 1) if the index differs."
        )

    def handle(self, *args, action, no_progress=False, check=False, **options):
        started = time.monotonic()
        try:
            if action == "rebuild":
                done = indexing.rebuild(self._progress(no_progress, "Indexing", indexing.PUBLIC))
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Rebuilt the search index: {done.count} documents in "
                        f"{time.monotonic() - started:.1f} s; "
                        f"{done.replayed} changes made meanwhile applied again."
                    )
                )
                done = indexing.rebuild_private()
                self.stdout.write(
                    self.style.SUCCESS(f"Rebuilt the reviewers' index of ideas: {done.count} ideas.")
                )
            elif action == "update":
                for part in indexing.PARTS:
                    done = indexing.update(self._progress(no_progress, "Comparing", part), part=part)
                    counts = f"{done.indexed} documents indexed, {done.deleted} deleted"
                    self.stdout.write(self.style.SUCCESS(f"Updated the {part.name}: {counts}."))
            else:
                self._status(check)
        except SearchError as error:
            raise CommandError(f"The search engine is not available: {error}") from error

    def _progress(self, hidden: bool, description: str, part: indexing.Part):
        if hidden:
            return iter
        total = part.count()
        return lambda documents: tqdm(
            documents, total=total, desc=description, unit=" docs", file=self.stderr._out, mininterval=0.5
        )

    def _status(self, check: bool) -> None:
        differing = False
        for part in indexing.PARTS:
            status = part.backend().status()
            differences = status.differences(part.documents())
            self.stdout.write(
                f"{part.name.capitalize()}: {status.name or '(none yet)'}, {status.count} documents."
            )
            for label, ids in (
                ("missing from the index", differences.missing),
                ("stale in the index", differences.stale),
                ("in the index but not findable", differences.extra),
            ):
                if ids:
                    more = f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""
                    self.stdout.write(f"{len(ids)} {label}: {', '.join(ids[:SHOWN])}{more}")
            if differences:
                differing = True
            else:
                self.stdout.write(self.style.SUCCESS(f"The {part.name} agrees with the database."))
        if differing and check:
            raise CommandError("The index differs from the database: run `manage.py search_index update`.")
