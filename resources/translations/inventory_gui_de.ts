<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Check stock for a list of products against an inventory API.</source>
        <translation>Prüft den Bestand einer Produktliste über eine Inventar-API.</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>Über {0}</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>{0}:</source>
        <translation>{0}:</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a product list (CSV, TSV, TXT, JSON, XLSX)</source>
        <translation>Eine Produktliste öffnen (CSV, TSV, TXT, JSON, XLSX)</translation>
    </message>
    <message>
        <source>&amp;Fetch all</source>
        <translation>Alle a&amp;brufen</translation>
    </message>
    <message>
        <source>Fetch every product in the list</source>
        <translation>Jedes Produkt der Liste abrufen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Stop the run: finished rows stay, the rest read cancelled</source>
        <translation>Den Lauf anhalten: fertige Zeilen bleiben, die übrigen werden als abgebrochen markiert</translation>
    </message>
    <message>
        <source>Refresh &amp;selected</source>
        <translation>Auswahl &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Fetch the selected rows again; the others keep their results</source>
        <translation>Die ausgewählten Zeilen erneut abrufen; die anderen behalten ihre Ergebnisse</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>&amp;Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>Fetch again only the rows that ended in error or were cancelled</source>
        <translation>Nur die Zeilen erneut abrufen, die mit einem Fehler endeten oder abgebrochen wurden</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export all rows to CSV, JSON or XLSX</source>
        <translation>Alle Zeilen als CSV, JSON oder XLSX exportieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit (cancels a running fetch first)</source>
        <translation>Beenden (bricht einen laufenden Abruf zuerst ab)</translation>
    </message>
    <message>
        <source>&amp;Filter rows</source>
        <translation>Zeilen &amp;filtern</translation>
    </message>
    <message>
        <source>Jump to the filter box</source>
        <translation>Zum Filterfeld springen</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>&amp;Zeilen kopieren</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header line</source>
        <translation>Die ausgewählten Zeilen als tabulatorgetrennten Text mit Kopfzeile kopieren</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>Unerwarteter Fehler: {0}</translation>
    </message>
</context>
<context>
    <name>AuthSection</name>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>API key in header</source>
        <translation>API-Schlüssel im Header</translation>
    </message>
    <message>
        <source>API key in query</source>
        <translation>API-Schlüssel in der Abfrage</translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (Benutzer und Passwort)</translation>
    </message>
    <message>
        <source>OAuth2 client credentials</source>
        <translation>OAuth2-Client-Anmeldedaten</translation>
    </message>
    <message>
        <source>Kept in the system keyring (or for this session), never in the settings file.</source>
        <translation>Im Schlüsselbund des Systems (oder für diese Sitzung) aufbewahrt, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>token or key</source>
        <translation>Token oder Schlüssel</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Key name</source>
        <translation>Schlüsselname</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Token URL</source>
        <translation>Token-URL</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>AuthStore</name>
    <message>
        <source>the Auth section&apos;s password</source>
        <translation>das Passwort im Abschnitt Anmeldung</translation>
    </message>
    <message>
        <source>the Auth section&apos;s client secret</source>
        <translation>das Client-Geheimnis im Abschnitt Anmeldung</translation>
    </message>
    <message>
        <source>the Auth section&apos;s token</source>
        <translation>das Token im Abschnitt Anmeldung</translation>
    </message>
</context>
<context>
    <name>CloseToTray</name>
    <message>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich: Schließen des Fensters beendet das Programm.</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>Fenster &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close to &amp;tray while auto-refresh is on</source>
        <translation>Beim Schließen in den &amp;Infobereich, solange automatisch aktualisiert wird</translation>
    </message>
    <message>
        <source>Still checking every {0} min. Quit from this icon&apos;s menu.</source>
        <translation>Prüft weiterhin alle {0} min. Beenden über das Menü dieses Symbols.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>Vorrätig</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Knapp</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Ausverkauft</translation>
    </message>
    <message>
        <source>No quantity</source>
        <translation>Keine Menge</translation>
    </message>
    <message>
        <source>Unknown product</source>
        <translation>Unbekanntes Produkt</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{0} d ago</source>
        <translation>vor {0} T</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>vor {0} h</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>vor {0} min</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>How the request ended</source>
        <translation>Wie die Anfrage endete</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>In stock, Low (at or under the threshold), Out, Unknown product (404), Error</source>
        <translation>Vorrätig, Knapp (bei oder unter dem Schwellwert), Ausverkauft, Unbekanntes Produkt (404), Fehler</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Since the last successful check (from the history)</source>
        <translation>Seit der letzten erfolgreichen Prüfung (aus dem Verlauf)</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>HTTP status of the last answer</source>
        <translation>HTTP-Status der letzten Antwort</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Whole check, retries and waits included</source>
        <translation>Gesamte Prüfung, Wiederholungen und Wartezeiten eingeschlossen</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Requests actually sent</source>
        <translation>Tatsächlich gesendete Anfragen</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>How long ago the product was checked</source>
        <translation>Wie lange die Prüfung des Produkts her ist</translation>
    </message>
