"""Changes to organisations and their memberships."""

from collections.abc import Callable, Iterable
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.core.registry import Registry
from kahui.core.sso import sso_available
from kahui.notifications.models import Category
from kahui.notifications.services import queue_email
from kahui.orgs.access import has_org_role, is_invitee
from kahui.orgs.activity import OrgActivity
from kahui.orgs.mail_domains import is_public_mail_domain
from kahui.orgs.models import (
    ORG_ROLES,
    Organisation,
    OrgDomain,
    OrgInvite,
    OrgKind,
    OrgMembership,
    OrgRole,
    SchoolPeriod,
    new_invite_code,
)

ORG_FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "kind": gettext_lazy("Kind"),
    "parent": gettext_lazy("Part of cluster"),
    "city": gettext_lazy("Town or city"),
    "country": gettext_lazy("Country"),
    "description": gettext_lazy("About"),
    "default_language": gettext_lazy("Default language"),
}


# What other apps do once someone accepted an invitation, inside the same transaction:
# each is called with the invitation and the membership (the roster applies the
# subjects, year levels and interests its import held for the invitee).
invite_accepted: Registry[Callable[[OrgInvite, OrgMembership], None]] = Registry(
    "what follows when someone accepts an organisation's invitation"
)


def unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "org"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def clusters_administered_by(user):
    """The clusters ``user`` administers: the ones they may attach organisations to."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrgKind.CLUSTER, memberships__user=user, memberships__role=OrgRole.ADMIN
    )


def _check_parent_change(*, by, old: Organisation | None, new: Organisation | None) -> None:
    if old == new:
        return
    if new is not None and new.kind != OrgKind.CLUSTER:
        raise KahuiError(_("Only a cluster or network can contain other organisations."))
    allowed = clusters_administered_by(by)
    for cluster in (old, new):
        if cluster is not None and not allowed.filter(pk=cluster.pk).exists():
            raise NotAllowed(
                _("Only an administrator of %(cluster)s can add or remove its members.")
                % {"cluster": cluster.name}
            )


@transaction.atomic
def org_create(*, by, name: str, kind: str, **fields: Any) -> Organisation:
    """Create an organisation; its creator becomes its first administrator."""
    _check_parent_change(by=by, old=None, new=fields.get("parent"))
    org = Organisation.objects.create(name=name, kind=kind, slug=unique_slug(name), **fields)
    OrgMembership.objects.create(organisation=org, user=by, role=OrgRole.ADMIN)
    activity.record(actor=by, action=OrgActivity.CREATED, organisation=org, target=org.name)
    return org


def _org_snapshot(org: Organisation) -> dict[str, str]:
    return {
        "name": org.name,
        "kind": str(org.get_kind_display()),
        "parent": org.parent.name if org.parent else "",
        "city": org.city,
        "country": str(org.get_country_display()),
        "description": org.description,
        "default_language": str(org.get_default_language_display()),
    }


@transaction.atomic
def org_update(*, org: Organisation, by, **fields: Any) -> Organisation:
    # Compare with the stored row: a bound form has already written onto ``org``.
    org = (
        Organisation.objects.select_for_update(of=("self",)).select_related("parent").get(pk=org.pk)
    )
    if "parent" in fields:
        _check_parent_change(by=by, old=org.parent, new=fields["parent"])
    before = _org_snapshot(org)
    for name, value in fields.items():
        setattr(org, name, value)
    if org.parent_id == org.pk:
        raise KahuiError(_("An organisation cannot be part of itself."))
    org.save()
    changes = activity.field_changes(before, _org_snapshot(org), ORG_FIELD_LABELS)
    if changes:
        activity.record(
            actor=by, action=OrgActivity.UPDATED, organisation=org, target=org.name, changes=changes
        )
    return org


def _adopt_default_language(org: Organisation, user) -> None:
    """A new member who has not chosen a language takes the organisation's default."""
    profile = getattr(user, "profile", None)
    if profile is None or profile.language_chosen or profile.language == org.default_language:
        return
    profile.language = org.default_language
    profile.save(update_fields=["language"])


def _add_member(
    org: Organisation, user, role: str, *, adopt_language: bool = True
) -> OrgMembership:
    membership, created = OrgMembership.objects.get_or_create(
        organisation=org, user=user, defaults={"role": role}
    )
    if created:
        if adopt_language:
            _adopt_default_language(org, user)
        activity.record(
            actor=user, action=OrgActivity.MEMBER_JOINED, organisation=org, target=str(user)
        )
    elif not membership.has_role(role):
        # An invitation to a higher role raises the member; it never lowers one.
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def org_join_by_code(*, user, code: str) -> OrgMembership:
    """Join an organisation with the code its administrators handed out."""
    org = Organisation.objects.filter(invite_code=code.strip().upper()).first()
    if org is None:
        raise KahuiError(
            _("That invite code does not match any organisation. Check it and try again.")
        )
    if OrgMembership.objects.filter(organisation=org, user=user).exists():
        raise KahuiError(_("You are already a member of %(org)s.") % {"org": org.name})
    return _add_member(org, user, OrgRole.MEMBER)


