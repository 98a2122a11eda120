from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "kahui.voice"
    label = "voice"
    verbose_name = _("Learner and whānau voice")
