from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from kahui.core.prepared import PreparedQuery

# Every request loads the signed-in user: compiled once, no ordering, one join.
USER_WITH_PROFILE = PreparedQuery(
    lambda user_id: (
        get_user_model()._default_manager.select_related("profile").filter(pk=user_id).order_by()
    ),
    lambda: [get_user_model()._meta.pk],
)


class ProfileBackend(ModelBackend):
    """The signed-in user with their profile in the same query: every page uses the
    profile (name, time zone, language), so this saves a query per request."""

    def get_user(self, user_id):
        user = USER_WITH_PROFILE.first(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
