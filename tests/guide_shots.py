"""The screenshots of the user guide (docs/guide/): their names, shared by the browser
test that takes them and the test that checks the guide's pages only show these."""

from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"

# The languages the guide is written in; each has docs/guide/<language>/ and
# docs/guide/images/<language>/.
GUIDE_LANGUAGES = ("en", "nl")

# Name → what it shows. Names ending in "-phone" are taken 360 px wide.
SHOTS = {
    "dashboard": "an educator's dashboard",
    "explore": "Explore, with a group to join",
    "group-home": "a group's home page",
    "meeting": "a meeting: agenda, decisions and actions",
    "usual-week": "painting one's usual week",
    "inquiry": "the group's inquiry round in He Pikorua",
    "reflection": "the reflection page and private journal",
    "learning-record": "the professional-learning record",
    "wizard": "the set-up wizard of a new group",
    "health": "the group's health check page",
    "oversight": "a coordinator's oversight dashboard",
    "org-members": "an administrator's member list",
    "dashboard-phone": "the dashboard on a phone",
    "meeting-phone": "a meeting on a phone",
}
