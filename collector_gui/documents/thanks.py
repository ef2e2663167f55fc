"""The thank-you for a payment: subject, text and HTML from `templates/thanks/<lang>.*.j2`.

Rendered through the one shared, limited Jinja environment (template_env, user copies in the
config folder first, as reminders are), with plain data formatted for the client's locale:
the invoices the payments cleared (number, amount, the day the money arrived) and whether the
client still owes anything else. No Qt, no ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jinja2 import TemplateError

from collector_gui.core import settings as S
from collector_gui.core.i18n import _
from collector_gui.core.model import LANGUAGES, Client, Invoice
from collector_gui.core.money import format_minor
from collector_gui.documents import template_env
from collector_gui.documents.addressing import client_locale, first_name, spanish_salutation
from collector_gui.documents.message_context import near_date
from collector_gui.documents.messages import (
    MessageError,
    RenderedMessage,
    _clean_text,
    clean_subject,
    environment,
)
from collector_gui.documents.template_env import LimitHit

KINDS = ("subject", "txt", "html")


def template_name(lang: str, kind: str) -> str:
    return f"thanks/{lang}.{kind}.j2"


def thanks_context(*, client: Client, paid: Sequence[tuple[Invoice, int, dt.date]],
                   others_open: int, settings: S.Settings, as_of: dt.date) -> dict:
    """What a thank-you template sees: *paid* are the invoices cleared, each with the money
    received for it (minor units; credits and discounts are not money received) and the day
    its last payment arrived; *others_open* how many other invoices the client still owes."""
    lang = client.language if client.language in LANGUAGES else "en"
    locale = client_locale(Client(client.name, language=lang, address=client.address))
    person = first_name(client)
    items = [{"number": inv.number,
              "amount": format_minor(amount, inv.currency, locale),
              "paid_on": near_date(day, as_of, locale)} for inv, amount, day in paid]
    return {
        "lang": lang,
        "client": {
            "name": client.name,
            "first_name": person,
            "salutation": spanish_salutation(person) if lang == "es" and person else "",
        },
        "business": {
            "name": settings.get(S.BUSINESS_NAME).strip(),
            "email": settings.get(S.BUSINESS_EMAIL).strip(),
            "phone": settings.get(S.BUSINESS_PHONE).strip(),
        },
        "invoices": items,
        "count": len(items),
        "others_open": others_open,
    }


def render_thanks(context: dict) -> RenderedMessage:
    """Subject, text and HTML of the thank-you in the context's language."""
    env = environment()
    out = {}
    for kind in KINDS:
        name = template_name(context["lang"], kind)
        try:
            out[kind] = template_env.render(env.get_template(name), context)
        except LimitHit as exc:
            raise MessageError(_("The template {name} was stopped: {limit}.").format(
                name=name, limit=exc.what)) from exc
        except TemplateError as exc:
            raise MessageError(_("The template {name} cannot be used: {error}").format(
                name=name, error=exc.message or exc)) from exc
    subject = clean_subject(out["subject"])
    if not subject:
        raise MessageError(_("The template {name} gave an empty subject.").format(
            name=template_name(context["lang"], "subject")))
    return RenderedMessage(subject, _clean_text(out["txt"]), out["html"].strip() + "\n")
