"""Read TOML files into models, turning every failure into `Problem`s.

Nothing here raises on bad input: a file that cannot be read, decoded, parsed or validated
yields problems naming the file, the key and the line, and the caller carries on with the
good files. All problems of a file are reported together, not only the first.
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from vendortui.core import checks
from vendortui.core.models import ID_PATTERN, RESERVED_IDS, Band, PortfolioFile, Template, Vendor
from vendortui.core.problems import Loc, Problem
from vendortui.core.session_models import Panel, Session
from vendortui.files.reading import Source, folder_files, read_many, read_toml

FileKind = Literal["vendor", "template", "portfolio", "session", "panel"]
MODELS: dict[str, type[BaseModel]] = {
    "vendor": Vendor,
    "template": Template,
    "portfolio": PortfolioFile,
    "session": Session,
    "panel": Panel,
}

@dataclass
class Loaded:
    """What loading one file gave: the model (None when it has problems) and the problems."""

    source: Source
    kind: FileKind | None
    model: Any = None
    problems: list[Problem] = field(default_factory=list)


# Keys only a template or a vendor has ([staff], [fx], currency... a portfolio file may have too).
_DISTINCT_KEYS = {"name", "kind", "answers", "fees", "performance", "scores", "staffing", "sections", "title", "weights",
                  "requirements", "criteria"}


def detect_kind(path: str, data: dict[str, Any]) -> FileKind:
    """Recognise a file's type from its name and keys."""
    name = os.path.basename(path)
    if name.endswith(".session.toml"):
        return "session"
    if name.endswith(".panel.toml") or "members" in data:
        return "panel"
    keys = set(data)
    if "sections" in keys or {"title", "weights"} <= keys:
        return "template"
    if isinstance(data.get("portfolio"), dict) and not keys & _DISTINCT_KEYS:
        return "portfolio"  # a stray key beside [portfolio] is an unknown key, not a vendor
    if keys & {"name", "kind", "answers", "fees", "performance"}:
        return "vendor"
    if keys & {"template", "vendors", "evaluator", "scores", "notes", "requirements", "created"}:
        return "session"
    if "templates" in Path(path).parts or "rfp_templates" in Path(path).parts:
        return "template"
    return "vendor"


def not_a_vendor(path: Path | str, data: dict[str, Any]) -> bool:
    """A file in a vendor folder that is clearly something else: a session (by its name, or
    its `template`/`vendors` with an `evaluator`), a template (`sections` and a `title`), or a
    portfolio file (a `[portfolio]` table and nothing of a vendor's)."""
    keys = set(data)
    if str(path).endswith((".session.toml", ".panel.toml")) or ("evaluator" in keys and keys & {"template", "vendors"}):
        return True
    if "members" in keys:
        return True
    if {"sections", "title"} <= keys:
        return True
    return isinstance(data.get("portfolio"), dict) and not keys & _DISTINCT_KEYS


def load_file(
    path: Path | str, kind: FileKind | None = None, read: tuple[Source, list[Problem]] | None = None
) -> Loaded:
    """Read (unless `read` already holds what `read_toml` gave) and validate one file."""
    source, problems = read if read is not None else read_toml(path)
    if source.data is None:
        return Loaded(source, kind, None, problems)
    kind = kind or detect_kind(source.path, source.data)
    data = dict(source.data)
    model_cls = MODELS[kind]
    model = None
    found: list[Problem] = []
    if kind == "vendor" and "id" not in data:
        # The id defaults to the file name. A name that is not a valid id is reported as
        # such (pydantic would blame an `id` key that is not in the file).
        derived = Path(path).name.removesuffix(".toml")
        if re.fullmatch(ID_PATTERN, derived):
            data["id"] = derived
        else:
            found.append(source.problem(
                ("id",), f"the file name gives the id {derived!r}: ids use only a-z, 0-9 and '-'; rename the file or set id"
            ))
    try:
        model = model_cls.model_validate(data)
    except ValidationError as e:
        found += [_validation_problem(source, model_cls, err) for err in e.errors()]
    except RecursionError:  # the reader refuses deep nesting; this is the last guard
        found.append(source.problem((), "nested too deeply: not read"))
    found += [source.problem(loc, msg) for loc, msg in checks.raw_problems(kind, data)]
    if isinstance(model, Vendor) and model.id in RESERVED_IDS:
        loc = ("id",) if "id" in source.data else ()
        found.append(source.problem(loc, f"the id {model.vid!r} is reserved (the export writes {model.vid}.md); choose another"))
    found = sorted(set(found), key=lambda p: (p.line, p.key, p.message))
    return Loaded(source, kind, None if found else model, found)


