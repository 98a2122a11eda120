"""Who may oversee what: an organisation's or a cluster's groups, or a programme's.

- An organisation: its coordinators and administrators, and those of the cluster it
  belongs to. A cluster's page takes in its schools' groups as well as its own.
- A programme: the coordinators and administrators of its lead organisation and of its
  partners (and of their clusters) — the people who run it.
- Its learning objectives: the organisation's own coordinators and administrators.

A single group's figures are a group page: its door is
``kahui.groups.access.group_view(Need.OVERSEE)``, never a rule of this app.

Non-members get a 404, members without the role a 403 (as ``orgs/access.py``)."""

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse

from kahui.groups.models import LearningGroup, Status
from kahui.orgs.models import ORG_ROLES, Organisation, OrgKind, OrgMembership, OrgRole
from kahui.programmes.access import Need as ProgrammeNeed
from kahui.programmes.access import programme_for
from kahui.programmes.models import Programme


@dataclass(frozen=True)
class Overseen:
    """What a coordinator looks over: an organisation (with its schools, for a cluster)
    or a programme. ``organisation`` gives the terms and the objectives: the
    organisation itself, or the programme's lead."""

    organisation: Organisation
    programme: Programme | None = None

    @property
    def name(self) -> str:
        return self.programme.name if self.programme else self.organisation.name

    @property
    def key(self) -> str:
        if self.programme is not None:
            return f"programme-{self.programme.pk}"
        return f"organisation-{self.organisation.pk}"

    @property
    def is_cluster(self) -> bool:
        return self.programme is None and self.organisation.kind == OrgKind.CLUSTER

    def groups(self) -> QuerySet[LearningGroup]:
        """The groups looked over, set up ones only (a group being set up belongs to its
        facilitators)."""
        if self.programme is not None:
            found = LearningGroup.objects.filter(programmes=self.programme)
        else:
            org = self.organisation
            partnered = LearningGroup.partners.through.objects.filter(organisation_id=org.pk)
            found = LearningGroup.objects.filter(
                Q(organisation=org)
                | Q(organisation__parent=org)
                | Q(pk__in=partnered.values("learninggroup_id"))
            )
        return found.exclude(status=Status.DRAFT)

    def organisations(self) -> QuerySet[Organisation]:
        """The organisations whose educators make up the cohort."""
        if self.programme is not None:
            return Organisation.objects.filter(
                Q(pk=self.programme.organisation_id) | Q(partner_programmes=self.programme)
            ).distinct()
        return Organisation.objects.filter(Q(pk=self.organisation.pk) | Q(parent=self.organisation))

    def url(self, name: str) -> str:
        if self.programme is not None:
            return reverse(f"oversight:programme_{name}", args=[self.programme.public_id])
        return reverse(f"oversight:{name}", args=[self.organisation.slug])


def _decide(roles: set[str]) -> None:
    if not roles:
        raise Http404("No such organisation")
    if not any(ORG_ROLES.at_least(role, OrgRole.COORDINATOR) for role in roles):
        raise PermissionDenied("Your role does not allow this.")


def organisation_overseen(request: HttpRequest, slug: str) -> Overseen:
    """The organisation with this slug, if the requester coordinates or administers it
    or the cluster it belongs to: one query for the organisation, one for the roles."""
    if not request.user.is_authenticated:
        raise Http404("No such organisation")
    organisation = Organisation.objects.select_related("parent").filter(slug=slug).first()
    if organisation is None:
        raise Http404("No such organisation")
    org_ids = [organisation.pk] + ([organisation.parent_id] if organisation.parent_id else [])
    roles = set(
        OrgMembership.objects.filter(user=request.user, organisation_id__in=org_ids).values_list(
            "role", flat=True
        )
    )
    _decide(roles)
    return Overseen(organisation=organisation)


def programme_overseen(request: HttpRequest, programme_id: UUID) -> Overseen:
    """The programme with this public id, if the requester runs it (the programmes'
    own rule: a coordinator or administrator of its lead or a partner organisation, or
    of their clusters); 404 to those who may not see it, 403 to those who only see it."""
    programme, _access = programme_for(request, programme_id, ProgrammeNeed.RUN)
    return Overseen(organisation=programme.organisation, programme=programme)
