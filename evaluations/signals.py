"""Signals other apps listen to (cms publishes the evaluation-result notice).

evaluation_concluded(sender=Evaluation, evaluation, passed, kind) is sent after the
transaction that closed the evaluation commits.
"""

from django.dispatch import Signal

evaluation_concluded = Signal()
