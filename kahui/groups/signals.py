"""Things that happen to a group which apps above it may react to, without groups
knowing them (the recognition app celebrates them as milestones). Each is sent inside
the transaction of the change, so a receiver's writes stand or fall with it."""

from django.dispatch import Signal

# An inquiry round ended and the next began (``group.cycle`` went up). Sent with
# ``group`` (the group, after the change), ``finished`` (the number of the round that
# ended) and ``by`` (who moved it on).
round_finished = Signal()

# A goal of the group reached its target. Sent with ``goal`` and ``by`` by whatever
# measures goals: the inquiry's readings of a goal's measure, when a reading reaches
# the measure's target for the first time.
goal_met = Signal()
