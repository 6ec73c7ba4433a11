"""The processes of the production topology, each started as production starts it.

gunicorn with several workers, two `db_worker`s each under a supervisor that restarts it (as
systemd's `Restart=always` does, and `make serve`'s loop), one `run_periodic_jobs`, and a
redis-server of the run's own. Every process gets a process group, so stopping one stops
its children too.
"""

import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
REDIS_SERVER = shutil.which("redis-server") or "redis-server"
REDIS_CLI = shutil.which("redis-cli") or "redis-cli"


def environment(args) -> dict[str, str]:
    """Production's environment behind a TLS proxy on loopback (the clients send the proxy's
    X-Forwarded-Proto and X-Forwarded-For headers themselves)."""
    work = args.workdir
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": args.secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{args.port}",
        "BASE_URL": f"https://127.0.0.1:{args.port}",
        "SECURE_SSL_REDIRECT": "0",  # the clients speak plain http to gunicorn, as nginx would
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": f"redis://127.0.0.1:{args.redis_port}/0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(args.smtp_port),
        "EMAIL_USE_TLS": "0",
        "SEARCH_INDEX_DIR": str(work / "index"),
        "SEARCH_REBUILD_HELPERS": "0",
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private-media"),
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
    }


def manage(args, *command: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *command], cwd=ROOT, env=environment(args), capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def start(args, command: list[str], log: str) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment(args),
        stdout=open(args.workdir / log, "ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    """Until the server at `port` answers its health check (with any status)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped at start (exit code {process.returncode})")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return
        except urllib.error.HTTPError:  # a 503 is an answer
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server on port {port} did not answer within {seconds} s")


class Redis:
    """A redis-server without persistence: a restart empties it, as a cache server's restart does."""

    def __init__(self, args):
        self.args = args
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = start(
            self.args,
            [
                REDIS_SERVER,
                "--port",
                str(self.args.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            "redis.log",
        )
        deadline = time.monotonic() + 10
        while (
            subprocess.run(
                [REDIS_CLI, "-p", str(self.args.redis_port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not answer within 10 s")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process:
            stop(self.process)


class Supervised:
    """One `db_worker` slot: its process is started again one second after it ends."""

    def __init__(self, args, name: str):
        self.args, self.name = args, name
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "Supervised":
        self._thread.start()
        return self

    def _run(self) -> None:
        command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--worker-id", self.name]
        while not self._stopping.is_set():
            self.process = start(self.args, command, f"{self.name}.log")
            self.process.wait()
            if not self._stopping.wait(1):
                self.restarts += 1

    def kill(self) -> None:
        """What the run does to a worker: SIGKILL, no chance to finish its task."""
        os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        self._stopping.set()
        if self.process:
            stop(self.process)
        self._thread.join(timeout=30)
