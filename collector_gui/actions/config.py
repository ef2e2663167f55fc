"""`collector config` and the window's settings: business, SMTP and reminder settings, the
SMTP password in the system keyring (never in the ledger), and a test email."""

from __future__ import annotations

import difflib
import logging
import re
import ssl
from collections.abc import Callable, Mapping

from collector_gui.actions.entry import propose_number
from collector_gui.actions.records import Changes, OpResult
from collector_gui.core import clock
from collector_gui.core import reminder_settings as RS
from collector_gui.core import settings as S
from collector_gui.core.dunning import DunningPolicy
from collector_gui.core.errors import Cancelled, CollectorError
from collector_gui.core.fields import FieldError, parse_currency, parse_email, parse_language
from collector_gui.core.i18n import _
from collector_gui.core.latefees import LatePolicy, check_mode, parse_compensation
from collector_gui.core.money import minor_to_string
from collector_gui.core.rates import parse_rate
from collector_gui.ledger.store import Store
from collector_gui.mail import compose, secrets
from collector_gui.mail.secrets import KeyringStatus, Secret
from collector_gui.mail.smtp import SECURITY_MODES, SmtpConfigError, SmtpConnection, SmtpSettings

log = logging.getLogger(__name__)

# Asks the user for the SMTP password (the window's dialog, the terminal's getpass);
# gets the settings and why it is asked; None when the user declined.
AskPassword = Callable[[SmtpSettings, str], "str | None"]


def settings_of(store: Store) -> S.Settings:
    """The ledger's settings, typed."""
    return S.Settings(store.settings())


def smtp_settings(store: Store) -> SmtpSettings:
    return SmtpSettings.from_settings(settings_of(store))


# Every declared setting (core/settings.py): the settings dialog shows them all, and checks
# and saves them here, so it accepts and refuses exactly what `collector config set` does.
CONFIG_PREFIXES = ("business.", "smtp.", "reminders.", "late.", "invoice.", "backup.",
                   "thanks.")


def config_keys() -> dict[str, S.Setting]:
    """The settings `collector config set` accepts, by key."""
    keys = {k: s for k, s in S.BY_KEY.items() if k.startswith(CONFIG_PREFIXES)}
    keys.update(RS.BY_KEY)
    return dict(sorted(keys.items()))


def check_late_value(key: str, value: str) -> str:
    """One late.* setting checked, as saved (`collector config set` and the settings
    dialog); raises CollectorError saying what is wrong."""
    raw = value.strip()
    if key == S.LATE_FEE_MODE.key:
        return check_mode(raw)
    if key == S.LATE_FEE_COMPENSATION.key:
        pairs = parse_compensation(raw)
        if not pairs:
            raise CollectorError(_("{key} needs an amount and its currency, such as 40 EUR.")
                                 .format(key=key))
        return "; ".join(f"{minor_to_string(m, cur)} {cur}" for cur, m in pairs)
    if key == S.LATE_FEE_REFERENCE_RATE.key and not raw:
        return ""  # the official rate of each half-year
    if key in (S.LATE_FEE_ANNUAL_RATE.key, S.LATE_FEE_REFERENCE_RATE.key):
        return str(parse_rate(raw, key))
    if key == S.LATE_FEE_FIXED.key:
        amount = raw.replace(",", ".") or "0"
        if not re.fullmatch(r"\d{1,9}(\.\d{1,3})?", amount):
            raise CollectorError(_("{key} must be an amount such as 15 or 15.50 (in each "
                                   "invoice's currency), not {value}.").format(
                key=key, value=repr(value)))
        return amount
    return raw


