<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Check stock for a list of products against an inventory API.</source>
        <translation>Vérifie le stock d&apos;une liste de produits auprès d&apos;une API d&apos;inventaire.</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>À propos de {0}</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>{0}:</source>
        <translation>{0} :</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open a product list (CSV, TSV, TXT, JSON, XLSX)</source>
        <translation>Ouvrir une liste de produits (CSV, TSV, TXT, JSON, XLSX)</translation>
    </message>
    <message>
        <source>&amp;Fetch all</source>
        <translation>&amp;Tout récupérer</translation>
    </message>
    <message>
        <source>Fetch every product in the list</source>
        <translation>Récupérer chaque produit de la liste</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Stop the run: finished rows stay, the rest read cancelled</source>
        <translation>Arrêter l&apos;exécution : les lignes terminées restent, les autres sont marquées annulées</translation>
    </message>
    <message>
        <source>Refresh &amp;selected</source>
        <translation>Actualiser la &amp;sélection</translation>
    </message>
    <message>
        <source>Fetch the selected rows again; the others keep their results</source>
        <translation>Récupérer à nouveau les lignes sélectionnées ; les autres gardent leurs résultats</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>Réessa&amp;yer les échecs</translation>
    </message>
    <message>
        <source>Fetch again only the rows that ended in error or were cancelled</source>
        <translation>Récupérer à nouveau uniquement les lignes en erreur ou annulées</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Export all rows to CSV, JSON or XLSX</source>
        <translation>Exporter toutes les lignes en CSV, JSON ou XLSX</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Quit (cancels a running fetch first)</source>
        <translation>Quitter (annule d&apos;abord une récupération en cours)</translation>
    </message>
    <message>
        <source>&amp;Filter rows</source>
        <translation>&amp;Filtrer les lignes</translation>
    </message>
    <message>
        <source>Jump to the filter box</source>
        <translation>Aller au champ de filtre</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>&amp;Copier les lignes</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text with a header line</source>
        <translation>Copier les lignes sélectionnées en texte séparé par des tabulations, avec une ligne d&apos;en-tête</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>Erreur inattendue : {0}</translation>
    </message>
</context>
<context>
    <name>AuthSection</name>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Jeton Bearer</translation>
    </message>
    <message>
        <source>API key in header</source>
        <translation>Clé d&apos;API dans un en-tête</translation>
    </message>
    <message>
        <source>API key in query</source>
        <translation>Clé d&apos;API dans la requête</translation>
    </message>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (utilisateur et mot de passe)</translation>
    </message>
    <message>
        <source>OAuth2 client credentials</source>
        <translation>Identifiants client OAuth2</translation>
    </message>
    <message>
        <source>Kept in the system keyring (or for this session), never in the settings file.</source>
        <translation>Conservé dans le trousseau du système (ou pour cette session), jamais dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>token or key</source>
        <translation>jeton ou clé</translation>
    </message>
    <message>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>secret client</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <source>Key name</source>
        <translation>Nom de la clé</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Token URL</source>
        <translation>URL du jeton</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>AuthStore</name>
    <message>
        <source>the Auth section&apos;s password</source>
        <translation>le mot de passe de la section Authentification</translation>
    </message>
    <message>
        <source>the Auth section&apos;s client secret</source>
        <translation>le secret client de la section Authentification</translation>
    </message>
    <message>
        <source>the Auth section&apos;s token</source>
        <translation>le jeton de la section Authentification</translation>
    </message>
</context>
<context>
    <name>CloseToTray</name>
    <message>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation>Ce bureau n&apos;a pas de zone de notification : fermer la fenêtre quitte l&apos;application.</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>&amp;Afficher la fenêtre</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close to &amp;tray while auto-refresh is on</source>
        <translation>Réduire dans la &amp;zone de notification pendant l&apos;actualisation automatique</translation>
    </message>
    <message>
        <source>Still checking every {0} min. Quit from this icon&apos;s menu.</source>
        <translation>Vérifie toujours toutes les {0} min. Quittez depuis le menu de cette icône.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>En stock</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Bas</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Épuisé</translation>
    </message>
    <message>
        <source>No quantity</source>
        <translation>Sans quantité</translation>
    </message>
    <message>
        <source>Unknown product</source>
        <translation>Produit inconnu</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message>
        <source>{0} d ago</source>
        <translation>il y a {0} j</translation>
    </message>
    <message>
        <source>{0} h ago</source>
        <translation>il y a {0} h</translation>
    </message>
    <message>
        <source>{0} min ago</source>
        <translation>il y a {0} min</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>How the request ended</source>
        <translation>Comment la requête s&apos;est terminée</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>In stock, Low (at or under the threshold), Out, Unknown product (404), Error</source>
        <translation>En stock, Bas (au seuil ou en dessous), Épuisé, Produit inconnu (404), Erreur</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Variation</translation>
    </message>
    <message>
        <source>Since the last successful check (from the history)</source>
        <translation>Depuis la dernière vérification réussie (d&apos;après l&apos;historique)</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>HTTP status of the last answer</source>
        <translation>Statut HTTP de la dernière réponse</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latence (ms)</translation>
    </message>
    <message>
        <source>Whole check, retries and waits included</source>
        <translation>Vérification entière, nouvelles tentatives et attentes comprises</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Requests actually sent</source>
        <translation>Requêtes réellement envoyées</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <source>How long ago the product was checked</source>
        <translation>Il y a combien de temps le produit a été vérifié</translation>
    </message>
