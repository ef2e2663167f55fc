"""The words the window shows for the ledger's codes (statuses, kinds, stages, buckets)."""

from __future__ import annotations


from collector_gui.ui.window_language import tr
from collector_gui.core.model import EventKind, EventStatus, Status



def status_label(status: str) -> str:
    return {
        Status.DRAFT: tr("Draft"),
        Status.OPEN: tr("Open"),
        Status.PARTIALLY_PAID: tr("Partially paid"),
        Status.OVERDUE: tr("Overdue", "invoice status"),
        Status.PAID: tr("Paid"),
        Status.VOID: tr("Void"),
        "disputed": tr("Disputed"),
    }.get(status, status)


def status_filters() -> list[tuple[str | None, str]]:
    """The invoice list's status filter: (key in browse.STATUS_FILTERS, label)."""
    return [
        (None, tr("All invoices")),
        ("open", tr("Open (not fully paid)")),
        ("overdue", tr("Overdue")),
        ("partially paid", tr("Partially paid")),
        ("paid", tr("Paid")),
        ("draft", tr("Draft")),
        ("void", tr("Void")),
        ("disputed", tr("Disputed")),
    ]


def kind_label(kind: str) -> str:
    return {
        EventKind.EMAIL: tr("Email"),
        EventKind.LETTER: tr("Letter"),
        EventKind.CALL: tr("Call"),
        EventKind.NOTE: tr("Note"),
        EventKind.PROMISE: tr("Promise to pay"),
    }.get(kind, kind)


def event_status_label(status: str) -> str:
    return {
        EventStatus.LOGGED: "",
        EventStatus.QUEUED: tr("Queued"),
        EventStatus.SENT: tr("Sent"),
        EventStatus.FAILED: tr("Failed"),
        EventStatus.SAVED: tr("Saved as .eml"),
        EventStatus.UNKNOWN: tr("Unknown: check"),
    }.get(status, status)


def stage_label(stage: str | None) -> str:
    if not stage:
        return ""
    return {
        "pre-due": tr("Pre-due notice"),
        "due": tr("Due-day reminder"),
        "polite": tr("Polite reminder"),
        "firm": tr("Firm reminder"),
        "final": tr("Final notice"),
        "thanks": tr("Thank-you"),  # not a reminder: actions/thanks.py
    }.get(stage, stage)


def bucket_label(bucket: str) -> str:
    return {
        "current": tr("Not yet due"),
        "1-30": tr("1–30 days"),
        "31-60": tr("31–60 days"),
        "61-90": tr("61–90 days"),
        "90+": tr("Over 90 days"),
    }.get(bucket, bucket)


def bucket_short_label(bucket: str) -> str:
    """For chart axes, where the long labels do not fit. Qt gives a bar's label a sixth of the
    aging chart's width, less padding: at 1024 pixels "Not due" and "Sin vencer" were cut to
    "Not d…" and "Sin ve…"; "Current" and "Al día" fit."""
    return {"current": tr("Current"), "90+": tr("90+")}.get(bucket, bucket.replace("-", "–"))


def payment_methods() -> list[str]:
    return [tr("Bank transfer"), tr("Card"), tr("Cash"), tr("Cheque"), tr("PayPal"),
            tr("Direct debit"), tr("Other")]
