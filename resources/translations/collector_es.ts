<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <location filename="../../collector_gui/ui/ledger_switch.py" line="+69"/>
        <source>There is no good backup of it to restore. The file was not changed.</source>
        <translation>No hay ninguna copia de seguridad válida para restaurarlo. No se ha cambiado el archivo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The ledger {path} is damaged and cannot be opened.</source>
        <translation>El libro {path} está dañado y no se puede abrir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore the backup</source>
        <translation>Restaurar la copia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore its newest good backup, {backup}? The damaged file is kept beside it, not deleted.</source>
        <translation>¿Restaurar su copia válida más reciente, {backup}? El archivo dañado se conserva al lado; no se borra.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The damaged ledger is kept as {path}.</source>
        <translation>El libro dañado se conserva como {path}.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>&amp;Open ledger…</source>
        <translation>&amp;Abrir libro…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show another ledger file in this window</source>
        <translation>Mostrar otro archivo de libro en esta ventana</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New ledger…</source>
        <translation>&amp;Nuevo libro…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start an empty ledger in a new file</source>
        <translation>Empezar un libro vacío en un archivo nuevo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Collector ledgers (*.sqlite *.db);;All files (*)</source>
        <translation>Libros de Collector (*.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a ledger</source>
        <translation>Abrir un libro</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New ledger</source>
        <translation>Nuevo libro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ledger.sqlite</source>
        <translation>libro.sqlite</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file} is the ledger shown.</source>
        <translation>{file} es el libro que se muestra.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The ledger {path} is not there any more; it was taken off the recent list.</source>
        <translation>El libro {path} ya no está; se ha quitado de la lista de recientes.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{path} already exists. A new ledger needs a new file name; to see that one, use Open ledger.</source>
        <translation>{path} ya existe. Un libro nuevo necesita un nombre de archivo nuevo; para ver ese, usa Abrir libro.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{file} (not found)</source>
        <translation>{file} (no encontrado)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not there any more</source>
        <translation>{path} ya no está</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No recent ledgers</source>
        <translation>No hay libros recientes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forget missing ledgers</source>
        <translation>Olvidar los libros que faltan</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Opened the ledger {path}.</source>
        <translation>Abierto el libro {path}.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/restore.py" line="+207"/>
        <location filename="../../collector_gui/ui/ledger_switch.py" line="-235"/>
        <source>Restored the ledger from {backup}.</source>
        <translation>Libro restaurado desde {backup}.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/app.py" line="+63"/>
        <source>Today&apos;s backup: {path}</source>
        <translation>Copia de hoy: {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today&apos;s automatic backup failed: {error}</source>
        <translation>Falló la copia automática de hoy: {error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Making the sample ledger…</source>
        <translation>Preparando el libro de ejemplo…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/notify.py" line="+88"/>
        <location line="+4"/>
        <location line="+9"/>
        <location filename="../../collector_gui/ui/tasks.py" line="+110"/>
        <source>Collector</source>
        <translation>Collector</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/client.py" line="+47"/>
        <source>As the business</source>
        <translation>Como el negocio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>None (a consumer, or not charged)</source>
        <translation>Ninguno (un consumidor, o no se le cobra)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spain: Ley 3/2004 (half-year rates, 40 EUR)</source>
        <translation>España: Ley 3/2004 (tipos semestrales, 40 EUR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EU directive: ECB rate + 8 points, 40 EUR</source>
        <translation>Directiva de la UE: tipo del BCE + 8 puntos, 40 EUR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UK: Late Payment Act 1998</source>
        <translation>Reino Unido: Late Payment Act 1998</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contractual interest</source>
        <translation>Interés pactado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fixed fee</source>
        <translation>Recargo fijo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed fee and interest</source>
        <translation>Recargo fijo e interés</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../collector_gui/ui/dialogs/template_editor.py" line="+61"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/template_editor.py" line="+0"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Edit client</source>
        <translation>Editar cliente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+94"/>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/client_behaviour.py" line="+140"/>
        <location filename="../../collector_gui/ui/dialogs/client.py" line="+4"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/client.py" line="+6"/>
        <source>On hold: stop work until they pay</source>
        <translation>En espera: no trabajar hasta que pague</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pause reminders for this client</source>
        <translation>Pausar los recordatorios a este cliente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="-37"/>
        <source>&amp;Email</source>
        <translation>&amp;Correo</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+1"/>
        <source>&amp;Phone</source>
        <translation>Telé&amp;fono</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="-2"/>
        <source>&amp;Address</source>
        <translation>&amp;Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tax id</source>
        <translation>&amp;NIF / CIF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Currency</source>
        <translation>&amp;Moneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+43"/>
        <source>Payment &amp;terms</source>
        <translation>&amp;Plazo de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;redit limit</source>
        <translation>Límite de c&amp;rédito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late c&amp;harges</source>
        <translation>Recargos por &amp;demora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Billing contact</source>
        <translation>Contacto de &amp;facturación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Billing e&amp;mail</source>
        <translation>Correo de factu&amp;ración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Enter the client&apos;s name.</source>
        <translation>Escriba el nombre del cliente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is already a client named {name}.</source>
        <translation>Ya hay un cliente llamado {name}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>email</source>
        <translation>correo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>billing email</source>
        <translation>correo de facturación</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {field} does not look like an address (name@example.com).</source>
        <translation>El {field} no parece una dirección (nombre@ejemplo.com).</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../collector_gui/ui/dialogs/invoice.py" line="+363"/>
        <source>Choose a currency code such as EUR, USD or GBP.</source>
        <translation>Elija un código de moneda como EUR, USD o GBP.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The credit limit: {reason}.</source>
        <translation>El límite de crédito: {reason}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This client has invoices in {currency}; its currency cannot change.</source>
        <translation>Este cliente tiene facturas en {currency}; su moneda no puede cambiar.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/contact.py" line="+52"/>
        <source>Log contact</source>
        <translation>Registrar contacto</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>what it was about</source>
        <translation>de qué se habló</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the whole balance</source>
        <translation>todo el saldo</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../collector_gui/ui/dialogs/invoice.py" line="-195"/>
        <source>&amp;Client</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind</source>
        <translation>&amp;Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When</source>
        <translation>Cu&amp;ándo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Invoices concerned</source>
        <translation>&amp;Facturas afectadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Subject</source>
        <translation>&amp;Asunto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notes</source>
        <translation>&amp;Notas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Promised amount</source>
        <translation>&amp;Importe prometido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promised &amp;date</source>
        <translation>F&amp;echa prometida</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{number} — {balance} owed</source>
        <translation>{number} — debe {balance}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose the client.</source>
        <translation>Elija el cliente.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The promised amount (empty for the whole balance): {reason}.</source>
        <translation>El importe prometido (vacío para todo el saldo): {reason}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The promised amount must be more than zero.</source>
        <translation>El importe prometido debe ser mayor que cero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The promised date is in the past.</source>
        <translation>La fecha prometida ya pasó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A promise covers invoices of one currency; pick those of one.</source>
        <translation>Una promesa cubre facturas de una sola moneda; elija las de una.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Log {kind}</source>
        <translation>Registrar {kind}</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/invoice.py" line="-111"/>
        <location line="+81"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+86"/>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+103"/>
        <source>Tax %</source>
        <translation>IVA %</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Net</source>
        <translation>Base</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Edit invoice</source>
        <translation>Editar factura</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New invoice</source>
        <translation>Nueva factura</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Draft (not sent yet: not owed, no reminders)</source>
        <translation>Borrador (aún no enviada: no se debe, sin recordatorios)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Add line</source>
        <translation>&amp;Añadir línea</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove line</source>
        <translation>Quitar línea</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>N&amp;umber</source>
        <translation>N&amp;úmero</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Issued</source>
        <translation>&amp;Emitida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;ue</source>
        <translation>&amp;Vence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;urrency</source>
        <translation>M&amp;oneda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>&amp;Descripción</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;RPF withheld %</source>
        <translation>&amp;Retención IRPF %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early-payment discount</source>
        <translation>Descuento por pronto pago</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>a line has no description</source>
        <translation>una línea no tiene descripción</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the quantity of “{line}” is not a number</source>
        <translation>la cantidad de «{line}» no es un número</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the quantity of “{line}” must be more than zero</source>
        <translation>la cantidad de «{line}» debe ser mayor que cero</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>choose a currency first</source>
        <translation>elija antes una moneda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the unit price of “{line}”: {reason}</source>
        <translation>el precio unitario de «{line}»: {reason}</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>IRPF {rate}% −{amount}</source>
        <translation>IRPF {rate} % −{amount}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save anyway</source>
        <translation>Guardar igualmente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this invoice even so?</source>
        <translation>¿Guardar la factura de todos modos?</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>the tax rate of “{line}” is not a number</source>
        <translation>el tipo de IVA de «{line}» no es un número</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the tax rate of “{line}” must be between 0 and 100</source>
        <translation>el tipo de IVA de «{line}» debe estar entre 0 y 100</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Choose a client (or add one first with New client).</source>
        <translation>Elija un cliente (o créelo antes con Nuevo cliente).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the invoice number.</source>
        <translation>Escriba el número de factura.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice {number} exists already.</source>
        <translation>La factura {number} ya existe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The due date is before the issue date.</source>
        <translation>El vencimiento es anterior a la fecha de emisión.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add at least one line (description, quantity, unit price).</source>
        <translation>Añada al menos una línea (descripción, cantidad, precio unitario).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The total is less than what was already paid.</source>
        <translation>El total es menor que lo ya pagado.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Net {amount}</source>
        <translation>Base {amount}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tax {rate}% {amount}</source>
        <translation>IVA {rate} % {amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Total {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} is on hold.</source>
        <translation>{name} está en espera.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This invoice takes {name} over their credit limit of {limit} by {excess} (they owe {owed} already).</source>
        <translation>Con esta factura, {name} supera su límite de crédito de {limit} en {excess} (ya debe {owed}).</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/bank_invoices.py" line="+36"/>
        <source>Which invoices does this payment pay?</source>
        <translation>¿Qué facturas paga este cobro?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{amount} on {date} from {payer}: {text}</source>
        <translation>{amount} el {date} de {payer}: {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an unknown payer</source>
        <translation>un ordenante desconocido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search invoice number or client</source>
        <translation>Buscar número de factura o cliente</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../../collector_gui/ui/dialogs/payment.py" line="+22"/>
        <location filename="../../collector_gui/ui/undo.py" line="+102"/>
        <source>Record payment</source>
        <translation>Registrar cobro</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Pays: {numbers}</source>
        <translation>Paga: {numbers}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick one invoice or several (Ctrl+click).</source>
        <translation>Elija una factura o varias (Ctrl+clic).</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/payment.py" line="+5"/>
        <source>Invoice number</source>
        <translation>Número de factura</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>bank reference, cheque number…</source>
        <translation>referencia bancaria, número de cheque…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Invoice</source>
        <translation>&amp;Factura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Date received</source>
        <translation>Fecha de &amp;cobro</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/credit_note.py" line="+24"/>
        <source>Credit note for invoice {number}</source>
        <translation>Factura rectificativa de la factura {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An issued invoice is corrected with a credit note: a document of its own, in the credit note number series, that names the invoice and the reason. The invoice&apos;s balance drops by the credit; a full credit settles it. Void is only for an invoice issued by mistake that the client never received.</source>
        <translation>Una factura emitida se corrige con una factura rectificativa: un documento propio, en la serie de números de las rectificativas, que indica la factura y el motivo. El saldo de la factura baja en lo rectificado; una rectificación total la salda. Anular es solo para una factura emitida por error que el cliente nunca recibió.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Credit the whole invoice</source>
        <translation>Rectificar la factura entera</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>base, before VAT and IRPF</source>
        <translation>base, antes de IVA e IRPF</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../collector_gui/ui/dialogs/payment.py" line="+1"/>
        <source>&amp;Amount</source>
        <translation>&amp;Importe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Issue credit note</source>
        <translation>&amp;Emitir factura rectificativa</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Amount: {error}</source>
        <translation>Importe: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the amount to credit, more than zero.</source>
        <translation>Escriba el importe que se rectifica, mayor que cero.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The credit is more than the {balance} the invoice still owes.</source>
        <translation>Lo rectificado supera los {balance} que aún debe la factura.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the reason (it is printed on the credit note).</source>
        <translation>Escriba el motivo (se imprime en la factura rectificativa).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credit {credit}; invoice {number} will owe {balance}.</source>
        <translation>Se rectifican {credit}; la factura {number} deberá {balance}.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/payment.py" line="+1"/>
        <source>&amp;Method</source>
        <translation>&amp;Forma de pago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reference</source>
        <translation>&amp;Referencia</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{client} — total {total}, still owed {balance}</source>
        <translation>{client} — total {total}, pendiente {balance}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter the number of the invoice that was paid.</source>
        <translation>Escriba el número de la factura pagada.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice {number} is void; it takes no payments.</source>
        <translation>La factura {number} está anulada; no admite cobros.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invoice {number} is a draft; issue it before recording a payment.</source>
        <translation>La factura {number} es un borrador; emítala antes de registrar un cobro.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invoice {number} is paid in full.</source>
        <translation>La factura {number} está pagada del todo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the amount received: {reason}.</source>
        <translation>Escriba el importe recibido: {reason}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount must be more than zero.</source>
        <translation>El importe debe ser mayor que cero.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That is more than the {balance} still owed on {number}.</source>
        <translation>Es más de los {balance} pendientes de {number}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The date is in the future.</source>
        <translation>La fecha es futura.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="-44"/>
        <source>&amp;Name or business name</source>
        <translation>&amp;Nombre o razón social</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Tax id (VAT, NIF, EIN…)</source>
        <translation>&amp;NIF / CIF / VAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;IBAN</source>
        <translation>&amp;IBAN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;BIC / SWIFT</source>
        <translation>&amp;BIC / SWIFT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to &amp;pay you</source>
        <translation>Cómo &amp;pagarle</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Default &amp;currency</source>
        <translation>&amp;Moneda predeterminada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default client &amp;language</source>
        <translation>&amp;Idioma predeterminado de los clientes</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Business profile</source>
        <translation>Datos del negocio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Invoice number &amp;pattern</source>
        <translation>&amp;Patrón del número de factura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next number</source>
        <translation>Próximo número</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use {year}, {month} and {seq} (e.g. {seq:04d} for 0001).</source>
        <translation>Use {year}, {month} y {seq} (p. ej. {seq:04d} para 0001).</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/bank_model.py" line="+54"/>
        <source>Payer</source>
        <translation>Ordenante</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bank text</source>
        <translation>Concepto del banco</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/chase_model.py" line="+83"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+1"/>
        <location filename="../../collector_gui/ui/main_window.py" line="+92"/>
        <location filename="../../collector_gui/ui/models.py" line="+363"/>
        <location filename="../../collector_gui/ui/pages/clients.py" line="+64"/>
        <location filename="../../collector_gui/ui/pages/invoices.py" line="+54"/>
        <location filename="../../collector_gui/ui/reminder_pages.py" line="+70"/>
        <source>Invoices</source>
        <translation>Facturas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Bank reference: {ref}</source>
        <translation>Referencia del banco: {ref}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payer&apos;s IBAN: {iban}</source>
        <translation>IBAN del ordenante: {iban}</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+5"/>
        <source>Same as the system</source>
        <translation>El del sistema</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Language of the window</source>
        <translation>&amp;Idioma de la ventana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/client_behaviour.py" line="-81"/>
        <source>Avg days late</source>
        <translation>Retraso medio (días)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% late</source>
        <translation>% con retraso</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No invoice paid in full yet</source>
        <translation>Aún no hay ninguna factura pagada por completo</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Use suggested limit</source>
        <translation>Usar el límite sugerido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the client&apos;s credit limit to the suggested one (Edit ▸ Undo takes it back)</source>
        <translation>Fijar como límite de crédito del cliente el sugerido (Editar ▸ Deshacer lo revierte)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pays {days} days late on average; {share} of paid invoices late (paid invoices: {count}).</source>
        <translation>Paga con {days} días de retraso de media; {share} de las facturas pagadas, con retraso (facturas pagadas: {count}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No invoice paid in full yet: nothing to judge how they pay.</source>
        <translation>Aún no hay ninguna factura pagada por completo: todavía no se puede saber cómo paga.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In {currency}: {days} days late on average, {share} late.</source>
        <translation>En {currency}: {days} días de retraso de media, {share} con retraso.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Promises to pay: kept {kept}, broken {broken}, pending {pending}.</source>
        <translation>Promesas de pago: cumplidas {kept}, incumplidas {broken}, pendientes {pending}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Suggested credit limit: not enough history yet (set: {current}).</source>
        <translation>Límite de crédito sugerido: aún no hay historial suficiente (fijado: {current}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suggested credit limit: {suggested} (set: {current}).</source>
        <translation>Límite de crédito sugerido: {suggested} (fijado: {current}).</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+7"/>
        <source>Use suggested credit limit</source>
        <translation>Usar el límite de crédito sugerido</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Credit limit set to {limit}.</source>
        <translation>Límite de crédito fijado en {limit}.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Log call…</source>
        <comment>client page button</comment>
        <translation>Anotar llamada…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log letter…</source>
        <comment>client page button</comment>
        <translation>Anotar carta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log promise…</source>
        <comment>client page button</comment>
        <translation>Anotar promesa…</translation>
    </message>
    <message>
        <location line="+36"/>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+21"/>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/settings.py" line="+119"/>
        <location line="+5"/>
        <source>Welcome to Collector</source>
        <translation>Bienvenido a Collector</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Collector keeps track of who owes you money, and for how long. Everything stays in one file on this computer.</source>
        <translation>Collector lleva la cuenta de quién le debe dinero y desde cuándo. Todo queda en un solo archivo en este ordenador.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start &amp;empty: my own clients and invoices</source>
        <translation>Empezar &amp;vacío: mis propios clientes y facturas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a &amp;sample ledger to look around first</source>
        <translation>Abrir un libro de &amp;ejemplo para echar un vistazo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Who do your invoices come from? This goes on invoices and reminders; you can change it later in Settings.</source>
        <translation>¿Quién emite sus facturas? Aparece en facturas y recordatorios; puede cambiarlo luego en Ajustes.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>S&amp;kip for now</source>
        <translation>&amp;Omitir por ahora</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/display_names.py" line="+13"/>
        <location line="+18"/>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Open</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Partially paid</source>
        <translation>Pagada en parte</translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../../collector_gui/ui/main_window.py" line="+0"/>
        <location filename="../../collector_gui/ui/models.py" line="-84"/>
        <location filename="../../collector_gui/ui/pages/overdue.py" line="+32"/>
        <source>Overdue</source>
        <translation>Vencidas</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+13"/>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Overdue</source>
        <comment>invoice status</comment>
        <translation>Vencida</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Void</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Disputed</source>
        <translation>En disputa</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>All invoices</source>
        <translation>Todas las facturas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open (not fully paid)</source>
        <translation>Pendientes (sin pagar del todo)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../collector_gui/ui/models.py" line="+0"/>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promise to pay</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved as .eml</source>
        <translation>Guardado como .eml</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown: check</source>
        <translation>Desconocido: compruébelo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pre-due notice</source>
        <translation>Aviso previo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due-day reminder</source>
        <translation>Aviso de vencimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polite reminder</source>
        <translation>Recordatorio amable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Firm reminder</source>
        <translation>Recordatorio firme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final notice</source>
        <translation>Último aviso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thank-you</source>
        <translation>Agradecimiento</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not yet due</source>
        <translation>Sin vencer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1–30 days</source>
        <translation>1–30 días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>31–60 days</source>
        <translation>31–60 días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>61–90 days</source>
        <translation>61–90 días</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over 90 days</source>
        <translation>Más de 90 días</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Current</source>
        <translation>Al día</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>90+</source>
        <translation>+90</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bank transfer</source>
        <translation>Transferencia</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cheque</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct debit</source>
        <translation>Domiciliación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/main_window.py" line="-20"/>
        <source>Collector — {file}</source>
        <translation>Collector — {file}</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../../collector_gui/ui/pages/dashboard.py" line="+123"/>
        <source>Dashboard</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../collector_gui/ui/pages/clients.py" line="+83"/>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../collector_gui/ui/pages/activity.py" line="+37"/>
        <location filename="../../collector_gui/ui/pages/clients.py" line="-81"/>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/pages/bank.py" line="+78"/>
        <source>Bank</source>
        <translation>Banco</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{page} (Ctrl+{n})</source>
        <translation>{page} (Ctrl+{n})</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The ledger file this window shows</source>
        <translation>El archivo del libro que muestra esta ventana</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>New &amp;client…</source>
        <translation>Nuevo &amp;cliente…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;invoice…</source>
        <translation>Nueva &amp;factura…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record &amp;payment…</source>
        <translation>Registrar c&amp;obro…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log a &amp;call…</source>
        <translation>Registrar una &amp;llamada…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log a &amp;letter…</source>
        <translation>Registrar una c&amp;arta…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a &amp;note…</source>
        <translation>Añadir una &amp;nota…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log a &amp;promise to pay…</source>
        <translation>Registrar una &amp;promesa de pago…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pdf_actions.py" line="+70"/>
        <location line="+71"/>
        <source>Invoice &amp;PDF…</source>
        <translation>&amp;PDF de la factura…</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>&amp;Statement (PDF)…</source>
        <translation>E&amp;xtracto (PDF)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Dossier (PDF)…</source>
        <translation>Expe&amp;diente (PDF)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport statements for all overdue clients…</source>
        <translation>E&amp;xportar extractos de todos los clientes con facturas vencidas…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open PDFs after saving</source>
        <translation>Abrir los &amp;PDF después de guardarlos</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/main_window.py" line="+2"/>
        <location filename="../../collector_gui/ui/pdf_actions.py" line="+28"/>
        <source>&amp;Edit invoice…</source>
        <translation>&amp;Editar factura…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pdf_actions.py" line="+31"/>
        <source>Select an invoice first.</source>
        <translation>Seleccione antes una factura.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save invoice {number} as PDF</source>
        <translation>Guardar la factura {number} como PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice {number}</source>
        <translation>Factura {number}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Making the PDF of invoice {number}…</source>
        <translation>Preparando el PDF de la factura {number}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{client} - statement {date}</source>
        <translation>{client} - extracto {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the statement of {client} as PDF</source>
        <translation>Guardar el extracto de {client} como PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Making the statement of {client}…</source>
        <translation>Preparando el extracto de {client}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{client} - dossier {date}</source>
        <translation>{client} - expediente {date}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the collection dossier of {client} as PDF</source>
        <translation>Guardar el expediente de cobro de {client} como PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Making the dossier of {client}…</source>
        <translation>Preparando el expediente de {client}…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a client first.</source>
        <translation>Seleccione antes un cliente.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved {path}</source>
        <translation>Guardado {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The PDF was saved: {path}</source>
        <translation>El PDF se ha guardado: {path}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save the statements of all overdue clients into…</source>
        <translation>Guardar los extractos de todos los clientes con facturas vencidas en…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No client has an overdue invoice today; no statement was made.</source>
        <translation>Hoy ningún cliente tiene facturas vencidas; no se ha preparado ningún extracto.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved {n} statements in {folder}.</source>
        <translation>{n} extractos guardados en {folder}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Making the statements…</source>
        <translation>Preparando los extractos…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/main_window.py" line="+1"/>
        <source>&amp;Issue draft</source>
        <translation>E&amp;mitir borrador</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+106"/>
        <source>&amp;Void invoice</source>
        <translation>&amp;Anular factura</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Void only a draft or an invoice issued by mistake; an invoice the client has is corrected with a credit note</source>
        <translation>Anule solo un borrador o una factura emitida por error; una factura que el cliente ya tiene se corrige con una factura rectificativa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issue &amp;credit note…</source>
        <translation>Emitir factura &amp;rectificativa…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete draft…</source>
        <translation>&amp;Borrar borrador…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark &amp;disputed</source>
        <translation>Marcar en &amp;disputa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause &amp;reminders</source>
        <translation>Pausar &amp;recordatorios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit c&amp;lient…</source>
        <translation>Editar c&amp;liente…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client on &amp;hold</source>
        <translation>Cliente en &amp;espera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete client…</source>
        <translation>Borrar cliente…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up now…</source>
        <translation>&amp;Copia de seguridad ahora…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore from backup…</source>
        <translation>&amp;Restaurar desde una copia…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import &amp;clients (CSV)…</source>
        <translation>Importar &amp;clientes (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;invoices (CSV)…</source>
        <translation>Importar &amp;facturas (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;payments (CSV)…</source>
        <translation>Importar c&amp;obros (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Collector</source>
        <translation>&amp;Acerca de Collector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Dashboard</source>
        <translation>&amp;Resumen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+32"/>
        <source>&amp;Clients</source>
        <translation>&amp;Clientes</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+37"/>
        <source>&amp;Invoices</source>
        <translation>&amp;Facturas</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>&amp;Overdue</source>
        <translation>&amp;Vencidas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Activity</source>
        <translation>Ac&amp;tividad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Bank</source>
        <translation>&amp;Banco</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import &amp;bank statement…</source>
        <translation>Importar extracto &amp;bancario…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>C&amp;ontact</source>
        <translation>C&amp;ontacto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Main toolbar</source>
        <translation>Barra principal</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Un&amp;void invoice</source>
        <translation>&amp;Recuperar factura anulada</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Back up the ledger into…</source>
        <translation>Copiar el libro en…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backed up to {path}</source>
        <translation>Copia guardada en {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backing up the ledger…</source>
        <translation>Haciendo la copia del libro…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import {kind} from a CSV file</source>
        <translation>Importar {kind} de un archivo CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/bank_actions.py" line="+39"/>
        <source>There is nothing to undo.</source>
        <translation>No hay nada que deshacer.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Record bank line {id} against {numbers}</source>
        <translation>Registrar el apunte {id} contra {numbers}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept bank line {id}</source>
        <translation>Aceptar el apunte {id}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reject bank line {id}</source>
        <translation>Rechazar el apunte {id}</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="../../collector_gui/ui/main_window.py" line="+32"/>
        <source>Importing {file}…</source>
        <translation>Importando {file}…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/notify.py" line="+5"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/reminder_widgets.py" line="+108"/>
        <location filename="../../collector_gui/ui/reminder_wizard.py" line="+260"/>
        <location filename="../../collector_gui/ui/tasks.py" line="-2"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cancelled; nothing was changed.</source>
        <translation>Cancelado; no se cambió nada.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Something went wrong inside Collector: {error}</source>
        <translation>Algo falló dentro de Collector: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your ledger was not damaged: every change is saved whole or not at all. The details were written to {path}; please include that file when you report the problem.</source>
        <translation>Su libro no ha sufrido daños: cada cambio se guarda entero o no se guarda. Los detalles están en {path}; adjunte ese archivo si informa del problema.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/models.py" line="-228"/>
        <location filename="../../collector_gui/ui/pages/clients.py" line="+42"/>
        <source>reminders paused</source>
        <translation>recordatorios en pausa</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/bank_invoices.py" line="-62"/>
        <location filename="../../collector_gui/ui/models.py" line="+48"/>
        <location line="+106"/>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_common.py" line="+85"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>being sent</source>
        <translation>enviándose</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/outbox.py" line="+39"/>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reminders not confirmed sent wait here. A failed one was not delivered: retry it. Whether an unknown one arrived cannot be told: check with the client or your sent folder, then say.</source>
        <translation>Aquí esperan los recordatorios cuyo envío no está confirmado. Uno fallido no se entregó: reinténtelo. No se puede saber si uno desconocido llegó: compruébelo con el cliente o en su carpeta de enviados y dígalo.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/bank_model.py" line="-38"/>
        <location filename="../../collector_gui/ui/chase_model.py" line="+0"/>
        <location filename="../../collector_gui/ui/dialogs/bank_invoices.py" line="+0"/>
        <location filename="../../collector_gui/ui/dialogs/outbox.py" line="+7"/>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="+49"/>
        <location filename="../../collector_gui/ui/models.py" line="-106"/>
        <location line="+106"/>
        <location line="+74"/>
        <location line="+84"/>
        <location filename="../../collector_gui/ui/reminder_pages.py" line="+0"/>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/outbox.py" line="+0"/>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="+1"/>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="-1"/>
        <location filename="../../collector_gui/ui/dialogs/template_editor.py" line="-4"/>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It arrived</source>
        <translation>Llegó</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You checked: the client got it. It is recorded as sent.</source>
        <translation>Lo ha comprobado: el cliente lo recibió. Se registra como enviado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You checked: the client did not get it.</source>
        <translation>Lo ha comprobado: el cliente no lo recibió.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The outbox is empty.</source>
        <translation>La bandeja de salida está vacía.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{n} messages recorded as sent.</source>
        <translation>{n} mensajes registrados como enviados.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Sending again…</source>
        <translation>Reenviando…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{n} messages discarded.</source>
        <translation>{n} mensajes descartados.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Discard {n} messages without sending them?</source>
        <translation>¿Descartar {n} mensajes sin enviarlos?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/models.py" line="-264"/>
        <source>Issued</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+106"/>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/bank_invoices.py" line="+0"/>
        <location filename="../../collector_gui/ui/models.py" line="+1"/>
        <location line="+106"/>
        <location line="+73"/>
        <source>Balance</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/outbox.py" line="-133"/>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="-1"/>
        <location filename="../../collector_gui/ui/models.py" line="-179"/>
        <location line="+264"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/models.py" line="-272"/>
        <source>total {amounts}</source>
        <translation>total {amounts}</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+107"/>
        <source>owed {amounts}</source>
        <translation>pendiente {amounts}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days overdue</source>
        <translation>Días de retraso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminder reached</source>
        <translation>Recordatorio enviado</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+74"/>
        <source>Last contact</source>
        <translation>Último contacto</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Oldest (days)</source>
        <translation>Más antigua (días)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+31"/>
        <source>On hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Credit limit: {limit}</source>
        <translation>Límite de crédito: {limit}</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/outbox.py" line="+1"/>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="+0"/>
        <location filename="../../collector_gui/ui/models.py" line="+35"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/models.py" line="+0"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject or note</source>
        <translation>Asunto o nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promised</source>
        <translation>Prometido</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{amount} by {date}</source>
        <translation>{amount} para el {date}</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/bank_model.py" line="-1"/>
        <location filename="../../collector_gui/ui/models.py" line="+41"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/models.py" line="+0"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/bank_model.py" line="+0"/>
        <location filename="../../collector_gui/ui/models.py" line="+0"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/models.py" line="+0"/>
        <source>Method</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/activity.py" line="-12"/>
        <source>All contacts</source>
        <translation>Todos los contactos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search subject, notes or client</source>
        <translation>Buscar asunto, notas o cliente</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/clients.py" line="-69"/>
        <source>◀ All clients</source>
        <translation>◀ Todos los clientes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the list (Esc)</source>
        <translation>Volver a la lista (Esc)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Payments</source>
        <translation>Cobros</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>  (on hold)</source>
        <translation>  (en espera)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pays in {days} days</source>
        <translation>paga a {days} días</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>credit limit {limit}</source>
        <translation>límite de crédito {limit}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{total} owed, {overdue} overdue</source>
        <translation>debe {total}, {overdue} vencido</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Owes nothing.</source>
        <translation>No debe nada.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search name or email</source>
        <translation>Buscar nombre o correo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only clients who owe</source>
        <translation>Solo quien debe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only on hold</source>
        <translation>Solo en espera</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/dashboard.py" line="+7"/>
        <source>Owed to you</source>
        <translation>Le deben</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Open balance by age</source>
        <translation>Saldo pendiente por antigüedad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collected per month</source>
        <translation>Cobrado por mes</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Charts in</source>
        <translation>Gráficos en</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>To chase today</source>
        <translation>Para reclamar hoy</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../collector_gui/ui/pages/overdue.py" line="+2"/>
        <source>Send reminders…</source>
        <translation>Enviar recordatorios…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review and send today&apos;s reminders by email</source>
        <translation>Revisar y enviar por correo los recordatorios de hoy</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Reading the ledger…</source>
        <translation>Leyendo el libro…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../collector_gui/ui/reminder_wizard.py" line="+46"/>
        <source>Working out today&apos;s reminders…</source>
        <translation>Calculando los recordatorios de hoy…</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Today&apos;s reminders could not be worked out: {error}</source>
        <translation>No se han podido calcular los recordatorios de hoy: {error}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>As of {date}</source>
        <translation>A {date}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Average days to pay: {days}</source>
        <translation>Días medios de cobro: {days}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not known yet</source>
        <translation>aún sin datos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} open invoices, {clients} clients</source>
        <translation>{n} facturas pendientes, {clients} clientes</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Nothing to chase today.</source>
        <translation>Hoy no hay nada que reclamar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{clients} with {invoices} to act on today: reminders due, or calls to make.</source>
        <translation>{clients} con {invoices} que atender hoy: recordatorios que enviar o llamadas que hacer.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/bank_invoices.py" line="+1"/>
        <location filename="../../collector_gui/ui/pages/dashboard.py" line="+41"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/chase_model.py" line="+0"/>
        <source>To do today</source>
        <translation>Qué hacer hoy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Oldest due</source>
        <translation>Vencimiento más antiguo</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../collector_gui/ui/pages/dashboard.py" line="+0"/>
        <source>Owed</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>call or dossier</source>
        <translation>llamada o expediente</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/dashboard.py" line="+0"/>
        <source>Past due</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nobody owes you anything. Well done!</source>
        <translation>Nadie le debe nada. ¡Enhorabuena!</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Open balance by age ({currency})</source>
        <translation>Saldo pendiente por antigüedad ({currency})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collected per month, {first} to {last} ({currency})</source>
        <translation>Cobrado por mes, de {first} a {last} ({currency})</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/invoices.py" line="-24"/>
        <source>Search number, client or description</source>
        <translation>Buscar número, cliente o descripción</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued from</source>
        <translation>Emitidas del</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/overdue.py" line="-12"/>
        <source>Search number or client</source>
        <translation>Buscar número o cliente</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/record_actions.py" line="+58"/>
        <source>Client {name} added.</source>
        <translation>Cliente {name} añadido.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Invoice {number} saved.</source>
        <translation>Factura {number} guardada.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Invoice {number} is void; unvoid it to edit.</source>
        <translation>La factura {number} está anulada; recupérela para editarla.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Only an issued invoice that is still owed can be credited; {number} is not.</source>
        <translation>Solo se puede rectificar una factura emitida que aún se deba; {number} no lo es.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Credit note {note} issued for invoice {number}.</source>
        <translation>Factura rectificativa {note} emitida para la factura {number}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Unvoid {number}</source>
        <translation>Recuperar {number}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invoice {number} has payments recorded; void it only after removing them.</source>
        <translation>La factura {number} tiene cobros registrados; anúlela solo después de quitarlos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Void {number}</source>
        <translation>Anular {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invoice {number} is void. Undo with Ctrl+Z.</source>
        <translation>Factura {number} anulada. Deshaga con Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark {number} disputed</source>
        <translation>Marcar {number} en disputa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mark {number} not disputed</source>
        <translation>Quitar la disputa de {number}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pause reminders for {number}</source>
        <translation>Pausar recordatorios de {number}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume reminders for {number}</source>
        <translation>Reanudar recordatorios de {number}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Put {name} on hold</source>
        <translation>Poner a {name} en espera</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Take {name} off hold</source>
        <translation>Quitar a {name} de la espera</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Issue {number}</source>
        <translation>Emitir {number}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Draft {number} deleted.</source>
        <translation>Borrador {number} borrado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete the draft invoice {number}?</source>
        <translation>¿Borrar el borrador de factura {number}?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete draft</source>
        <translation>Borrar borrador</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This cannot be undone.</source>
        <translation>No se puede deshacer.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} has invoices, so the client cannot be deleted. Put them on hold instead.</source>
        <translation>{name} tiene facturas, así que no se puede borrar. Póngalo en espera.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Client {name} deleted.</source>
        <translation>Cliente {name} borrado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete the client {name}?</source>
        <translation>¿Borrar el cliente {name}?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete client</source>
        <translation>Borrar cliente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their contact notes go too. This cannot be undone.</source>
        <translation>Sus notas de contacto también se borran. No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_widgets.py" line="+45"/>
        <location filename="../../collector_gui/ui/tasks.py" line="+21"/>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sent ({n})</source>
        <translation>Enviados ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved as .eml ({n})</source>
        <translation>Guardados como .eml ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed ({n})</source>
        <translation>Fallidos ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery unknown ({n})</source>
        <translation>Entrega desconocida ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped ({n})</source>
        <translation>Omitidos ({n})</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/tasks.py" line="+64"/>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/about.py" line="+39"/>
        <source>About Collector</source>
        <translation>Acerca de Collector</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Know who owes you money, how much and for how long, and chase it politely.</source>
        <translation>Sepa quién le debe dinero, cuánto y desde cuándo, y reclámelo con cortesía.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Free software under the {licence} licence.</source>
        <translation>Software libre con licencia {licence}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your ledger: {path}</source>
        <translation>Su libro: {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data folder (the ledger and its backups): {path}</source>
        <translation>Carpeta de datos (el libro y sus copias): {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open the data folder</source>
        <translation>&amp;Abrir la carpeta de datos</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The folder {path} does not exist.</source>
        <translation>La carpeta {path} no existe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No file manager could open {path}.</source>
        <translation>Ningún gestor de archivos pudo abrir {path}.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/mail_settings.py" line="+49"/>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (normalmente puerto 587)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL/TLS (usually port 465)</source>
        <translation>SSL/TLS (normalmente puerto 465)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (unencrypted; only for a local server)</source>
        <translation>Ninguna (sin cifrar; solo para un servidor local)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>your business email, if empty</source>
        <translation>el correo de su negocio, si se deja vacío</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+53"/>
        <source>saved in the system keyring</source>
        <translation>guardada en el llavero del sistema</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>saved in the system keyring when you save</source>
        <translation>se guardará en el llavero del sistema al guardar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asked when sending</source>
        <translation>se pedirá al enviar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send test email</source>
        <translation>Enviar correo de prueba</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saves the mail settings, then sends a short message to the From address.</source>
        <translation>Guarda los ajustes de correo y después envía un mensaje breve a la dirección del remitente.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mail &amp;server</source>
        <translation>&amp;Servidor de correo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port</source>
        <translation>&amp;Puerto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Security</source>
        <translation>S&amp;eguridad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;From address</source>
        <translation>Dirección del &amp;remitente</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sent. Check the inbox of the From address.</source>
        <translation>Enviado. Revise la bandeja de entrada de la dirección del remitente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not sent: {error}</source>
        <translation>No enviado: {error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending a test email…</source>
        <translation>Enviando un correo de prueba…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/restore.py" line="-142"/>
        <source>Restore from backup</source>
        <translation>Restaurar desde una copia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the backups of {file}…</source>
        <translation>Comprobando las copias de {file}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other file…</source>
        <translation>Otro archivo…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{when}: {clients} clients, {invoices} invoices, {payments} payments, {events} contacts</source>
        <translation>{when}: {clients} clientes, {invoices} facturas, {payments} cobros, {events} contactos</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name}: cannot be restored</source>
        <translation>{name}: no se puede restaurar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose the backup to put in place of {file}:</source>
        <translation>Elija la copia que sustituirá a {file}:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no usable backup of {file} in its backups folder. Choose another file.</source>
        <translation>No hay ninguna copia utilizable de {file} en su carpeta de copias. Elija otro archivo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore from which file?</source>
        <translation>¿Desde qué archivo restaurar?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collector backups (*.sqlite *.db);;All files (*)</source>
        <translation>Copias de Collector (*.sqlite *.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Replace the open ledger with the backup {file}?</source>
        <translation>¿Sustituir el libro abierto por la copia {file}?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything entered after that backup was made will no longer be in the ledger. The present ledger is not deleted: it is kept beside it, and you will be told where.</source>
        <translation>Todo lo que se haya introducido después de hacer esa copia dejará de estar en el libro. El libro actual no se borra: se conserva al lado y se le indicará dónde.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The ledger it replaced is kept as {path}.</source>
        <translation>El libro sustituido se conserva como {path}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restoring the ledger…</source>
        <translation>Restaurando el libro…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_common.py" line="-51"/>
        <source>No password store (keyring) works here, so it is asked each time.</source>
        <translation>Aquí no funciona ningún almacén de contraseñas (llavero), así que se pedirá cada vez.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No password is saved for this server.</source>
        <translation>No hay ninguna contraseña guardada para este servidor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mail server password</source>
        <translation>Contraseña del servidor de correo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of {user} on {host}:</source>
        <translation>Contraseña de {user} en {host}:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{n} sent</source>
        <translation>{n} enviados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} saved as .eml</source>
        <translation>{n} guardados como .eml</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} failed</source>
        <translation>{n} fallidos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} unknown</source>
        <translation>{n} desconocidos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} skipped</source>
        <translation>{n} omitidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was sent</source>
        <translation>No se envió nada</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled: the messages not listed above were not sent.</source>
        <translation>Cancelado: los mensajes que no aparecen arriba no se enviaron.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interrupted: the messages not listed above were not sent.</source>
        <translation>Interrumpido: los mensajes que no aparecen arriba no se enviaron.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed messages wait in the outbox (Reminders ▸ Outbox…) to be retried.</source>
        <translation>Los mensajes fallidos esperan en la bandeja de salida (Recordatorios ▸ Bandeja de salida…) para reintentarlos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whether the unknown messages arrived cannot be told: they are not sent again on their own. Check, then say so in the outbox (Reminders ▸ Outbox…).</source>
        <translation>No se puede saber si los mensajes desconocidos llegaron: no se reenvían solos. Compruébelo y dígalo en la bandeja de salida (Recordatorios ▸ Bandeja de salida…).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>delivery unknown</source>
        <translation>entrega desconocida</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delivered to {client} &lt;{to}&gt;, not yet recorded (the ledger was busy): it is recorded when Collector next opens the ledger</source>
        <translation>Entregado a {client} &lt;{to}&gt;, aún sin registrar (el libro estaba ocupado): se registra la próxima vez que Collector abra el libro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>UNKNOWN for {client} &lt;{to}&gt;: {error}. It may have arrived; it waits in the outbox for you to say</source>
        <translation>DESCONOCIDO para {client} &lt;{to}&gt;: {error}. Puede haber llegado; espera en la bandeja de salida a que usted lo diga</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to {client} &lt;{to}&gt;: {subject}</source>
        <translation>Enviado a {client} &lt;{to}&gt;: {subject}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved for {client}: {path}</source>
        <translation>Guardado para {client}: {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FAILED for {client} &lt;{to}&gt;: {error}</source>
        <translation>FALLÓ para {client} &lt;{to}&gt;: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped {client}: {error}</source>
        <translation>Omitido {client}: {error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Saving the reminders as .eml files…</source>
        <translation>Guardando los recordatorios como archivos .eml…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending the reminders…</source>
        <translation>Enviando los recordatorios…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_pages.py" line="-5"/>
        <source>Who to remind</source>
        <translation>A quién recordar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Untick a client to leave them out, or change the kind of reminder. Clients with problems cannot be ticked.</source>
        <translation>Desmarque un cliente para dejarlo fuera o cambie el tipo de recordatorio. Los clientes con problemas no se pueden marcar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Add client</source>
        <translation>Añadir cliente</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Also remind:</source>
        <translation>Recordar también a:</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Click to choose another kind of reminder</source>
        <translation>Pulse para elegir otro tipo de recordatorio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no email)</source>
        <translation>(sin correo)</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Email reminders are over for {n} invoices: call, or hand them to an agency.</source>
        <translation>Ya no quedan recordatorios por correo para {n} facturas: llame o páselas a una agencia de cobros.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No reminders are due today. Add a client above to write to them anyway.</source>
        <translation>Hoy no toca ningún recordatorio. Añada un cliente arriba para escribirle de todos modos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Held back by a message in the outbox (Reminders ▸ Outbox…):</source>
        <translation>Retenidos por un mensaje en la bandeja de salida (Recordatorios ▸ Bandeja de salida…):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{client}: {status}</source>
        <translation>{client}: {status}</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Review the messages</source>
        <translation>Revise los mensajes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each client gets one message. Edit the subject or the text as you like; the invoices are attached as PDF files.</source>
        <translation>Cada cliente recibe un mensaje. Cambie el asunto o el texto como quiera; las facturas se adjuntan como archivos PDF.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>To:</source>
        <translation>Para:</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/template_editor.py" line="+0"/>
        <location line="+103"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="-103"/>
        <location line="+104"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Reminder templates</source>
        <translation>Plantillas de recordatorio</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage:</source>
        <translation>Etapa:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part:</source>
        <translation>Parte:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Values a template may use: {names}</source>
        <translation>Valores que puede usar una plantilla: {names}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Preview for:</source>
        <translation>Vista previa para:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../collector_gui/ui/reminder_pages.py" line="+1"/>
        <source>Subject:</source>
        <translation>Asunto:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reset to the original…</source>
        <translation>Volver al original…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Discard your changes to this template?</source>
        <translation>¿Descartar sus cambios en esta plantilla?</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+200"/>
        <source>Discard changes</source>
        <translation>Descartar cambios</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>The template cannot be read: {error}</source>
        <translation>No se puede leer la plantilla: {error}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Line {line}: {message}</source>
        <translation>Línea {line}: {message}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your edited copy of this template.</source>
        <translation>Su copia modificada de esta plantilla.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The original template that comes with Collector.</source>
        <translation>La plantilla original que incluye Collector.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unsaved changes)</source>
        <translation>(cambios sin guardar)</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+44"/>
        <source>The template has a problem: {problem}</source>
        <translation>La plantilla tiene un problema: {problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a client with an unpaid invoice to see a preview.</source>
        <translation>Añada un cliente con una factura sin pagar para ver una vista previa.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Rendering…</source>
        <translation>Generando…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{client} gets reminders in {language}: their amounts and dates are written that way.</source>
        <translation>{client} recibe los recordatorios en {language}: sus importes y fechas se escriben así.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Template saved.</source>
        <translation>Plantilla guardada.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Remove your edited copy and go back to the original template?</source>
        <translation>¿Quitar su copia modificada y volver a la plantilla original?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close without saving your changes to this template?</source>
        <translation>¿Cerrar sin guardar sus cambios en esta plantilla?</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_pages.py" line="+1"/>
        <source>Attached:</source>
        <translation>Adjuntos:</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{client}
({stage} reminder)</source>
        <translation>{client}
(recordatorio: {stage})</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../collector_gui/ui/reminders.py" line="+163"/>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_wizard.py" line="-223"/>
        <location line="+113"/>
        <location filename="../../collector_gui/ui/reminders.py" line="+9"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>Send…</source>
        <translation>Enviar…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/sent_messages.py" line="-13"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>saved as .eml</source>
        <translation>guardado como .eml</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sent messages</source>
        <translation>Mensajes enviados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every message sent, saved, or waiting in the outbox, newest first. Choose one to read it. A failed one can be retried; whether an unknown one arrived, only you can say.</source>
        <translation>Todos los mensajes enviados, guardados o pendientes en la bandeja de salida, los más recientes primero. Elige uno para leerlo. Uno fallido se puede reintentar; si uno de entrega desconocida llegó, solo tú puedes decirlo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search by client, address or subject</source>
        <translation>Buscar por cliente, dirección o asunto</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../../collector_gui/ui/reminder_wizard.py" line="+3"/>
        <location filename="../../collector_gui/ui/reminders.py" line="-5"/>
        <source>Save as .eml…</source>
        <translation>Guardar como .eml…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>No message matches.</source>
        <translation>Ningún mensaje coincide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No message was sent from this ledger yet.</source>
        <translation>Todavía no se ha enviado ningún mensaje desde este libro.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Attachments: {names}</source>
        <translation>Adjuntos: {names}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No attachments.</source>
        <translation>Sin adjuntos.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the message as</source>
        <translation>Guardar el mensaje como</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email files (*.eml)</source>
        <translation>Archivos de correo (*.eml)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved {path}; any mail program opens it.</source>
        <translation>Guardado {path}; cualquier programa de correo lo abre.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminder_wizard.py" line="+2"/>
        <source>Write each message to a file to send from your own mail program (no mail server needed).</source>
        <translation>Guarda cada mensaje en un archivo para enviarlo desde su propio programa de correo (no hace falta servidor de correo).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail settings…</source>
        <translation>Ajustes de correo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the mail server the reminders go through.</source>
        <translation>Indique el servidor de correo por el que salen los recordatorios.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{n} messages are ready.</source>
        <translation>{n} mensajes listos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending needs a mail server (Settings ▸ Mail): {why} You can set one with Mail settings…, or save the messages as .eml files instead.</source>
        <translation>Para enviar hace falta un servidor de correo (Ajustes ▸ Correo): {why} Puede indicarlo con Ajustes de correo…, o guardar los mensajes como archivos .eml.</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>Writing the messages…</source>
        <translation>Redactando los mensajes…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The plan could not be made.</source>
        <translation>No se ha podido preparar el plan.</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Save the messages into…</source>
        <translation>Guardar los mensajes en…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Each goes to the recipient shown on the previous page, with its attachments. This cannot be taken back.</source>
        <translation>Cada uno va al destinatario que se ve en la página anterior, con sus adjuntos. No se puede deshacer.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Send reminders</source>
        <translation>Enviar recordatorios</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next &gt;</source>
        <translation>Siguiente &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; Back</source>
        <translation>&lt; Atrás</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminders.py" line="-112"/>
        <source>Send &amp;reminders…</source>
        <translation>Enviar &amp;recordatorios…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Work out today&apos;s reminders, review them, send them</source>
        <translation>Preparar los recordatorios de hoy, revisarlos y enviarlos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send reminder</source>
        <translation>Enviar recordatorio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the selected client the reminder that is due</source>
        <translation>Enviar al cliente seleccionado el recordatorio que le toca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reminder to this client…</source>
        <translation>Recordatorio a este cliente…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Outbox…</source>
        <translation>&amp;Bandeja de salida…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent &amp;messages…</source>
        <translation>&amp;Mensajes enviados…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit reminder &amp;templates…</source>
        <translation>Editar &amp;plantillas de recordatorio…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/main_window.py" line="-332"/>
        <source>&amp;Reminders</source>
        <translation>&amp;Recordatorios</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/reminders.py" line="+45"/>
        <location line="+29"/>
        <source>Choose a client or an invoice first.</source>
        <translation>Seleccione antes un cliente o una factura.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{stage} reminder to {to} about {invoices}, attaching {files}.</source>
        <translation>{stage}: recordatorio a {to} sobre {invoices}; adjuntos: {files}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No mail server is set (Settings ▸ Mail): save the message as an .eml file to send from your own mail program.</source>
        <translation>No hay servidor de correo configurado (Ajustes ▸ Correo): guarde el mensaje como archivo .eml para enviarlo desde su propio programa de correo.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Save the message into…</source>
        <translation>Guardar el mensaje en…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/writer.py" line="+104"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/common.py" line="+93"/>
        <source>Discard changes?</source>
        <translation>¿Descartar los cambios?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep editing</source>
        <translation>&amp;Seguir editando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed in this window has not been saved.</source>
        <translation>Lo que ha escrito en esta ventana no se ha guardado.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/fields.py" line="+185"/>
        <source>Calendar (Alt+Down)</source>
        <translation>Calendario (Alt+Abajo)</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/pages/bank.py" line="-24"/>
        <source>Import statement…</source>
        <translation>Importar extracto…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search bank text, payer, reference, client or invoice</source>
        <translation>Buscar concepto, ordenante, referencia, cliente o factura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show lines already done</source>
        <translation>Mostrar también los apuntes ya resueltos</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Accept</source>
        <translation>&amp;Aceptar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Change…</source>
        <translation>&amp;Cambiar…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reject</source>
        <translation>&amp;Rechazar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter or A: accept the proposal · C: other invoices · R or Delete: not a client&apos;s payment · Ctrl+Z: undo</source>
        <translation>Intro o A: aceptar la propuesta · C: otras facturas · R o Supr: no es un cobro de cliente · Ctrl+Z: deshacer</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change…</source>
        <translation>Cambiar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Nothing selected.</source>
        <translation>Nada seleccionado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Proposed: {invoices} ({why})</source>
        <translation>Propuesta: {invoices} ({why})</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Undo with Ctrl+Z.</source>
        <translation>Deshaga con Ctrl+Z.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import a bank statement</source>
        <translation>Importar un extracto bancario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank statements ({patterns});;All files (*)</source>
        <translation>Extractos bancarios ({patterns});;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lines waiting for your decision on the Bank page: {n}.</source>
        <translation>Apuntes que esperan su decisión en la página Banco: {n}.</translation>
    </message>
    <message>
        <location filename="../../collector_gui/ui/dialogs/invoice_terms.py" line="+34"/>
        <source>IRPF withheld on the base, percent (Spain: 15, or 7 in your first years; 0 for none). The client pays base + VAT − IRPF.</source>
        <translation>Retención de IRPF sobre la base, en porcentaje (España: 15, o 7 en los primeros años; 0 para ninguna). El cliente paga base + IVA − IRPF.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>% if paid within</source>
        <translation>% si se paga en</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>days of the issue date</source>
        <translation>días desde la fecha de emisión</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>IRPF</source>
        <translation>IRPF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The discount</source>
        <translation>El descuento</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../collector_gui/ui/counts.py" line="+16"/>
        <source>{n} row</source>
        <translation>
            <numerusform>{n} fila</numerusform>
            <numerusform>{n} filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{n} rows</source>
        <translation>
            <numerusform>{n} fila</numerusform>
            <numerusform>{n} filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{n} invoice</source>
        <translation>
            <numerusform>{n} factura</numerusform>
            <numerusform>{n} facturas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{n} invoices</source>
        <translation>
            <numerusform>{n} factura</numerusform>
            <numerusform>{n} facturas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{n} client</source>
        <translation>
            <numerusform>{n} cliente</numerusform>
            <numerusform>{n} clientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{n} clients</source>
        <translation>
            <numerusform>{n} cliente</numerusform>
            <numerusform>{n} clientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{n} entry</source>
        <translation>
            <numerusform>{n} registro</numerusform>
            <numerusform>{n} registros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{n} entries</source>
        <translation>
            <numerusform>{n} registro</numerusform>
            <numerusform>{n} registros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{n} payment</source>
        <translation>
            <numerusform>{n} pago</numerusform>
            <numerusform>{n} pagos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{n} payments</source>
        <translation>
            <numerusform>{n} pago</numerusform>
            <numerusform>{n} pagos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{n} day late</source>
        <translation>
            <numerusform>{n} día de retraso</numerusform>
            <numerusform>{n} días de retraso</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>{n} days late</source>
        <translation>
            <numerusform>{n} día de retraso</numerusform>
            <numerusform>{n} días de retraso</numerusform>
        </translation>
    </message>
</context>
</TS>
