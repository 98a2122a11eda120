from django.conf import settings
from django.db import models


class PersonVector(models.Model):
    """A person's recommendation vector (``people/similarity.py``), kept up to date by
    the ``refresh_person_vector`` task and rebuilt by ``kahui rebuild-recommendations``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="recommendation_vector",
    )
    encoder = models.CharField(max_length=120)
    data = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id} ({self.encoder})"


class GroupVector(models.Model):
    """A learning group's recommendation vector, like :class:`PersonVector`."""

    group = models.OneToOneField(
        "groups.LearningGroup",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="recommendation_vector",
    )
    encoder = models.CharField(max_length=120)
    data = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.group_id} ({self.encoder})"


class TextWeights(models.Model):
    """The lexical encoder's fitted inverse document frequencies (one row), refitted
    by ``kahui rebuild-recommendations`` on every profile's and group's text."""

    name = models.CharField(max_length=40, unique=True)
    data = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name
