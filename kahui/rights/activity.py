"""What the activity log records about data rights (see :mod:`kahui.core.activity`)."""

from django.utils.translation import gettext_lazy as _

from kahui.core.activity import ActivityCode, register


class RightsActivity(ActivityCode):
    EXPORT_REQUESTED = "rights.export_requested", _("asked for an export of their data")
    ACCOUNT_DELETED = "rights.account_deleted", _("A member deleted their account")
    RETENTION_SET = "rights.retention_set", _("changed how long closed groups are kept")
    RETENTION_NOTICE = "rights.retention_notice", _("A closed group is due to be deleted")
    GROUP_DELETED = "rights.group_deleted", _("A closed group was deleted after its retention")


register(
    RightsActivity,
    charter=[RightsActivity.RETENTION_SET],
    unattributed=[
        RightsActivity.ACCOUNT_DELETED,
        RightsActivity.RETENTION_NOTICE,
        RightsActivity.GROUP_DELETED,
    ],
)
