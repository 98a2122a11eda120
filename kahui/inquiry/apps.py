from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiryConfig(AppConfig):
    name = "kahui.inquiry"
    label = "inquiry"
    verbose_name = _("Inquiry")
