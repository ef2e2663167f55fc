"""Reminder drafts: subject, plain text and HTML, rendered from Jinja2 templates.

Templates live in `templates/reminders/<lang>/<stage>.{subject,txt,html}.j2` (bundled, found
with paths.bundled_dir) and may be overridden by the user's edited copy of the same name in
paths.config_dir()/templates/. They render in a sandboxed environment with StrictUndefined
(a misspelt variable is an error, never an empty hole in a letter to a client); HTML
templates are autoescaped, so a client named `<b>Acme</b>` is printed, not obeyed.

A template sees only plain data prepared here (`message_context`): amounts, dates and day
counts already formatted for the client's language, so a template never needs to know
how Spanish writes a date. No Qt, no ledger.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import os
import re
import tempfile
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jinja2 import (
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    meta,
    nodes,
)
from jinja2.sandbox import SandboxedEnvironment

from collector_gui import paths
from collector_gui.core import settings as S
from collector_gui.core.dunning import Stage
from collector_gui.core.tone import Tone
from collector_gui.core.errors import CollectorError
from collector_gui.core.i18n import _, ngettext
from collector_gui.core.latefees import LateCharges, LatePolicy
from collector_gui.core.model import Client, ContactEvent, EventKind, Invoice
from collector_gui.documents import template_env
from collector_gui.documents.message_context import message_context
from collector_gui.documents.template_env import LimitHit

KINDS: tuple[str, ...] = ("subject", "txt", "html")
TEMPLATE_DIR = "reminders"
MAX_SUBJECT = 200


class MessageError(CollectorError):
    """A reminder template cannot be rendered; the message names the template and line."""


class TemplateLimitError(MessageError):
    """A reminder template went over a limit (time, output, size): it would have hung or
    filled the memory. The message names the template and the limit."""


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    line: int | None  # 1-based line in the template's source, when known
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("line {line}: {message}").format(line=self.line, message=self.message)
        return self.message


# -- where templates are -----------------------------------------------------------------------


def template_name(lang: str, stage: Stage | str, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return f"{TEMPLATE_DIR}/{lang}/{Stage(stage)}.{kind}.j2"


def user_templates_dir() -> Path:
    return paths.config_dir() / "templates"


def user_template_path(lang: str, stage: Stage | str, kind: str) -> Path:
    return user_templates_dir() / template_name(lang, stage, kind)


def bundled_template_path(lang: str, stage: Stage | str, kind: str) -> Path:
    return paths.bundled_dir("templates") / template_name(lang, stage, kind)


def template_source(lang: str, stage: Stage | str, kind: str) -> tuple[str, bool]:
    """The source the app uses for this template, and whether it is the user's copy."""
    user = user_template_path(lang, stage, kind)
    if user.is_file():
        return user.read_text(encoding="utf-8"), True
    return bundled_template_path(lang, stage, kind).read_text(encoding="utf-8"), False