</context>
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>auto: {0}</source>
        <translation>auto : {0}</translation>
    </message>
    <message>
        <source> Keys in the query (api_key=, token=...) are shown as *** and kept like secret headers.</source>
        <translation> Les clés de la requête (api_key=, token=...) s&apos;affichent comme *** et sont conservées comme les en-têtes secrets.</translation>
    </message>
    <message>
        <source>Secret header values and URL keys are stored in the system keyring.</source>
        <translation>Les valeurs d&apos;en-têtes secrètes et les clés d&apos;URL sont enregistrées dans le trousseau du système.</translation>
    </message>
    <message>
        <source>No system keyring found: secret header values and URL keys are kept for this session only.</source>
        <translation>Aucun trousseau système trouvé : les valeurs d&apos;en-têtes secrètes et les clés d&apos;URL ne sont conservées que pour cette session.</translation>
    </message>
    <message>
        <source>Certificates are NOT verified: anyone on the network path could read or change the traffic, headers included. Use only for a test server.</source>
        <translation>Les certificats ne sont PAS vérifiés : n&apos;importe qui sur le chemin réseau pourrait lire ou modifier le trafic, en-têtes compris. À n&apos;utiliser que pour un serveur de test.</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>Ajouter un en-tête</translation>
    </message>
    <message>
        <source>none, e.g. {&quot;ids&quot;: {ids}}</source>
        <translation>aucun, p. ex. {&quot;ids&quot;: {ids}}</translation>
    </message>
    <message>
        <source>the answer itself</source>
        <translation>la réponse elle-même</translation>
    </message>
    <message>
        <source>Back off when the API pushes back</source>
        <translation>Ralentir quand l&apos;API freine</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>Vérifier les certificats TLS</translation>
    </message>
    <message>
        <source>Where the values of secret headers are kept.</source>
        <translation>Où sont conservées les valeurs des en-têtes secrets.</translation>
    </message>
    <message>
        <source>Header {0} has a value but no name</source>
        <translation>L&apos;en-tête {0} a une valeur mais pas de nom</translation>
    </message>
    <message>
        <source>Header {0} has no value</source>
        <translation>L&apos;en-tête {0} n&apos;a pas de valeur</translation>
    </message>
    <message>
        <source>The URL template&apos;s {0} is not known: type it again instead of ***</source>
        <translation>{0} du modèle d&apos;URL est inconnu : saisissez-le à nouveau à la place de ***</translation>
    </message>
    <message>
        <source>The proxy&apos;s user info is not known: type it again instead of ***</source>
        <translation>Les informations d&apos;utilisateur du proxy sont inconnues : saisissez-les à nouveau à la place de ***</translation>
    </message>
</context>
<context>
    <name>CurlDialog</name>
    <message>
        <source>Paste a curl command</source>
        <translation>Coller une commande curl</translation>
    </message>
    <message>
        <source>(as API docs or the browser&apos;s Copy as cURL give it)</source>
        <translation>(tel que le donnent la documentation d&apos;une API ou « Copier comme cURL » du navigateur)</translation>
    </message>
    <message>
        <source>curl command</source>
        <translation>commande curl</translation>
    </message>
    <message>
        <source>Parts of the URL</source>
        <translation>Parties de l&apos;URL</translation>
    </message>
    <message>
        <source>Pick the part of the URL that is the product ID.</source>
        <translation>Choisissez la partie de l&apos;URL qui est l&apos;ID du produit.</translation>
    </message>
    <message>
        <source>The URL has no path or query value to put the product ID in.</source>
        <translation>L&apos;URL n&apos;a aucune valeur de chemin ou de requête où placer l&apos;ID du produit.</translation>
    </message>
    <message>
        <source>Which part of the URL is the product ID?</source>
        <translation>Quelle partie de l&apos;URL est l&apos;ID du produit ?</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>ID: {0}</source>
        <translation>ID : {0}</translation>
    </message>
    <message>
        <source>Quantity: {0}</source>
        <translation>Quantité : {0}</translation>
    </message>
    <message>
        <source>Checked at: {0}</source>
        <translation>Vérifié le : {0}</translation>
    </message>
    <message>
        <source>URL: {0}</source>
        <translation>URL : {0}</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Erreur :</translation>
    </message>
    <message>
        <source>Input columns:</source>
        <translation>Colonnes d&apos;entrée :</translation>
    </message>
    <message>
        <source>… (truncated)</source>
        <translation>… (tronqué)</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>Réponse :</translation>
    </message>
    <message>
        <source>&lt;cannot be built: {0}&gt;</source>
        <translation>&lt;impossible à construire : {0}&gt;</translation>
    </message>
    <message>
        <source>Select a row to see its full error and raw response.</source>
        <translation>Sélectionnez une ligne pour voir son erreur complète et sa réponse brute.</translation>
    </message>
    <message>
        <source>Details of the selected row</source>
        <translation>Détails de la ligne sélectionnée</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Open product list</source>
        <translation>Ouvrir une liste de produits</translation>
    </message>
    <message>
        <source>Product lists ({0})</source>
        <translation>Listes de produits ({0})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exporter les résultats</translation>
    </message>
