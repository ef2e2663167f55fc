"""The sample ledger's clients (actions/demo.py): people and companies in several countries,
with names, tax ids, addresses and phones that look right for each country, billing contacts,
payment terms, credit limits and a price list. Deterministic for a given random generator.

Phone numbers use the ranges reserved for fiction where a country has them, and e-mail
addresses the reserved `.example` domain (RFC 2606).
"""

from __future__ import annotations

import random
import unicodedata
from itertools import accumulate

from collector_gui.actions import demo_data as D

__all__ = ["SampleClient", "make_clients"]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


class SampleClient:
    """A generated client: its row and what invoices need from it."""

    __slots__ = ("id", "row", "name", "greet", "language", "currency", "terms", "tax_rate",
                 "habit", "country", "prices")

    def __init__(self, **kw) -> None:
        for key, value in kw.items():
            setattr(self, key, value)


def _nif(rng: random.Random) -> str:
    n = rng.randrange(10_000_000, 99_999_999)
    return f"{n}{D.NIF_LETTERS[n % 23]}"


def _cif(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(7)]
    even = sum(digits[1::2])
    odd = sum(sum(divmod(2 * d, 10)) for d in digits[0::2])
    control = (10 - (even + odd) % 10) % 10
    return "B" + "".join(map(str, digits)) + str(control)


def _gb_vat(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(7)]
    total = sum(d * w for d, w in zip(digits, range(8, 1, -1)))
    return "GB" + "".join(map(str, digits)) + f"{(-total) % 97:02d}"


def _ie_vat(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(7)]
    total = sum(d * w for d, w in zip(digits, range(8, 1, -1)))
    return "IE" + "".join(map(str, digits)) + "WABCDEFGHIJKLMNOPQRSTUV"[total % 23]


def _person_and_company(rng: random.Random, country: str) -> tuple[str, str, str, str]:
    """(client name, contact first name, contact full name, e-mail domain) for one client."""
    ch = rng.choice
    if country in ("ES", "MX"):
        first, last = ch(D.ES_FIRST), f"{ch(D.ES_LAST)} {ch(D.ES_LAST)}"
        roll = rng.random()
        if roll < 0.5:
            company = f"{ch(D.ES_TRADE)} {ch(D.ES_LAST)}"
        elif roll < 0.8:
            company = f"{ch(D.ES_TRADE)} {ch(D.ES_PLACE)}"
        else:
            company = f"{ch(D.ES_LAST)} y {ch(D.ES_LAST)} {ch(D.ES_TRADE)}"
        form = ch(D.ES_FORM) if country == "ES" else ch(("S.A. de C.V.", "S. de R.L.", ""))
    elif country == "DE":
        first, last = ch(D.DE_FIRST), ch(D.DE_LAST)
        company = f"{ch(D.DE_BRAND)} {ch(D.DE_TRADE)}" if rng.random() < 0.6 else f"{ch(D.DE_LAST)} {ch(D.DE_TRADE)}"
        form = ch(("GmbH", "GmbH", "AG", "UG"))
    elif country == "JP":
        first, last = ch(D.JP_FIRST), ch(D.JP_LAST)
        company = f"{ch(D.JP_BRAND)} {ch(D.JP_TRADE)}" if rng.random() < 0.6 else f"{ch(D.JP_LAST)} {ch(D.JP_TRADE)}"
        form = ch(D.JP_FORM)
    else:
        first, last = ch(D.EN_FIRST), ch(D.EN_LAST)
        roll = rng.random()
        if roll < 0.55:
            company = f"{ch(D.EN_BRAND)} {ch(D.EN_TRADE)}"
        elif roll < 0.8:
            company = f"{ch(D.EN_LAST)} {ch(D.EN_TRADE)}"
        else:
            company = f"{ch(D.EN_BRAND)} & {ch(D.EN_LAST)}"
        form = {"GB": ch(("Ltd", "Ltd", "LLP", "")), "US": ch(("Inc.", "LLC", "Co.", "")),
                "IE": ch(("Ltd", "DAC", ""))}[country]
    return f"{company} {form}".strip(), first, f"{first} {last}", _ascii(company)


