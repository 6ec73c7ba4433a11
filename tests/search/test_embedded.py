"""The embedded backend's own promises: writers in many processes take turns, readers follow."""

import subprocess
import sys
import textwrap
import threading

import pytest
import tantivy

from search.backends.base import SearchUnavailable
from search.backends.embedded import EmbeddedBackend
from search.query import SearchQuery

from .corpus import CORPUS, doc

WRITER = textwrap.dedent(
    """
    import datetime, sys
    from search.backends.embedded import EmbeddedBackend
    from search.documents import SearchDocument

    backend = EmbeddedBackend(sys.argv[1])
    worker = sys.argv[2]
    for batch in range(10):
        backend.index(
            SearchDocument(
                id=f"news:{worker}{batch}{n}", type="news", language="sv", title="Cykel",
                url="/", date=datetime.date(2020, 1, 1),
            )
            for n in range(5)
        )
    """
)


def test_writers_in_several_processes_take_turns_and_lose_nothing(tmp_path):
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(worker)], stderr=subprocess.PIPE)
        for worker in range(1, 4)
    ]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read().decode()
    # This process's reader sees the other processes' commits.
    assert backend.status().count == len(CORPUS) + 3 * 10 * 5
    assert backend.search(SearchQuery(text="cykel")).total == 2 + 150


def test_a_writer_that_cannot_get_the_lock_says_the_index_is_unavailable(tmp_path):
    holder = EmbeddedBackend(tmp_path)
    waiting = EmbeddedBackend(tmp_path, lock_timeout=0.2)
    holder.index(CORPUS[:1])
    with holder.store.write_lock(), pytest.raises(SearchUnavailable):
        waiting.index(CORPUS[1:2])
    assert waiting.index(CORPUS[1:2]) == 1


def test_a_write_waits_for_the_lock_rather_than_failing(tmp_path):
    holder, writer = EmbeddedBackend(tmp_path), EmbeddedBackend(tmp_path)
    holder.index(CORPUS[:1])
    release = threading.Timer(0.3, lambda: None)
    with holder.store.write_lock():
        release.start()
        thread = threading.Thread(target=writer.index, args=(CORPUS[1:2],))
        thread.start()
        thread.join(0.1)
        assert thread.is_alive()  # waiting for the lock
    thread.join(10)
    assert writer.status().count == 2


def test_another_instance_follows_a_rebuild(tmp_path):
    writer, reader = EmbeddedBackend(tmp_path), EmbeddedBackend(tmp_path)
    writer.index(CORPUS)
    assert reader.search(SearchQuery(text="cyklar")).total == 2
    writer.rebuild([doc("news:50", "sv", "2020-01-01", "Cyklar", "Cyklar.")])
    assert [hit.id for hit in reader.search(SearchQuery(text="cyklar")).hits] == ["news:50"]


def test_rebuilds_keep_the_live_and_the_previous_generation_only(tmp_path):
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)
    names = []
    for _ in range(4):
        backend.rebuild(CORPUS)
        names.append(backend.status().name)
    on_disk = sorted(path.name for path in tmp_path.iterdir() if path.is_dir())
    assert on_disk == sorted(names[-2:])


def test_a_failed_rebuild_leaves_no_generation_behind(tmp_path):
    backend = EmbeddedBackend(tmp_path)
    backend.index(CORPUS)

    def failing():
        yield CORPUS[0]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(failing())
    assert [path.name for path in tmp_path.iterdir() if path.is_dir()] == [backend.status().name]


def test_an_index_of_an_older_schema_is_unavailable_until_rebuilt(tmp_path):
    backend = EmbeddedBackend(tmp_path)
    old = backend.store.new_generation()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title")
    tantivy.Index(builder.build(), path=str(old))
    with backend.store.write_lock():
        backend.store.switch(old)
    with pytest.raises(SearchUnavailable, match="needs a rebuild"):
        backend.search(SearchQuery(text="cykel"))
    backend.rebuild(CORPUS)
    assert backend.search(SearchQuery(text="cyklar")).total == 2


def test_an_index_directory_out_of_reach_is_unavailable_and_comes_back_as_it_was(tmp_path):
    """An unmounted disk leaves a file, or nothing readable, where the index was: searches and
    writes say the engine is unavailable (the view's message, the outbox's retry), not a crash."""
    root = tmp_path / "index"
    backend = EmbeddedBackend(root)
    backend.index(CORPUS)
    root.rename(tmp_path / "away")
    root.write_text("not a directory")
    with pytest.raises(SearchUnavailable, match="cannot be read"):
        backend.search(SearchQuery(text="cykel"))
    with pytest.raises(SearchUnavailable, match="cannot be written"):
        backend.index(CORPUS[:1])
    root.unlink()
    (tmp_path / "away").rename(root)
    assert backend.search(SearchQuery(text="cyklar")).total == 2
