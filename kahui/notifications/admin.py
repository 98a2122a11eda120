from django.contrib import admin

from kahui.notifications.models import Dispatch


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    """Operators see every email that must go out, and why one failed."""

    list_display = ["key", "user", "email", "category", "created_at", "sent_at", "attempts"]
    list_filter = ["category", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["key", "user__email", "email", "last_error"]
    readonly_fields = [f.name for f in Dispatch._meta.fields]