def _address(rng: random.Random, country: str) -> str:
    ch, num = rng.choice, rng.randrange(1, 180)
    if country == "ES":
        city, cp = ch(D.ES_CITIES)
        return f"{ch(D.ES_STREETS)}, {num}, {rng.randrange(1, 9)}º {ch('ABCD')}\n{cp}{rng.randrange(1, 60):02d} {city}"
    if country == "MX":
        return f"{ch(D.MX_STREETS)} {num}\n{ch(D.MX_PLACES)[0]}\nMéxico"
    if country == "GB":
        town, pc = ch(D.GB_PLACES)
        return f"{num} {ch(D.GB_STREETS)}\n{town} {pc}\nUnited Kingdom"
    if country == "US":
        city, state, zipc = ch(D.US_PLACES)
        return f"{num * 10} {ch(D.US_STREETS)}, Suite {rng.randrange(1, 9)}00\n{city}, {state} {zipc}\nUSA"
    if country == "IE":
        town, eircode = ch(D.IE_PLACES)
        return f"{num} {ch(('Baggot Street', 'Grafton Street', 'Shop Street', 'Patrick Street'))}\n{town} {eircode}\nIreland"
    if country == "DE":
        city, plz = ch(D.DE_PLACES)
        return f"{ch(D.DE_STREETS)} {num}\n{plz} {city}\nGermany"
    ward, city, pc = ch(D.JP_PLACES)
    return f"{rng.randrange(1, 9)}-{rng.randrange(1, 20)}-{rng.randrange(1, 30)} {ward}\n{city} {pc}\nJapan"


def _phone(rng: random.Random, country: str) -> str:
    r = rng.randrange
    return {
        "ES": lambda: f"+34 {r(6, 10)}{r(10, 100)} {r(100, 1000)} {r(100, 1000)}",
        "MX": lambda: f"+52 55 {r(1000, 10000)} {r(1000, 10000)}",
        # Ofcom's range for drama: 020 7946 0000–0999
        "GB": lambda: f"+44 20 7946 0{r(0, 1000):03d}",
        # 555-0100…0199 is reserved for fiction
        "US": lambda: f"+1 {r(201, 990)} 555 01{r(0, 100):02d}",
        "IE": lambda: f"+353 1 {r(100, 1000)} {r(1000, 10000)}",
        "DE": lambda: f"+49 30 {r(1000000, 10000000)}",
        "JP": lambda: f"+81 3-{r(1000, 10000)}-{r(1000, 10000)}",
    }[country]()


def _tax_id(rng: random.Random, country: str, company: bool) -> str:
    if country == "ES":
        return _cif(rng) if company else _nif(rng)
    if country == "MX":
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3 if company else 4))
        return f"{letters}{rng.randrange(70, 100):02d}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.choice('ABCDEFGH')}{rng.randrange(10)}{rng.randrange(10)}"
    if country == "GB":
        return _gb_vat(rng)
    if country == "US":
        return f"{rng.randrange(10, 99)}-{rng.randrange(1000000, 9999999)}"
    if country == "IE":
        return _ie_vat(rng)
    if country == "DE":
        return f"DE{rng.randrange(100000000, 999999999)}"
    return f"T{rng.randrange(10**12, 10**13)}"


def _price_list(rng: random.Random, currency: str) -> tuple[tuple[int, ...], ...]:
    """A client's own rates for each item (and expenses), in its currency's minor units."""
    factor, digits, _, _ = D.CURRENCIES[currency]
    unit = 10**digits
    out = []
    for _, _, kind, low, high in (*D.ITEMS, ("", "", "expense", D.EXPENSE[2], D.EXPENSE[3])):
        prices = []
        for _ in range(3):
            major = rng.uniform(low, high) * factor
            if kind == "word":  # low/high are cents of EUR per word
                prices.append(max(1, round(major * unit / 100)))
            elif kind == "expense":
                prices.append(round(major * unit))  # at cost: any amount, cents included
            elif kind == "hour":  # 42.50 an hour, or 6,500 yen
                step = 500 * unit if currency == "JPY" else unit // 2
                prices.append(max(step, round(major * unit / step) * step))
            elif kind in ("month", "unit"):
                step = 500 if currency == "JPY" else 1
                prices.append(max(step, round(major / step) * step) * unit)
            else:
                step = 1000 if currency == "JPY" else 5
                prices.append(max(step, round(major / step) * step) * unit)
        out.append(tuple(prices))
    return tuple(out)


