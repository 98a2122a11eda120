"""Recognition pages: a group's kudos and celebrations, a member's contributions, the
professional-learning record with its CSV and certificates, and the public page that
checks a certificate's code. Access is checked at the door (``@group_view`` and
:mod:`kahui.recognition.access`).

The pages are split by what they are for; the URL table reads them all from here."""

from kahui.recognition.views.certificates import (
    certificate,
    certificate_confirm,
    certificate_decline,
    certificate_pdf,
    certificate_request,
    certificate_revoke,
)
from kahui.recognition.views.contributions import member_contributions, my_contributions
from kahui.recognition.views.kudos import group_kudos, kudos_give, kudos_withdraw
from kahui.recognition.views.learning_record import (
    activity_add,
    activity_delete,
    activity_edit,
    record,
    record_csv,
)
from kahui.recognition.views.public_check import verify

__all__ = [
    "activity_add",
    "activity_delete",
    "activity_edit",
    "certificate",
    "certificate_confirm",
    "certificate_decline",
    "certificate_pdf",
    "certificate_request",
    "certificate_revoke",
    "group_kudos",
    "kudos_give",
    "kudos_withdraw",
    "member_contributions",
    "my_contributions",
    "record",
    "record_csv",
    "verify",
]
