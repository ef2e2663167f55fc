"""Setting declarations of the reminder policy and of sending mail (merged into settings.ALL).

The SMTP password is not a setting: it lives in the system keyring (mail/secrets.py).
"""

from __future__ import annotations

from collector_gui.core.settings import Setting

# The dunning policy: when each stage is due, counted in days from the invoice's due date.
REMINDER_PRE_DUE_DAYS = Setting(
    "reminders.pre_due_days", 7, "Friendly notice this many days before the due date"
)
REMINDER_DUE_DAYS = Setting(
    "reminders.due_days", 0, "Reminder on the due date (days after it; 0 is the day itself)"
)
REMINDER_POLITE_DAYS = Setting(
    "reminders.polite_days", 3, "Polite reminder this many days after the due date"
)
REMINDER_FIRM_DAYS = Setting(
    "reminders.firm_days", 15, "Firm reminder this many days after the due date"
)
REMINDER_FINAL_DAYS = Setting(
    "reminders.final_days", 30, "Final notice this many days after the due date"
)
REMINDER_FINAL_PAY_WITHIN = Setting(
    "reminders.final_pay_within_days", 7, "Days the final notice gives to pay (its pay-by date)"
)
REMINDER_MIN_GAP = Setting(
    "reminders.min_gap_days", 6, "Fewest days between two reminders to the same client"
)
REMINDER_STAGES = Setting(
    "reminders.stages",
    "pre-due,due,polite,firm,final",
    "Which reminder stages are sent (comma-separated: pre-due, due, polite, firm, final)",
)

# Sending mail.
SMTP_HOST = Setting("smtp.host", "", "Outgoing mail server (SMTP), e.g. smtp.example.com")
SMTP_PORT = Setting("smtp.port", 587, "SMTP port: 587 for STARTTLS, 465 for SSL, 25 for none")
SMTP_SECURITY = Setting("smtp.security", "starttls", "Connection security: starttls, ssl or none")
SMTP_USER = Setting("smtp.user", "", "User name on the mail server (often your address)")
SMTP_FROM = Setting("smtp.from", "", "The From address of reminders (default: business.email)")
SMTP_TIMEOUT = Setting("smtp.timeout", 30, "Seconds to wait for the mail server before giving up")

ALL: tuple[Setting, ...] = tuple(v for v in globals().values() if isinstance(v, Setting))
BY_KEY: dict[str, Setting] = {s.key: s for s in ALL}
