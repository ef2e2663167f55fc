"""Settings as typed declarations: key, default, and a description for the settings dialog.

Values are stored as text in the ledger's `settings` table (never the SMTP password, which
lives in the system keyring). Read them through `Settings`, which applies the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from collector_gui.core.i18n import N_, _

T = TypeVar("T", str, int)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    key: str
    default: T
    # The description for people in English, marked with N_(); `description` translates it.
    description_msgid: str

    @property
    def description(self) -> str:
        """What the setting is for, in the current language (settings dialog, config list)."""
        return _(self.description_msgid)

    def parse(self, raw: str | None) -> T:
        if raw is None or raw == "":
            return self.default
        if isinstance(self.default, int):
            try:
                return int(raw)  # type: ignore[return-value]
            except ValueError:
                return self.default
        return raw  # type: ignore[return-value]


# The business profile: who the invoices and reminders come from.
BUSINESS_NAME = Setting("business.name", "", N_("Your name or your business's name"))
BUSINESS_ADDRESS = Setting("business.address", "", N_("Postal address (several lines)"))
BUSINESS_EMAIL = Setting("business.email", "", N_("Email address clients write to"))
BUSINESS_PHONE = Setting("business.phone", "", N_("Phone number"))
BUSINESS_TAX_ID = Setting("business.tax_id", "", N_("Tax id (VAT number, NIF, EIN…)"))
BUSINESS_IBAN = Setting("business.iban", "", N_("IBAN for bank transfers"))
BUSINESS_BIC = Setting("business.bic", "", N_("BIC / SWIFT code"))
BUSINESS_PAYMENT_INSTRUCTIONS = Setting(
    "business.payment_instructions", "", N_("How to pay you, besides the IBAN (free text)")
)
# Payment details per currency (business.pay.USD, …): an IBAN (and BIC), an account in
# words ("ACH routing 026009593, account 1234567890") or a payment link. A reminder shows
# the details of its invoices' currency, never another's; EUR falls back to business.iban.
# Any ISO code works (`collector config set` knows the common ones declared here; the
# reminders read business.pay.<CODE> for every currency).
PAY_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "MXN", "JPY")
BUSINESS_PAY_EUR = Setting("business.pay.EUR", "", N_(
    "Payment details for EUR invoices (IBAN and BIC, account text or a payment link); "
    "empty: business.iban"))
BUSINESS_PAY_USD = Setting("business.pay.USD", "", N_(
    "Payment details for USD invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_PAY_GBP = Setting("business.pay.GBP", "", N_(
    "Payment details for GBP invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_PAY_CHF = Setting("business.pay.CHF", "", N_(
    "Payment details for CHF invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_PAY_CAD = Setting("business.pay.CAD", "", N_(
    "Payment details for CAD invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_PAY_AUD = Setting("business.pay.AUD", "", N_(
    "Payment details for AUD invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_PAY_MXN = Setting("business.pay.MXN", "", N_(
    "Payment details for MXN invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_PAY_JPY = Setting("business.pay.JPY", "", N_(
    "Payment details for JPY invoices (account text, IBAN and BIC, or a payment link)"))
BUSINESS_LATE_TERMS = Setting(
    "business.late_terms", "", N_("Late-payment terms printed on invoices (free text)")
)
BUSINESS_CURRENCY = Setting("business.currency", "EUR", N_("Default currency for new clients"))
BUSINESS_LANGUAGE = Setting("business.language", "en", N_("Default language for new clients (en/es)"))
BUSINESS_PAYMENT_TERMS = Setting(
    "business.payment_terms_days", 30, N_("Default days between an invoice's issue and due date")
)
BUSINESS_PAPER = Setting("business.paper", "A4", N_("Paper size of PDFs: A4 or Letter"))
BUSINESS_LOGO = Setting("business.logo", "", N_("Path to a logo image for PDFs (PNG or JPEG)"))
INVOICE_NUMBER_PATTERN = Setting(
    "invoice.number_pattern", "{year}-{seq:04d}", N_("Pattern for new invoice numbers")
)
CREDIT_NOTE_PATTERN = Setting(
    "invoice.credit_note_pattern", "R-{year}-{seq:04d}",
    N_("Pattern for credit note numbers (their own series, apart from invoices)"))
# What an invoice asks to be paid (core/terms.py): base + VAT − IRPF; the discount for paying
# early. New invoices start from these; each invoice keeps its own.
BUSINESS_VAT_RATE = Setting(
    "business.vat_rate", "0", N_("VAT rate new invoice lines start with, percent (e.g. 21)"))
BUSINESS_IRPF_RATE = Setting(
    "business.irpf_rate", "0",
    N_("IRPF withheld on the base of new invoices, percent (Spain: 15, or 7 in your first "
       "years; 0 for none)"))
BUSINESS_DISCOUNT_PERCENT = Setting(
    "business.discount_percent", "0",
    N_("Early-payment discount of new invoices, percent (e.g. 2; 0 for none)"))
BUSINESS_DISCOUNT_DAYS = Setting(
    "business.discount_days", 0,
    N_("Days from the issue date within which the early-payment discount applies"))
# Late fees and interest: off by default; shown in drafts and statements, never written
# into a sent invoice. es, eu and uk are the late-payment laws (core/latefees.py), with the
# official rate of each half-year (core/rates.py); a client may override the mode.
LATE_FEE_MODE = Setting(
    "late.mode", "off",
    N_("Late charges: off, fixed, interest, fixed+interest, es (Spain, Ley 3/2004), eu (EU "
       "directive) or uk (Late Payment Act 1998); a client can override it"))
LATE_FEE_FIXED = Setting(
    "late.fixed", "0", N_("Fixed late fee per invoice, in the invoice's currency (modes fixed "
                          "and fixed+interest)"))
LATE_FEE_ANNUAL_RATE = Setting(
    "late.annual_rate", "0", N_("Contractual yearly interest rate on late amounts, percent "
                                "(modes interest and fixed+interest)"))
LATE_FEE_REFERENCE_RATE = Setting(
    "late.reference_rate", "",
    N_("Leave empty to use the official rate of each half-year (collector rates list); a "
       "percentage here is used as the central bank rate for every half-year instead"))
LATE_FEE_COMPENSATION = Setting(
    "late.compensation", "40 EUR",
    N_("Fixed compensation per late invoice under the eu rule: 40 EUR, or its equivalent in "
       "your currency (several: 40 EUR; 450 SEK)"))
BACKUP_KEEP = Setting("backup.keep", 10, N_("How many automatic daily backups to keep"))

# The dunning policy: when each stage is due, counted in days from the invoice's due date.
REMINDER_PRE_DUE_DAYS = Setting(
    "reminders.pre_due_days", 7, N_("Friendly notice this many days before the due date")
)
REMINDER_DUE_DAYS = Setting(
    "reminders.due_days", 0, N_("Reminder on the due date (days after it; 0 is the day itself)")
)
REMINDER_POLITE_DAYS = Setting(
    "reminders.polite_days", 3, N_("Polite reminder this many days after the due date")
)
REMINDER_FIRM_DAYS = Setting(
    "reminders.firm_days", 15, N_("Firm reminder this many days after the due date")
)
REMINDER_FINAL_DAYS = Setting(
    "reminders.final_days", 30, N_("Final notice this many days after the due date")
)
REMINDER_FINAL_PAY_WITHIN = Setting(
    "reminders.final_pay_within_days", 7, N_("Days the final notice gives to pay (its pay-by date)")
)
REMINDER_MIN_GAP = Setting(
    "reminders.min_gap_days", 6, N_("Fewest days between two reminders to the same client")
)
REMINDER_STAGES = Setting(
    "reminders.stages",
    "pre-due,due,polite,firm,final",
    N_("Which reminder stages are sent (comma-separated: pre-due, due, polite, firm, final)"),
)

# A short thank-you when a payment clears an invoice that was reminded (actions/thanks.py):
# off by default; queued with the payment, sent with the next mail that goes out.
THANKS_ENABLED = Setting(
    "thanks.enabled", "off",
    N_("Thank the client by email when a payment clears an invoice that was reminded: on or "
       "off"))
# The words an on/off setting takes (`collector config set thanks.enabled yes`).
SWITCH_WORDS = {"on": True, "yes": True, "true": True, "1": True,
                "off": False, "no": False, "false": False, "0": False}

# Sending mail.
SMTP_HOST = Setting("smtp.host", "", N_("Outgoing mail server (SMTP), e.g. smtp.example.com"))
SMTP_PORT = Setting("smtp.port", 587, N_("SMTP port: 587 for STARTTLS, 465 for SSL, 25 for none"))
SMTP_SECURITY = Setting("smtp.security", "starttls", N_("Connection security: starttls, ssl or none"))
SMTP_USER = Setting("smtp.user", "", N_("User name on the mail server (often your address)"))
SMTP_FROM = Setting("smtp.from", "", N_("The From address of reminders (default: business.email)"))
SMTP_TIMEOUT = Setting("smtp.timeout", 30, N_("Seconds to wait for the mail server before giving up"))

ALL: tuple[Setting, ...] = tuple(v for v in globals().values() if isinstance(v, Setting))
BY_KEY: dict[str, Setting] = {s.key: s for s in ALL}


class Settings:
    """Typed read access over the raw key/value pairs stored in the ledger."""

    def __init__(self, raw: Mapping[str, str]) -> None:
        self._raw = dict(raw)

    def get(self, setting: Setting[T]) -> T:
        return setting.parse(self._raw.get(setting.key))

    def raw(self, key: str) -> str | None:
        return self._raw.get(key)

    def payment_texts(self) -> dict[str, str]:
        """Every business.pay.<CODE> value set, by currency code."""
        return {k.rpartition(".")[2].upper(): v.strip() for k, v in self._raw.items()
                if k.startswith("business.pay.") and (v or "").strip()}

    def payment_text(self, currency: str) -> str:
        """The payment details set for *currency* (business.pay.<CODE>), "" when none: any
        code is read, declared or not."""
        return (self._raw.get(f"business.pay.{currency.upper()}") or "").strip()
