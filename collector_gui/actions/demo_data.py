"""The sample ledger's material: the business, names and places of clients in several
countries, what is invoiced, and the short texts of the contact history (es/en)."""

from __future__ import annotations

from dataclasses import dataclass

from collector_gui.core import settings as cfg

DOMAIN = "luciaferrer.example"

# -- the business ----------------------------------------------------------------------------

BUSINESS = {
    cfg.BUSINESS_NAME.key: "Lucía Ferrer · Estudio de diseño",
    cfg.BUSINESS_ADDRESS.key: "Calle de la Peña de Francia 7, 2º izq.\n28005 Madrid\nEspaña",
    cfg.BUSINESS_EMAIL.key: f"hola@{DOMAIN}",
    cfg.BUSINESS_PHONE.key: "+34 600 123 456",
    cfg.BUSINESS_TAX_ID.key: "ES12345678Z",
    # The documented test IBAN (valid check digits; not a real account).
    cfg.BUSINESS_IBAN.key: "ES9121000418450200051332",
    cfg.BUSINESS_BIC.key: "CAIXESBBXXX",
    cfg.BUSINESS_PAYMENT_INSTRUCTIONS.key: (
        "Transferencia bancaria indicando el número de factura. / "
        "Bank transfer quoting the invoice number."
    ),
    cfg.BUSINESS_LATE_TERMS.key: (
        "Ley 3/2004: las facturas vencidas devengan el interés de demora legal y 40 € de "
        "indemnización por costes de cobro. / Late payments accrue statutory interest and a "
        "40 EUR recovery fee."
    ),
    cfg.BUSINESS_CURRENCY.key: "EUR",
    cfg.BUSINESS_LANGUAGE.key: "es",
}
SIGNATURE = "Lucía Ferrer"

# -- names, places, numbers ------------------------------------------------------------------

ES_FIRST = (
    "José", "María", "Lucía", "Álvaro", "Íñigo", "Sofía", "Martín", "Inés", "Raúl", "Begoña",
    "Jesús", "Ángela", "Óscar", "Nuria", "Adrián", "Marta", "Sergio", "Pilar", "Rubén", "Elena",
    "Joaquín", "Carmen", "Andrés", "Belén", "Tomás", "Noemí", "Hugo", "Rocío", "Iván", "Amparo",
    "Germán", "Verónica", "Julián", "Mónica", "Ramón", "Víctor", "Sebastián", "Irene", "Fátima",
    "Jordi", "Núria", "Xabier", "Ainhoa", "Maite", "Agustín", "Leticia", "Efraín", "Aitana",
)
ES_LAST = (
    "Núñez", "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
    "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso",
    "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez",
    "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz",
    "Rubio", "Marín", "Sanz", "Íñiguez", "Peña", "Beltrán", "Ibáñez", "Cañizares", "Echeverría",
    "Zúñiga", "Montañés", "Orduña", "Saldaña", "Ávila", "Quiñones",
)
ES_TRADE = (
    "Estudio Gráfico", "Ediciones", "Talleres", "Construcciones", "Asesoría", "Clínica Dental",
    "Bodegas", "Inmobiliaria", "Distribuciones", "Ferretería", "Academia de Idiomas", "Óptica",
    "Librería", "Carpintería", "Transportes", "Laboratorios", "Hoteles", "Consultoría",
    "Panadería", "Viveros", "Cerámicas", "Arquitectura", "Gestoría", "Joyería", "Catering",
)
ES_PLACE = (
    "del Duero", "La Espiga", "Sierra Nevada", "Ría de Vigo", "El Peñón", "Los Álamos",
    "Costa Cálida", "Guadalquivir", "La Alcazaba", "Montseny", "Valle del Jerte", "Moncayo",
    "Las Médulas", "Cabo de Gata", "La Albufera", "Picos de Europa",
)
ES_FORM = ("S.L.", "S.L.", "S.L.", "S.A.", "S.L.U.", "S. Coop.", "e Hijos S.L.", "")

