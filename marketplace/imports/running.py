"""Checking and writing the rows of a table with an importer (used by jobs and the command).

A dry run checks every row and writes nothing. A commit checks every row first; only when
all are valid does it write them, in one transaction, re-checking each row as it goes (so a
row made invalid by a change since the check rolls the whole file back).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from .base import Context, Importer, RowInvalid
from .reading import Table

MAX_REPORTED = 200  # errors kept for the report; the count covers them all
PROGRESS_EVERY = 50


@dataclass
class Report:
    total: int = 0
    checked: int = 0
    created: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append({"row": row, "column": column, "message": message})


class _Rollback(Exception):
    pass


def _labels(importer: Importer) -> dict[str, str]:
    return {c.key: str(c.label) for c in importer.columns}


def _record(report: Report, labels: dict, number: int, exc: RowInvalid) -> None:
    for key, messages in exc.errors.items():
        for message in messages:
            report.add(number, labels.get(key, key), message)


def check(
    importer: Importer, table: Table, user, progress: Callable[[int], None] | None = None
) -> Report:
    """Dry run: every row checked against the database and the rows above it; nothing written."""
    report = Report(total=len(table.rows))
    labels = _labels(importer)
    ctx = Context(user=user)
    for i, (number, values) in enumerate(table.rows, start=1):
        ctx.row = number
        try:
            importer.clean(values, ctx)
        except RowInvalid as exc:
            _record(report, labels, number, exc)
        report.checked = i
        if progress and i % PROGRESS_EVERY == 0:
            progress(i)
    return report


def commit(
    importer: Importer, table: Table, user, progress: Callable[[int], None] | None = None
) -> Report:
    """Check every row, then write them all in one transaction, or nothing at all."""
    report = check(importer, table, user, progress)
    if not report.ok:
        return report
    labels = _labels(importer)
    ctx = Context(user=user)
    try:
        with transaction.atomic():
            for number, values in table.rows:
                ctx.row = number
                try:
                    importer.save(importer.clean(values, ctx), ctx)
                except RowInvalid as exc:
                    _record(report, labels, number, exc)
                    raise _Rollback from exc
                report.created += 1
    except _Rollback:
        report.created = 0
    return report
