"""The Jinja environment reminder templates render in: one per set of template folders,
shared, with compiled templates cached, and with limits a template cannot get round.

Users edit templates, so a template is untrusted code that must not hang `remind` or the
template editor, nor fill the memory. On top of Jinja's sandbox:

- time: every loop iteration and every call checks a deadline (TIME_BUDGET from the start
  of the render). Loops get the check by a rewrite of the parsed template (a call at the top
  of every `for` body); calls go through the sandbox's `call`, which checks too.
- size: `range()` gives at most MAX_RANGE numbers; a string or list made by `*`, `+`, `~`,
  a filter or a method is at most MAX_VALUE long (checked before `*` and padding widths
  allocate); the output at most MAX_OUTPUT characters.
- shared: compiling is most of a draft's time (3.68 s for 128 drafts with an environment per
  message, 0.18 s shared). A cached template is used again only while the file that would
  be loaded now is the same one (path, inode, size, mtime in ns): an edit in the same second,
  a user copy added over a bundled template or removed, are all seen.

No Qt.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, StrictUndefined, Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import TemplateNotFound
from jinja2.ext import Extension
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from collector_gui.core.i18n import _

MAX_RANGE = 10_000
MAX_VALUE = 1_000_000  # characters (or items) of any one value a template makes
MAX_OUTPUT = 200_000  # characters a template may write
TIME_BUDGET = 2.0  # seconds per message part
_HUGE_FORMAT = re.compile(r"%[-#0 +]*(\*|\d{7,})|%[-#0 +\d]*\.(\*|\d{7,})|\{[^}]*:[^}]*\d{7,}")


class LimitHit(Exception):
    """A template went over a limit; `what` says which (messages.py names the template)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Budget(threading.local):
    """The running render's deadline, per thread (the editor renders on a worker thread)."""

    deadline: float | None = None
    hit: str | None = None


def _autoescape(name: str | None) -> bool:
    return bool(name) and (name.endswith(".html.j2") or name.endswith(".html"))


def _size(value: object) -> int:
    return len(value) if isinstance(value, (str, list, tuple, dict)) else 0