def _validation_problem(source: Source, model_cls: type[BaseModel], err: Any) -> Problem:
    # A model-level check may name the offending key below where pydantic reports it.
    loc = tuple(err["loc"]) + tuple((err.get("ctx") or {}).get("at", ()))
    loc = _trim_loc(source.data, loc)
    message = _friendly(err, model_cls, loc)
    return source.problem(loc, message)


def _trim_loc(data: Any, loc: Loc) -> Loc:
    """Cut the parts of pydantic's path that do not exist in the file.

    A banded rate written as one number is validated as a one-band list; an error in it must
    point at the number the user wrote, not at a band they never wrote.
    """
    node = data
    for k, part in enumerate(loc):
        if isinstance(node, dict):
            if part not in node:
                return loc[: k + 1]
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return loc[:k]
    return loc


def _friendly(err: Any, model_cls: type[BaseModel], loc: Loc) -> str:
    kind, msg, value = err["type"], err["msg"], err.get("input")
    shown = _show(value)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model_cls, loc[:-1])
        hint = ""
        if allowed and isinstance(loc[-1], str):
            close = difflib.get_close_matches(loc[-1], allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed keys: {', '.join(allowed)}"
        return f"unknown key{hint}"
    if kind == "missing":
        return "required key is missing"
    if kind == "value_error":
        return str(msg).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"must use only lowercase letters a-z, digits and '-' (got {shown})"
    if kind == "finite_number":
        return f"must be a finite number (got {shown})"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return f"is too large (got a number of {len(str(abs(value)))} digits)"
    if kind in ("float_type", "int_type", "int_from_float"):
        return f"must be a {'whole ' if kind != 'float_type' else ''}number (got {shown})"
    if kind == "greater_than_equal" and err.get("ctx", {}).get("ge") == 0:
        return f"must not be negative (got {shown})"
    if kind == "greater_than_equal":
        return f"must be at least {err['ctx']['ge']} (got {shown})"
    if kind == "less_than_equal" and err.get("ctx", {}).get("le") == 1:
        return f"must be at most 1: rates are fractions from 0 to 1, write 20% as 0.2 (got {shown})"
    if kind == "less_than_equal":
        limit = err["ctx"]["le"]
        return f"is too large: at most {int(limit) if float(limit).is_integer() else limit:,} (got {shown})"
    if kind in ("too_long", "string_too_long"):
        limit = err.get("ctx", {}).get("max_length")
        what = "items" if kind == "too_long" else "characters"
        return f"is too long: at most {limit:,} {what}" if limit is not None else "is too long"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "list_type" and _is_banded(model_cls, loc):
        return f"must be a number or a list of {{ age = \"...\", rate = ... }} tables (got {shown})"
    if kind == "list_type":
        return f"must be a list in [ ] (got {shown})"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if _is_band(model_cls, loc):
            return f"each band must be a table like {{ age = \"0-90\", rate = 0.2 }} (got {shown})"
        return f"must be a table (got {shown})"
    if kind == "string_type":
        return f"must be text in quotes (got {shown})"
    if kind == "bool_type":
        return f"must be true or false (got {shown})"
    if kind == "datetime_type":
        return f"must be a date and time such as 2026-11-23T10:00:00Z (got {shown})"
    msg = msg.replace("Input should be", "must be").replace("Input should have", "must have")
    msg = msg.replace("String should have", "must have").replace("List should have", "must have")
    if isinstance(value, (str, int, float, bool)) and kind != "string_too_short":
        msg += f" (got {shown})"
    return str(msg)


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"a number of {len(str(abs(value)))} digits"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _allowed_keys(model_cls: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a table at `loc` accepts, for a 'did you mean' hint."""
    annotation: Any = model_cls
    for part in loc:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return []
    annotation = _unwrap(annotation, None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _annotation_at(model_cls: type[BaseModel], loc: Loc) -> Any:
    annotation: Any = model_cls
    for part in loc:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return None
    return _unwrap(annotation, None)


def _is_band(model_cls: type[BaseModel], loc: Loc) -> bool:
    return _annotation_at(model_cls, loc) is Band


def _is_banded(model_cls: type[BaseModel], loc: Loc) -> bool:
    annotation = _annotation_at(model_cls, loc)
    return typing.get_origin(annotation) is list and typing.get_args(annotation) == (Band,)


def _unwrap(annotation: Any, part: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            break
    if part is None:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        f = annotation.model_fields.get(part)
        return f.annotation if f else None
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    return None


Finding = tuple[Loc, str]


def load_folder(
    folder: Path | str,
    kind: FileKind = "vendor",
    check: Callable[[Any], list[Finding]] | None = None,
    parallel: bool = False,
    warn: Callable[[Any, dict[str, Any]], list[Finding]] | None = None,
) -> tuple[list[Loaded], list[Problem]]:
    """Load every `*.toml` in a folder; returns the good files and all problems (warnings
    among them, `level="warning"`).

    Vendor ids must be unique across the folder: every file of an id used twice is left out,
    each with a problem naming the other, so a bidder cannot push a vendor out by copying its
    id. `check` relates each good model to other files (bands against the portfolio); a model
    it finds problems in is left out. `warn` flags what is valid but likely wrong, from the
    model and its raw data. The good files come back without their text and raw data: with
    thousands of vendors, keeping every file's text would double peak memory.
    """
    good: dict[str, Loaded] = {}  # by path
    problems: list[Problem] = []
    ids = UniqueIds()
    paths = folder_files(folder)
    # Read lazily, in file order: holding every parsed file at once would double peak memory.
    for path, read in zip(paths, read_many(paths, parallel)):
        if kind == "vendor" and read[0].data is not None and not_a_vendor(path, read[0].data):
            continue  # a session saved here, or a template or portfolio: not a broken vendor
        loaded = load_file(path, kind, read)
        problems += loaded.problems
        if loaded.model is None:
            continue
        if kind == "vendor":
            clashes, evicted = ids.admit(loaded)
            problems += clashes
            if evicted is not None:
                good.pop(evicted, None)
            if clashes:
                continue
        if check is not None:
            found = check(loaded.model)
            if found:
                problems += [loaded.source.problem(loc, msg) for loc, msg in found]
                continue
        if warn is not None:
            problems += [loaded.source.problem(loc, msg).as_warning() for loc, msg in warn(loaded.model, loaded.source.data or {})]
        loaded.source.text, loaded.source.data, loaded.source.lines = "", None, {}
        good[loaded.source.path] = loaded
    return list(good.values()), problems


class UniqueIds:
    """Vendor ids must be unique in a folder. A second file with an id leaves both out, each
    with a problem naming the other: a bidder cannot push a vendor out by copying its id."""

    def __init__(self) -> None:
        self.first: dict[str, Loaded] = {}
        self.clashed: set[str] = set()  # ids whose first file is out already

    def admit(self, loaded: Loaded) -> tuple[list[Problem], str | None]:
        """(problems, the path of an earlier file this one evicts) for a good vendor file."""
        vid = loaded.model.vid
        earlier = self.first.get(vid)
        if earlier is None:
            self.first[vid] = loaded
            return [], None
        problems = [_id_clash(loaded, earlier.source.path)]
        if vid in self.clashed:
            return problems, None
        self.clashed.add(vid)
        problems.append(_id_clash(_with_text(earlier), loaded.source.path))
        return problems, earlier.source.path


def _id_clash(loaded: Loaded, other: str) -> Problem:
    return loaded.source.problem(
        ("id",), f"id {loaded.model.vid!r} is also used by {other}: neither file is used until one of them changes its id"
    )


def _with_text(loaded: Loaded) -> Loaded:
    """A file already let in, read again when a problem must name its line."""
    if loaded.source.text:
        return loaded
    again = load_file(loaded.source.path, loaded.kind)
    return again if again.source.data is not None else loaded


def load_portfolio(path: Path | str) -> Loaded:
    """A portfolio file: its model is the whole `PortfolioFile` (`[portfolio]` and the
    optional `[staff]`, `[fx]` and `[business_case]`)."""
    loaded = load_file(path, "portfolio")
    if loaded.model is not None and not isinstance(loaded.model, PortfolioFile):
        loaded.model = None
    return loaded
