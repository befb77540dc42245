"""Event titles in a subscriber's own format: `{title}{ S{season}} ({platform})`. Pure.

A template is checked when a subscription is added or changed, never while a feed is served:
`compile_template` refuses an unknown field or unbalanced braces with a message that says
where. Rendering leaves nothing of a field that is absent:

* `{field}` is replaced by the field's value, or by nothing.
* `{ text {field} text}` is an optional part: it appears only when every field inside it has a
  value (`{ S{season}}` gives " S2", or nothing for a film).
* Brackets left empty by an absent field are dropped with the space before them
  (`{title} ({platform})` gives "Glass Harbor" when no platform is known), and runs of spaces
  are folded.
* `{{` and `}}` are literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from tracker.errors import InputError

FIELDS = ("title", "season", "kind", "platform", "precision", "date", "label")
"""What a template may name."""

MAX_LENGTH = 200

_FIELD = re.compile(r"\{([A-Za-z_]+)\}")
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])")
_SPACES = re.compile(r"\s{2,}")


class TemplateError(InputError):
    """A template that cannot be used, with where and why."""


@dataclass(frozen=True, slots=True)
class Field:
    """A field to fill in."""

    name: str


@dataclass(frozen=True, slots=True)
class Optional:
    """A part shown only when all its fields have values."""

    parts: tuple[str | Field, ...]


@dataclass(frozen=True, slots=True)
class Template:
    """A checked template: its text, and its parts in order."""

    text: str
    parts: tuple[str | Field | Optional, ...]

    def render(self, values: Mapping[str, str | None]) -> str:
        """The title for one release; absent fields leave no trace."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, Optional):
                filled = [_fill(p, values) for p in part.parts]
                fields = [p for p in part.parts if isinstance(p, Field)]
                if all(values.get(f.name) for f in fields):
                    out.extend(filled)
            else:
                out.append(_fill(part, values))
        text = _EMPTY_BRACKETS.sub("", "".join(out))
        return _SPACES.sub(" ", text).strip()


def _fill(part: str | Field, values: Mapping[str, str | None]) -> str:
    if isinstance(part, Field):
        return values.get(part.name) or ""
    return part


def compile_template(text: str) -> Template:
    """Check and parse a template (see the module docstring); `TemplateError` says what is wrong.

    >>> compile_template("{title}{ S{season}}").render({"title": "Loki", "season": None})
    'Loki'
    >>> compile_template("{title} ({platform")
    Traceback (most recent call last):
    ...
    tracker.calendar.event_titles.TemplateError: template: "{" at 9 is never closed
    """
    if not text.strip():
        raise TemplateError("template: it is empty")
    if len(text) > MAX_LENGTH:
        raise TemplateError(f"template: longer than {MAX_LENGTH} characters")
    parts: list[str | Field | Optional] = []
    group: list[str | Field] | None = None
    opened = 0
    literal: list[str] = []
    i = 0

    def flush() -> None:
        if literal:
            (group if group is not None else parts).append("".join(literal))
            literal.clear()

    while i < len(text):
        if text.startswith(("{{", "}}"), i):
            literal.append(text[i])
            i += 2
            continue
        char = text[i]
        field = _FIELD.match(text, i)
        if field is not None:
            name = field.group(1)
            if name not in FIELDS:
                known = ", ".join("{" + f + "}" for f in FIELDS)
                raise TemplateError(f"template: unknown field {{{name}}} at {i}; known: {known}")
            flush()
            (group if group is not None else parts).append(Field(name))
            i = field.end()
            continue
        if char == "{":
            if group is not None:
                raise TemplateError(f"template: an optional part inside another at {i}")
            flush()
            group, opened = [], i
        elif char == "}":
            if group is None:
                raise TemplateError(f'template: "}}" at {i} closes nothing')
            flush()
            if not any(isinstance(p, Field) for p in group):
                raise TemplateError(f"template: the optional part at {opened} names no field")
            parts.append(Optional(tuple(group)))
            group = None
        else:
            literal.append(char)
        i += 1
    if group is not None:
        raise TemplateError(f'template: "{{" at {opened} is never closed')
    flush()
    return Template(text=text, parts=tuple(parts))
