"""Wagtail's own search index (the admin's), written safely by several writers at once.

Wagtail writes an object's index entry in the request (the image and document forms do) and
again in the task worker after every save. Its database backend reads which entries exist and
then inserts the missing ones, so two writers at once could both insert the same one and one
failed with `IntegrityError: UNIQUE` (one image upload in eight, with the worker busy). Here
each write is one transaction: on SQLite, whose transactions are IMMEDIATE, the second writer
waits for the first; on PostgreSQL the loser of a race writes again, and then updates the entry.
"""

import functools

from django.db import IntegrityError, transaction
from wagtail.search.backends import database


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    backend = database.SearchBackend(params)
    backend.add = _one_transaction(backend.add)
    backend.add_bulk = _one_transaction(backend.add_bulk)
    return backend


def _one_transaction(write):
    @functools.wraps(write)
    def written(*args, **kwargs):
        try:
            with transaction.atomic():
                return write(*args, **kwargs)
        except IntegrityError:  # another writer inserted the entry first: now it is an update
            with transaction.atomic():
                return write(*args, **kwargs)

    return written
