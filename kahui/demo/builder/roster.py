"""The demo's people: every staff slot of every organisation filled with a person, and
the log-ins worth trying. Pure: it reads the tables and touches no database, with a
fixed seed, so every run draws the same people with the same addresses."""

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kahui.accounts.choices import EducatorRole
from kahui.demo.data.groups import GROUPS, GroupSpec
from kahui.demo.data.people import (
    FOCUS_AREAS,
    HOBBIES_EN,
    HOBBIES_NL,
    LOGIN_PERSONAS,
    NAME_POOLS,
    NL_TIME_ZONE,
    NZ_ONLY_FOCUS,
    NZ_TIME_ZONE,
    ORGANISATIONS,
    SEED,
    OrgSpec,
    StaffSlot,
)
from kahui.demo.data.proposals import PROPOSALS
from kahui.demo.data.recognition import RECORD_PERSON
from kahui.groups.stages import STAGE_INFO
from kahui.orgs.models import OrgRole


@dataclass(frozen=True)
class Person:
    key: str
    display_name: str
    email: str
    org_key: str
    title: str
    role: EducatorRole
    org_role: OrgRole
    subjects: tuple[str, ...]
    year_levels: tuple[str, ...]
    interests: tuple[str, ...]
    time_zone: str
    language: str
    bio: str
    joined_days_after: int  # days after the organisation was created


