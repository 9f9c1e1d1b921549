<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Check stock for a list of products against an inventory API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a product list (CSV, TSV, TXT, JSON, XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch every product in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the run: finished rows stay, the rest read cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the selected rows again; the others keep their results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch again only the rows that ended in error or were cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all rows to CSV, JSON or XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit (cancels a running fetch first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to the filter box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unexpected error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthSection</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key in header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key in query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth2 client credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keyring (or for this session), never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token or key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthStore</name>
    <message>
        <source>the Auth section&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Auth section&apos;s client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Auth section&apos;s token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseToTray</name>
    <message>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close to &amp;tray while auto-refresh is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still checking every {0} min. Quit from this icon&apos;s menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the request ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In stock, Low (at or under the threshold), Out, Unknown product (404), Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since the last successful check (from the history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status of the last answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole check, retries and waits included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests actually sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long ago the product was checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>auto: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Keys in the query (api_key=, token=...) are shown as *** and kept like secret headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret header values and URL keys are stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring found: secret header values and URL keys are kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates are NOT verified: anyone on the network path could read or change the traffic, headers included. Use only for a test server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back off when the API pushes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the values of secret headers are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header {0} has a value but no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header {0} has no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL template&apos;s {0} is not known: type it again instead of ***</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy&apos;s user info is not known: type it again instead of ***</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>ID: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked at: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input columns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… (truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;cannot be built: {0}&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to see its full error and raw response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of the selected row</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Open product list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product lists ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FetchRunner</name>
    <message>
        <source>The fetch stopped on an unexpected error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderRow</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header name, e.g. Authorization or X-Api-Key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header value. Values of secret-looking headers (keys, tokens, cookies...) are hidden and never written to the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>History is off (no data folder could be opened).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run of {0} started {1} did not finish: {2} of {3} products were not fetched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume ({0})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Select a row to see its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainLayout</name>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;etch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by ID, error or any column…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rows containing this text (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rows that ended in error or were cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the current fetch or load to finish first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {0}… (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: loading cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}. The list shown is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: no product IDs found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring refused {0}: kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock changed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details are in the log file. Nothing loaded was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling before closing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkSection</name>
    <message>
        <source>from HTTP_PROXY / HTTPS_PROXY, e.g. http://proxy:3128</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use HTTP_PROXY / NO_PROXY when no proxy is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system trust store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: choose a file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n product(s)</source>
        <extracomment>The languages with complete translations, besides English (the source texts).</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicate(s) (fetched once)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) not used: {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ok</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n out of stock: {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running low: {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n back in stock: {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>History of {0}: %n check(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductPanel</name>
    <message>
        <source>columns: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste product IDs, one per line,
or rows copied from a spreadsheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One ID per line, or tab-separated rows with a header (id, sku, name…).
Duplicates are fetched once; blank lines are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a product file: CSV, TSV, TXT, JSON or XLSX (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No products yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Products&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From &lt;b&gt;{0}&lt;/b&gt;. Type below to replace the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuantityChart</name>
    <message>
        <source>No quantities yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Position in the input list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From each answer: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran out since the last check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back in stock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowMenu</name>
    <message>
        <source>Copy &amp;ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh this row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>Stopped after {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <source>URL template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API URL for one product, e.g. https://api.example.com/get-current-inventory/{id}: {id} is replaced by the product ID and {column} by that column of the product list, percent-encoded so each stays one path segment or query value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra request headers, such as an API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most requests in flight at once. 1 to 10000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time allowed per request, answer included. 0.1 s to 3600 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries on timeouts, connection errors, HTTP 408/429/5xx, with a growing pause. 0 to 20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dotted path to the quantity in the JSON answer, e.g. data.stock (default: the first of quantity, qty, stock, available, inventory, on_hand holding a number).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most requests started per second. 0.01/s to 100000/s. At its lowest: no limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On bursts of 429/503 answers or a falling X-RateLimit-Remaining, halve the requests in flight, then raise them again step by step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server&apos;s TLS certificate (keep this on unless testing a local server).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers larger than this end as errors, unread. 1 KiB to 1 GiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first retry&apos;s longest pause, doubled at each retry. 0 s to 60 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy for every request, http://[user:password@]host:port (its user info is kept secret); empty: HTTP_PROXY/HTTPS_PROXY/NO_PROXY from the environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use proxy variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With no proxy set, honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEM file of CA certificates to trust besides the system&apos;s (a private CA).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PEM certificate presented for mutual TLS (its key too, unless given apart).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PEM private key of the client certificate, if not in its file (an encrypted key&apos;s passphrase: INVENTORY_GUI_CLIENT_KEY_PASSWORD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How requests authenticate: none, bearer, header_key, query_key, basic or oauth2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic auth user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with HTTP Basic auth as USER; the password comes from INVENTORY_GUI_PASSWORD, the keyring or a prompt, never the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth2 token URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint of OAuth2 client credentials; the client secret comes from INVENTORY_GUI_CLIENT_SECRET or the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth2 client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OAuth2 client ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth2 scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OAuth2 scope to ask for (optional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth2 audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OAuth2 audience to ask for (optional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header (X-Api-Key) or query parameter (api_key) that carries the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantities at or under this read Low; a row&apos;s own threshold column wins. 0 to 1000000000. At its lowest: off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input columns holding a per-row Low threshold, first found wins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra columns from each answer: a name, or name=dotted.path into the JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch everything again every N minutes while the window is open. 1 min to 1440 min. At its lowest: off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One desktop notification per run that changes stock levels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close to tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While auto-refresh is on, closing the window keeps the app in the system tray, checking and alerting; the tray icon&apos;s menu shows the window again or quits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>the URL template&apos;s keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockController</name>
    <message>
        <source> and {0} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rows in this stock status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh skipped: busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next auto-refresh {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Notify when stock turns Low or Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low at or under</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