EN_FIRST = (
    "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Emily", "Jack", "Sophie",
    "Charlotte", "Liam", "Chloé", "Zoë", "Renée", "André", "Siobhán", "Seán", "Niamh", "Aoife",
    "Grace", "Thomas", "Hannah", "Daniel", "Priya", "Mohammed", "Olivia", "Ethan", "Ruth",
    "Samuel", "Eleanor", "Owen",
)
EN_LAST = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts",
    "Walker", "Wright", "Thompson", "O'Brien", "Murphy", "Kelly", "McCarthy", "Patel", "Khan",
    "Nguyen", "Hughes", "Clarke", "Lewis", "Doherty", "Fitzgerald", "Brontë", "Carter",
    "Morgan", "Bennett", "Hall", "Ó Súilleabháin",
)
EN_BRAND = (
    "Brightside", "Northwind", "Bluebell", "Silverline", "Redwood", "Harbour", "Oakridge",
    "Kestrel", "Foxglove", "Meridian", "Copperfield", "Ashdown", "Larkspur", "Greenway",
    "Highgate", "Saltmarsh", "Thistle", "Juniper", "Pinewood", "Riverside", "Lighthouse",
    "Hollybush", "Blackthorn", "Marigold", "Wildflower", "Stonebridge",
)
EN_TRADE = (
    "Media", "Design", "Studios", "Consulting", "Analytics", "Labs", "Publishing", "Events",
    "Architects", "Foods", "Outdoor", "Software", "Marketing", "Films", "Records", "Travel",
    "Interiors", "Coffee Roasters", "Games", "Health",
)
DE_FIRST = ("Jürgen", "Björn", "Käthe", "Jörg", "Anneliese", "Günther", "Lena", "Matthias")
DE_LAST = ("Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Bäcker", "Schröder", "Krämer")
DE_BRAND = ("Nordlicht", "Bergblick", "Sonnenhof", "Elbufer", "Weißdorn", "Lindenhof")
DE_TRADE = ("Medien", "Verlag", "Architektur", "Design", "Software", "Reisen")
JP_FIRST = ("Haruto", "Yui", "Sōta", "Hina", "Ren", "Aoi", "Yūki", "Sakura", "Kenji", "Emi")
JP_LAST = ("Satō", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura",
            "Kobayashi", "Katō", "Kaneko", "Ōta")
JP_BRAND = ("Sakura", "Fujimi", "Hoshino", "Kawaguchi", "Midori", "Asahi", "Tsubame", "Kōyō")
JP_TRADE = ("Design", "Printing", "Shōji", "Media", "Trading", "Games", "Publishing")
JP_FORM = ("Co., Ltd.", "K.K.", "Inc.")

ES_CITIES = (
    ("Madrid", "280"), ("Barcelona", "080"), ("Sevilla", "410"), ("València", "460"),
    ("Bilbao", "480"), ("Málaga", "290"), ("A Coruña", "150"), ("Córdoba", "140"),
    ("Logroño", "260"), ("Cádiz", "110"), ("León", "240"), ("Ávila", "050"), ("Jaén", "230"),
    ("Almería", "040"), ("Pamplona", "310"), ("Donostia", "200"), ("Cáceres", "100"),
)
ES_STREETS = (
    "Calle Mayor", "Avenida de la Constitución", "Calle Real", "Paseo de Gràcia",
    "Calle de Alcalá", "Plaza de España", "Calle San Fernando", "Avenida de Andalucía",
    "Calle Núñez de Balboa", "Rúa do Franco", "Calle Peñuelas", "Calle del Carmen",
    "Avenida de la Albufera", "Calle Ancha", "Ronda de Segovia",
)
GB_PLACES = (
    ("London", "EC1V 2NX"), ("Manchester", "M1 3HU"), ("Bristol", "BS1 5TR"),
    ("Edinburgh", "EH1 1YZ"), ("Leeds", "LS1 4DY"), ("Brighton", "BN1 1AE"),
    ("Cardiff", "CF10 1EP"), ("Belfast", "BT1 5GS"), ("Norwich", "NR2 1NR"),
)
GB_STREETS = ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane",
               "King's Road", "Queen Street", "Market Place")
US_PLACES = (
    ("San Francisco", "CA", "94103"), ("Austin", "TX", "78701"), ("Brooklyn", "NY", "11201"),
    ("Portland", "OR", "97205"), ("Chicago", "IL", "60607"), ("Miami", "FL", "33130"),
    ("Denver", "CO", "80202"), ("Seattle", "WA", "98101"),
)
US_STREETS = ("Market Street", "Main Street", "Congress Avenue", "Pearl Street",
               "Lake Shore Drive", "Broadway", "Alder Street")
IE_PLACES = (("Dublin 2", "D02 XY45"), ("Cork", "T12 RX2F"), ("Galway", "H91 E2K3"),
              ("Limerick", "V94 T9PX"))
