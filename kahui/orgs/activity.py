"""What the activity log records about organisations (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class OrgActivity(ActivityCode):
    CREATED = "org.created", _("created the organisation")
    PERIOD_ADDED = "org.period_added", _("added term dates")
    PERIOD_REMOVED = "org.period_removed", _("removed term dates")
    UPDATED = "org.updated", _("changed the organisation's details")
    MEMBER_JOINED = "org.member_joined", _("joined the organisation")
    MEMBER_REMOVED = "org.member_removed", _("removed a member from the organisation")
    ROLE_CHANGED = "org.role_changed", _("changed a member's organisation role")
    INVITED = "org.invited", _("invited a colleague to the organisation")
    CODE_RESET = "org.code_reset", _("made a new invite code")
    DOMAIN_ADDED = "org.domain_added", _("tied an email domain to the organisation")
    DOMAIN_REMOVED = "org.domain_removed", _("untied an email domain from the organisation")
    DOMAIN_SSO_CHANGED = "org.domain_sso", _("changed whether an email domain must use SSO")


class FocusAreaActivity(ActivityCode):
    """What an organisation's review of focus areas records (:mod:`kahui.orgs.focus_areas`)."""

    ACCEPTED = "focus_area.accepted", _("accepted a proposed focus area into the shared list")
    RENAMED = "focus_area.renamed", _("accepted a proposed focus area under a new name")
    MERGED = "focus_area.merged", _("merged a proposed focus area into one of the shared list")
    DECLINED = "focus_area.declined", _("kept a proposed focus area out of the shared list")


register(OrgActivity)
register(FocusAreaActivity)