@transaction.atomic
def org_reset_code(*, org: Organisation, by) -> Organisation:
    org.invite_code = new_invite_code()
    org.save(update_fields=["invite_code", "updated_at"])
    activity.record(actor=by, action=OrgActivity.CODE_RESET, organisation=org, target=org.name)
    return org


@transaction.atomic
def org_invite(
    *, org: Organisation, by, emails: Iterable[str], role: str = OrgRole.MEMBER
) -> list[OrgInvite]:
    """Invite colleagues to the organisation by email; members and pending invitees
    are skipped."""
    members = {e.lower() for e in org.memberships.values_list("user__email", flat=True)}
    pending = {e.lower() for e in org.invites.pending().values_list("email", flat=True)}
    sent = []
    for email in dict.fromkeys(address.strip().lower() for address in emails):
        if not email or email in members or email in pending:
            continue
        invite = OrgInvite.objects.create(organisation=org, email=email, role=role, invited_by=by)
        activity.record(actor=by, action=OrgActivity.INVITED, organisation=org)
        queue_email(
            key=f"org-invite:{invite.public_id}",
            email=email,
            category=Category.INVITATIONS,
            template="org_invite",
            context={
                "org": org,
                "inviter": by.display_name,
                "accept_url": reverse("orgs:invite", args=[invite.token]),
            },
        )
        sent.append(invite)
    return sent


@transaction.atomic
def org_invite_accept(*, invite: OrgInvite, user) -> OrgMembership:
    invite = OrgInvite.objects.select_for_update().select_related("organisation").get(pk=invite.pk)
    if not invite.is_pending:
        raise KahuiError(_("This invitation has already been used or withdrawn."))
    if not is_invitee(user, invite):
        raise NotAllowed(
            _(
                "This invitation was sent to another email address. Sign in with that "
                "address, or ask an administrator to invite the address you use."
            )
        )
    membership = _add_member(invite.organisation, user, invite.role)
    invite.accepted_at = timezone.now()
    invite.accepted_by = user
    invite.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    for then in invite_accepted:
        then(invite, membership)
    return membership


@transaction.atomic
def org_invite_revoke(*, invite: OrgInvite, by) -> None:
    if not invite.is_pending:
        raise KahuiError(_("This invitation has already been used or withdrawn."))
    invite.revoked_at = timezone.now()
    invite.save(update_fields=["revoked_at", "updated_at"])


@transaction.atomic
def org_member_set_role(*, membership: OrgMembership, by, role: str) -> OrgMembership:
    if role not in OrgRole.values:
        raise KahuiError(_("Unknown role."))
    org = membership.organisation
    ORG_ROLES.lock(org)
    membership.refresh_from_db(fields=["role"])  # as it is now, under the lock
    if ORG_ROLES.leaves_none(org, role=membership.role, becomes=role):
        raise KahuiError(_("An organisation needs at least one administrator."))
    old = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    activity.record(
        actor=by,
        action=OrgActivity.ROLE_CHANGED,
        organisation=org,
        target=str(membership.user),
        changes={"role": activity.change(_("Role"), old, membership.get_role_display())},
    )
    return membership


@transaction.atomic
def org_member_remove(*, membership: OrgMembership, by) -> None:
    org = membership.organisation
    ORG_ROLES.lock(org)
    try:
        membership.refresh_from_db(fields=["role"])  # as it is now, under the lock
    except OrgMembership.DoesNotExist:
        raise KahuiError(_("This person is no longer a member.")) from None
    if ORG_ROLES.leaves_none(org, role=membership.role, becomes=None):
        raise KahuiError(_("An organisation needs at least one administrator."))
    membership.delete()
    # "to": whom, so that signing in again does not bring them back (org_join_by_domain).
    activity.record(
        actor=by,
        action=OrgActivity.MEMBER_REMOVED,
        organisation=org,
        target=str(membership.user),
        ref={"to": membership.user_id},
    )


@transaction.atomic
def period_add(*, org: Organisation, by, kind: str, name: str, first_day, last_day) -> SchoolPeriod:
    period = SchoolPeriod.objects.create(
        organisation=org, kind=kind, name=name, first_day=first_day, last_day=last_day
    )
    activity.record(actor=by, action=OrgActivity.PERIOD_ADDED, organisation=org, target=str(period))
    return period


@transaction.atomic
def period_remove(*, period: SchoolPeriod, by) -> None:
    activity.record(
        actor=by,
        action=OrgActivity.PERIOD_REMOVED,
        organisation=period.organisation,
        target=str(period),
    )
    period.delete()