def _check_value(key: str, setting: S.Setting, value: str) -> str:
    raw = value.strip()
    if key.startswith("late."):
        return check_late_value(key, value)
    if isinstance(setting.default, int):
        limits = {RS.SMTP_PORT.key: (1, 65535), RS.SMTP_TIMEOUT.key: (1, 600),
                  RS.REMINDER_MIN_GAP.key: (0, 90)}
        low, high = limits.get(key, (0, 365))
        if not re.fullmatch(r"\d+", raw) or not low <= int(raw) <= high:
            raise CollectorError(_("{key} must be a whole number from {low} to {high}, "
                                   "not {value}.").format(key=key, low=low, high=high,
                                                          value=repr(value)))
        return str(int(raw))
    try:
        if key == RS.SMTP_SECURITY.key:
            if raw.lower() not in SECURITY_MODES:
                raise CollectorError(_("{key} must be one of {choices}, not {value}.").format(
                    key=key, choices=", ".join(SECURITY_MODES), value=repr(value)))
            return raw.lower()
        if key in (RS.SMTP_FROM.key, S.BUSINESS_EMAIL.key):
            return parse_email(raw)
        if key in (S.BUSINESS_IBAN.key, S.BUSINESS_BIC.key):  # never print a wrong account
            from collector_gui.core import validate

            problem = (validate.iban if key == S.BUSINESS_IBAN.key else validate.bic)(raw)
            if problem:
                raise CollectorError(_("{key}: {error}").format(key=key, error=problem))
        if key == S.BUSINESS_LANGUAGE.key:
            return parse_language(raw)
        if key == S.BUSINESS_CURRENCY.key:
            return parse_currency(raw)
        if key == RS.SMTP_HOST.key and re.search(r"[\s/:@]", raw):
            raise CollectorError(_("{key} is a server name such as smtp.example.com, "
                                   "not {value}.").format(key=key, value=repr(value)))
        if key in (S.INVOICE_NUMBER_PATTERN.key, S.CREDIT_NOTE_PATTERN.key):
            propose_number(raw, clock.today(), [])  # raises CollectorError on a bad pattern
        if key in (S.BUSINESS_VAT_RATE.key, S.BUSINESS_IRPF_RATE.key,
                   S.BUSINESS_DISCOUNT_PERCENT.key):
            from collector_gui.core.terms import parse_rate, rate_text

            return rate_text(parse_rate(raw, key))
        if key == S.THANKS_ENABLED.key:
            if raw.lower() not in S.SWITCH_WORDS:
                raise CollectorError(_("{key} must be one of {choices}, not {value}.").format(
                    key=key, choices="on, off", value=repr(value)))
            return "on" if S.SWITCH_WORDS[raw.lower()] else "off"
        if key == S.BUSINESS_PAPER.key:
            papers = {"a4": "A4", "letter": "Letter"}
            if raw.lower() not in papers:
                raise CollectorError(_("{key} must be one of {choices}, not {value}.").format(
                    key=key, choices="A4, Letter", value=repr(value)))
            return papers[raw.lower()]
    except FieldError as exc:
        raise CollectorError(_("{key}: {error}").format(key=key, error=exc)) from None
    if key == S.BUSINESS_ADDRESS.key:
        return value.replace("\\n", "\n").strip()
    return raw


def config_set(store: Store, key: str, value: str) -> str:
    """Check and save one setting; returns the value as saved.

    Reminder settings are checked together (a firm reminder before the polite one is
    refused). The SMTP password is not a setting: see `set_smtp_password`.
    """
    key = key.strip()
    known = config_keys()
    if key in ("smtp.password", "smtp.pass"):
        raise CollectorError(_("The SMTP password is not kept in the settings: use "
                               "`collector config set-password` (it reads it from standard "
                               "input into the system keyring)."))
    setting = known.get(key)
    if setting is None:
        close = difflib.get_close_matches(key, known, n=3)
        if close:
            text = _("There is no setting {key}. Did you mean {close}? (Settings: {known}.)")
        else:
            text = _("There is no setting {key}. (Settings: {known}.)")
        raise CollectorError(text.format(key=repr(key), close=", ".join(close),
                                         known=", ".join(known)))
    trial = dict(store.settings())
    saved = _check_with(trial, key, setting, value)
    store.set_setting(key, saved)
    return saved


def _check_with(trial: dict[str, str], key: str, setting: S.Setting, value: str) -> str:
    """Check one value among the others in *trial* (which takes it); the value as saved.
    An empty value clears a setting whose default is empty (the settings dialog's cleared
    field, `collector config set business.phone ""`)."""
    if value.strip() == "" and setting.default == "" and key != S.LATE_FEE_COMPENSATION.key:
        saved = ""  # a free-text setting cleared: not set
    else:
        saved = _check_value(key, setting, value)
    trial[key] = saved
    if key.startswith(("reminders.", "late.")):
        try:
            if key.startswith("late."):
                LatePolicy.from_settings(S.Settings(trial))
            else:
                DunningPolicy.from_settings(S.Settings(trial))
        except CollectorError as exc:
            raise CollectorError(_("{key} = {value} was not saved: {error}").format(
                key=key, value=saved, error=exc)) from None
    return saved