DE_PLACES = (("Berlin", "10115"), ("Hamburg", "20095"), ("München", "80331"),
              ("Köln", "50667"), ("Düsseldorf", "40213"))
DE_STREETS = ("Berliner Straße", "Hauptstraße", "Schloßallee", "Gartenstraße", "Mühlenweg")
JP_PLACES = (("Chiyoda-ku", "Tokyo", "100-0005"), ("Shibuya-ku", "Tokyo", "150-0002"),
              ("Kita-ku", "Osaka", "530-0001"), ("Naka-ku", "Yokohama", "231-0023"),
              ("Nakagyō-ku", "Kyoto", "604-8005"))
MX_PLACES = (("Col. Juárez, 06600 Ciudad de México",), ("Col. Roma Norte, 06700 Ciudad de México",),
              ("Centro, 44100 Guadalajara, Jal.",), ("Centro, 64000 Monterrey, N.L.",))
MX_STREETS = ("Av. Paseo de la Reforma", "Calle Durango", "Av. Juárez", "Calle Morelos")

NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"

# Currency: (factor from EUR prices, minor digits, symbol in es, symbol in en)
CURRENCIES = {
    "EUR": (1.0, 2, "€", "€"),
    "USD": (1.1, 2, "US$", "$"),
    "GBP": (0.86, 2, "GBP", "£"),
    "JPY": (160.0, 0, "JPY", "¥"),
}


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    language: str
    currency: str
    tax_rate: int  # percent on invoice lines
    company_share: float
    weight: float  # share of clients


COUNTRIES = {
    "ES": Country("ES", "es", "EUR", 21, 0.55, 0.50),
    "MX": Country("MX", "es", "USD", 0, 0.80, 0.04),
    "GB": Country("GB", "en", "GBP", 20, 0.70, 0.14),
    "US": Country("US", "en", "USD", 0, 0.75, 0.12),
    "IE": Country("IE", "en", "EUR", 23, 0.70, 0.08),
    "DE": Country("DE", "en", "EUR", 19, 0.80, 0.06),
    "JP": Country("JP", "en", "JPY", 10, 0.85, 0.06),
}
# The first clients cover every language and currency, however few clients there are.
FIRST_COUNTRIES = ("ES", "GB", "ES", "US", "JP", "ES", "IE", "ES", "MX", "DE")

# What the studio invoices: (es, en, kind, low, high) with prices in EUR (per word: cents).
ITEMS = (
    ("Diseño de logotipo y manual de marca", "Logo design and brand guidelines", "fixed", 450, 2400),
    ("Desarrollo web (horas)", "Web development (hours)", "hour", 35, 70),
    ("Maquetación de catálogo", "Catalogue layout", "fixed", 300, 1800),
    ("Traducción inglés–español (palabras)", "Translation Spanish–English (words)", "word", 6, 12),
    ("Sesión fotográfica de producto", "Product photo shoot", "fixed", 250, 950),
    ("Mantenimiento del sitio web (meses)", "Website maintenance (months)", "month", 90, 260),
    ("Consultoría SEO (horas)", "SEO consulting (hours)", "hour", 45, 90),
    ("Ilustraciones para redes sociales", "Social media illustrations", "unit", 40, 160),
    ("Redacción de contenidos", "Copywriting", "fixed", 150, 900),
    ("Edición de vídeo (horas)", "Video editing (hours)", "hour", 30, 60),
)
EXPENSE = ("Gastos de desplazamiento (suplido)", "Travel expenses (at cost)", 20, 260)
PROJECTS = {
    "es": ("Rediseño de la web corporativa", "Campaña de primavera", "Catálogo de temporada",
           "Identidad visual", "Traducción del manual técnico", "Fotografía para la tienda online",
           "Mantenimiento web", "Boletín mensual", "Presentación para inversores",
           "Señalética de la oficina", "Vídeo corporativo", "Etiquetas de la nueva añada"),
    "en": ("Corporate website redesign", "Spring campaign", "Seasonal catalogue",
           "Brand identity", "Technical manual translation", "Online shop photography",
           "Website maintenance", "Monthly newsletter", "Investor deck", "Office signage",
           "Company video", "Packaging refresh"),
}
METHODS = {
    "EUR": ("Transferencia", "Transferencia", "Transferencia", "Bizum", "Tarjeta", "PayPal"),
    "USD": ("Wire transfer", "Wire transfer", "ACH", "PayPal", "Card"),
    "GBP": ("Bank transfer", "Bank transfer", "BACS", "PayPal", "Card"),
    "JPY": ("Bank transfer", "Bank transfer", "Wise"),
}