def _ascii(text: str) -> str:
    """Lower-case ASCII for an address: 'Hōhepa' → 'hohepa', 'van den Berg' → 'vandenberg'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch == "-"))


def email_for(name: str, domain: str) -> str:
    first, _, last = name.partition(" ")
    return f"{_ascii(first)}.{_ascii(last)}@{domain}"


def _focus_phrases(keys: Sequence[str], dutch: bool) -> list[str]:
    """Focus areas as they read mid-sentence ("maths talk", "te reo Māori")."""
    if dutch:
        return [FOCUS_AREAS[key][1] for key in keys]
    return [FOCUS_AREAS[key][0][0].lower() + FOCUS_AREAS[key][0][1:] for key in keys]


def _bio(rng: random.Random, slot: StaffSlot, org: OrgSpec, interests: Sequence[str]) -> str:
    dutch = org.country == "NL" and (slot.language or "nl") == "nl"
    a, b = _focus_phrases(interests[:2], dutch)
    years = rng.randint(12, 30) if slot.role == EducatorRole.LEADER else rng.randint(3, 24)
    if dutch:
        parts = [
            f"{slot.title} bij {org.name}.",
            rng.choice(
                (
                    f"Werkt al {years} jaar in het {org.sector_nl}.",
                    f"Al {years} jaar in het onderwijs, de laatste jaren hier.",
                )
            ),
            rng.choice(
                (
                    f"Wil graag meer leren over {a}, en ook over {b}.",
                    f"Is nu vooral nieuwsgierig naar {a}, en deelt graag ervaringen met {b}.",
                )
            ),
        ]
        if rng.random() < 0.5:
            parts.append(f"In de vrije tijd: {rng.choice(HOBBIES_NL)}.")
    else:
        parts = [
            f"{slot.title} at {org.name}.",
            rng.choice(
                (
                    f"{years} years in {org.sector}, the last few of them here.",
                    f"I have worked in {org.sector} for {years} years.",
                    f"Came here after {years} years in {org.sector} elsewhere.",
                )
            ),
            rng.choice(
                (
                    f"Keen to dig deeper into {a}, and always up for a kōrero about {b}.",
                    f"Currently exploring {a}; happy to share what has worked with {b}.",
                    f"Most curious right now about {a}, and how it connects with {b}.",
                )
            ),
        ]
        if rng.random() < 0.5:
            parts.append(f"Outside school you'll find me {rng.choice(HOBBIES_EN)}.")
    return " ".join(parts)


def _draw_name(rng: random.Random, background: str, taken: set[str]) -> str:
    """A full name whose first name and surname are both still free, so the demo has
    no two Tavitas and no accidental families; a small pool may reuse one of them."""
    firsts, lasts = NAME_POOLS[background]
    for attempt in range(400):
        first, last = rng.choice(firsts), rng.choice(lasts)
        name = f"{first} {last}"
        fresh = first not in taken and last not in taken
        if name not in taken and (fresh or attempt >= 200):
            taken.update((name, first, last))
            return name
    raise RuntimeError(f"The {background} name pool is too small for the demo")


def demo_roster() -> list[Person]:
    """Every demo educator, in build order. Deterministic: same seed, same people."""
    rng = random.Random(SEED)
    named = [slot.name.partition(" ") for org in ORGANISATIONS for slot in org.staff if slot.name]
    taken = {part for first, _, last in named for part in (first, last, f"{first} {last}")}
    people: list[Person] = []
    for org in ORGANISATIONS:
        dutch_org = org.country == "NL"
        for slot in org.staff:
            name = slot.name
            if not name:
                background = (
                    slot.background
                    or rng.choices(
                        [b for b, _ in org.backgrounds], weights=[w for _, w in org.backgrounds]
                    )[0]
                )
                name = _draw_name(rng, background, taken)
            interests = list(slot.interests)
            if rng.random() < 0.5:
                skip = {*interests, *(NZ_ONLY_FOCUS if dutch_org else ())}
                interests.append(rng.choice([key for key in FOCUS_AREAS if key not in skip]))
            people.append(
                Person(
                    key=slot.key,
                    display_name=name,
                    email=email_for(name, org.domain),
                    org_key=org.key,
                    title=slot.title,
                    role=slot.role,
                    org_role=slot.org_role,
                    subjects=slot.subjects,
                    year_levels=slot.year_levels,
                    interests=tuple(interests),
                    time_zone=NL_TIME_ZONE if dutch_org else NZ_TIME_ZONE,
                    language=slot.language or ("nl" if dutch_org else "en"),
                    bio=_bio(rng, slot, org, interests),
                    # The administrator sets the organisation up; colleagues follow.
                    joined_days_after=0 if slot.org_role == OrgRole.ADMIN else rng.randint(1, 35),
                )
            )
    return people


@dataclass(frozen=True)
class DemoLogin:
    who: str
    name: str
    email: str
    note: str


def _stage_name(spec: GroupSpec) -> str:
    return STAGE_INFO[spec.stage].maori


def _joins(spec: GroupSpec) -> tuple[str, ...]:
    """Everyone who ends up in the group."""
    return (*spec.facilitators, *spec.members, *(ask.person for ask in spec.approved_requests))


def _login_note(person: Person) -> str:
    """What this person can show, worked out from the tables (so it is always true)."""
    org = next(o for o in ORGANISATIONS if o.key == person.org_key)
    notes: list[str] = []
    if person.org_role != OrgRole.MEMBER:
        notes.append(f"{OrgRole(person.org_role).label.lower()} of {org.name}")
    for spec in GROUPS:
        if person.key in spec.facilitators:
            notes.append(f"facilitates “{spec.name}” ({_stage_name(spec)})")
        elif person.key in _joins(spec):
            notes.append(f"member of “{spec.name}”")
        if any(ask.person == person.key for ask in spec.pending_invites):
            notes.append(f"invited to “{spec.name}”")
        if any(ask.person == person.key for ask in spec.pending_requests):
            notes.append(f"asked to join “{spec.name}”")
    for proposal in PROPOSALS:
        spec = next(s for s in GROUPS if s.name == proposal.group)
        responded = {response.person for response in proposal.responses} | {proposal.proposer}
        in_group = person.key in spec.facilitators or person.key in _joins(spec)
        if proposal.closed_days_ago is None and in_group and person.key not in responded:
            notes.append(f"a proposal in “{spec.name}” waits for their response")
    if person.org_role == OrgRole.MEMBER and not any(person.key in _joins(s) for s in GROUPS):
        notes.append("in no group yet")
    if person.key == RECORD_PERSON:
        notes.append("a professional-learning record with a confirmed certificate")
    return "; ".join(notes)


def demo_logins(roster: Sequence[Person] | None = None) -> tuple[DemoLogin, ...]:
    by_key = {person.key: person for person in (roster or demo_roster())}
    return tuple(
        DemoLogin(who, by_key[key].display_name, by_key[key].email, _login_note(by_key[key]))
        for who, key in LOGIN_PERSONAS
    )
