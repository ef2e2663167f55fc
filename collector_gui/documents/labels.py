"""The words printed on Collector's PDFs, in the client's language (en, es).

Every language has exactly the same keys (a test checks); placeholders in braces are
filled with str.format. Amounts, dates and numbers are formatted with Babel elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping

_EN: dict[str, str] = {
    # documents
    "invoice_title": "Invoice",
    "statement_title": "Statement of account",
    "dossier_title": "Collection dossier",
    # parties
    "bill_to": "Bill to",
    "client": "Client",
    "attention": "Attn.",
    "tax_id": "Tax ID",
    "email": "Email",
    "phone": "Phone",
    "address": "Address",
    "name": "Name",
    "billing_contact": "Billing contact",
    "billing_email": "Billing email",
    "language": "Language",
    "language_en": "English",
    "language_es": "Spanish",
    "payment_terms": "Payment terms",
    "n_days": "{n} days",
    "credit_limit": "Credit limit",
    "on_hold": "Work on hold",
    "yes": "yes",
    "no": "no",
    "notes": "Notes",
    "none": "none",
    # invoice
    "invoice_number": "Invoice number",
    "issue_date": "Issue date",
    "due_date": "Due date",
    "description": "Description",
    "quantity": "Qty",
    "unit_price": "Unit price",
    "tax": "Tax",
    "amount": "Amount",
    "net_at": "Net at {rate}",
    "tax_at": "Tax at {rate}",
    "total": "Total",
    "payments_received": "Payments received",
    "payment_on": "Payment of {date}",
    "balance_due": "Balance due",
    "paid_in_full": "Paid in full. Thank you.",
    "imported_line": "Invoice {number}",
    "payment_instructions": "How to pay",
    "pay_by_transfer": "Please pay by bank transfer, quoting the reference {ref}.",
    "reference": "Reference",
    "scan_to_pay": "Scan to pay with your banking app",
    "late_terms": "Late payment",
    "void_note": "This invoice is void.",
    "draft_note": "Draft: not a valid invoice.",
    # statement
    "as_of": "As of",
    "open_invoices": "Open invoices",
    "number": "Number",
    "issued": "Issued",
    "due": "Due",
    "days_overdue": "Days overdue",
    "paid": "Paid",
    "balance": "Balance",
    "not_overdue": "–",
    "totals_per_currency": "Totals per currency",
    "currency": "Currency",
    "overdue_part": "Overdue",
    "aging": "Aging",
    "bucket_current": "Not yet due",
    "bucket_1-30": "1–30 days",
    "bucket_31-60": "31–60 days",
    "bucket_61-90": "61–90 days",
    "bucket_90+": "Over 90 days",
    "payments_in_period": "Payments received from {start} to {end}",
    "date": "Date",
    "invoice": "Invoice",
    "method": "Method",
    "no_open_invoices": "No open invoices. Thank you.",
    "no_payments": "No payments in this period.",
    "contact_history": "Contact history",
    "no_contact": "No contact recorded.",
    "last_contact": "last contact {date}",
    "promises_summary": "promises to pay — kept: {kept}, broken: {broken}, pending: {pending}",
    "to_pay_now": "To pay now",
    "on_hold_part": "On hold",
    "held_invoice": "on hold: your query",
    "how_to_pay_in": "How to pay in {currency}",
    "account_holder": "Account holder",
    "no_details": "Reply to our email and we will send you the payment details for {currency}.",
    "statement_question": "For any question about this statement, write to {email}.",
    # late charges
    "late_charges": "Late-payment charges as of {date}",
    "late_fee": "Fixed fee",
    "interest": "Interest",
    "total_claimed": "Total claimed",
    "policy_off": "No late fees or interest are charged.",
    "policy_fixed": "A fixed fee of {fee} per overdue invoice.",
    "policy_interest": "Simple interest of {rate} a year on the overdue balance, per day.",
    "policy_fixed_interest": "A fixed fee of {fee} per overdue invoice, and simple interest "
                             "of {rate} a year on the overdue balance, per day.",
    "policy_eu": "EU late-payment rule (Directive 2011/7/EU): interest at the reference rate "
                 "{ref} plus 8 points, {rate} a year, per day; and a fixed compensation of "
                 "{fee} per invoice in euros.",
    "policy_eu_table": "EU late-payment rule (Directive 2011/7/EU): simple interest per day at the "
                       "ECB rate of each half-year plus 8 points ({rate} a year now); and a fixed "
                       "compensation of {fee} per invoice in euros.",
    "policy_es": "Late-payment interest under Spanish Law 3/2004: the legal rate of each half-year "
                 "(ECB rate plus 8 points, {rate} a year now), simple, per day; and 40 € "
                 "compensation for collection costs per invoice.",
    "policy_uk": "Statutory interest under the Late Payment of Commercial Debts (Interest) Act "
                 "1998: Bank of England base rate plus 8 points ({rate} a year now), simple, per "
                 "day; and fixed compensation of £40, £70 or £100 per invoice by its size.",
    # dossier
    "client_details": "Client details",
    "summary": "Summary",
    "outstanding": "Outstanding",
    "unpaid_invoices": "Unpaid invoices",
    "fees_and_interest": "Interest and fees owed",
    "full_contact_history": "Contact history",
    "when": "When",
    "kind": "Kind",
    "details": "Details",
    "all_payments": "Payments received",
    "invoice_copies": "Copies of the unpaid invoices follow.",
    "invoices_concerned": "Invoices: {numbers}",
    "status": "status: {status}",
    "stage": "stage: {stage}",
    "promise_detail": "Promised {amount} by {date}",
    "promise_detail_noamount": "Promised payment by {date}",
    "promise_kept": "kept",
    "promise_broken": "broken",
    "promise_pending": "pending",
    "disputed": "disputed",
    "error": "error: {error}",
    # contact kinds: singular, plural
    "kind_email": "email",
    "kind_email_pl": "emails",
    "kind_letter": "letter",
    "kind_letter_pl": "letters",
    "kind_call": "call",
    "kind_call_pl": "calls",
    "kind_note": "note",
    "kind_note_pl": "notes",
    "kind_promise": "promise to pay",
    "kind_promise_pl": "promises to pay",
    # contact statuses
    "status_logged": "logged",
    "status_queued": "queued",
    "status_sent": "sent",
    "status_failed": "failed",
    "status_saved": "saved as a file",
    "status_unknown": "delivery unknown",
    # reminder stages
    "stage_pre-due": "before the due date",
    "stage_polite": "polite",
    "stage_firm": "firm",
    "stage_final": "final",
}

_ES: dict[str, str] = {
    "invoice_title": "Factura",
    "statement_title": "Extracto de cuenta",
    "dossier_title": "Expediente de reclamación",
    "bill_to": "Facturar a",
    "client": "Cliente",
    "attention": "A la atención de",
    "tax_id": "NIF",
    "email": "Correo electrónico",
    "phone": "Teléfono",
    "address": "Dirección",
    "name": "Nombre",
    "billing_contact": "Contacto de facturación",
    "billing_email": "Correo de facturación",
    "language": "Idioma",
    "language_en": "inglés",
    "language_es": "español",
    "payment_terms": "Plazo de pago",
    "n_days": "{n} días",
    "credit_limit": "Límite de crédito",
    "on_hold": "Trabajo en pausa",
    "yes": "sí",
    "no": "no",
    "notes": "Notas",
    "none": "ninguno",
    "invoice_number": "Número de factura",
    "issue_date": "Fecha de emisión",
    "due_date": "Fecha de vencimiento",
    "description": "Concepto",
    "quantity": "Cant.",
    "unit_price": "Precio unitario",
    "tax": "IVA",
    "amount": "Importe",
    "net_at": "Base imponible al {rate}",
    "tax_at": "IVA al {rate}",
    "total": "Total",
    "payments_received": "Pagos recibidos",
    "payment_on": "Pago del {date}",
    "balance_due": "Importe pendiente",
    "paid_in_full": "Pagada en su totalidad. Gracias.",
    "imported_line": "Factura {number}",
    "payment_instructions": "Forma de pago",
    "pay_by_transfer": "Por favor, pague por transferencia bancaria indicando la referencia {ref}.",
    "reference": "Referencia",
    "scan_to_pay": "Escanee para pagar con la app de su banco",
    "late_terms": "Demora en el pago",
    "void_note": "Esta factura está anulada.",
    "draft_note": "Borrador: no es una factura válida.",
    "as_of": "A fecha de",
    "open_invoices": "Facturas pendientes",
    "number": "Número",
    "issued": "Emisión",
    "due": "Vencimiento",
    "days_overdue": "Días de retraso",
    "paid": "Pagado",
    "balance": "Pendiente",
    "not_overdue": "–",
    "totals_per_currency": "Totales por moneda",
    "currency": "Moneda",
    "overdue_part": "Vencido",
    "aging": "Antigüedad de la deuda",
    "bucket_current": "No vencido",
    "bucket_1-30": "1–30 días",
    "bucket_31-60": "31–60 días",
    "bucket_61-90": "61–90 días",
    "bucket_90+": "Más de 90 días",
    "payments_in_period": "Pagos recibidos del {start} al {end}",
    "date": "Fecha",
    "invoice": "Factura",
    "method": "Forma de pago",
    "no_open_invoices": "No hay facturas pendientes. Gracias.",
    "no_payments": "Ningún pago en este periodo.",
    "contact_history": "Historial de contactos",
    "no_contact": "Ningún contacto registrado.",
    "last_contact": "último contacto el {date}",
    "promises_summary": "promesas de pago — cumplidas: {kept}, incumplidas: {broken}, "
                        "pendientes: {pending}",
    "to_pay_now": "A pagar ahora",
    "on_hold_part": "En espera",
    "held_invoice": "en espera: su consulta",
    "how_to_pay_in": "Forma de pago en {currency}",
    "account_holder": "Titular",
    "no_details": "Responda a nuestro correo y le enviaremos los datos para pagar en {currency}.",
    "statement_question": "Para cualquier consulta sobre este extracto, escriba a {email}.",
    "late_charges": "Recargos por demora a fecha de {date}",
    "late_fee": "Recargo fijo",
    "interest": "Intereses",
    "total_claimed": "Total reclamado",
    "policy_off": "No se cobran recargos ni intereses por demora.",
    "policy_fixed": "Un recargo fijo de {fee} por factura vencida.",
    "policy_interest": "Interés simple del {rate} anual sobre el importe vencido, por día.",
    "policy_fixed_interest": "Un recargo fijo de {fee} por factura vencida y un interés simple "
                             "del {rate} anual sobre el importe vencido, por día.",
    "policy_eu": "Norma europea de morosidad (Directiva 2011/7/UE): interés del tipo de "
                 "referencia {ref} más 8 puntos, {rate} anual, por día; y una indemnización "
                 "fija de {fee} por factura en euros.",
    "policy_eu_table": "Norma europea de morosidad (Directiva 2011/7/UE): interés simple por día "
                       "al tipo del BCE de cada semestre más 8 puntos ({rate} anual ahora); y una "
                       "indemnización fija de {fee} por factura en euros.",
    "policy_es": "Intereses de demora de la Ley 3/2004: el tipo legal de cada semestre (tipo del "
                 "BCE más 8 puntos, {rate} anual ahora), simple, por día; y 40 € de "
                 "indemnización por costes de cobro por factura.",
    "policy_uk": "Intereses legales de la Late Payment of Commercial Debts (Interest) Act 1998 "
                 "británica: tipo del Banco de Inglaterra más 8 puntos ({rate} anual ahora), "
                 "simple, por día; y una compensación fija de 40, 70 o 100 £ por factura según "
                 "su importe.",
    "client_details": "Datos del cliente",
    "summary": "Resumen",
    "outstanding": "Pendiente",
    "unpaid_invoices": "Facturas impagadas",
    "fees_and_interest": "Intereses y recargos adeudados",
    "full_contact_history": "Historial de contactos",
    "when": "Fecha",
    "kind": "Tipo",
    "details": "Detalles",
    "all_payments": "Pagos recibidos",
    "invoice_copies": "A continuación, copias de las facturas impagadas.",
    "invoices_concerned": "Facturas: {numbers}",
    "status": "estado: {status}",
    "stage": "fase: {stage}",
    "promise_detail": "Prometió {amount} antes del {date}",
    "promise_detail_noamount": "Prometió pagar antes del {date}",
    "promise_kept": "cumplida",
    "promise_broken": "incumplida",
    "promise_pending": "pendiente",
    "disputed": "en disputa",
    "error": "error: {error}",
    "kind_email": "correo",
    "kind_email_pl": "correos",
    "kind_letter": "carta",
    "kind_letter_pl": "cartas",
    "kind_call": "llamada",
    "kind_call_pl": "llamadas",
    "kind_note": "nota",
    "kind_note_pl": "notas",
    "kind_promise": "promesa de pago",
    "kind_promise_pl": "promesas de pago",
    "status_logged": "registrado",
    "status_queued": "en cola",
    "status_sent": "enviado",
    "status_failed": "fallido",
    "status_saved": "guardado como archivo",
    "status_unknown": "entrega desconocida",
    "stage_pre-due": "antes del vencimiento",
    "stage_polite": "cordial",
    "stage_firm": "firme",
    "stage_final": "final",
}

LABELS: Mapping[str, Mapping[str, str]] = {"en": _EN, "es": _ES}

# Babel locale per client language (es: Spain's conventions, "1.250,50 €"); a statement
# refines it with the client's country (documents/addressing.client_locale).
BABEL_LOCALES: Mapping[str, str] = {"en": "en", "es": "es_ES"}


class Labels:
    """The labels of one language: `labels["total"]`, `labels("net_at", rate="21 %")`."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LABELS else "en"
        self._texts = LABELS[self.language]

    def __getitem__(self, key: str) -> str:
        return self._texts[key]

    def __call__(self, key: str, **values: object) -> str:
        return self._texts[key].format(**values)

    def get(self, key: str, default: str) -> str:
        return self._texts.get(key, default)
