"""Who may see or do what with a group's surveys. Views check the group at the door
(``@group_view(Need.MEMBER)``): only the group's members make surveys, close them and
see what was answered. Overseers (coordinators and administrators) see no survey and
no result: what learners and families said is for the group that asked them.

The survey itself is opened by its link alone (:func:`survey_for_token`), by people
without an account, and shows nothing but the survey."""

from kahui.groups.access import GroupAccess
from kahui.voice.models import Survey


def can_see_results(access: GroupAccess) -> bool:
    return access.is_member


def can_run_surveys(access: GroupAccess) -> bool:
    """Make a survey, close or reopen it: any member."""
    return access.is_member


def survey_for_token(token: str) -> Survey | None:
    """The open survey whose link holds ``token``; None for a closed, withdrawn or
    unknown one, which all look the same from outside."""
    if not token or len(token) > 64:
        return None
    return (
        Survey.objects.open()
        .select_related("group")
        .prefetch_related("questions")
        .filter(token=token)
        .first()
    )
