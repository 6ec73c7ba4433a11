"""The simulated clients: visitors reading and searching, applicants submitting ideas through
the public form as a browser does, and screeners deciding them in the back office.

Each client is a thread with its own `requests` session. The clients talk to gunicorn as the
TLS proxy would: `X-Forwarded-Proto: https` and an `X-Forwarded-For` address of their own
(each submission from a new one, so the intake's limit per address is not what is measured).
"""

import contextlib
import dataclasses
import itertools
import re
import threading
import time

import requests

PUBLIC_PATHS = ["/", "/nyheter/", "/en/", "/resurser/", "/evenemang/", "/en/news/", "/sitemap.xml"]
WORDS = ["innovation", "unga", "skåne", "mat", "klimat", "integration", "energi", "xylofon"]
DECIDED = "Decision recorded"


@dataclasses.dataclass
class Record:
    kind: str
    status: int  # 0: no answer (refused, reset, timed out)
    started: float  # time.monotonic()
    ended: float
    path: str
    during: str = "normal"  # the fault whose time it overlapped, set after the run

    @property
    def seconds(self) -> float:
        return self.ended - self.started


@dataclasses.dataclass
class Scenario:
    base: str
    site: dict
    token: str
    password: str
    stop: threading.Event = dataclasses.field(default_factory=threading.Event)
    faults: list[tuple[str, float, float]] = dataclasses.field(default_factory=list)  # label, from, to
    records: list[Record] = dataclasses.field(default_factory=list)
    accepted: list[str] = dataclasses.field(default_factory=list)
    decided: list[int] = dataclasses.field(default_factory=list)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    addresses: itertools.count = dataclasses.field(default_factory=lambda: itertools.count(1))

    def label(self) -> None:
        """Name each request after the fault whose time it overlapped, if any."""
        for record in self.records:
            for name, begun, over in self.faults:
                if record.started < over and record.ended > begun:
                    record.during = name

    def address(self) -> str:
        n = next(self.addresses)
        return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"

    def session(self) -> requests.Session:
        session = requests.Session()
        session.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": self.address(),
                "Origin": "https://" + self.host,
            }
        )
        return session

    @property
    def host(self) -> str:
        return self.base.split("//", 1)[1]

    def post(self, session, kind: str, path: str, data: dict) -> requests.Response | None:
        """A form's POST and the page its redirect leads to, as a browser follows it (with the
        cookies the POST's answer set, which an automatic redirect would not send here)."""
        answer = self.request(session, kind, "POST", path, data=data, allow_redirects=False)
        if answer is None or not answer.is_redirect:
            return answer
        return self.request(session, kind, "GET", answer.headers["Location"])

    def request(self, session, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        started = time.monotonic()
        headers = {"Referer": f"https://{self.host}{path}"}
        try:
            response = session.request(method, self.base + path, headers=headers, timeout=30, **kwargs)
        except requests.RequestException:
            response = None
        # The browser speaks https to the proxy and sends the site's Secure cookies back; this
        # client speaks http to gunicorn behind it, so it unmarks them to do the same.
        for cookie in session.cookies:
            cookie.secure = False
        with self.lock:
            status = response.status_code if response is not None else 0
            self.records.append(Record(kind, status, started, time.monotonic(), path))
        return response


def form_value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    return found.group(1) if found else ""


def visitor(run: Scenario, number: int) -> None:
    session = run.session()
    for n in itertools.count(number):
        if run.stop.is_set():
            return
        if n % 3:
            run.request(session, "page", "GET", PUBLIC_PATHS[n % len(PUBLIC_PATHS)])
        else:
            api = "/api/search/" if n % 2 else "/search/"
            run.request(session, "search", "GET", f"{api}?q={WORDS[n % len(WORDS)]}")


def applicant(run: Scenario, number: int) -> None:
    for n in itertools.count(1):
        if run.stop.is_set():
            return
        session = run.session()  # a new visitor, from a new address
        path = run.site["intake"][n % len(run.site["intake"])]
        form = run.request(session, "intake form", "GET", path)
        if form is None or form.status_code != 200:
            time.sleep(1)
            continue
        title = f"Topologi {run.token} {number}-{n}"
        data = {
            "csrfmiddlewaretoken": form_value(form.text, "csrfmiddlewaretoken"),
            "form_key": form_value(form.text, "form_key"),
            "website": "",
            "title": title,
            "summary": "Unga vuxna ger läxhjälp till högstadieelever på biblioteken i Skåne.",
            "challenge_areas": run.site["challenge"],
            "municipality": run.site["municipality"],
            "organisation_type": "idea_driven",
            "organisation_name": "Läxhjälpen ideell förening",
            "organisation_number": "556036-0793",
            "contact_name": "Amina Rahimi",
            "contact_email": f"applicant-{number}-{n}@example.org",
            "team_size": "4",
            "women_count": "3",
            "men_count": "1",
            "consent_processing": "on",
        }
        answer = run.request(session, "submission", "POST", path, data=data, allow_redirects=False)
        if (
            answer is not None
            and answer.status_code == 302
            and "receipt" in answer.headers.get("Location", "")
        ):
            with run.lock:
                run.accepted.append(title)
        time.sleep(0.5)


def sign_in(run: Scenario, session, username: str) -> bool:
    page = run.request(session, "back office", "GET", "/admin/login/")
    if page is None:
        return False
    data = {
        "csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"),
        "username": username,
        "password": run.password,
        "next": "/admin/",
    }
    answer = run.request(session, "sign-in", "POST", "/admin/login/", data=data, allow_redirects=False)
    return answer is not None and answer.status_code == 302