</context>
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>auto: {0}</source>
        <translation>automatisch: {0}</translation>
    </message>
    <message>
        <source> Keys in the query (api_key=, token=...) are shown as *** and kept like secret headers.</source>
        <translation> Schlüssel in der Abfrage (api_key=, token=...) werden als *** angezeigt und wie geheime Header aufbewahrt.</translation>
    </message>
    <message>
        <source>Secret header values and URL keys are stored in the system keyring.</source>
        <translation>Geheime Header-Werte und URL-Schlüssel werden im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>No system keyring found: secret header values and URL keys are kept for this session only.</source>
        <translation>Kein Schlüsselbund gefunden: geheime Header-Werte und URL-Schlüssel gelten nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>Certificates are NOT verified: anyone on the network path could read or change the traffic, headers included. Use only for a test server.</source>
        <translation>Zertifikate werden NICHT geprüft: jeder auf dem Netzwerkweg könnte den Verkehr samt Headern mitlesen oder ändern. Nur für einen Testserver verwenden.</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <source>none, e.g. {&quot;ids&quot;: {ids}}</source>
        <translation>keiner, z. B. {&quot;ids&quot;: {ids}}</translation>
    </message>
    <message>
        <source>the answer itself</source>
        <translation>die Antwort selbst</translation>
    </message>
    <message>
        <source>Back off when the API pushes back</source>
        <translation>Zurückweichen, wenn die API bremst</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <source>Where the values of secret headers are kept.</source>
        <translation>Wo die Werte geheimer Header aufbewahrt werden.</translation>
    </message>
    <message>
        <source>Header {0} has a value but no name</source>
        <translation>Header {0} hat einen Wert, aber keinen Namen</translation>
    </message>
    <message>
        <source>Header {0} has no value</source>
        <translation>Header {0} hat keinen Wert</translation>
    </message>
    <message>
        <source>The URL template&apos;s {0} is not known: type it again instead of ***</source>
        <translation>{0} der URL-Vorlage ist nicht bekannt: bitte statt *** erneut eingeben</translation>
    </message>
    <message>
        <source>The proxy&apos;s user info is not known: type it again instead of ***</source>
        <translation>Die Benutzerangaben des Proxys sind nicht bekannt: bitte statt *** erneut eingeben</translation>
    </message>
</context>
<context>
    <name>CurlDialog</name>
    <message>
        <source>Paste a curl command</source>
        <translation>curl-Befehl einfügen</translation>
    </message>
    <message>
        <source>(as API docs or the browser&apos;s Copy as cURL give it)</source>
        <translation>(wie ihn API-Dokumentationen oder „Als cURL kopieren“ des Browsers liefern)</translation>
    </message>
    <message>
        <source>curl command</source>
        <translation>curl-Befehl</translation>
    </message>
    <message>
        <source>Parts of the URL</source>
        <translation>Teile der URL</translation>
    </message>
    <message>
        <source>Pick the part of the URL that is the product ID.</source>
        <translation>Den Teil der URL wählen, der die Produkt-ID ist.</translation>
    </message>
    <message>
        <source>The URL has no path or query value to put the product ID in.</source>
        <translation>Die URL hat keinen Pfad- oder Abfragewert, in den die Produkt-ID passt.</translation>
    </message>
    <message>
        <source>Which part of the URL is the product ID?</source>
        <translation>Welcher Teil der URL ist die Produkt-ID?</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>ID: {0}</source>
        <translation>ID: {0}</translation>
    </message>
    <message>
        <source>Quantity: {0}</source>
        <translation>Menge: {0}</translation>
    </message>
    <message>
        <source>Checked at: {0}</source>
        <translation>Geprüft am: {0}</translation>
    </message>
    <message>
        <source>URL: {0}</source>
        <translation>URL: {0}</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>Input columns:</source>
        <translation>Eingabespalten:</translation>
    </message>
    <message>
        <source>… (truncated)</source>
        <translation>… (gekürzt)</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>&lt;cannot be built: {0}&gt;</source>
        <translation>&lt;kann nicht gebildet werden: {0}&gt;</translation>
    </message>
    <message>
        <source>Select a row to see its full error and raw response.</source>
        <translation>Eine Zeile auswählen, um ihren vollständigen Fehler und die Rohantwort zu sehen.</translation>
    </message>
    <message>
        <source>Details of the selected row</source>
        <translation>Details der ausgewählten Zeile</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Open product list</source>
        <translation>Produktliste öffnen</translation>
    </message>
    <message>
        <source>Product lists ({0})</source>
        <translation>Produktlisten ({0})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
