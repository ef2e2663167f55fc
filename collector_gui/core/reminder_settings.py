"""The settings of the reminder policy and of sending mail, as one group.

They are declared in core/settings.py with all the others (so settings.ALL lists every
setting); this module names the group. The SMTP password is not a setting: it lives in the
system keyring (mail/secrets.py).
"""

from __future__ import annotations

from collector_gui.core.settings import (  # noqa: F401
    REMINDER_PRE_DUE_DAYS,
    REMINDER_DUE_DAYS,
    REMINDER_POLITE_DAYS,
    REMINDER_FIRM_DAYS,
    REMINDER_FINAL_DAYS,
    REMINDER_FINAL_PAY_WITHIN,
    REMINDER_MIN_GAP,
    REMINDER_STAGES,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_USER,
    SMTP_FROM,
    SMTP_TIMEOUT,
)
from collector_gui.core import settings as _settings
from collector_gui.core.settings import Setting

ALL: tuple[Setting, ...] = tuple(
    s for s in _settings.ALL if s.key.startswith(("reminders.", "smtp."))
)
BY_KEY: dict[str, Setting] = {s.key: s for s in ALL}
