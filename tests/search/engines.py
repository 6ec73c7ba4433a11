"""A real Lucene engine for the Elasticsearch backend's tests: an OpenSearch 2.19.6 node, started
from tools/opensearch-node (a Maven project) in a process group of its own.

Elasticsearch itself cannot be started this way: its server jar is on Maven Central, but not its
common-analysis module (the stemmer and asciifolding filters of the mappings). OpenSearch is the
fork of Elasticsearch 7.10 and speaks its REST API; the elasticsearch 8 client refuses it only
for not calling itself Elasticsearch, which `OpenSearchAsElasticsearch`, in the tests alone,
passes over.
"""

import atexit
import dataclasses
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from elastic_transport import HttpHeaders

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.elasticsearch.transport import PlainJsonNode

OPENSEARCH_VERSION = "2.19.6"
PROJECT = Path(__file__).resolve().parents[2] / "tools" / "opensearch-node"
JAR = PROJECT / "target" / "opensearch-node.jar"
CLASSPATH = PROJECT / "target" / "classpath.txt"
START_TIMEOUT = 180  # seconds; a cold JVM on a busy two-core machine takes about 20


class OpenSearchAsElasticsearch(PlainJsonNode):
    """For the tests only: plain JSON media types, and OpenSearch's answers marked as coming from
    Elasticsearch, so that the elasticsearch 8 client accepts them (it checks the header
    `X-Elastic-Product` and nothing else of the product)."""

    def perform_request(self, *args, **kwargs):
        response = super().perform_request(*args, **kwargs)
        headers = HttpHeaders(response.meta.headers)
        headers["X-Elastic-Product"] = "Elasticsearch"
        return response._replace(meta=dataclasses.replace(response.meta, headers=headers))


class ElasticsearchOnOpenSearch(ElasticsearchBackend):
    """The Elasticsearch backend talking to OpenSearch through the test transport above."""

    def __init__(
        self, url: str | None = None, index: str | None = None, timeout: float | None = None, part: str = ""
    ):
        super().__init__(url, index=index, timeout=timeout, node_class=OpenSearchAsElasticsearch, part=part)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str):
    """Outside CI a machine without Java or Maven skips the engine's tests; CI must run them."""
    if in_ci():
        pytest.fail(f"OpenSearch test node: {reason}", pytrace=False)
    pytest.skip(f"OpenSearch test node: {reason}")


def build() -> tuple[str, list[str]]:
    """Java's full path and the launcher's class path, built with Maven when missing or older than
    its sources."""
    java, mvn = shutil.which("java"), shutil.which("mvn")
    for tool, path in (("java", java), ("mvn", mvn)):
        if not path:
            unavailable(f"`{tool}` is not installed (Java 17 and Maven build and run the node)")
    sources = [PROJECT / "pom.xml", *PROJECT.glob("src/**/*")]
    newest = max(path.stat().st_mtime for path in sources)
    if not (JAR.exists() and CLASSPATH.exists() and CLASSPATH.stat().st_mtime >= newest):
        done = subprocess.run(
            [mvn, "-q", "-B", "package"], cwd=PROJECT, capture_output=True, text=True, timeout=900
        )
        if done.returncode:
            failure = f"`mvn -q -B package` in {PROJECT} failed:\n{done.stdout}{done.stderr}"
            pytest.fail(failure, pytrace=False)
        CLASSPATH.touch()  # Maven leaves an unchanged class path file as it was
    return java, [str(JAR), CLASSPATH.read_text().strip()]


class OpenSearchNode:
    """One node: `start()` returns once it answers; `stop()` waits for it to close; `pause()`
    and `resume()` freeze and thaw it (it keeps its connections and answers nothing, as a hung
    node does). A second `start()` after `stop()` or `kill()` reopens its data on the same port."""

    def __init__(self, home: Path, port: int = 0):
        self.home, self.port = home, port
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self) -> "OpenSearchNode":
        java, classpath = build()
        self.home.mkdir(parents=True, exist_ok=True)
        log = open(self.home / "node.log", "ab")  # noqa: SIM115 (kept by the process)
        self.process = subprocess.Popen(
            [
                java,
                "-Xms512m",
                "-Xmx512m",
                "-cp",
                os.pathsep.join(classpath),
                "sis.searchnode.TestNode",
                "--home",
                str(self.home),
                "--port",
                str(self.port),
            ],
            # The node stops when this pipe closes: with this process, however it ends.
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            # A process group of its own, so that stopping it reaches every thread and child.
            start_new_session=True,
        )
        log.close()
        atexit.register(self.kill)
        self.url = self._started_url()
        self.port = int(self.url.rsplit(":", 1)[1])
        self._wait_until_ready()
        return self

    def _started_url(self) -> str:
        watch = selectors.DefaultSelector()
        watch.register(self.process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if watch.select(timeout=1):
                line = self.process.stdout.readline().decode().strip()
                if line.startswith("started "):
                    return line.split(" ", 1)[1]
                if not line and self.process.poll() is not None:
                    break
        self.kill()
        raise RuntimeError(f"the OpenSearch node did not start; its log:\n{self.log()}")

    def _wait_until_ready(self) -> None:
        """The node's version is the one the tests say, and its indices can be read."""
        # The node's own address, http on the loopback, as it printed it when it started.
        with urllib.request.urlopen(self.url, timeout=30) as response:  # noqa: S310
            served = json.load(response)["version"]["number"]
        assert served == OPENSEARCH_VERSION, served
        health = f"{self.url}/_cluster/health?wait_for_status=yellow&timeout=60s"
        with urllib.request.urlopen(health, timeout=70) as response:  # noqa: S310 (the same address)
            assert json.load(response)["status"] in ("yellow", "green")

    def log(self) -> str:
        return (self.home / "node.log").read_text(errors="replace")[-5000:]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.resume()
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def pause(self) -> None:
        os.killpg(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGCONT)


@pytest.fixture(scope="session")
def opensearch_node():
    """The session's OpenSearch node: built and started on first use, stopped at the end."""
    home = Path(tempfile.mkdtemp(prefix="sis-opensearch-"))
    node = OpenSearchNode(home)
    try:
        node.start()
    except Exception as error:  # CI must fail, not skip; elsewhere the failure is as clear
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"OpenSearch test node: {error}", pytrace=False)
    yield node
    node.stop()
    shutil.rmtree(home, ignore_errors=True)