</context>
<context>
    <name>FetchRunner</name>
    <message>
        <source>The fetch stopped on an unexpected error: {0}</source>
        <translation>Der Abruf wurde durch einen unerwarteten Fehler beendet: {0}</translation>
    </message>
</context>
<context>
    <name>HeaderRow</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Header name, e.g. Authorization or X-Api-Key.</source>
        <translation>Header-Name, z. B. Authorization oder X-Api-Key.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Header value. Values of secret-looking headers (keys, tokens, cookies...) are hidden and never written to the settings file.</source>
        <translation>Header-Wert. Werte geheim wirkender Header (Schlüssel, Tokens, Cookies...) werden verborgen und nie in die Einstellungsdatei geschrieben.</translation>
    </message>
    <message>
        <source>Show value</source>
        <translation>Wert anzeigen</translation>
    </message>
    <message>
        <source>Remove this header</source>
        <translation>Diesen Header entfernen</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Header entfernen</translation>
    </message>
    <message>
        <source>Hide value</source>
        <translation>Wert verbergen</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>History is off (no data folder could be opened).</source>
        <translation>Der Verlauf ist aus (kein Datenordner ließ sich öffnen).</translation>
    </message>
    <message>
        <source>The run of {0} started {1} did not finish: {2} of {3} products were not fetched.</source>
        <translation>Der Lauf von {0}, gestartet {1}, wurde nicht beendet: {2} von {3} Produkten wurden nicht abgerufen.</translation>
    </message>
    <message>
        <source>Resume ({0})</source>
        <translation>Fortsetzen ({0})</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Select a row to see its history.</source>
        <translation>Eine Zeile auswählen, um ihren Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Checks of the selected product</source>
        <translation>Prüfungen des ausgewählten Produkts</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>Spaltenköpfe</translation>
    </message>
    <message>
        <source>Checked at</source>
        <translation>Geprüft am</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>JsonTree</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>The API&apos;s answer</source>
        <translation>Die Antwort der API</translation>
    </message>
    <message>
        <source>(answer)</source>
        <translation>(Antwort)</translation>
    </message>
    <message>
        <source>deeper than {0} levels: not shown</source>
        <translation>tiefer als {0} Ebenen: nicht angezeigt</translation>
    </message>
    <message>
        <source>{0} more not shown</source>
        <translation>{0} weitere nicht angezeigt</translation>
    </message>
    <message>
        <source>Use {0} as the quantity field</source>
        <translation>{0} als Mengenfeld verwenden</translation>
    </message>
    <message>
        <source>Add {0} as an extra field</source>
        <translation>{0} als zusätzliches Feld hinzufügen</translation>
    </message>
