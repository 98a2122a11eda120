from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileBackend(ModelBackend):
    """The signed-in user with their profile in the same query: every page uses the
    profile (name, time zone, language), so this saves a query per request."""

    def get_user(self, user_id):
        user = (
            get_user_model()._default_manager.select_related("profile").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
