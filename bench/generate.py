"""Build a realistic data set at scale, reproducibly (seeded), for the benchmarks.

Default size: 10,000 educators, 200 organisations, 1,000 groups, 20,000 meetings,
200,000 posts and resources, and 9,000 health checks; at the meetings that took place,
attendance and duties; reactions, accepted answers and 20,000 kudos; and for every
group an inquiry cycle with 5 assessment data sets of 500 rows (2.5 million rows). Works on SQLite
and PostgreSQL
(whatever DATABASE_URL or KAHUI_DATA_DIR points at). Run:
`.venv/bin/python -m bench.generate [--scale 0.1]`.

Rows are written with bulk inserts and search documents are indexed in bulk, so the
default size takes a few minutes rather than hours. Every generated person's password
is "kahui-bench"; `bench0@bench.example` is a member of five groups and a coordinator."""

import argparse
import os
import random
import sys
import time
from datetime import timedelta

WORDS = [
    "reading",
    "writing",
    "phonics",
    "decodable",
    "fluency",
    "comprehension",
    "vocabulary",
    "oral",
    "language",
    "whanau",
    "mokopuna",
    "kaiako",
    "kura",
    "inquiry",
    "evidence",
    "data",
    "assessment",
    "formative",
    "summative",
    "diagnostic",
    "benchmark",
    "running",
    "records",
    "spelling",
    "maths",
    "number",
    "fractions",
    "algebra",
    "geometry",
    "statistics",
    "science",
    "play",
    "learning",
    "wellbeing",
    "behaviour",
    "restorative",
    "practice",
    "inclusion",
    "universal",
    "design",
    "transitions",
    "leadership",
    "feedback",
    "coaching",
    "goals",
    "reflection",
    "celebration",
    "question",
    "problem",
    "idea",
    "strategy",
    "routine",
    "group",
    "class",
    "year",
    "student",
    "learner",
    "teacher",
    "school",
    "cluster",
    "meeting",
    "plan",
    "action",
    "review",
    "term",
    "week",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kahui.settings")
    os.environ.setdefault("KAHUI_TASK_BACKEND", "django.tasks.backends.dummy.DummyBackend")
    import django

    django.setup()


def generate(scale: float = 1.0, seed: int = 2026) -> dict[str, int]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from kahui.accounts.models import Profile, User
    from kahui.core import search
    from kahui.discussions.models import Post, Thread
    from kahui.groups.models import GroupMembership, GroupRole, LearningGroup
    from kahui.library.models import Resource
    from kahui.meetings.models import Meeting
    from kahui.orgs.models import Organisation, OrgKind, OrgMembership, OrgRole

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if User.objects.filter(email="bench0@bench.example").exists():
        print("A generated data set is already here; nothing to do.")
        return {}
    rng = random.Random(seed)
    n_people = int(10_000 * scale)
    n_orgs = max(int(200 * scale), 2)
    n_groups = max(int(1_000 * scale), 5)
    n_meetings = int(20_000 * scale)
    n_posts = int(180_000 * scale)
    n_resources = int(20_000 * scale)
    batch = 5_000
    now = timezone.now()
    password = make_password("kahui-bench")

    with transaction.atomic():
        clusters = Organisation.objects.bulk_create(
            Organisation(
                name=f"Cluster {i}",
                slug=f"bench-cluster-{i}",
                kind=OrgKind.CLUSTER,
                invite_code=f"BC{i:06d}",
            )
            for i in range(max(n_orgs // 20, 1))
        )
        schools = Organisation.objects.bulk_create(
            Organisation(
                name=f"School {i}",
                slug=f"bench-school-{i}",
                kind=OrgKind.SCHOOL,
                parent=clusters[i % len(clusters)],
                invite_code=f"BS{i:06d}",
            )
            for i in range(n_orgs - len(clusters))
        )
        users = User.objects.bulk_create(
            (User(email=f"bench{i}@bench.example", password=password) for i in range(n_people)),
            batch_size=batch,
        )
        Profile.objects.bulk_create(
            (
                Profile(
                    user=u,
                    display_name=f"Educator {i}",
                    organisation=schools[i % len(schools)],
                    time_zone="Pacific/Auckland",
                )
                for i, u in enumerate(users)
            ),
            batch_size=batch,
        )
        EmailAddress.objects.bulk_create(
            (EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users),
            batch_size=batch,
        )
        OrgMembership.objects.bulk_create(
            (
                OrgMembership(
                    organisation=schools[i % len(schools)],
                    user=u,
                    role=OrgRole.ADMIN if i < len(schools) else OrgRole.MEMBER,
                )
                for i, u in enumerate(users)
            ),
            batch_size=batch,
        )
        OrgMembership.objects.create(
            organisation=clusters[0], user=users[0], role=OrgRole.COORDINATOR
        )
        groups = LearningGroup.objects.bulk_create(
            (
                LearningGroup(
                    name=f"{sentence(rng, 3)[:-1]} {i}",
                    purpose=sentence(rng, 20),
                    vision=sentence(rng, 15),
                    organisation=schools[i % len(schools)],
                    status="active",
                    access="request",
                    stage=rng.choice(["connect", "gather", "sense", "plan", "act", "reflect"]),
                )
                for i in range(n_groups)
            ),
            batch_size=batch,
        )
        memberships = []
        for index, group in enumerate(groups):
            members = {users[(index * 10 + k) % n_people] for k in range(rng.randint(6, 12))}
            for position, user in enumerate(members):
                role = GroupRole.FACILITATOR if position == 0 else GroupRole.MEMBER
                memberships.append(GroupMembership(group=group, user=user, role=role))
        for group in groups[1:5]:  # the benchmark user is in five groups
            memberships.append(GroupMembership(group=group, user=users[0]))
        GroupMembership.objects.bulk_create(memberships, batch_size=batch, ignore_conflicts=True)

        meetings = []
        for i in range(n_meetings):
            start = now + timedelta(days=rng.randint(-300, 120), hours=rng.randint(0, 8))
            meetings.append(
                Meeting(
                    group=groups[i % n_groups],
                    title="Hui",
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    time_zone="Pacific/Auckland",
                    minutes=sentence(rng, 40),
                )
            )
        Meeting.objects.bulk_create(meetings, batch_size=batch)

        threads = Thread.objects.bulk_create(
            (
                Thread(
                    group=groups[i % n_groups],
                    kind=rng.choice(["idea", "problem", "question"]),
                    title=sentence(rng, 6),
                    started_by=users[i % n_people],
                    last_activity_at=now - timedelta(minutes=i),
                )
                for i in range(max(n_posts // 6, 1))
            ),
            batch_size=batch,
        )
        posts = Post.objects.bulk_create(
            (
                Post(
                    thread=threads[i % len(threads)],
                    author=users[i % n_people],
                    body=sentence(rng, rng.randint(20, 100)),
                )
                for i in range(n_posts)
            ),
            batch_size=batch,
        )
        Resource.objects.bulk_create(
            (
                Resource(
                    group=groups[i % n_groups],
                    kind="link",
                    title=sentence(rng, 5),
                    description=sentence(rng, 25),
                    url=f"https://example.org/r/{i}",
                    added_by=users[i % n_people],
                )
                for i in range(n_resources)
            ),
            batch_size=batch,
        )
        _health_checks(groups, rng, now, batch)
    contributions = _contributions(
        scale, seed, now=now, groups=groups, memberships=memberships, meetings=meetings,
        threads=threads, posts=posts, batch=batch,
    )  # fmt: skip
    reflection = _reflection(seed, now=now, memberships=memberships, batch=batch)
    data_rows = _inquiry_data(groups, seed, batch=batch)
    # The search index as `kahui reindex-search` builds it: every kind (posts,
    # resources, meetings, decisions, people, groups), Markdown made plain text.
    began = time.perf_counter()
    indexed = sum(search.reindex_all().values())
    print(f"search index: {indexed:,} documents in {time.perf_counter() - began:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "people": n_people,
        "organisations": n_orgs,
        "groups": n_groups,
        "meetings": n_meetings,
        "posts": n_posts,
        "resources": n_resources,
        **contributions,
        **reflection,
        "assessment rows": data_rows,
    }


def _health_checks(groups, rng: random.Random, now, batch: int) -> None:
    """Every group checks its health every six weeks: eight closed checks with results
    and comments (one in eight with too few answers), and one open with some answers."""
    from kahui.health.models import HealthAnswer, HealthCheck, HealthComment, HealthSettings
    from kahui.health.results import CONDITIONS

    HealthSettings.objects.bulk_create(
        (HealthSettings(group=g, cadence_weeks=6, cadence_from=now) for g in groups),
        batch_size=batch,
    )
    checks = []
    for group in groups:
        for number in range(1, 10):
            opened = now - timedelta(weeks=6 * (9 - number), days=2)
            closed = number < 9
            published = closed and rng.random() > 0.125
            answers = rng.randint(4, 10) if published else rng.randint(0, 3)
            tallies = {}
            if published:
                for key in CONDITIONS:
                    counts = [0] * 5
                    for _ in range(answers):
                        counts[min(4, max(0, int(rng.gauss(2.6, 0.9))))] += 1
                    tallies[key] = counts
            checks.append(
                HealthCheck(
                    group=group,
                    number=number,
                    opened_at=opened,
                    closes_at=opened + timedelta(days=7),
                    closed_at=opened + timedelta(days=7) if closed else None,
                    threshold=4,
                    answers=answers if closed else 0,
                    members=10,
                    published=published,
                    tallies=tallies,
                )
            )
    checks = HealthCheck.objects.bulk_create(checks, batch_size=batch)
    HealthComment.objects.bulk_create(
        (
            HealthComment(health_check=check, text=sentence(rng, 12), position=position)
            for check in checks
            if check.published
            for position in range(3)
        ),
        batch_size=batch,
    )
    HealthAnswer.objects.bulk_create(
        (
            HealthAnswer(
                health_check=check,
                respondent=f"{rng.getrandbits(256):064x}",
                **{key: rng.randint(1, 5) for key in CONDITIONS},
            )
            for check in checks
            if check.closed_at is None
            for _ in range(4)
        ),
        batch_size=batch,
    )


def _inquiry_data(groups, seed: int, *, batch: int) -> int:
    """Every group's inquiry: an open cycle at the group's stage with five data sets on
    one measure (a diagnostic, three formative checks and a summative), 500 learner
    codes each, all bulk-created. Its own random draw, like ``_contributions``."""
    from django.db import transaction
    from django.utils import timezone

    from kahui.inquiry.models import AssessmentDataSet, AssessmentRow, InquiryCycle

    rng = random.Random(seed + 11)
    today = timezone.localdate()
    kinds = ("diagnostic", "formative", "formative", "formative", "summative")
    learners = 500
    total = 0
    with transaction.atomic():
        cycles = InquiryCycle.objects.bulk_create(
            (
                InquiryCycle(
                    group=group,
                    number=group.cycle,
                    question=sentence(rng, 10)[:-1] + "?",
                    stage=group.stage,
                )
                for group in groups
            ),
            batch_size=batch,
        )
        data_sets = AssessmentDataSet.objects.bulk_create(
            (
                AssessmentDataSet(
                    cycle=cycle,
                    stage=cycle.stage,
                    kind=kind,
                    title=f"Reading check {index + 1}",
                    measure="Reading age (months)",
                    taken_on=today - timedelta(weeks=6 * (len(kinds) - 1 - index)),
                    scale="numbers",
                    minimum=0,
                    maximum=200,
                    row_count=learners,
                )
                for cycle in cycles
                for index, kind in enumerate(kinds)
            ),
            batch_size=batch,
        )
        rows: list = []
        for number, data_set in enumerate(data_sets):
            mean = 72 + 2.5 * (number % len(kinds))
            rows.extend(
                AssessmentRow(
                    data_set=data_set,
                    position=position + 1,
                    code=f"L{position:04d}",
                    year_level=1 + position % 3,
                    value=round(rng.gauss(mean, 9)),
                )
                for position in range(learners)
            )
            if len(rows) >= 10 * batch:
                AssessmentRow.objects.bulk_create(rows, batch_size=batch)
                total += len(rows)
                rows = []
        AssessmentRow.objects.bulk_create(rows, batch_size=batch)
        total += len(rows)
    return total


def _contributions(scale, seed, *, now, groups, memberships, meetings, threads, posts, batch):
    """What members did at the meetings that took place and in the discussions, for
    the contributions and the professional-learning record: attendance (most members,
    most meetings), duties, reactions to posts, accepted answers and kudos. Its own
    random draw, so the rest of the data set stays as it was."""
    from collections import defaultdict

    from django.db import transaction

    from kahui.discussions.models import Reaction, Thread
    from kahui.meetings.models import Attendance, Meeting
    from kahui.recognition.models import Kudos

    rng = random.Random(seed + 7)
    members = defaultdict(list)
    for membership in memberships:
        members[membership.group_id].append(membership.user_id)
    with transaction.atomic():
        attendance, held = [], []
        for meeting in meetings:
            if meeting.ends_at >= now:
                continue
            people = members[meeting.group_id]
            meeting.facilitator_id, meeting.note_taker_id, meeting.timekeeper_id = (
                people[0],
                rng.choice(people),
                rng.choice(people),
            )
            held.append(meeting)
            for user_id in people:
                if rng.random() < 0.85:
                    attendance.append(
                        Attendance(
                            meeting=meeting, user_id=user_id, status="present",
                            minutes_attended=rng.choice((45, 60, 60, 60)),
                        )
                    )  # fmt: skip
        Meeting.objects.bulk_update(
            held, ["facilitator", "note_taker", "timekeeper"], batch_size=batch
        )
        Attendance.objects.bulk_create(attendance, batch_size=batch)
        reactions = []
        for post in posts[::3]:
            for kind in rng.sample(("thanks", "helpful"), rng.randint(1, 2)):
                reactions.append(
                    Reaction(
                        post=post, user_id=rng.choice(members[post.thread.group_id]), kind=kind
                    )
                )
        Reaction.objects.bulk_create(reactions, batch_size=batch, ignore_conflicts=True)
        answered = []
        for index, thread in enumerate(threads):
            if thread.kind == "question" and index + len(threads) < len(posts):
                thread.accepted = posts[index + len(threads)]
                answered.append(thread)
        Thread.objects.bulk_update(answered, ["accepted"], batch_size=batch)
        kudos = []
        for _ in range(int(20_000 * scale)):
            group = rng.choice(groups)
            giver, receiver = rng.sample(members[group.pk], 2)
            kudos.append(
                Kudos(group=group, giver_id=giver, receiver_id=receiver, text="Thank you!")
            )
        Kudos.objects.bulk_create(kudos, batch_size=batch)
    return {"attendance": len(attendance), "reactions": len(reactions), "kudos": len(kudos)}


def _reflection(seed, *, now, memberships, batch):
    """A few journal entries for every member in every group (one in four shared with
    the group), a personal goal each, and a portfolio chosen from the entries. Its own
    random draw, so the rest of the data set stays as it was."""
    from datetime import timedelta

    from django.db import transaction

    from kahui.reflection.models import JournalEntry, PersonalGoal, PortfolioItem, Prompt

    rng = random.Random(seed + 11)
    prompts = Prompt.values
    with transaction.atomic():
        PersonalGoal.objects.bulk_create(
            (
                PersonalGoal(user_id=m.user_id, group_id=m.group_id, text=sentence(rng, 8))
                for m in memberships
            ),
            batch_size=batch,
        )
        entries = []
        for membership in memberships:
            for _ in range(3):
                shared = rng.random() < 0.25
                when = now - timedelta(days=rng.randint(0, 300))
                entries.append(
                    JournalEntry(
                        author_id=membership.user_id, group_id=membership.group_id,
                        prompt=rng.choice(prompts), title=sentence(rng, 5),
                        body=sentence(rng, 80), sharing="group" if shared else "private",
                        shared_at=when if shared else None,
                    )
                )  # fmt: skip
        entries = JournalEntry.objects.bulk_create(entries, batch_size=batch)
        PortfolioItem.objects.bulk_create(
            (
                PortfolioItem(
                    user_id=e.author_id, kind="entry", object_id=e.pk, standard="learning"
                )
                for e in entries[::2]
            ),
            batch_size=batch,
            ignore_conflicts=True,
        )
    return {"journal entries": len(entries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the default size")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    setup()
    began = time.perf_counter()
    counts = generate(args.scale, args.seed)
    if counts:
        from django.db import connection

        print(
            f"Generated on {connection.vendor} in {time.perf_counter() - began:.0f} s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )


if __name__ == "__main__":
    sys.exit(main())