</context>
<context>
    <name>MainLayout</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Fe&amp;tch</source>
        <translation>Ab&amp;rufen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About {0}</source>
        <translation>Ü&amp;ber {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Filter by ID, error or any column…</source>
        <translation>Nach ID, Fehler oder beliebiger Spalte filtern…</translation>
    </message>
    <message>
        <source>Filter rows</source>
        <translation>Zeilen filtern</translation>
    </message>
    <message>
        <source>Show only rows containing this text (Ctrl+F)</source>
        <translation>Nur Zeilen mit diesem Text anzeigen (Strg+F)</translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation>Nur Fehlschläge</translation>
    </message>
    <message>
        <source>Show only rows that ended in error or were cancelled</source>
        <translation>Nur Zeilen anzeigen, die mit einem Fehler endeten oder abgebrochen wurden</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>The system keyring refused {0}: kept for this session only.</source>
        <translation>Der Schlüsselbund des Systems hat {0} abgelehnt: nur für diese Sitzung aufbewahrt.</translation>
    </message>
    <message>
        <source>The details are in the log file. Nothing loaded was lost.</source>
        <translation>Die Einzelheiten stehen in der Protokolldatei. Nichts Geladenes ging verloren.</translation>
    </message>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>Unerwarteter Fehler: {0}</translation>
    </message>
    <message>
        <source>Cancelling before closing…</source>
        <translation>Wird vor dem Schließen abgebrochen…</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
</context>
<context>
    <name>NetworkSection</name>
    <message>
        <source>from HTTP_PROXY / HTTPS_PROXY, e.g. http://proxy:3128</source>
        <translation>aus HTTP_PROXY / HTTPS_PROXY, z. B. http://proxy:3128</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Use HTTP_PROXY / NO_PROXY when no proxy is set</source>
        <translation>HTTP_PROXY / NO_PROXY verwenden, wenn kein Proxy gesetzt ist</translation>
    </message>
    <message>
        <source>system trust store</source>
        <translation>Zertifikatsspeicher des Systems</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>in the certificate</source>
        <translation>im Zertifikat</translation>
    </message>
    <message>
        <source>{0}: choose a file</source>
        <translation>{0}: Datei wählen</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln Produkt</numerusform>
            <numerusform>%Ln Produkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln duplicate(s) (fetched once)</source>
        <translation>
            <numerusform>%Ln Duplikat (einmal abgerufen)</numerusform>
            <numerusform>%Ln Duplikate (einmal abgerufen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) not used: {0}</source>
        <translation>
            <numerusform>%Ln Zeile nicht verwendet: {0}</numerusform>
            <numerusform>%Ln Zeilen nicht verwendet: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln attempt(s)</source>
        <translation>
            <numerusform>%Ln Versuch</numerusform>
            <numerusform>%Ln Versuche</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ok</source>
        <translation>
            <numerusform>%Ln ok</numerusform>
            <numerusform>%Ln ok</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln Fehler</numerusform>
            <numerusform>%Ln Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln abgebrochen</numerusform>
            <numerusform>%Ln abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln geändert</numerusform>
            <numerusform>%Ln geändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln out of stock: {0}</source>
        <translation>
            <numerusform>%Ln ausverkauft: {0}</numerusform>
            <numerusform>%Ln ausverkauft: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln running low: {0}</source>
        <translation>
            <numerusform>%Ln wird knapp: {0}</numerusform>
            <numerusform>%Ln werden knapp: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln back in stock: {0}</source>
        <translation>
            <numerusform>%Ln wieder vorrätig: {0}</numerusform>
            <numerusform>%Ln wieder vorrätig: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln row(s)</source>
        <translation>
            <numerusform>%Ln Zeile kopiert</numerusform>
            <numerusform>%Ln Zeilen kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to {0}</source>
        <translation>
            <numerusform>%Ln Zeile nach {0} exportiert</numerusform>
            <numerusform>%Ln Zeilen nach {0} exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation>
            <numerusform>%Ln Schlüssel</numerusform>
            <numerusform>%Ln Schlüssel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln Element</numerusform>
            <numerusform>%Ln Elemente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>History of {0}: %Ln check(s)</source>
        <translation>
            <numerusform>Verlauf von {0}: %Ln Prüfung</numerusform>
            <numerusform>Verlauf von {0}: %Ln Prüfungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProbeDialog</name>
    <message>
        <source>Test the connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Product ID</source>
        <translation>Produkt-ID</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check one product to see the API&apos;s answer.</source>
        <translation>Ein Produkt prüfen, um die Antwort der API zu sehen.</translation>
    </message>
    <message>
        <source>Double-click a value to use it as the quantity field; right-click for more.</source>
        <translation>Doppelklick auf einen Wert macht ihn zum Mengenfeld; Rechtsklick für mehr.</translation>
    </message>
    <message>
        <source>Type a product ID to check.</source>
        <translation>Eine zu prüfende Produkt-ID eingeben.</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>{0} wird geprüft…</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>{0}: quantity {1}</source>
        <translation>{0}: Menge {1}</translation>
    </message>
</context>
<context>
    <name>ProductIntake</name>
    <message>
        <source>Wait for the current fetch or load to finish first.</source>
        <translation>Bitte warten, bis der laufende Abruf oder das Laden beendet ist.</translation>
    </message>
    <message>
        <source>Loading {0}… (Esc cancels)</source>
        <translation>{0} wird geladen… (Esc bricht ab)</translation>
    </message>
    <message>
        <source>{0}: loading cancelled</source>
        <translation>{0}: Laden abgebrochen</translation>
    </message>
    <message>
        <source>{0}. The list shown is unchanged.</source>
        <translation>{0}. Die angezeigte Liste bleibt unverändert.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>{0}: no product IDs found</source>
        <translation>{0}: keine Produkt-IDs gefunden</translation>
    </message>
    <message>
        <source>Loaded {0}</source>
        <translation>Geladen: {0}</translation>
    </message>
</context>
<context>
    <name>ProductPanel</name>
    <message>
        <source>columns: {0}</source>
        <translation>Spalten: {0}</translation>
    </message>
    <message>
        <source>Type or paste product IDs, one per line,
or rows copied from a spreadsheet.</source>
        <translation>Produkt-IDs eingeben oder einfügen, eine pro Zeile,
oder aus einer Tabelle kopierte Zeilen.</translation>
    </message>
    <message>
        <source>One ID per line, or tab-separated rows with a header (id, sku, name…).
Duplicates are fetched once; blank lines are skipped.</source>
        <translation>Eine ID pro Zeile oder tabulatorgetrennte Zeilen mit Kopfzeile (id, sku, name…).
Duplikate werden einmal abgerufen; leere Zeilen werden übersprungen.</translation>
    </message>
    <message>
        <source>Product IDs</source>
        <translation>Produkt-IDs</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open a product file: CSV, TSV, TXT, JSON or XLSX (Ctrl+O)</source>
        <translation>Eine Produktdatei öffnen: CSV, TSV, TXT, JSON oder XLSX (Strg+O)</translation>
    </message>
    <message>
        <source>No products yet</source>
        <translation>Noch keine Produkte</translation>
    </message>
    <message>
        <source>&lt;b&gt;Products&lt;/b&gt;</source>
        <translation>&lt;b&gt;Produkte&lt;/b&gt;</translation>
    </message>
    <message>
        <source>From &lt;b&gt;{0}&lt;/b&gt;. Type below to replace the list.</source>
        <translation>Aus &lt;b&gt;{0}&lt;/b&gt;. Unten tippen, um die Liste zu ersetzen.</translation>
    </message>
</context>
<context>
    <name>ProfileBar</name>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Profile (*.json)</source>
        <translation>Profil (*.json)</translation>
    </message>
    <message>
        <source>No profile</source>
        <translation>Kein Profil</translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation>Verbindungsprofil</translation>
    </message>
    <message>
        <source>Connection profile: switching saves this one and shows the other</source>
        <translation>Verbindungsprofil: beim Wechseln wird dieses gespeichert und das andere angezeigt</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Check one product and show the API&apos;s raw answer</source>
        <translation>Ein Produkt prüfen und die Rohantwort der API zeigen</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>&amp;Neues Profil…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Umbenennen…</translation>
    </message>
    <message>
        <source>&amp;Duplicate…</source>
        <translation>&amp;Duplizieren…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Import from file…</source>
        <translation>Aus Datei &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export to file…</source>
        <translation>In Datei e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Paste curl command…</source>
        <translation>curl-Befehl &amp;einfügen…</translation>
    </message>
    <message>
        <source>Exported without its secrets: {0}.</source>
        <translation>Ohne seine Geheimnisse exportiert: {0}.</translation>
    </message>
    <message>
        <source>Profile {0} imported: enter {1}.</source>
        <translation>Profil {0} importiert: {1} eingeben.</translation>
    </message>
    <message>
        <source>The system keyring refused {0}.</source>
        <translation>Der Schlüsselbund des Systems hat {0} abgelehnt.</translation>
    </message>
    <message>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>This version sends GET without a body: the {0} of the curl command were not kept.</source>
        <translation>Diese Version sendet GET ohne Inhalt: {0} des curl-Befehls wurden nicht übernommen.</translation>
    </message>
    <message>
        <source>Profile {0}: enter {1} again.</source>
        <translation>Profil {0}: {1} erneut eingeben.</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Profilname:</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>Profil umbenennen</translation>
    </message>
    <message>
        <source>{0} copy</source>
        <translation>{0} Kopie</translation>
    </message>
    <message>
        <source>Duplicate profile</source>
        <translation>Profil duplizieren</translation>
    </message>
    <message>
        <source>Import a profile</source>
        <translation>Ein Profil importieren</translation>
    </message>
    <message>
        <source>Export the profile</source>
        <translation>Das Profil exportieren</translation>
    </message>
    <message>
        <source>Profiles are off: {0}</source>
        <translation>Profile sind aus: {0}</translation>
    </message>
</context>
<context>
    <name>QuantityChart</name>
    <message>
        <source>No quantities yet</source>
        <translation>Noch keine Mengen</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Position in the input list</source>
        <translation>Position in der Eingabeliste</translation>
    </message>
    <message>
        <source>From the input file</source>
        <translation>Aus der Eingabedatei</translation>
    </message>
    <message>
        <source>From each answer: {0}</source>
        <translation>Aus jeder Antwort: {0}</translation>
    </message>
    <message>
        <source>Ran out since the last check</source>
        <translation>Seit der letzten Prüfung ausverkauft</translation>
    </message>
    <message>
        <source>Back in stock</source>
        <translation>Wieder vorrätig</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>One row per product: status, stock, quantity, change and error</source>
        <translation>Eine Zeile pro Produkt: Status, Bestand, Menge, Änderung und Fehler</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>Spaltenköpfe</translation>
    </message>
</context>
<context>
    <name>RowActions</name>
    <message>
        <source>Copy as cur&amp;l</source>
        <translation>Als &amp;curl kopieren</translation>
    </message>
</context>
<context>
    <name>RowMenu</name>
    <message>
        <source>Copy &amp;ID</source>
        <translation>&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation>&amp;URL kopieren</translation>
    </message>
    <message>
        <source>Row menu</source>
        <translation>Zeilenmenü</translation>
    </message>
    <message>
        <source>&amp;Refresh this row</source>
        <translation>Diese Zeile &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Show &amp;history</source>
        <translation>&amp;Verlauf anzeigen</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>Stock changed: {0}</source>
        <translation>Bestand geändert: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} shown</source>
        <translation>{0} von {1} angezeigt</translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>Stopped after {0}</source>
        <translation>Angehalten nach {0}</translation>
    </message>
    <message>
        <source>Done in {0}</source>
        <translation>Fertig in {0}</translation>
    </message>
    <message>
        <source>{0}/s</source>
        <translation>{0}/s</translation>
    </message>
    <message>
        <source>concurrency {0}/{1}</source>
        <translation>Parallelität {0}/{1}</translation>
    </message>
    <message>
        <source>ETA {0}</source>
        <translation>Rest {0}</translation>
    </message>
    <message>
        <source>elapsed {0}</source>
        <translation>vergangen {0}</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <source>URL template</source>
        <translation>URL-Vorlage</translation>
    </message>
    <message>
        <source>The API URL for one product, e.g. https://api.example.com/get-current-inventory/{id}: {id} is replaced by the product ID and {column} by that column of the product list, percent-encoded so each stays one path segment or query value.</source>
        <translation>Die API-URL für ein Produkt, z. B. https://api.example.com/get-current-inventory/{id}: {id} wird durch die Produkt-ID ersetzt und {column} durch diese Spalte der Produktliste, prozentkodiert, sodass jeder Wert ein Pfadsegment oder Abfragewert bleibt.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Extra request headers, such as an API key.</source>
        <translation>Zusätzliche Anfrage-Header, etwa ein API-Schlüssel.</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>Most requests in flight at once. 1 to 10000.</source>
        <translation>Höchstzahl gleichzeitig laufender Anfragen. 1 bis 10000.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Time allowed per request, answer included. 0.1 s to 3600 s.</source>
        <translation>Erlaubte Zeit pro Anfrage, Antwort eingeschlossen. 0.1 s bis 3600 s.</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Retries on timeouts, connection errors, HTTP 408/429/5xx, with a growing pause. 0 to 20.</source>
        <translation>Wiederholungen bei Zeitüberschreitungen, Verbindungsfehlern, HTTP 408/429/5xx, mit wachsender Pause. 0 bis 20.</translation>
    </message>
    <message>
        <source>Quantity field</source>
        <translation>Mengenfeld</translation>
    </message>
    <message>
        <source>Dotted path or JMESPath expression to the quantity in the JSON answer, e.g. data.stock or counts[].quantity (a list is summed; default: the first of quantity, qty, stock, available, inventory, on_hand holding a number).</source>
        <translation>Punktierter Pfad oder JMESPath-Ausdruck zur Menge in der JSON-Antwort, z. B. data.stock oder counts[].quantity (eine Liste wird summiert; Standard: das erste von quantity, qty, stock, available, inventory, on_hand, das eine Zahl enthält).</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Ratenbegrenzung</translation>
    </message>
    <message>
        <source>Most requests started per second. 0.01/s to 100000/s. At its lowest: no limit.</source>
        <translation>Höchstzahl gestarteter Anfragen pro Sekunde. 0.01/s bis 100000/s. Ganz unten: keine Begrenzung.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Begrenzung</translation>
    </message>
    <message>
        <source>Back off</source>
        <translation>Zurückweichen</translation>
    </message>
    <message>
        <source>On bursts of 429/503 answers or a falling X-RateLimit-Remaining, halve the requests in flight, then raise them again step by step.</source>
        <translation>Bei gehäuften 429/503-Antworten oder sinkendem X-RateLimit-Remaining die laufenden Anfragen halbieren und dann schrittweise wieder erhöhen.</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <source>Check the server&apos;s TLS certificate (keep this on unless testing a local server).</source>
        <translation>Das TLS-Zertifikat des Servers prüfen (eingeschaltet lassen, außer beim Testen eines lokalen Servers).</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>The HTTP method of each request: GET, POST, PUT or PATCH.</source>
        <translation>Die HTTP-Methode jeder Anfrage: GET, POST, PUT oder PATCH.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>The JSON sent with each request, e.g. {&quot;ids&quot;: {ids}}: {id} is filled as a JSON string, {ids} as a JSON array of the batch&apos;s IDs, {column} as that column&apos;s text.</source>
        <translation>Das mit jeder Anfrage gesendete JSON, z. B. {&quot;ids&quot;: {ids}}: {id} wird als JSON-Zeichenkette eingesetzt, {ids} als JSON-Array der IDs des Stapels, {column} als Text dieser Spalte.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Stapelgröße</translation>
    </message>
    <message>
        <source>Products per request; above 1 the URL template or the body must use {ids} and the answer is split back onto the rows (--items, --item-id). 1 to 1000.</source>
        <translation>Produkte pro Anfrage; über 1 muss die URL-Vorlage oder der Inhalt {ids} verwenden, und die Antwort wird wieder auf die Zeilen verteilt (--items, --item-id). 1 bis 1000.</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>In a batch&apos;s answer, the list of per-product records (dotted path or JMESPath; default: the answer itself).</source>
        <translation>In der Antwort eines Stapels die Liste der Einträge pro Produkt (punktierter Pfad oder JMESPath; Standard: die Antwort selbst).</translation>
    </message>
    <message>
        <source>Item ID field</source>
        <translation>ID-Feld des Eintrags</translation>
    </message>
    <message>
        <source>In a batch&apos;s answer, the record field holding the product ID (compared as text).</source>
        <translation>In der Antwort eines Stapels das Feld des Eintrags mit der Produkt-ID (als Text verglichen).</translation>
    </message>
    <message>
        <source>Answer size limit</source>
        <translation>Größengrenze der Antwort</translation>
    </message>
    <message>
        <source>Answers larger than this end as errors, unread. 1 KiB to 1 GiB.</source>
        <translation>Größere Antworten enden ungelesen als Fehler. 1 KiB bis 1 GiB.</translation>
    </message>
    <message>
        <source>Backoff base</source>
        <translation>Basis der Wartezeit</translation>
    </message>
    <message>
        <source>The first retry&apos;s longest pause, doubled at each retry. 0 s to 60 s.</source>
        <translation>Längste Pause vor der ersten Wiederholung, bei jeder weiteren verdoppelt. 0 s bis 60 s.</translation>
    </message>
    <message>
        <source>Rate-limited wait</source>
        <translation>Wartezeit bei Ratenbegrenzung</translation>
    </message>
    <message>
        <source>How long a product may keep being refused by the API&apos;s rate limit (429/503 while backing off, re-queued without spending its retries) before it fails. 1 s to 86400 s.</source>
        <translation>Wie lange ein Produkt von der Ratenbegrenzung der API abgewiesen werden darf (429/503 während des Zurückfahrens, erneut eingereiht, ohne seine Wiederholungen zu verbrauchen), bevor es fehlschlägt. 1 s bis 86400 s.</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Proxy for every request, http://[user:password@]host:port (its user info is kept secret); empty: HTTP_PROXY/HTTPS_PROXY/NO_PROXY from the environment.</source>
        <translation>Proxy für jede Anfrage, http://[benutzer:passwort@]host:port (die Benutzerangaben bleiben geheim); leer: HTTP_PROXY/HTTPS_PROXY/NO_PROXY aus der Umgebung.</translation>
    </message>
    <message>
        <source>Use proxy variables</source>
        <translation>Proxy-Variablen verwenden</translation>
    </message>
    <message>
        <source>With no proxy set, honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY.</source>
        <translation>Ohne gesetzten Proxy HTTP_PROXY, HTTPS_PROXY und NO_PROXY beachten.</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA-Bündel</translation>
    </message>
    <message>
        <source>A PEM file of CA certificates to trust besides the system&apos;s (a private CA).</source>
        <translation>Eine PEM-Datei mit CA-Zertifikaten, denen zusätzlich zu denen des Systems vertraut wird (eine private CA).</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <source>The PEM certificate presented for mutual TLS (its key too, unless given apart).</source>
        <translation>Das PEM-Zertifikat für gegenseitiges TLS (auch sein Schlüssel, sofern nicht getrennt angegeben).</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <source>The PEM private key of the client certificate, if not in its file (an encrypted key&apos;s passphrase: INVENTORY_GUI_CLIENT_KEY_PASSWORD).</source>
        <translation>Der private PEM-Schlüssel des Client-Zertifikats, falls nicht in dessen Datei (Passphrase eines verschlüsselten Schlüssels: INVENTORY_GUI_CLIENT_KEY_PASSWORD).</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>How requests authenticate: none, bearer, header_key, query_key, basic or oauth2.</source>
        <translation>Wie sich Anfragen anmelden: none, bearer, header_key, query_key, basic oder oauth2.</translation>
    </message>
    <message>
        <source>Basic auth user</source>
        <translation>Basic-Auth-Benutzer</translation>
    </message>
    <message>
        <source>Sign in with HTTP Basic auth as USER; the password comes from INVENTORY_GUI_PASSWORD, the keyring or a prompt, never the command line.</source>
        <translation>Mit HTTP-Basic-Auth als USER anmelden; das Passwort kommt aus INVENTORY_GUI_PASSWORD, dem Schlüsselbund oder einer Abfrage, nie von der Befehlszeile.</translation>
    </message>
    <message>
        <source>OAuth2 token URL</source>
        <translation>OAuth2-Token-URL</translation>
    </message>
    <message>
        <source>The token endpoint of OAuth2 client credentials; the client secret comes from INVENTORY_GUI_CLIENT_SECRET or the keyring.</source>
        <translation>Der Token-Endpunkt der OAuth2-Client-Anmeldedaten; das Client-Geheimnis kommt aus INVENTORY_GUI_CLIENT_SECRET oder dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>OAuth2 client ID</source>
        <translation>OAuth2-Client-ID</translation>
    </message>
    <message>
        <source>The OAuth2 client ID.</source>
        <translation>Die OAuth2-Client-ID.</translation>
    </message>
    <message>
        <source>OAuth2 scope</source>
        <translation>OAuth2-Geltungsbereich</translation>
    </message>
    <message>
        <source>The OAuth2 scope to ask for (optional).</source>
        <translation>Der anzufragende OAuth2-Geltungsbereich (optional).</translation>
    </message>
    <message>
        <source>OAuth2 audience</source>
        <translation>OAuth2-Zielgruppe</translation>
    </message>
    <message>
        <source>The OAuth2 audience to ask for (optional).</source>
        <translation>Die anzufragende OAuth2-Zielgruppe (optional).</translation>
    </message>
    <message>
        <source>API key name</source>
        <translation>Name des API-Schlüssels</translation>
    </message>
    <message>
        <source>The header (X-Api-Key) or query parameter (api_key) that carries the API key.</source>
        <translation>Der Header (X-Api-Key) oder Abfrageparameter (api_key), der den API-Schlüssel trägt.</translation>
    </message>
    <message>
        <source>Low threshold</source>
        <translation>Schwellwert für knapp</translation>
    </message>
    <message>
        <source>Quantities at or under this read Low; a row&apos;s own threshold column wins. 0 to 1000000000. At its lowest: off.</source>
        <translation>Mengen bei oder unter diesem Wert gelten als knapp; die eigene Schwellwert-Spalte einer Zeile hat Vorrang. 0 bis 1000000000. Ganz unten: aus.</translation>
    </message>
    <message>
        <source>Threshold columns</source>
        <translation>Schwellwert-Spalten</translation>
    </message>
    <message>
        <source>Input columns holding a per-row Low threshold, first found wins.</source>
        <translation>Eingabespalten mit einem Schwellwert pro Zeile; die erste gefundene gilt.</translation>
    </message>
    <message>
        <source>Extra fields</source>
        <translation>Zusätzliche Felder</translation>
    </message>
    <message>
        <source>Extra columns from each answer: a name, or name=path into the JSON (dotted or JMESPath).</source>
        <translation>Zusätzliche Spalten aus jeder Antwort: ein Name oder name=pfad im JSON (punktiert oder JMESPath).</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Automatisch aktualisieren</translation>
    </message>
    <message>
        <source>Fetch everything again every N minutes while the window is open. 1 min to 1440 min. At its lowest: off.</source>
        <translation>Alles alle N Minuten erneut abrufen, solange das Fenster offen ist. 1 min bis 1440 min. Ganz unten: aus.</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>One desktop notification per run that changes stock levels.</source>
        <translation>Eine Desktop-Benachrichtigung pro Lauf, der Bestände ändert.</translation>
    </message>
    <message>
        <source>Close to tray</source>
        <translation>In den Infobereich schließen</translation>
    </message>
    <message>
        <source>While auto-refresh is on, closing the window keeps the app in the system tray, checking and alerting; the tray icon&apos;s menu shows the window again or quits.</source>
        <translation>Solange automatisch aktualisiert wird, bleibt das Programm beim Schließen des Fensters im Infobereich, prüft und meldet weiter; das Menü des Symbols zeigt das Fenster wieder an oder beendet.</translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>the URL template&apos;s keys</source>
        <translation>die Schlüssel der URL-Vorlage</translation>
    </message>
    <message>
        <source>the proxy&apos;s password</source>
        <translation>das Passwort des Proxys</translation>
    </message>
</context>
<context>
    <name>StockController</name>
    <message>
        <source> and {0} more</source>
        <translation> und {0} weitere</translation>
    </message>
    <message>
        <source>Show only rows in this stock status</source>
        <translation>Nur Zeilen mit diesem Bestandsstatus anzeigen</translation>
    </message>
    <message>
        <source>All stock</source>
        <translation>Alle Bestände</translation>
    </message>
    <message>
        <source>Auto-refresh skipped: busy</source>
        <translation>Automatische Aktualisierung übersprungen: beschäftigt</translation>
    </message>
    <message>
        <source>Next auto-refresh {0}</source>
        <translation>Nächste automatische Aktualisierung {0}</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Notify when stock turns Low or Out</source>
        <translation>Benachrichtigen, wenn der Bestand knapp wird oder ausgeht</translation>
    </message>
    <message>
        <source>Low at or under</source>
        <translation>Knapp bei oder unter</translation>
    </message>
    <message>
        <source>Threshold columns</source>
        <translation>Schwellwert-Spalten</translation>
    </message>
    <message>
        <source>Extra fields</source>
        <translation>Zusätzliche Felder</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Automatisch aktualisieren</translation>
    </message>
</context>
</TS>