def make_clients(rng: random.Random, count: int) -> list[SampleClient]:
    countries = list(D.COUNTRIES)
    cum = list(accumulate(D.COUNTRIES[c].weight for c in countries))
    taken: set[str] = set()
    clients: list[SampleClient] = []
    for index in range(count):
        code = (D.FIRST_COUNTRIES[index] if index < len(D.FIRST_COUNTRIES)
                else rng.choices(countries, cum_weights=cum)[0])
        country = D.COUNTRIES[code]
        company = rng.random() < country.company_share
        name = ""
        for attempt in range(12):
            company_name, first, person, slug = _person_and_company(rng, code)
            name = company_name if company else person
            if name.casefold() not in taken:
                break
        else:
            # Deterministic way out of a collision: a branch office, then a number.
            base = name
            for n in range(2, 10_000):
                name = f"{base} ({n})"
                if name.casefold() not in taken:
                    break
        taken.add(name.casefold())
        first_ascii, last_ascii = _ascii(first), _ascii(person.split(" ", 1)[1])
        if company:
            email = f"{first_ascii}@{slug}.example"
        else:
            email = f"{first_ascii}.{last_ascii}@{rng.choice(('correo', 'mail', 'studio'))}.example"
        billing_name = billing_email = ""
        if company and rng.random() < 0.45:
            if country.language == "es":
                billing_name = f"Administración ({rng.choice(D.ES_FIRST)} {rng.choice(D.ES_LAST)})"
                billing_email = f"facturas@{slug}.example"
            else:
                billing_name = f"Accounts Payable ({rng.choice(D.EN_FIRST)} {rng.choice(D.EN_LAST)})"
                billing_email = f"accounts@{slug}.example"
        elif not company and rng.random() < 0.12:
            # A person whose work an agency pays for.
            agency, _, _, agency_slug = _person_and_company(rng, code)
            billing_name, billing_email = agency, f"pagos@{agency_slug}.example"
        terms = rng.choice((14, 30, 30, 30, 30, 45, 60, 60))
        credit = None
        if rng.random() < 0.25:
            factor, digits, _, _ = D.CURRENCIES[country.currency]
            step = 100_000 if country.currency == "JPY" else 500
            credit = round(rng.uniform(3_000, 20_000) * factor / step) * step * 10**digits
        notes = ""
        roll = rng.random()
        if roll < 0.06:
            notes = ("Paga siempre a 60 días, digan lo que digan las condiciones."
                     if country.language == "es" else "Always pays at 60 days, whatever the terms say.")
        elif roll < 0.10:
            notes = ("Prefiere que le llamen antes de enviar recordatorios."
                     if country.language == "es" else "Prefers a phone call before any reminder.")
        habit = rng.choice((0.6, 0.6, 0.8, 1.0, 1.0, 1.0, 1.3, 1.7))
        row = [
            index + 1, name, email, country.language, _phone(rng, code), _address(rng, code),
            _tax_id(rng, code, company), country.currency, terms, credit, billing_name,
            billing_email, notes, 0, 0, None,  # created_at: set once its first invoice is known
        ]
        clients.append(SampleClient(
            id=index + 1, row=row, name=name,
            greet=first if not billing_name or not company else billing_name.split("(")[-1].split()[0],
            language=country.language, currency=country.currency, terms=terms,
            tax_rate=country.tax_rate, habit=habit, country=code,
            prices=_price_list(rng, country.currency),
        ))
    return clients
