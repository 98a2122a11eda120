"""The demo builder: :func:`build_demo` makes a believable learning-support cluster,
its educators and their groups from the tables in :mod:`kahui.demo.data`.

The people are drawn with a fixed random seed (:mod:`.roster`), so every run produces
the same people with the same addresses. The build (:mod:`.build`) goes through the
same services the web pages use (``org_create``, ``group_create``, ``goals_save``,
``invite_accept``, ``group_set_stage`` …), so the activity log reads like months of
real use, and a :class:`~.timeline.Timeline` moves each step's timestamps back to the
day it "happened". The emails the services would send (invitations, join requests,
actions, guests) are muted.

The organisations get their school terms and holidays, and every group its story
(:mod:`.groups`), a meeting series from when it opened (in its time zone, following
the terms) with the duties, attendance, minutes, decisions and actions of each meeting
held since (:mod:`.meetings`), and its conversations and library (:mod:`.sharing`).

Running it twice changes nothing: the whole build is one transaction, and once the
demo cluster exists the build only reports the log-ins.

Below are the names ``seed-demo`` and the tests use; the tables they check the build
against come from :mod:`kahui.demo.data`.
"""

from kahui.demo.builder.build import DemoConflict, DemoSummary, build_demo
from kahui.demo.builder.roster import DemoLogin, Person, demo_logins, demo_roster
from kahui.demo.data.meetings import MEETINGS
from kahui.demo.data.people import (
    DEMO_CLUSTER_NAME,
    DEMO_PASSWORD,
    NL_NETWORK,
    NL_TIME_ZONE,
    NZ_TIME_ZONE,
)

__all__ = [
    "DEMO_CLUSTER_NAME",
    "DEMO_PASSWORD",
    "MEETINGS",
    "NL_NETWORK",
    "NL_TIME_ZONE",
    "NZ_TIME_ZONE",
    "DemoConflict",
    "DemoLogin",
    "DemoSummary",
    "Person",
    "build_demo",
    "demo_logins",
    "demo_roster",
]
