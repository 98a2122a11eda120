"""Educators using Kāhui: a realistic mix of browsing, posting, answering a poll and
saving minutes. Driven by bench/soak.py (loopback only, bounded in users and time)."""

import itertools
import json
import os
import re

from locust import HttpUser, between, task

PEOPLE = json.loads(open(os.environ["KAHUI_SOAK_PEOPLE"]).read())  # noqa: SIM115
_next = itertools.count()
VERSION = re.compile(r'name="version" value="(\d+)"')


class Educator(HttpUser):
    wait_time = between(1, 5)

    def on_start(self) -> None:
        # Educators stay signed in: each simulated one arrives with its session (logging
        # 200 people in from one address in a minute would rightly be rate-limited).
        self.me = PEOPLE[next(_next) % len(PEOPLE)]
        self.client.cookies.set("sessionid", self.me["session"])
        self.client.get("/dashboard/", name="dashboard")  # sets the CSRF cookie
        self.base = f"/groups/{self.me['group']}"

    def _token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    @task(4)
    def dashboard(self) -> None:
        self.client.get("/dashboard/", name="dashboard")

    @task(3)
    def group_home(self) -> None:
        self.client.get(f"{self.base}/", name="group home")

    @task(2)
    def explore(self) -> None:
        self.client.get("/explore/?q=reading", name="explore")

    @task(1)
    def reply(self) -> None:
        url = f"{self.base}/discussions/{self.me['thread']}/reply/"
        self.client.post(
            url,
            {"body": "Thanks, trying this next week.", "csrfmiddlewaretoken": self._token()},
            headers={"Referer": self.host + url},
            name="post a reply",
        )

    @task(1)
    def answer_poll(self) -> None:
        url = f"{self.base}/polls/{self.me['poll']}/answer/"
        self.client.post(
            url,
            {
                f"option_{self.me['option']}": "yes",
                "comment": "",
                "csrfmiddlewaretoken": self._token(),
            },
            headers={"Referer": self.host + url},
            name="answer a poll",
        )

    @task(1)
    def save_minutes(self) -> None:
        meeting = f"{self.base}/meetings/{self.me['meeting']}/"
        page = self.client.get(meeting, name="meeting")
        found = VERSION.search(page.text)
        if not found:
            return
        with self.client.post(
            meeting + "minutes/",
            {
                "text": "Notes from the hui.",
                "version": found.group(1),
                "csrfmiddlewaretoken": self._token(),
            },
            headers={"Referer": self.host + meeting},
            name="save minutes",
            catch_response=True,
        ) as response:
            if response.status_code == 409:  # someone saved first: the conflict view is right
                response.success()