def check_settings(current: Mapping[str, str], values: Mapping[str, str]) -> dict[str, str]:
    """Check several settings as one change (the settings dialog's Save): the values as they
    would be saved; raises CollectorError naming the first one refused."""
    known = config_keys()
    trial = dict(current)
    out = {}
    for key, value in values.items():
        setting = known.get(key)
        if setting is None:
            raise CollectorError(_("There is no setting {key}.").format(key=repr(key)))
        out[key] = _check_with(trial, key, setting, value)
    return out


def save_settings(store: Store, values: Mapping[str, str]) -> OpResult[dict[str, str]]:
    """Check and save several settings in one transaction: all of them, or none."""
    with store.ledger.write():
        saved = check_settings(store.settings(), values)
        for key, value in saved.items():
            store.set_setting(key, value)
    return OpResult(saved, Changes.of(settings=[]))


def config_get(store: Store, key: str) -> str:
    setting = config_keys().get(key.strip())
    if setting is None:
        raise CollectorError(_("There is no setting {key}.").format(key=repr(key.strip())))
    return str(settings_of(store).get(setting))


def config_list(store: Store) -> list[tuple[str, str, str]]:
    """(key, value, description) of every setting `collector config` knows."""
    current = settings_of(store)
    return [(k, str(current.get(s)), s.description) for k, s in config_keys().items()]


def keyring_status() -> KeyringStatus:
    """Whether the SMTP password can be saved here (the settings dialog shows `reason`)."""
    return secrets.keyring_status()


def set_smtp_password(store: Store, password: str) -> None:
    """Save the SMTP password in the system keyring (from `collector config set-password`:
    standard input, one line; the line end is not part of it).

    Raises KeyringUnavailable (its message says what to do) when there is no keyring.
    """
    password = password.rstrip("\r\n")
    smtp = smtp_settings(store)
    if not smtp.host or not smtp.user:
        raise CollectorError(_("Set smtp.host and smtp.user first (`collector config set "
                               "smtp.host …`); the password is saved for that user and "
                               "server."))
    secrets.store_password(smtp.user, smtp.host, password)


def has_saved_password(store: Store) -> bool:
    smtp = smtp_settings(store)
    return secrets.load_password(smtp.user, smtp.host) is not None


def forget_smtp_password(store: Store) -> bool:
    smtp = smtp_settings(store)
    return secrets.delete_password(smtp.user, smtp.host)


def password_for(smtp: SmtpSettings, given: str | Secret | None,
              ask: AskPassword | None) -> Secret | None:
    """The password to log in with: the one given, else the keyring's, else asked for."""
    if not smtp.needs_password:
        return None
    if given:
        return given if isinstance(given, Secret) else Secret(given)
    saved = secrets.load_password(smtp.user, smtp.host)
    if saved:
        return saved
    status = secrets.keyring_status()
    why = (status.reason if not status.available else
           _("No password is saved for {user} on {host}.").format(user=smtp.user,
                                                                   host=smtp.host))
    if ask is not None:
        typed = ask(smtp, why)
        if typed:
            return Secret(typed)
        raise Cancelled(_("No password was given; nothing was sent."))
    raise SmtpConfigError(_("{reason} Save it with `collector config set-password`, or run "
                            "interactively to type it.").format(reason=why))


def send_test_email(store: Store, to: str | None = None, *, password: str | Secret | None = None,
                    ask_password: AskPassword | None = None,
                    ssl_context: ssl.SSLContext | None = None) -> str:
    """Send a short test message (to the From address unless *to* is given), with the same
    settings reminders use; returns its Message-ID. Nothing is written to the ledger."""
    smtp = smtp_settings(store)
    problems = smtp.problems()
    if problems:
        raise SmtpConfigError(" ".join(problems))
    recipient = (to or smtp.from_address).strip()
    secret = password_for(smtp, password, ask_password)
    business = settings_of(store).get(S.BUSINESS_NAME).strip()
    msg = compose.compose(
        sender=smtp.from_address, sender_name=business, recipient=recipient,
        subject="Collector: test message",
        text=("This is a test message from Collector.\n\n"
              f"It was sent through {smtp.describe()}"
              + (f" as {smtp.user}" if smtp.user else "") +
              ". If you can read it, reminders can be sent with these settings.\n"),
    )
    raw = compose.serialize(msg)
    with SmtpConnection(smtp, secret, ssl_context=ssl_context) as conn:
        conn.send(raw, smtp.from_address, [recipient])
    log.info("test email sent to %s through %s", recipient, smtp.describe())
    return str(msg["Message-ID"])
