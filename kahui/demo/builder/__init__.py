"""The demo builder: :func:`build_demo` plays the tables of :mod:`kahui.demo.data`
through the services, as months of use.

These are the names ``seed-demo`` and the tests use; the tables they check the build
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