</context>
<context>
    <name>FetchRunner</name>
    <message>
        <source>The fetch stopped on an unexpected error: {0}</source>
        <translation>La récupération s&apos;est arrêtée sur une erreur inattendue : {0}</translation>
    </message>
</context>
<context>
    <name>HeaderRow</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Header name, e.g. Authorization or X-Api-Key.</source>
        <translation>Nom de l&apos;en-tête, p. ex. Authorization ou X-Api-Key.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Header value. Values of secret-looking headers (keys, tokens, cookies...) are hidden and never written to the settings file.</source>
        <translation>Valeur de l&apos;en-tête. Les valeurs des en-têtes qui semblent secrets (clés, jetons, cookies...) sont masquées et jamais écrites dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>Show value</source>
        <translation>Afficher la valeur</translation>
    </message>
    <message>
        <source>Remove this header</source>
        <translation>Supprimer cet en-tête</translation>
    </message>
    <message>
        <source>Remove header</source>
        <translation>Supprimer l&apos;en-tête</translation>
    </message>
    <message>
        <source>Hide value</source>
        <translation>Masquer la valeur</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>History is off (no data folder could be opened).</source>
        <translation>L&apos;historique est désactivé (aucun dossier de données n&apos;a pu être ouvert).</translation>
    </message>
    <message>
        <source>The run of {0} started {1} did not finish: {2} of {3} products were not fetched.</source>
        <translation>L&apos;exécution de {0} lancée le {1} ne s&apos;est pas terminée : {2} produits sur {3} n&apos;ont pas été récupérés.</translation>
    </message>
    <message>
        <source>Resume ({0})</source>
        <translation>Reprendre ({0})</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Select a row to see its history.</source>
        <translation>Sélectionnez une ligne pour voir son historique.</translation>
    </message>
    <message>
        <source>Checks of the selected product</source>
        <translation>Vérifications du produit sélectionné</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>En-têtes de colonnes</translation>
    </message>
    <message>
        <source>Checked at</source>
        <translation>Vérifié le</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Variation</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>JsonTree</name>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>The API&apos;s answer</source>
        <translation>La réponse de l&apos;API</translation>
    </message>
    <message>
        <source>(answer)</source>
        <translation>(réponse)</translation>
    </message>
    <message>
        <source>deeper than {0} levels: not shown</source>
        <translation>plus de {0} niveaux : non affiché</translation>
    </message>
    <message>
        <source>{0} more not shown</source>
        <translation>{0} de plus non affichés</translation>
    </message>
    <message>
        <source>Use {0} as the quantity field</source>
        <translation>Utiliser {0} comme champ de quantité</translation>
    </message>
    <message>
        <source>Add {0} as an extra field</source>
        <translation>Ajouter {0} comme champ supplémentaire</translation>
    </message>
