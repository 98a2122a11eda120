"""Who may see or do what in recognition. Views ask here once, at their door.

- Kudos and celebrations are the group's: its members see them (on the group's kudos
  page and its home); overseers do not. A member gives kudos to another member; only
  the giver withdraws them.
- A member's contributions in a group are seen by the group's members (nothing ranked,
  no one compared). A person's contributions across groups are theirs alone.
- The learning record (logged activities, hours, certificates) is its owner's. A
  facilitator of a certificate's group sees that certificate, with the attendance and
  activities it counts, while it is theirs to confirm and after; nobody else does,
  not the group's members, not coordinators or administrators.
- A confirmed certificate is checked by anyone holding its code, on the public page
  that shows its holder's name, the hours, the period and the group, and nothing else.

Outsiders get 404 (they must not learn that a thing exists); people who can see it but
may not act on it get 403."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kahui.accounts.models import User
from kahui.groups.access import GroupAccess
from kahui.groups.models import GroupMembership, GroupRole, LearningGroup
from kahui.recognition.models import Certificate, CertificateStatus, Kudos, LearningActivity


def member_of(group: LearningGroup, person_id: UUID) -> User:
    """A current member of ``group`` by their public id; 404 for anyone else."""
    membership = (
        GroupMembership.objects.select_related("user__profile")
        .filter(group=group, user__public_id=person_id)
        .first()
    )
    if membership is None:
        raise Http404("No such member")
    return membership.user


def kudos_in(group: LearningGroup, kudos_id: UUID) -> Kudos:
    return get_object_or_404(
        Kudos.objects.select_related("giver__profile", "receiver__profile"),
        group=group,
        public_id=kudos_id,
    )


def can_withdraw_kudos(kudos: Kudos, user) -> bool:
    return bool(kudos.giver_id == user.pk)


def check_withdraw_kudos(kudos: Kudos, user) -> None:
    if not can_withdraw_kudos(kudos, user):
        raise PermissionDenied("Only the person who gave kudos can withdraw them.")


def activity_of(user, activity_id: UUID) -> LearningActivity:
    """One of ``user``'s own logged activities; 404 for anyone else's."""
    return get_object_or_404(LearningActivity, public_id=activity_id, user=user)


def is_facilitator_of(user, group_id: int) -> bool:
    return GroupMembership.objects.filter(
        user=user, group_id=group_id, role=GroupRole.FACILITATOR
    ).exists()


def certificate_for(user, certificate_id: UUID) -> tuple[Certificate, bool]:
    """A certificate its owner or a current facilitator of its group may see, and
    whether ``user`` is that facilitator (and not the owner); 404 for anyone else."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("user__profile", "group", "decided_by__profile"),
        public_id=certificate_id,
    )
    if certificate.user_id == user.pk:
        return certificate, False
    if is_facilitator_of(user, certificate.group_id):
        return certificate, True
    raise Http404("No such certificate")


def own_certificate(user, certificate_id: UUID) -> Certificate:
    """One of ``user``'s own certificates (or requests for one), as their learning
    record lists them; 404 for anyone else's, a facilitator's of the group too."""
    return get_object_or_404(
        Certificate.objects.select_related("group", "decided_by__profile"),
        public_id=certificate_id,
        user=user,
    )


def can_decide(certificate: Certificate, user) -> bool:
    """A facilitator of the group confirms or declines, and never their own."""
    return certificate.user_id != user.pk and is_facilitator_of(user, certificate.group_id)


def can_revoke(certificate: Certificate, user) -> bool:
    """Its owner withdraws a request or revokes a certificate; a facilitator of the
    group may revoke one confirmed in error (a request they decline instead)."""
    if certificate.status not in (CertificateStatus.REQUESTED, CertificateStatus.CONFIRMED):
        return False
    if certificate.user_id == user.pk:
        return True
    return certificate.status == CertificateStatus.CONFIRMED and is_facilitator_of(
        user, certificate.group_id
    )


def sees_contributions(access: GroupAccess) -> bool:
    return access.is_member
