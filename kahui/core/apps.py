from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kahui.core"
    label = "core"
    verbose_name = _("Kāhui core")

    def ready(self) -> None:
        # Each app declares its activity codes in its own ``activity`` module.
        autodiscover_modules("activity")