</context>
<context>
    <name>MainLayout</name>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>Fe&amp;tch</source>
        <translation>&amp;Récupérer</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About {0}</source>
        <translation>À &amp;propos de {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Filter by ID, error or any column…</source>
        <translation>Filtrer par ID, erreur ou toute colonne…</translation>
    </message>
    <message>
        <source>Filter rows</source>
        <translation>Filtrer les lignes</translation>
    </message>
    <message>
        <source>Show only rows containing this text (Ctrl+F)</source>
        <translation>N&apos;afficher que les lignes contenant ce texte (Ctrl+F)</translation>
    </message>
    <message>
        <source>Failures only</source>
        <translation>Échecs seulement</translation>
    </message>
    <message>
        <source>Show only rows that ended in error or were cancelled</source>
        <translation>N&apos;afficher que les lignes en erreur ou annulées</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>The system keyring refused {0}: kept for this session only.</source>
        <translation>Le trousseau du système a refusé {0} : conservé pour cette session seulement.</translation>
    </message>
    <message>
        <source>The details are in the log file. Nothing loaded was lost.</source>
        <translation>Les détails sont dans le fichier journal. Rien de ce qui était chargé n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>Erreur inattendue : {0}</translation>
    </message>
    <message>
        <source>Cancelling before closing…</source>
        <translation>Annulation avant fermeture…</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
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
        <translation>depuis HTTP_PROXY / HTTPS_PROXY, p. ex. http://proxy:3128</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.crt *.cer *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Use HTTP_PROXY / NO_PROXY when no proxy is set</source>
        <translation>Utiliser HTTP_PROXY / NO_PROXY si aucun proxy n&apos;est défini</translation>
    </message>
    <message>
        <source>system trust store</source>
        <translation>magasin de certificats du système</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>in the certificate</source>
        <translation>dans le certificat</translation>
    </message>
    <message>
        <source>{0}: choose a file</source>
        <translation>{0} : choisir un fichier</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%Ln product(s)</source>
        <translation>
            <numerusform>%Ln produit</numerusform>
            <numerusform>%Ln produits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln duplicate(s) (fetched once)</source>
        <translation>
            <numerusform>%Ln doublon (récupéré une fois)</numerusform>
            <numerusform>%Ln doublons (récupérés une fois)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) not used: {0}</source>
        <translation>
            <numerusform>%Ln ligne non utilisée : {0}</numerusform>
            <numerusform>%Ln lignes non utilisées : {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln attempt(s)</source>
        <translation>
            <numerusform>%Ln tentative</numerusform>
            <numerusform>%Ln tentatives</numerusform>
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
            <numerusform>%Ln erreur</numerusform>
            <numerusform>%Ln erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln cancelled</source>
        <translation>
            <numerusform>%Ln annulé</numerusform>
            <numerusform>%Ln annulés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <translation>
            <numerusform>%Ln modifié</numerusform>
            <numerusform>%Ln modifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln out of stock: {0}</source>
        <translation>
            <numerusform>%Ln épuisé : {0}</numerusform>
            <numerusform>%Ln épuisés : {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln running low: {0}</source>
        <translation>
            <numerusform>%Ln bientôt épuisé : {0}</numerusform>
            <numerusform>%Ln bientôt épuisés : {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln back in stock: {0}</source>
        <translation>
            <numerusform>%Ln de nouveau en stock : {0}</numerusform>
            <numerusform>%Ln de nouveau en stock : {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %Ln row(s)</source>
        <translation>
            <numerusform>%Ln ligne copiée</numerusform>
            <numerusform>%Ln lignes copiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to {0}</source>
        <translation>
            <numerusform>%Ln ligne exportée vers {0}</numerusform>
            <numerusform>%Ln lignes exportées vers {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s)</source>
        <translation>
            <numerusform>%Ln clé</numerusform>
            <numerusform>%Ln clés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln élément</numerusform>
            <numerusform>%Ln éléments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>History of {0}: %Ln check(s)</source>
        <translation>
            <numerusform>Historique de {0} : %Ln vérification</numerusform>
            <numerusform>Historique de {0} : %Ln vérifications</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProbeDialog</name>
    <message>
        <source>Test the connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Product ID</source>
        <translation>ID du produit</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Check one product to see the API&apos;s answer.</source>
        <translation>Vérifiez un produit pour voir la réponse de l&apos;API.</translation>
    </message>
    <message>
        <source>Double-click a value to use it as the quantity field; right-click for more.</source>
        <translation>Double-cliquez sur une valeur pour en faire le champ de quantité ; clic droit pour plus.</translation>
    </message>
    <message>
        <source>Type a product ID to check.</source>
        <translation>Saisissez un ID de produit à vérifier.</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>Vérification de {0}…</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Pas de réponse</translation>
    </message>
    <message>
        <source>{0}: quantity {1}</source>
        <translation>{0} : quantité {1}</translation>
    </message>
</context>
<context>
    <name>ProductIntake</name>
    <message>
        <source>Wait for the current fetch or load to finish first.</source>
        <translation>Attendez d&apos;abord la fin de la récupération ou du chargement en cours.</translation>
    </message>
    <message>
        <source>Loading {0}… (Esc cancels)</source>
        <translation>Chargement de {0}… (Échap pour annuler)</translation>
    </message>
    <message>
        <source>{0}: loading cancelled</source>
        <translation>{0} : chargement annulé</translation>
    </message>
    <message>
        <source>{0}. The list shown is unchanged.</source>
        <translation>{0}. La liste affichée est inchangée.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>{0}: no product IDs found</source>
        <translation>{0} : aucun ID de produit trouvé</translation>
    </message>
    <message>
        <source>Loaded {0}</source>
        <translation>Chargé : {0}</translation>
    </message>
</context>
<context>
    <name>ProductPanel</name>
    <message>
        <source>columns: {0}</source>
        <translation>colonnes : {0}</translation>
    </message>
    <message>
        <source>Type or paste product IDs, one per line,
or rows copied from a spreadsheet.</source>
        <translation>Saisissez ou collez des ID de produits, un par ligne,
ou des lignes copiées d&apos;un tableur.</translation>
    </message>
    <message>
        <source>One ID per line, or tab-separated rows with a header (id, sku, name…).
Duplicates are fetched once; blank lines are skipped.</source>
        <translation>Un ID par ligne, ou des lignes séparées par des tabulations avec un en-tête (id, sku, name…).
Les doublons sont récupérés une fois ; les lignes vides sont ignorées.</translation>
    </message>
    <message>
        <source>Product IDs</source>
        <translation>ID de produits</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Open a product file: CSV, TSV, TXT, JSON or XLSX (Ctrl+O)</source>
        <translation>Ouvrir un fichier de produits : CSV, TSV, TXT, JSON ou XLSX (Ctrl+O)</translation>
    </message>
    <message>
        <source>No products yet</source>
        <translation>Aucun produit pour l&apos;instant</translation>
    </message>
    <message>
        <source>&lt;b&gt;Products&lt;/b&gt;</source>
        <translation>&lt;b&gt;Produits&lt;/b&gt;</translation>
    </message>
    <message>
        <source>From &lt;b&gt;{0}&lt;/b&gt;. Type below to replace the list.</source>
        <translation>Depuis &lt;b&gt;{0}&lt;/b&gt;. Saisissez ci-dessous pour remplacer la liste.</translation>
    </message>
</context>
<context>
    <name>ProfileBar</name>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Profile (*.json)</source>
        <translation>Profil (*.json)</translation>
    </message>
    <message>
        <source>No profile</source>
        <translation>Aucun profil</translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation>Profil de connexion</translation>
    </message>
    <message>
        <source>Connection profile: switching saves this one and shows the other</source>
        <translation>Profil de connexion : changer enregistre celui-ci et affiche l&apos;autre</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Check one product and show the API&apos;s raw answer</source>
        <translation>Vérifier un produit et afficher la réponse brute de l&apos;API</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>&amp;Nouveau profil…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Duplicate…</source>
        <translation>&amp;Dupliquer…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Import from file…</source>
        <translation>&amp;Importer depuis un fichier…</translation>
    </message>
    <message>
        <source>&amp;Export to file…</source>
        <translation>&amp;Exporter vers un fichier…</translation>
    </message>
    <message>
        <source>&amp;Paste curl command…</source>
        <translation>&amp;Coller une commande curl…</translation>
    </message>
    <message>
        <source>Exported without its secrets: {0}.</source>
        <translation>Exporté sans ses secrets : {0}.</translation>
    </message>
    <message>
        <source>Profile {0} imported: enter {1}.</source>
        <translation>Profil {0} importé : saisissez {1}.</translation>
    </message>
    <message>
        <source>The system keyring refused {0}.</source>
        <translation>Le trousseau du système a refusé {0}.</translation>
    </message>
    <message>
        <source>method</source>
        <translation>la méthode</translation>
    </message>
    <message>
        <source>body</source>
        <translation>le corps</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>This version sends GET without a body: the {0} of the curl command were not kept.</source>
        <translation>Cette version envoie GET sans corps : {0} de la commande curl n&apos;ont pas été conservés.</translation>
    </message>
    <message>
        <source>Profile {0}: enter {1} again.</source>
        <translation>Profil {0} : saisissez à nouveau {1}.</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Nom du profil :</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Nouveau profil</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>Renommer le profil</translation>
    </message>
    <message>
        <source>{0} copy</source>
        <translation>{0} copie</translation>
    </message>
    <message>
        <source>Duplicate profile</source>
        <translation>Dupliquer le profil</translation>
    </message>
    <message>
        <source>Import a profile</source>
        <translation>Importer un profil</translation>
    </message>
    <message>
        <source>Export the profile</source>
        <translation>Exporter le profil</translation>
    </message>
    <message>
        <source>Profiles are off: {0}</source>
        <translation>Les profils sont désactivés : {0}</translation>
    </message>
</context>
<context>
    <name>QuantityChart</name>
    <message>
        <source>No quantities yet</source>
        <translation>Aucune quantité pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Position in the input list</source>
        <translation>Position dans la liste d&apos;entrée</translation>
    </message>
    <message>
        <source>From the input file</source>
        <translation>Depuis le fichier d&apos;entrée</translation>
    </message>
    <message>
        <source>From each answer: {0}</source>
        <translation>Depuis chaque réponse : {0}</translation>
    </message>
    <message>
        <source>Ran out since the last check</source>
        <translation>Épuisé depuis la dernière vérification</translation>
    </message>
    <message>
        <source>Back in stock</source>
        <translation>De nouveau en stock</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>One row per product: status, stock, quantity, change and error</source>
        <translation>Une ligne par produit : état, stock, quantité, variation et erreur</translation>
    </message>
    <message>
        <source>Column headers</source>
        <translation>En-têtes de colonnes</translation>
    </message>
</context>
<context>
    <name>RowActions</name>
    <message>
        <source>Copy as cur&amp;l</source>
        <translation>Copier comme commande cu&amp;rl</translation>
    </message>
</context>
<context>
    <name>RowMenu</name>
    <message>
        <source>Copy &amp;ID</source>
        <translation>Copier l&apos;&amp;ID</translation>
    </message>
    <message>
        <source>Copy &amp;URL</source>
        <translation>Copier l&apos;&amp;URL</translation>
    </message>
    <message>
        <source>Row menu</source>
        <translation>Menu de la ligne</translation>
    </message>
    <message>
        <source>&amp;Refresh this row</source>
        <translation>Actualiser cette &amp;ligne</translation>
    </message>
    <message>
        <source>Show &amp;history</source>
        <translation>Afficher l&apos;&amp;historique</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>Stock changed: {0}</source>
        <translation>Stock modifié : {0}</translation>
    </message>
    <message>
        <source>{0} of {1} shown</source>
        <translation>{0} sur {1} affichées</translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message>
        <source>Stopped after {0}</source>
        <translation>Arrêté après {0}</translation>
    </message>
    <message>
        <source>Done in {0}</source>
        <translation>Terminé en {0}</translation>
    </message>
    <message>
        <source>{0}/s</source>
        <translation>{0}/s</translation>
    </message>
    <message>
        <source>concurrency {0}/{1}</source>
        <translation>simultanéité {0}/{1}</translation>
    </message>
    <message>
        <source>ETA {0}</source>
        <translation>reste {0}</translation>
    </message>
    <message>
        <source>elapsed {0}</source>
        <translation>écoulé {0}</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <source>URL template</source>
        <translation>Modèle d&apos;URL</translation>
    </message>
    <message>
        <source>The API URL for one product, e.g. https://api.example.com/get-current-inventory/{id}: {id} is replaced by the product ID and {column} by that column of the product list, percent-encoded so each stays one path segment or query value.</source>
        <translation>L&apos;URL de l&apos;API pour un produit, p. ex. https://api.example.com/get-current-inventory/{id} : {id} est remplacé par l&apos;ID du produit et {column} par cette colonne de la liste de produits, encodés en pourcentage pour que chacun reste un segment de chemin ou une valeur de requête.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <source>Extra request headers, such as an API key.</source>
        <translation>En-têtes de requête supplémentaires, comme une clé d&apos;API.</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Simultanéité</translation>
    </message>
    <message>
        <source>Most requests in flight at once. 1 to 10000.</source>
        <translation>Nombre maximal de requêtes simultanées. 1 à 10000.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Délai d&apos;attente</translation>
    </message>
    <message>
        <source>Time allowed per request, answer included. 0.1 s to 3600 s.</source>
        <translation>Temps accordé par requête, réponse comprise. 0.1 s à 3600 s.</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Nouvelles tentatives</translation>
    </message>
    <message>
        <source>Retries on timeouts, connection errors, HTTP 408/429/5xx, with a growing pause. 0 to 20.</source>
        <translation>Nouvelles tentatives sur délais dépassés, erreurs de connexion, HTTP 408/429/5xx, avec une pause croissante. 0 à 20.</translation>
    </message>
    <message>
        <source>Quantity field</source>
        <translation>Champ de quantité</translation>
    </message>
    <message>
        <source>Dotted path or JMESPath expression to the quantity in the JSON answer, e.g. data.stock or counts[].quantity (a list is summed; default: the first of quantity, qty, stock, available, inventory, on_hand holding a number).</source>
        <translation>Chemin pointé ou expression JMESPath vers la quantité dans la réponse JSON, p. ex. data.stock ou counts[].quantity (une liste est additionnée ; par défaut : le premier de quantity, qty, stock, available, inventory, on_hand contenant un nombre).</translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation>Limite de débit</translation>
    </message>
    <message>
        <source>Most requests started per second. 0.01/s to 100000/s. At its lowest: no limit.</source>
        <translation>Nombre maximal de requêtes lancées par seconde. 0.01/s à 100000/s. Au minimum : aucune limite.</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source>Back off</source>
        <translation>Ralentir</translation>
    </message>
    <message>
        <source>On bursts of 429/503 answers or a falling X-RateLimit-Remaining, halve the requests in flight, then raise them again step by step.</source>
        <translation>Sur des rafales de réponses 429/503 ou un X-RateLimit-Remaining qui baisse, diviser par deux les requêtes en cours, puis les augmenter à nouveau pas à pas.</translation>
    </message>
    <message>
        <source>Verify TLS certificates</source>
        <translation>Vérifier les certificats TLS</translation>
    </message>
    <message>
        <source>Check the server&apos;s TLS certificate (keep this on unless testing a local server).</source>
        <translation>Vérifier le certificat TLS du serveur (à laisser activé sauf pour tester un serveur local).</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <source>The HTTP method of each request: GET, POST, PUT or PATCH.</source>
        <translation>La méthode HTTP de chaque requête : GET, POST, PUT ou PATCH.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>The JSON sent with each request, e.g. {&quot;ids&quot;: {ids}}: {id} is filled as a JSON string, {ids} as a JSON array of the batch&apos;s IDs, {column} as that column&apos;s text.</source>
        <translation>Le JSON envoyé avec chaque requête, p. ex. {&quot;ids&quot;: {ids}} : {id} est rempli comme chaîne JSON, {ids} comme tableau JSON des ID du lot, {column} comme texte de cette colonne.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <source>Products per request; above 1 the URL template or the body must use {ids} and the answer is split back onto the rows (--items, --item-id). 1 to 1000.</source>
        <translation>Produits par requête ; au-delà de 1, le modèle d&apos;URL ou le corps doit utiliser {ids} et la réponse est redistribuée sur les lignes (--items, --item-id). 1 à 1000.</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Éléments</translation>
    </message>
    <message>
        <source>In a batch&apos;s answer, the list of per-product records (dotted path or JMESPath; default: the answer itself).</source>
        <translation>Dans la réponse d&apos;un lot, la liste des enregistrements par produit (chemin pointé ou JMESPath ; par défaut : la réponse elle-même).</translation>
    </message>
    <message>
        <source>Item ID field</source>
        <translation>Champ d&apos;ID de l&apos;élément</translation>
    </message>
    <message>
        <source>In a batch&apos;s answer, the record field holding the product ID (compared as text).</source>
        <translation>Dans la réponse d&apos;un lot, le champ de l&apos;enregistrement contenant l&apos;ID du produit (comparé comme texte).</translation>
    </message>
    <message>
        <source>Answer size limit</source>
        <translation>Taille maximale de réponse</translation>
    </message>
    <message>
        <source>Answers larger than this end as errors, unread. 1 KiB to 1 GiB.</source>
        <translation>Les réponses plus grandes finissent en erreur, non lues. 1 Kio à 1 Gio.</translation>
    </message>
    <message>
        <source>Backoff base</source>
        <translation>Base d&apos;attente</translation>
    </message>
    <message>
        <source>The first retry&apos;s longest pause, doubled at each retry. 0 s to 60 s.</source>
        <translation>Pause maximale avant la première nouvelle tentative, doublée à chaque tentative. 0 s à 60 s.</translation>
    </message>
    <message>
        <source>Rate-limited wait</source>
        <translation>Attente en cas de limite de débit</translation>
    </message>
    <message>
        <source>How long a product may keep being refused by the API&apos;s rate limit (429/503 while backing off, re-queued without spending its retries) before it fails. 1 s to 86400 s.</source>
        <translation>Durée pendant laquelle un produit peut être refusé par la limite de débit de l&apos;API (429/503 pendant le ralentissement, remis en file sans consommer ses nouvelles tentatives) avant d&apos;échouer. 1 s à 86400 s.</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Proxy for every request, http://[user:password@]host:port (its user info is kept secret); empty: HTTP_PROXY/HTTPS_PROXY/NO_PROXY from the environment.</source>
        <translation>Proxy pour chaque requête, http://[utilisateur:motdepasse@]hôte:port (les informations d&apos;utilisateur restent secrètes) ; vide : HTTP_PROXY/HTTPS_PROXY/NO_PROXY de l&apos;environnement.</translation>
    </message>
    <message>
        <source>Use proxy variables</source>
        <translation>Utiliser les variables de proxy</translation>
    </message>
    <message>
        <source>With no proxy set, honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY.</source>
        <translation>Sans proxy défini, respecter HTTP_PROXY, HTTPS_PROXY et NO_PROXY.</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Bundle d&apos;AC</translation>
    </message>
    <message>
        <source>A PEM file of CA certificates to trust besides the system&apos;s (a private CA).</source>
        <translation>Un fichier PEM de certificats d&apos;AC à approuver en plus de ceux du système (une AC privée).</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Certificat client</translation>
    </message>
    <message>
        <source>The PEM certificate presented for mutual TLS (its key too, unless given apart).</source>
        <translation>Le certificat PEM présenté pour le TLS mutuel (sa clé aussi, sauf si elle est donnée à part).</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>Clé client</translation>
    </message>
    <message>
        <source>The PEM private key of the client certificate, if not in its file (an encrypted key&apos;s passphrase: INVENTORY_GUI_CLIENT_KEY_PASSWORD).</source>
        <translation>La clé privée PEM du certificat client, si elle n&apos;est pas dans son fichier (phrase secrète d&apos;une clé chiffrée : INVENTORY_GUI_CLIENT_KEY_PASSWORD).</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>How requests authenticate: none, bearer, header_key, query_key, basic or oauth2.</source>
        <translation>Comment les requêtes s&apos;authentifient : none, bearer, header_key, query_key, basic ou oauth2.</translation>
    </message>
    <message>
        <source>Basic auth user</source>
        <translation>Utilisateur Basic</translation>
    </message>
    <message>
        <source>Sign in with HTTP Basic auth as USER; the password comes from INVENTORY_GUI_PASSWORD, the keyring or a prompt, never the command line.</source>
        <translation>Se connecter en HTTP Basic en tant que USER ; le mot de passe vient de INVENTORY_GUI_PASSWORD, du trousseau ou d&apos;une invite, jamais de la ligne de commande.</translation>
    </message>
    <message>
        <source>OAuth2 token URL</source>
        <translation>URL du jeton OAuth2</translation>
    </message>
    <message>
        <source>The token endpoint of OAuth2 client credentials; the client secret comes from INVENTORY_GUI_CLIENT_SECRET or the keyring.</source>
        <translation>Le point de terminaison du jeton des identifiants client OAuth2 ; le secret client vient de INVENTORY_GUI_CLIENT_SECRET ou du trousseau.</translation>
    </message>
    <message>
        <source>OAuth2 client ID</source>
        <translation>ID client OAuth2</translation>
    </message>
    <message>
        <source>The OAuth2 client ID.</source>
        <translation>L&apos;ID client OAuth2.</translation>
    </message>
    <message>
        <source>OAuth2 scope</source>
        <translation>Portée OAuth2</translation>
    </message>
    <message>
        <source>The OAuth2 scope to ask for (optional).</source>
        <translation>La portée OAuth2 à demander (facultatif).</translation>
    </message>
    <message>
        <source>OAuth2 audience</source>
        <translation>Audience OAuth2</translation>
    </message>
    <message>
        <source>The OAuth2 audience to ask for (optional).</source>
        <translation>L&apos;audience OAuth2 à demander (facultatif).</translation>
    </message>
    <message>
        <source>API key name</source>
        <translation>Nom de la clé d&apos;API</translation>
    </message>
    <message>
        <source>The header (X-Api-Key) or query parameter (api_key) that carries the API key.</source>
        <translation>L&apos;en-tête (X-Api-Key) ou le paramètre de requête (api_key) qui porte la clé d&apos;API.</translation>
    </message>
    <message>
        <source>Low threshold</source>
        <translation>Seuil bas</translation>
    </message>
    <message>
        <source>Quantities at or under this read Low; a row&apos;s own threshold column wins. 0 to 1000000000. At its lowest: off.</source>
        <translation>Les quantités à ce seuil ou en dessous sont basses ; la colonne de seuil propre à une ligne l&apos;emporte. 0 à 1000000000. Au minimum : désactivé.</translation>
    </message>
    <message>
        <source>Threshold columns</source>
        <translation>Colonnes de seuil</translation>
    </message>
    <message>
        <source>Input columns holding a per-row Low threshold, first found wins.</source>
        <translation>Colonnes d&apos;entrée contenant un seuil bas par ligne ; la première trouvée l&apos;emporte.</translation>
    </message>
    <message>
        <source>Extra fields</source>
        <translation>Champs supplémentaires</translation>
    </message>
    <message>
        <source>Extra columns from each answer: a name, or name=path into the JSON (dotted or JMESPath).</source>
        <translation>Colonnes supplémentaires tirées de chaque réponse : un nom, ou nom=chemin dans le JSON (pointé ou JMESPath).</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Actualisation automatique</translation>
    </message>
    <message>
        <source>Fetch everything again every N minutes while the window is open. 1 min to 1440 min. At its lowest: off.</source>
        <translation>Tout récupérer à nouveau toutes les N minutes tant que la fenêtre est ouverte. 1 min à 1440 min. Au minimum : désactivé.</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Avertir</translation>
    </message>
    <message>
        <source>One desktop notification per run that changes stock levels.</source>
        <translation>Une notification de bureau par exécution qui modifie les niveaux de stock.</translation>
    </message>
    <message>
        <source>Close to tray</source>
        <translation>Réduire dans la zone de notification</translation>
    </message>
    <message>
        <source>While auto-refresh is on, closing the window keeps the app in the system tray, checking and alerting; the tray icon&apos;s menu shows the window again or quits.</source>
        <translation>Pendant l&apos;actualisation automatique, fermer la fenêtre garde l&apos;application dans la zone de notification, qui vérifie et alerte ; le menu de l&apos;icône rouvre la fenêtre ou quitte.</translation>
    </message>
</context>
<context>
    <name>SettingsStore</name>
    <message>
        <source>the URL template&apos;s keys</source>
        <translation>les clés du modèle d&apos;URL</translation>
    </message>
    <message>
        <source>the proxy&apos;s password</source>
        <translation>le mot de passe du proxy</translation>
    </message>
</context>
<context>
    <name>StockController</name>
    <message>
        <source> and {0} more</source>
        <translation> et {0} de plus</translation>
    </message>
    <message>
        <source>Show only rows in this stock status</source>
        <translation>N&apos;afficher que les lignes dans cet état de stock</translation>
    </message>
    <message>
        <source>All stock</source>
        <translation>Tous les stocks</translation>
    </message>
    <message>
        <source>Auto-refresh skipped: busy</source>
        <translation>Actualisation automatique sautée : occupé</translation>
    </message>
    <message>
        <source>Next auto-refresh {0}</source>
        <translation>Prochaine actualisation automatique {0}</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Notify when stock turns Low or Out</source>
        <translation>Avertir quand le stock devient bas ou épuisé</translation>
    </message>
    <message>
        <source>Low at or under</source>
        <translation>Bas à partir de</translation>
    </message>
    <message>
        <source>Threshold columns</source>
        <translation>Colonnes de seuil</translation>
    </message>
    <message>
        <source>Extra fields</source>
        <translation>Champs supplémentaires</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>Actualisation automatique</translation>
    </message>
</context>
</TS>