def clean_domain(domain: str) -> str:
    """``domain`` as stored: lower case, without an ``@`` or trailing dot."""
    return domain.strip().lower().lstrip("@").rstrip(".")


@transaction.atomic
def org_domain_add(*, org: Organisation, by, domain: str) -> OrgDomain:
    """Tie an email domain (and the subdomains under it) to ``org``: sign-ins with a
    verified address at it join. Only a domain of an address ``by`` has verified, not a
    public mail service's, one organisation per domain, and a domain under another
    organisation's tied domain only by an administrator of that organisation too."""
    domain = clean_domain(domain)
    if is_public_mail_domain(domain):
        raise KahuiError(
            _(
                "%(domain)s is a public mail service: anyone can have an address there, "
                "so it cannot be tied to an organisation."
            )
            % {"domain": domain}
        )
    if not EmailAddress.objects.filter(
        user=by, verified=True, email__iendswith=f"@{domain}"
    ).exists():
        raise NotAllowed(
            _(
                "You can only tie a domain of an address you have verified. Add and verify "
                "an address at %(domain)s on your account first."
            )
            % {"domain": domain}
        )
    if OrgDomain.objects.filter(domain=domain).exists():
        raise KahuiError(_("%(domain)s is already tied to an organisation.") % {"domain": domain})
    # A domain under another organisation's would take its people there away from it:
    # only someone who administers both may split them (a cluster and its school).
    above = OrgDomain.objects.covering(domain).select_related("organisation").first()
    if (
        above is not None
        and above.organisation_id != org.pk
        and not has_org_role(by, above.organisation, OrgRole.ADMIN)
    ):
        raise NotAllowed(
            _(
                "%(domain)s lies under %(parent)s, which %(org)s has tied: its addresses join "
                "%(org)s. Only an administrator of %(org)s can tie a domain under it to "
                "another organisation."
            )
            % {"domain": domain, "parent": above.domain, "org": above.organisation.name}
        )
    tie = OrgDomain.objects.create(organisation=org, domain=domain, added_by=by)
    activity.record(actor=by, action=OrgActivity.DOMAIN_ADDED, organisation=org, target=domain)
    return tie


@transaction.atomic
def org_domain_set_sso(*, tie: OrgDomain, by, require: bool) -> OrgDomain:
    """Require (or stop requiring) sign-in with a school account for the domain's
    addresses: password sign-in and sign-up are refused for them."""
    if require and not sso_available():
        raise KahuiError(
            _("No sign-in provider is configured on this Kāhui, so SSO cannot be required.")
        )
    if tie.require_sso == require:
        return tie
    tie.require_sso = require
    tie.save(update_fields=["require_sso", "updated_at"])
    yes, no = _("required"), _("not required")
    activity.record(
        actor=by,
        action=OrgActivity.DOMAIN_SSO_CHANGED,
        organisation=tie.organisation,
        target=tie.domain,
        changes={
            "require_sso": activity.change(_("SSO"), no if require else yes, yes if require else no)
        },
    )
    return tie


@transaction.atomic
def org_domain_remove(*, tie: OrgDomain, by) -> None:
    activity.record(
        actor=by,
        action=OrgActivity.DOMAIN_REMOVED,
        organisation=tie.organisation,
        target=tie.domain,
    )
    tie.delete()


def tie_for(email: str) -> OrgDomain | None:
    """The tied domain that decides for ``email``: its own domain's tie, else the one
    of the nearest domain it lies under (``staff.kowhai.school.nz`` under
    ``kowhai.school.nz``). The most specific tie wins."""
    if "@" not in email:
        return None
    return OrgDomain.objects.for_email(email).select_related("organisation").first()


def sso_required_for(email: str) -> bool:
    """Whether the address's domain requires sign-in with a school account (and one can)."""
    if "@" not in email or not sso_available():
        return False
    tie = tie_for(email)
    return tie is not None and tie.require_sso


def was_removed(*, user, org: Organisation) -> bool:
    """Whether an administrator removed ``user`` from ``org``: a tied domain does not
    bring them back, only an invitation or the invite code does."""
    return ActivityEntry.objects.filter(
        organisation=org, action=OrgActivity.MEMBER_REMOVED, ref__to=user.pk
    ).exists()


@transaction.atomic
def org_join_by_domain(*, user, email: str, existing: bool = False) -> OrgMembership | None:
    """The account holding the verified address ``email`` joins the organisation whose
    tied domain covers it, as a member; ``None`` when no tie covers it, the address
    is not verified, they are a member already, or an administrator removed them.

    A new account (``existing`` false) takes the organisation's default language like
    any other join; an existing one keeps its own."""
    tie = tie_for(email)
    if (
        tie is None
        or not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
        or OrgMembership.objects.filter(organisation=tie.organisation, user=user).exists()
        or was_removed(user=user, org=tie.organisation)
    ):
        return None
    return _add_member(tie.organisation, user, OrgRole.MEMBER, adopt_language=not existing)