class TickExtension(Extension):
    """Holds the per-iteration check the rewritten loops call."""

    def tick(self) -> None:
        self.environment.check_budget()  # type: ignore[attr-defined]


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with every `~` concatenation's result size checked."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with limits on time and size (see the module's docstring)."""

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("extensions", []).append(TickExtension)
        super().__init__(*args, **kwargs)
        self.budget = _Budget()
        self.globals["range"] = self._range
        self.filters = {name: self._limited_filter(f) for name, f in self.filters.items()}

    # -- time ----------------------------------------------------------------------------------

    def check_budget(self) -> None:
        budget = self.budget
        if budget.hit is not None:
            raise LimitHit(budget.hit)  # sticky: a swallowed LimitHit is raised again
        if budget.deadline is not None and time.monotonic() > budget.deadline:
            budget.hit = _("it ran longer than {seconds:g} seconds").format(seconds=TIME_BUDGET)
            raise LimitHit(budget.hit)

    def _over(self, what: str) -> LimitHit:
        self.budget.hit = what
        return LimitHit(what)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then put a budget check at the top of every loop's body."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            tick = nodes.ExprStmt(nodes.Call(
                nodes.ExtensionAttribute(TickExtension.identifier, "tick"), [], [], None, None))
            tick.set_lineno(loop.lineno)
            loop.body.insert(0, tick)
        return tree

    # -- size ----------------------------------------------------------------------------------

    def sized(self, value: Any) -> Any:
        if _size(value) > MAX_VALUE:
            raise self._over(_("it made a text longer than {n:,} characters").format(
                n=MAX_VALUE))
        return value

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise self._over(_("range() was asked for more than {n:,} numbers").format(
                n=MAX_RANGE))
        return numbers

    def _check_args(self, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE:
                raise self._over(_("a width or count of {n:,} is too large").format(n=arg))

    def _limited_filter(self, func: Callable) -> Callable:
        skip = 2 if getattr(func, "jinja_pass_arg", None) else 1  # (context,) value

        @functools.wraps(func)
        def limited(*args: Any, **kwargs: Any) -> Any:
            self.check_budget()
            self._check_args(args[skip:], kwargs)
            return self.sized(func(*args, **kwargs))

        return limited

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_budget()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _size(seq) and isinstance(n, int) and _size(seq) * n > MAX_VALUE:
                    raise self._over(_("it made a text longer than {n:,} characters").format(
                        n=MAX_VALUE))
        elif operator == "**":
            if (isinstance(left, int) and isinstance(right, int) and abs(left) > 1
                    and right > 1000):
                raise self._over(_("a power of {n:,} is too large").format(n=right))
        elif operator == "%" and isinstance(left, str) and _HUGE_FORMAT.search(left):
            raise self._over(_("a width or count in a format is too large"))
        return self.sized(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.check_budget()
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):  # "x".center(10 ** 9), "{:>999999999}".format(1)
            __self._check_args(args, kwargs)
            if getattr(target, "__name__", "").startswith("format") and (
                    _HUGE_FORMAT.search(owner)):
                raise __self._over(_("a width or count in a format is too large"))
        return __self.sized(super().call(__context, __obj, *args, **kwargs))


def render(template: Template, context: Mapping[str, Any]) -> str:
    """*template* rendered within the limits; LimitHit when one is hit."""
    env = template.environment
    assert isinstance(env, LimitedEnvironment), "templates render in a LimitedEnvironment"
    budget = env.budget
    outer = budget.deadline
    if outer is None:
        budget.deadline, budget.hit = time.monotonic() + TIME_BUDGET, None
    try:
        parts: list[str] = []
        size = 0
        for part in template.generate(**context):
            size += len(part)
            if size > MAX_OUTPUT:
                raise env._over(_("it wrote more than {n:,} characters").format(n=MAX_OUTPUT))
            parts.append(part)
        env.check_budget()
        return "".join(parts)
    except RecursionError as exc:  # a macro calling itself without end
        raise LimitHit(_("it called itself too deeply")) from exc
    finally:
        if outer is None:
            budget.deadline, budget.hit = None, None


# -- the folders and the shared environments ---------------------------------------------------

class FolderLoader(BaseLoader):
    """Templates from several folders, the first that has a name winning (the user's copies,
    then the bundled ones). A cached template stays valid only while the file that would be
    found now is the very one it was compiled from."""

    def __init__(self, folders: Sequence[str | Path]) -> None:
        self.folders = [Path(f) for f in folders]

    def _find(self, name: str) -> tuple[Path, tuple[int, int, int]] | None:
        pieces = split_template_path(name)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            try:
                st = os.stat(path)
            except OSError:
                continue
            if os.path.isfile(path):
                return path, (st.st_ino, st.st_size, st.st_mtime_ns)
        return None

    def get_source(self, environment: Any, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        found = self._find(template)
        if found is None:
            raise TemplateNotFound(template)
        path, key = found
        source = path.read_text(encoding="utf-8")
        if self._find(template) != found:  # replaced while being read: never cache that
            return source, str(path), lambda: False
        return source, str(path), lambda: self._find(template) == found

    def list_templates(self) -> list[str]:
        names = set()
        for folder in self.folders:
            for path in folder.rglob("*.j2"):
                names.add(path.relative_to(folder).as_posix())
        return sorted(names)


def _new_environment(loader: BaseLoader) -> LimitedEnvironment:
    return LimitedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
        cache_size=400,
    )


_shared: dict[tuple[str, ...], LimitedEnvironment] = {}
_shared_lock = threading.Lock()


def shared_environment(folders: Sequence[str | Path]) -> LimitedEnvironment:
    """The one environment for these template folders (made once, then shared)."""
    key = tuple(str(f) for f in folders)
    env = _shared.get(key)
    if env is None:
        with _shared_lock:
            env = _shared.get(key)
            if env is None:
                if len(_shared) >= 8:  # tests make a folder per test: keep the newest few
                    _shared.pop(next(iter(_shared)))
                env = _shared[key] = _new_environment(FolderLoader(folders))
    return env


def with_overrides(env: LimitedEnvironment, sources: Mapping[str, str]) -> LimitedEnvironment:
    """*env* with unsaved sources (the editor's) in front of its folders; its own small
    cache, so an unsaved text never reaches the shared one."""
    if not sources:
        return env
    loader = ChoiceLoader([DictLoader(dict(sources)), env.loader])
    over = env.overlay(loader=loader, cache_size=50)
    assert isinstance(over, LimitedEnvironment)
    return over
