"""Supporters of the demo's groups: RTLB of the cluster supporting three Aotearoa
groups (one of them made by the cluster's maths programme), a coach of the Dutch network supporting its PLG, and one invitation still
waiting for an answer (on the RTLB facilitator's dashboard)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SupportSpec:
    person: str  # the supporter's roster key
    group: str
    role_note: str
    invited_days_ago: int
    accepted_days_ago: int | None  # None: the invitation waits for an answer
    comment: str = ""  # on the sense-making stage, once the inquiry reached it


SUPPORTERS = (
    SupportSpec(
        person="cl.rtlb2",
        group="From early learning to school",
        role_note="RTLB",
        invited_days_ago=40,
        accepted_days_ago=39,
        comment=(
            "The transition stories show the tamariki who settle fastest had visited "
            "twice before starting. Could every centre plan two visits?"
        ),
    ),
    SupportSpec(
        person="cl.rtlb2",
        group="Restorative practice at Kererū Ridge",
        role_note="RTLB",
        invited_days_ago=25,
        accepted_days_ago=24,
    ),
    SupportSpec(
        person="nl.coord",
        group="PLG Rekentaal: van groep 8 naar de brugklas",
        role_note="Coach",
        invited_days_ago=30,
        accepted_days_ago=28,
        comment=(
            "Mooie analyse. Kijk ook naar de verschillen tussen de twee basisscholen "
            "voordat jullie een gezamenlijke aanpak kiezen."
        ),
    ),
    SupportSpec(
        person="cl.rtlb1",
        group="Maths talk Years 5–6",
        role_note="RTLB",
        invited_days_ago=30,
        accepted_days_ago=29,
    ),
    SupportSpec(
        person="cl.rtlb1",
        group="Te reo and tikanga in every classroom",
        role_note="RTLB (kaupapa Māori support)",
        invited_days_ago=2,
        accepted_days_ago=None,
    ),
)