# -- contact history texts (short, in the client's language) ---------------------------------

EMAIL = {
    ("es", "pre-due"): ("Aviso: la factura {num} vence el {due}",
                        "Hola, {name}:\n\nTe recuerdo que la factura {num} ({amt}) vence el {due}.\n\nUn saludo,\n{me}"),
    ("es", "due"): ("La factura {num} vence hoy",
                    "Hola, {name}:\n\nHoy vence la factura {num}, de {amt}. ¡Gracias!\n\n{me}"),
    ("es", "polite"): ("Factura {num} pendiente de pago",
                       "Hola, {name}:\n\nLa factura {num} venció el {due} y figura pendiente ({amt}). ¿Puedes revisarlo?\n\nGracias,\n{me}"),
    ("es", "firm"): ("Segundo aviso: factura {num} vencida",
                     "Hola, {name}:\n\nLa factura {num} ({amt}) lleva {days} días vencida. Te ruego que la abones esta semana.\n\n{me}"),
    ("es", "final"): ("Último aviso antes de reclamación: factura {num}",
                      "Estimado/a {name}:\n\nSi la factura {num} ({amt}) no se abona en 7 días, iniciaré la reclamación con intereses de demora.\n\n{me}"),
    ("en", "pre-due"): ("Reminder: invoice {num} is due on {due}",
                        "Hi {name},\n\nA friendly note that invoice {num} ({amt}) is due on {due}.\n\nBest,\n{me}"),
    ("en", "due"): ("Invoice {num} is due today",
                    "Hi {name},\n\nInvoice {num} for {amt} is due today. Thank you!\n\n{me}"),
    ("en", "polite"): ("Invoice {num} is overdue",
                       "Hi {name},\n\nInvoice {num} was due on {due} and {amt} is still open. Could you check?\n\nThanks,\n{me}"),
    ("en", "firm"): ("Second reminder: invoice {num}",
                     "Dear {name},\n\nInvoice {num} ({amt}) is now {days} days overdue. Please arrange payment this week.\n\n{me}"),
    ("en", "final"): ("Final notice: invoice {num}",
                      "Dear {name},\n\nUnless invoice {num} ({amt}) is paid within 7 days I will start formal recovery, with statutory interest.\n\n{me}"),
}
CALL = {
    "es": (("Llamada sobre la factura {num}", "Dice que está en el próximo lote de pagos."),
           ("Llamada sobre la factura {num}", "No contesta; dejo mensaje en el buzón."),
           ("Llamada sobre la factura {num}", "Contabilidad no la encuentra; la reenvío.")),
    "en": (("Call about invoice {num}", "Says it is in the next payment run."),
           ("Call about invoice {num}", "No answer; left a voicemail."),
           ("Call about invoice {num}", "Accounts cannot find it; re-sent the PDF.")),
}
LETTER = {
    "es": ("Burofax: reclamación de la factura {num}", "Requerimiento de pago por burofax con acuse de recibo."),
    "en": ("Letter before action: invoice {num}", "Formal demand sent by recorded delivery."),
}
PROMISE = {
    "es": ("Promesa de pago: factura {num}", "Se compromete a pagar {amt} el {date}."),
    "en": ("Promise to pay: invoice {num}", "Promised to pay {amt} on {date}."),
}
BROKEN = {
    "es": ("Promesa incumplida: factura {num}", "No ha llegado el pago prometido para el {date}."),
    "en": ("Promise broken: invoice {num}", "The payment promised for {date} has not arrived."),
}
DISPUTE = {
    "es": ("Factura {num} en disputa", "El cliente no está conforme con las horas facturadas; revisar antes de reclamar."),
    "en": ("Invoice {num} disputed", "Client disputes the hours billed; sort it out before chasing."),
}
PAUSED = {
    "es": ("Recordatorios en pausa: factura {num}", "Acordado esperar a que cobren su subvención."),
    "en": ("Reminders paused: invoice {num}", "Agreed to wait until their funding arrives."),
}
STATEMENT_CALL = {
    "es": ("Llamada: {count} facturas pendientes", "Repasamos las facturas vencidas; pagarán las más antiguas primero."),
    "en": ("Call: {count} invoices outstanding", "Went through the overdue invoices; they will pay the oldest first."),
}
TIMES = tuple(f"T{h:02d}:{m:02d}:{s:02d}" for h in range(8, 20) for m in (3, 17, 26, 41, 52)
               for s in (0, 12, 37))