def screener(run: Scenario, number: int) -> None:
    """Signs in, then works the run's ideas: every one with a task to claim is claimed, scored
    and advanced (another screener may have claimed it first: that is refused)."""
    session = run.session()
    while not run.stop.is_set() and not sign_in(run, session, f"topology-screener-{number}"):
        time.sleep(2)
    while not run.stop.is_set():
        # The list of all ideas, filtered to the run's (the queue holds the demo's too).
        listed = run.request(session, "back office", "GET", f"/admin/ideas/?q={run.token}")
        ideas = list(dict.fromkeys(re.findall(r'href="/admin/ideas/(\d+)/"', listed.text))) if listed else []
        worked = False
        for pk in ideas[number % 3 :] + ideas[: number % 3]:
            if run.stop.is_set():
                return
            worked |= decide(run, session, int(pk))
        if not worked:
            time.sleep(2)


def decide(run: Scenario, session, pk: int) -> bool:
    path = f"/admin/ideas/{pk}/"
    page = run.request(session, "back office", "GET", path)
    if page is None or run.token not in page.text or f'action="{path}claim/"' not in page.text:
        return False
    csrf = form_value(page.text, "csrfmiddlewaretoken")
    task = form_value(page.text, "task")
    claimed = run.post(session, "decision", path + "claim/", {"csrfmiddlewaretoken": csrf, "task": task})
    if claimed is None or f'action="{path}decide/"' not in claimed.text:
        return False
    scores = dict.fromkeys(run.site["criteria"], "4")
    run.post(session, "decision", path + "score/", {"csrfmiddlewaretoken": csrf, **scores})
    data = {"csrfmiddlewaretoken": csrf, "task": task, "code": "advance", "public_feedback": "Välkommen!"}
    answer = run.post(session, "decision", path + "decide/", data)
    if answer is not None and DECIDED in answer.text:
        with run.lock:
            run.decided.append(pk)
    return True


def start(run: Scenario, visitors: int, applicants: int, screeners: int) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=target, args=(run, number), daemon=True)
        for target, count in ((visitor, visitors), (applicant, applicants), (screener, screeners))
        for number in range(1, count + 1)
    ]
    for thread in threads:
        thread.start()
    return threads


def stop(run: Scenario, threads: list[threading.Thread]) -> None:
    run.stop.set()
    for thread in threads:
        with contextlib.suppress(RuntimeError):
            thread.join(timeout=60)
