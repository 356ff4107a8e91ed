"""How a broken rule is reported: :class:`Problem` and :class:`DataValidationError`."""

from __future__ import annotations

from dataclasses import dataclass

MAX_REPORTED = 20


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell (or row) of a table."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        value = "" if self.value is None else f"value {self.value!r}: "
        return f"{', '.join(where)}: {value}{self.rule}"


class DataValidationError(ValueError):
    """A table does not match its schema. ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {problem}" for problem in problems[:MAX_REPORTED])
        more = f"\n  ... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
        super().__init__(f"{len(problems)} data problem(s):\n{shown}{more}")


def raise_if_any(problems: list[Problem]) -> None:
    """Raise :class:`DataValidationError` listing ``problems`` by row, if there are any."""
    if problems:
        raise DataValidationError(sorted(problems, key=lambda problem: problem.row or 0))


def constraint_words(rule: str, bound) -> str | None:
    """A broken value constraint in plain words, the same for tables and GeoJSON; None for other rules."""
    if rule == "enum":
        return f"is not one of {', '.join(map(str, bound))}"
    return {
        "pattern": f"does not match the pattern {bound}",
        "minimum": f"is below the minimum {bound}",
        "maximum": f"is above the maximum {bound}",
    }.get(rule)
