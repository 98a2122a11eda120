"""Webhooks: Harakeke Grove School's administrator added an endpoint for the school's
intranet, and its log holds the latest of the school's events. The address is an
example.org one and nothing is sent: the deliveries are recorded, held (as emails
are muted while the demo is built)."""

from kahui.core.models import ActivityEntry
from kahui.demo.builder.workshop import Workshop
from kahui.webhooks import services
from kahui.webhooks.events import EVENT_ACTIONS, happening_for
from kahui.webhooks.models import EventType

DEMO_ENDPOINT = "https://hooks.example.org/kahui"
DELIVERIES = 4


def webhooks(builder: Workshop) -> None:
    school = builder.orgs["hg"]
    services.endpoint_create(
        organisation=school,
        by=builder.users["hg.principal"],
        url=DEMO_ENDPOINT,
        description="The school intranet (an example address: nothing is sent)",
        events=[
            EventType.MEETING_SCHEDULED,
            EventType.MINUTES_PUBLISHED,
            EventType.GROUP_CREATED,
            EventType.MEMBER_JOINED,
        ],
    )
    # The latest of what the school's groups did, as the endpoint would have heard it.
    entries = ActivityEntry.objects.filter(
        organisation=school, action__in=EVENT_ACTIONS
    ).select_related("actor__profile", "organisation")[:40]
    recorded = 0
    with services.deliveries_held():
        for entry in reversed(list(entries)):
            happening = happening_for(entry)
            if happening is not None and services.event_record(happening) is not None:
                recorded += 1
            if recorded == DELIVERIES:
                break
