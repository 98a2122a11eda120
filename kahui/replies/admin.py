from django.contrib import admin

from kahui.replies.models import InboundMail


@admin.register(InboundMail)
class InboundMailAdmin(admin.ModelAdmin):
    """The log of replies by email: what came in, from whom, and what became of it.
    Read only: it records what happened."""

    list_display = ["received_at", "sender", "subject", "outcome", "reason", "via"]
    list_filter = ["outcome", "reason", "via"]
    search_fields = ["sender", "subject", "message_id", "detail"]
    date_hierarchy = "received_at"
    readonly_fields = [f.name for f in InboundMail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