def save_user_copy(lang: str, stage: Stage | str, kind: str, source: str) -> Path:
    """Keep the user's edited template (after validate_template found nothing wrong)."""
    problems = validate_template(source, kind)
    if problems:
        raise MessageError(_("The template has problems: {problem}").format(
            problem=problems[0]))
    target = user_template_path(lang, stage, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(source)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def reset_user_copy(lang: str, stage: Stage | str, kind: str) -> bool:
    """Go back to the bundled template; True when there was a user copy to remove."""
    path = user_template_path(lang, stage, kind)
    if path.is_file():
        path.unlink()
        return True
    return False


def environment(overrides: Mapping[str, str] | None = None) -> SandboxedEnvironment:
    """The shared, limited environment: user copies first, then the bundled templates
    (template_env). *overrides* maps template names to sources (the editor's unsaved text,
    for a preview); they get an overlay of their own and never reach the shared cache.
    """
    env = template_env.shared_environment(
        [user_templates_dir(), paths.bundled_dir("templates")])
    return template_env.with_overrides(env, overrides or {})


# -- what a template sees: documents/message_context.py (re-exported here) -----------------------


# -- rendering ---------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    """Tidy what a template produced: no trailing spaces, at most one blank line in a row."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def clean_subject(text: str) -> str:
    """One line (a newline in a header would start another header), not absurdly long."""
    subject = " ".join(text.split())
    return subject[:MAX_SUBJECT]


def render_message(context: Mapping, lang: str, stage: Stage | str,
                   overrides: Mapping[str, str] | None = None) -> RenderedMessage:
    """Subject, text and HTML of a reminder; *overrides* maps a kind ("txt", …) to a source
    to use instead of the saved template (the editor's preview)."""
    named = {template_name(lang, stage, kind): src for kind, src in (overrides or {}).items()}
    env = environment(named)
    out = {}
    for kind in KINDS:
        name = template_name(lang, stage, kind)
        try:
            out[kind] = template_env.render(env.get_template(name), context)
        except LimitHit as exc:
            raise TemplateLimitError(_("The reminder template {name} was stopped: {limit}.")
                                     .format(name=name, limit=exc.what)) from exc
        except TemplateNotFound as exc:
            raise MessageError(_("The reminder template {name} is missing.").format(
                name=exc.name)) from exc
        except TemplateError as exc:
            line = _error_line(exc)
            error = exc.message or exc
            if line:
                text = _("The reminder template {name}, line {line} cannot be used: "
                         "{error}").format(name=name, line=line, error=error)
            else:
                text = _("The reminder template {name} cannot be used: {error}").format(
                    name=name, error=error)
            raise MessageError(text) from exc
    subject = clean_subject(out["subject"])
    if not subject:
        raise MessageError(_("The template {name} gave an empty subject.").format(
            name=template_name(lang, stage, "subject")))
    return RenderedMessage(subject, _clean_text(out["txt"]), out["html"].strip() + "\n")


def _error_line(exc: BaseException) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    # A runtime error (an undefined name, a forbidden attribute): Jinja rewrites the
    # traceback so that the template's own frames carry its line numbers.
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            line = frame.lineno
    return line


def text_to_html(text: str, lang: str = "en") -> str:
    """HTML for a text part the user edited by hand: the same words, nothing more.

    (Sending the template's HTML beside edited text would show most clients the old words.)
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(html_lib.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lib.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n</head>\n'
        '<body style="margin:0;padding:24px;font-family:Helvetica,Arial,sans-serif;'
        'font-size:15px;line-height:1.5;color:#222;">\n'
        f'<div style="max-width:600px;">\n{body}\n</div>\n</body>\n</html>\n'
    )


# -- checking a template the user edited --------------------------------------------------------


def sample_context(lang: str = "en", stage: Stage | str = Stage.FINAL) -> dict:
    """A context with every branch a template may take (two invoices, late charges, a
    broken promise, a pay-by date): what validate_template renders with."""
    client = Client(name="Example Client Ltd", billing_name="Alex Example", language=lang, id=1)
    invoices = [
        Invoice("2026-0007", 1, dt.date(2026, 9, 1), dt.date(2026, 10, 1), "EUR", 125000,
                paid_minor=25000, id=1),
        Invoice("2026-0011", 1, dt.date(2026, 10, 1), dt.date(2026, 10, 31), "EUR", 48000, id=2),
    ]
    held = [Invoice("2026-0009", 1, dt.date(2026, 9, 15), dt.date(2026, 10, 15), "EUR", 30000,
                    disputed=True, id=3)]
    as_of = dt.date(2026, 11, 20)
    promise = ContactEvent(client_id=1, at=dt.datetime(2026, 11, 2, 10), kind=EventKind.PROMISE,
                           promised_date=dt.date(2026, 11, 12), invoice_ids=(1,))
    settings = S.Settings({
        "business.name": "Your Business", "business.email": "you@example.com",
        "business.phone": "+34 600 000 000", "business.iban": "ES9121000418450200051332",
        "business.bic": "CAIXESBBXXX", "business.payment_instructions": "Or pay by card online.",
    })
    policy = LatePolicy(mode="eu")
    charges = {1: LateCharges("EUR", 50, 4000, 1390, Decimal("10.15")),
               2: LateCharges("EUR", 20, 4000, 267, Decimal("10.15"))}
    return message_context(
        client=client, invoices=invoices, stage=stage, as_of=as_of, settings=settings, lang=lang,
        charges=charges, late_policy=policy, pay_by=as_of + dt.timedelta(days=7),
        broken_promise=promise, reminded_before=True,
        attachments=["invoice-2026-0007.pdf", "invoice-2026-0011.pdf"], held=held,
        tone=_sample_tone(Stage(stage)),
    )


def _sample_tone(stage: Stage) -> Tone:
    """Every branch of a stage's wording: early enough to say "ignore this" where a stage
    may say it, long overdue (a date asked) where it may not."""
    return Tone(stage, 5 if stage in (Stage.PRE_DUE, Stage.DUE, Stage.POLITE) else 50)


def validate_template(source: str, kind: str, *, lang: str = "en",
                      stage: Stage | str = Stage.FINAL, render: bool = True
                      ) -> list[TemplateProblem]:
    """What is wrong with a template the user edited (nothing: an empty list).

    Checks the syntax, names that no reminder provides, and (*render*) renders it on a
    sample client with every optional part present, so errors in attributes and filters
    show too. Without *render* it is quick whatever the template does (the editor checks
    that much as you type, and the rest off the window's thread).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    problems: list[TemplateProblem] = []
    name = f"{TEMPLATE_DIR}/{lang}/{Stage(stage)}.{kind}.j2"
    env = environment({name: source})
    try:
        ast = env.parse(source, name=name)
    except TemplateSyntaxError as exc:
        return [TemplateProblem(exc.lineno, exc.message or str(exc))]
    context = sample_context(lang, stage)
    unknown = sorted(meta.find_undeclared_variables(ast) - set(context) - _defined_names(ast))
    for var in unknown:
        problems.append(TemplateProblem(_first_line_of(source, var),
                                        _("there is no value named '{name}' in a "
                                          "reminder").format(name=var)))
    if problems or not render:
        return problems
    try:
        result = template_env.render(env.get_template(name), context)
    except LimitHit as exc:
        return [TemplateProblem(_error_line(exc), _("the template was stopped: {limit}").format(
            limit=exc.what))]
    except TemplateNotFound as exc:
        return [TemplateProblem(None, _("the template {name} it uses does not exist").format(
            name=exc.name))]
    except TemplateError as exc:
        return [TemplateProblem(_error_line(exc), exc.message or str(exc))]
    except Exception as exc:  # a filter given the wrong type, a division by zero, …
        return [TemplateProblem(_error_line(exc), f"{type(exc).__name__}: {exc}")]
    if kind == "subject":
        if not clean_subject(result):
            problems.append(TemplateProblem(None, _("the subject comes out empty")))
        elif len(" ".join(result.split())) > MAX_SUBJECT:
            problems.append(TemplateProblem(None, ngettext(
                "the subject is longer than {n} character",
                "the subject is longer than {n} characters", MAX_SUBJECT).format(n=MAX_SUBJECT)))
    elif not result.strip():
        problems.append(TemplateProblem(None, _("the message comes out empty")))
    return problems


def _defined_names(ast: nodes.Template) -> set[str]:
    """Names the template defines itself: imports, macros, set and loop variables (Jinja's
    meta counts a top-level import used inside a block as undeclared)."""
    names: set[str] = set()
    for node in ast.find_all((nodes.Import, nodes.FromImport, nodes.Macro, nodes.Name)):
        if isinstance(node, nodes.Import):
            names.add(node.target)
        elif isinstance(node, nodes.FromImport):
            names.update(n[1] if isinstance(n, tuple) else n for n in node.names)
        elif isinstance(node, nodes.Macro):
            names.add(node.name)
        elif node.ctx in ("store", "param"):
            names.add(node.name)
    return names


def _first_line_of(source: str, word: str) -> int | None:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for number, line in enumerate(source.splitlines(), 1):
        if pattern.search(line):
            return number
    return None


def context_names() -> list[str]:
    """The top-level names a reminder template may use (for the editor's help)."""
    return sorted(sample_context())


def stages_with_templates(lang: str) -> list[Stage]:
    return [s for s in Stage if bundled_template_path(lang, s, "txt").is_file()]
