"""What the reminder wizard, Ctrl+R and the outbox share: stage names, the password asked at
send time, the summary's words, and starting a delivery in a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from collector_gui.actions import config
from collector_gui.actions.delivery import DeliverySummary, MessageResult
from collector_gui.actions.remind import ReminderFlow
from collector_gui.core.dunning import Stage
from collector_gui.ledger.store import Store
from collector_gui.ui import display_names
from collector_gui.ui.context import AppContext
from collector_gui.ui.window_language import tr
from collector_gui.ui.tasks import BackgroundTask, run_in_background


def stage_label(stage: Stage | str) -> str:
    """One label per stage, the tables' and the wizard's (ui/display_names.py)."""
    return display_names.stage_label(Stage(stage).value)


def ask_password(parent: QWidget | None, ctx: AppContext) -> tuple[bool, str | None]:
    """(go on, password): asks for the SMTP password when the server needs one and no keyring
    holds it. The password is only handed to the send; never logged or stored."""
    smtp = config.smtp_settings(ctx.store)
    if not smtp.needs_password or config.has_saved_password(ctx.store):
        return True, None
    status = config.keyring_status()
    why = (tr("No password store (keyring) works here, so it is asked each time.")
           if not status.available else tr("No password is saved for this server."))
    text, ok = QInputDialog.getText(
        parent, tr("Mail server password"),
        tr("Password of {user} on {host}:").format(user=smtp.user, host=smtp.host) + "\n" + why,
        QLineEdit.EchoMode.Password)
    if not ok or not text:
        return False, None
    return True, text


def summary_text(summary: DeliverySummary) -> str:
    """The summary in the window's language (the reasons stay as the server said them)."""
    return "\n".join([summary_headline(summary, notes=False)]
                     + [result_line(r) for r in summary.results]
                     + summary_notes(summary))


def summary_headline(summary: DeliverySummary, *, notes: bool = True) -> str:
    """The counts ("3 sent, 1 failed."), then, with *notes*, what to do about the rest."""
    counts = []
    if summary.sent:
        counts.append(tr("{n} sent").format(n=len(summary.sent)))
    if summary.saved:
        counts.append(tr("{n} saved as .eml").format(n=len(summary.saved)))
    if summary.failed:
        counts.append(tr("{n} failed").format(n=len(summary.failed)))
    if summary.unknown:
        counts.append(tr("{n} unknown").format(n=len(summary.unknown)))
    if summary.skipped:
        counts.append(tr("{n} skipped").format(n=len(summary.skipped)))
    lines = [(", ".join(counts) or tr("Nothing was sent")) + "."]
    return "\n".join(lines + (summary_notes(summary) if notes else []))


def summary_notes(summary: DeliverySummary) -> list[str]:
    lines = []
    if summary.cancelled:
        lines.append(tr("Cancelled: the messages not listed above were not sent."))
    if summary.interrupted:
        lines.append(tr("Interrupted: the messages not listed above were not sent."))
    if summary.failed and any(r.event_id is not None for r in summary.failed):
        lines.append(tr("Failed messages wait in the outbox (Reminders ▸ Outbox…) to be retried."))
    if summary.unknown:
        lines.append(tr("Whether the unknown messages arrived cannot be told: they are not sent "
                        "again on their own. Check, then say so in the outbox (Reminders ▸ "
                        "Outbox…)."))
    return lines


def outbox_status_label(status: str) -> str:
    return {"failed": tr("failed"), "queued": tr("being sent"),
            "unknown": tr("delivery unknown")}.get(status, status)


def result_line(r: MessageResult) -> str:
    if r.status == "sent" and not r.recorded:
        return tr("Delivered to {client} <{to}>, not yet recorded (the ledger was busy): it is "
                  "recorded when Collector next opens the ledger").format(client=r.client,
                                                                         to=r.recipient)
    if r.status == "unknown":
        return tr("UNKNOWN for {client} <{to}>: {error}. It may have arrived; it waits in the "
                  "outbox for you to say").format(client=r.client, to=r.recipient,
                                                  error=r.error)
    if r.status == "sent":
        return tr("Sent to {client} <{to}>: {subject}").format(client=r.client, to=r.recipient,
                                                              subject=r.subject)
    if r.status == "saved":
        return tr("Saved for {client}: {path}").format(client=r.client, path=str(r.path))
    if r.status == "failed":
        return tr("FAILED for {client} <{to}>: {error}").format(client=r.client,
                                                               to=r.recipient, error=r.error)
    return tr("Skipped {client}: {error}").format(client=r.client, error=r.error)


def start_delivery(parent: QWidget, ctx: AppContext, flow: ReminderFlow, *,
                   folder: Path | None = None, password: str | None = None,
                   on_result: Callable[[MessageResult], None] | None = None,
                   on_done: Callable[[DeliverySummary], None] | None = None,
                   on_error: Callable[[BaseException], None] | None = None) -> BackgroundTask:
    """Send the flow's drafts (or save them as .eml into *folder*) in a worker thread."""

    def op(ledger, task):
        from collector_gui.actions.gc_pause import collector_paused

        store = Store(ledger)
        # The plan (10^5 objects at 100k invoices) is alive while the messages are made: a
        # full collection over it held the GIL, and the window, ~100 ms (bench_stalls.py).
        # Frozen after, as the wizard's own work is, until the wizard closes (thaw).
        with collector_paused():
            if folder is not None:
                return flow.save_eml(folder, task=task, on_result=on_result, store=store)
            return flow.send(password=password, task=task, on_result=on_result, store=store)

    def done(summary: DeliverySummary) -> None:
        ctx.notify()
        if on_done is not None:
            on_done(summary)

    label = (tr("Saving the reminders as .eml files…") if folder is not None
             else tr("Sending the reminders…"))
    # it writes (queued, sent, failed…): on the window's one writer thread
    return run_in_background(parent, op, done, ledger_path=ctx.path, label=label,
                             on_error=on_error, writes=True)
