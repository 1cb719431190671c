<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
<context>
    <name>QObject</name>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation>%1 exporteren</translation>
    </message>
    <message>
        <source>Map of %1 written: %2 (%3 pages)
Classification: %4
Audit log entry %5</source>
        <translation>Kaart van %1 geschreven: %2 (%3 pagina&apos;s)
Classificatie: %4
Auditlog regel %5</translation>
    </message>
    <message>
        <source>Layer %1 exported to %2 (%3 rows, profile %4)</source>
        <translation>Laag %1 geëxporteerd naar %2 (%3 rijen, profiel %4)</translation>
    </message>
    <message>
        <source>
Columns left out: %1</source>
        <translation>
Weggelaten kolommen: %1</translation>
    </message>
    <message>
        <source>
Classification: %1
Audit log entry %2</source>
        <translation>
Classificatie: %1
Auditlog regel %2</translation>
    </message>
    <message>
        <source>%1 → %2: %3 imported</source>
        <translation>%1 → %2: %3 ingelezen</translation>
    </message>
    <message>
        <source>, %1 rejected (see %2)</source>
        <translation>, %1 afgewezen (zie %2)</translation>
    </message>
    <message>
        <source>%1 → aerial photo %2</source>
        <translation>%1 → luchtfoto %2</translation>
    </message>
    <message>
        <source>
Files (%1) in %2</source>
        <translation>
Bestanden (%1) in %2</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Bezig met stoppen…</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::LayersPanel</name>
    <message>
        <source>Tick to show; drag to change the order (top of the list = drawn on top)</source>
        <translation>Vink aan om te tonen; sleep om de volgorde te wijzigen (bovenaan = bovenop)</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <source>Show labels</source>
        <translation>Labels tonen</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::MainWindow</name>
    <message>
        <source>Inspection planner</source>
        <translation>Controleplanner</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>Risicokaart</source>
        <translation>Risicokaart</translation>
    </message>
    <message>
        <source>scale 1:%1</source>
        <translation>schaal 1:%1</translation>
    </message>
    <message>
        <source>drawn in %1 ms</source>
        <translation>getekend in %1 ms</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Lagen</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>Identificeren</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Attribuuttabel</translation>
    </message>
    <message>
        <source>Filter, e.g. risico_klasse &gt;= 4 or naam ~ 'bakker' or free text</source>
        <translation>Filter, bijv. risico_klasse &gt;= 4 of naam ~ 'bakker' of vrije tekst</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>Werkruimte &amp;openen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Kaart</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation>Volledig beeld</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschuiven</translation>
    </message>
    <message>
        <source>Address (postcode house number)</source>
        <translation>Adres (postcode huisnummer)</translation>
    </message>
    <message>
        <source>Parcel (cadastral designation)</source>
        <translation>Perceel (kadastrale aanduiding)</translation>
    </message>
    <message>
        <source>Trade name</source>
        <translation>Handelsnaam</translation>
    </message>
    <message>
        <source>Establishment number</source>
        <translation>Vestigingsnummer</translation>
    </message>
    <message>
        <source>Search… (Ctrl+F)</source>
        <translation>Zoeken… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Risicokaart — %1</source>
        <translation>Risicokaart — %1</translation>
    </message>
    <message>
        <source>Nothing found for '%1'</source>
        <translation>Niets gevonden voor '%1'</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s); zoomed to the first</source>
        <translation>
            <numerusform>%n resultaat; ingezoomd</numerusform>
            <numerusform>%n resultaten; ingezoomd op het eerste</numerusform>
        </translation>
    </message>
    <message>
        <source>fid %1</source>
        <translation>fid %1</translation>
    </message>
    <message>
        <source>No feature at this spot</source>
        <translation>Geen object op deze plek</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) found</source>
        <translation>
            <numerusform>%n object gevonden</numerusform>
            <numerusform>%n objecten gevonden</numerusform>
        </translation>
    </message>
    <message>
        <source>RD %1, %2</source>
        <translation>RD %1, %2</translation>
    </message>
    <message>
        <source>   WGS84 %1° N, %2° E</source>
        <translation>   WGS84 %1° N, %2° O</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Werkruimte openen</translation>
    </message>
    <message>
        <source>Workspace (*.sqlite);;All files (*)</source>
        <translation>Werkruimte (*.sqlite);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Selectie exporteren…</translation>
    </message>
    <message>
        <source>Write the selected rows to a CSV file (semicolon, UTF-8)</source>
        <translation>Schrijf de geselecteerde rijen naar een CSV-bestand (puntkomma, UTF-8)</translation>
    </message>
    <message>
        <source>Export selection</source>
        <translation>Selectie exporteren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Uitvoeren</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>Import source files into the workspace; you can also drop files on the map</source>
        <translation>Bronbestanden in de werkruimte inlezen; u kunt bestanden ook op de kaart slepen</translation>
    </message>
    <message>
        <source>&amp;Build maps</source>
        <translation>Kaarten &amp;bouwen</translation>
    </message>
    <message>
        <source>&amp;Plan inspections…</source>
        <translation>&amp;Controles plannen…</translation>
    </message>
    <message>
        <source>Project &amp;file…</source>
        <translation>Project&amp;bestand…</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>Zoom naar laag</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Zoom naar selectie</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Niets geselecteerd</translation>
    </message>
    <message>
        <source>Aerial photo</source>
        <translation>Luchtfoto</translation>
    </message>
    <message>
        <source>Aerial photo </source>
        <translation>Luchtfoto </translation>
    </message>
    <message>
        <source>Year of the aerial photo under the map</source>
        <translation>Jaar van de luchtfoto onder de kaart</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Vergelijken</translation>
    </message>
    <message>
        <source>Compare two photo years: drag the divider (S)</source>
        <translation>Twee fotojaren vergelijken: sleep de scheidslijn (S)</translation>
    </message>
    <message>
        <source>Year shown right of the divider</source>
        <translation>Jaar rechts van de scheidslijn</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>Build maps</source>
        <translation>Kaarten bouwen</translation>
    </message>
    <message>
        <source>Plan inspections</source>
        <translation>Controles plannen</translation>
    </message>
    <message>
        <source>Open a workspace first</source>
        <translation>Open eerst een werkruimte</translation>
    </message>
    <message>
        <source>Another job is still running</source>
        <translation>Er loopt nog een taak</translation>
    </message>
    <message>
        <source>Year the photo was taken:</source>
        <translation>Opnamejaar van de foto:</translation>
    </message>
    <message>
        <source>Source files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt *.xlsx *.ods *.tif *.tiff *.vrt *.mbtiles);;All files (*)</source>
        <translation>Bronbestanden (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt *.xlsx *.ods *.tif *.tiff *.vrt *.mbtiles);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Year of the plan:</source>
        <translation>Jaar van het plan:</translation>
    </message>
    <message>
        <source>Open a workspace first, or wait for the running job</source>
        <translation>Open eerst een werkruimte, of wacht op de lopende taak</translation>
    </message>
    <message>
        <source>Project file</source>
        <translation>Projectbestand</translation>
    </message>
    <message>
        <source>Project (*.toml);;All files (*)</source>
        <translation>Project (*.toml);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Project file: %1</source>
        <translation>Projectbestand: %1</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: klaar</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: geannuleerd</translation>
    </message>
    <message>
        <source>%1 failed:
%2</source>
        <translation>%1 mislukt:
%2</translation>
    </message>
    <message>
        <source>Nothing selected to export</source>
        <translation>Niets geselecteerd om te exporteren</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1</source>
        <translation><numerusform>%n rij geschreven naar %1</numerusform><numerusform>%n rijen geschreven naar %1</numerusform></translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::ZoneForm</name>
    <message>
        <source>Risk zone</source>
        <translation>Risicozone</translation>
    </message>
    <message>
        <source>Review before</source>
        <translation>Herzien vóór</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Classificatie</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::ZoneController</name>
    <message>
        <source>Draw risk zone</source>
        <translation>Risicozone tekenen</translation>
    </message>
    <message>
        <source>Click the corners, double-click or Enter to close, Esc to discard; snaps to parcels and buildings</source>
        <translation>Klik de hoekpunten, dubbelklik of Enter om te sluiten, Esc om te verwerpen; kleeft aan percelen en panden</translation>
    </message>
    <message>
        <source>Edit risk zone</source>
        <translation>Zone bewerken</translation>
    </message>
    <message>
        <source>Click a zone; drag a vertex or the whole zone, double-click an edge or drag its midpoint to add a vertex, right-click or Delete on a vertex to remove it</source>
        <translation>Klik op een zone; sleep een hoekpunt of de hele zone, dubbelklik op een rand of sleep het middenpunt om een hoekpunt toe te voegen, rechtsklik of Delete op een hoekpunt om het te verwijderen</translation>
    </message>
    <message>
        <source>Risk zone attributes…</source>
        <translation>Eigenschappen risicozone…</translation>
    </message>
    <message>
        <source>Delete risk zone</source>
        <translation>Risicozone verwijderen</translation>
    </message>
    <message>
        <source>Delete zone %1? Its earlier versions stay in the history.</source>
        <translation>Zone %1 verwijderen? De eerdere versies blijven in de historie bewaard.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Opnieuw</translation>
    </message>
    <message>
        <source>Zone not saved: %1</source>
        <translation>Zone niet opgeslagen: %1</translation>
    </message>
    <message>
        <source>Zone %1 saved</source>
        <translation>Zone %1 opgeslagen</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::ZoneEditTool</name>
    <message>
        <source>Zone %1 selected (version %2): drag a vertex or the zone, double-click an edge to add a vertex, right-click a vertex to delete it</source>
        <translation>Zone %1 geselecteerd (versie %2): sleep een hoekpunt of de zone, dubbelklik op een rand voor een nieuw hoekpunt, rechtsklik op een hoekpunt om het te verwijderen</translation>
    </message>
    <message>
        <source>move vertex</source>
        <translation>hoekpunt verplaatsen</translation>
    </message>
    <message>
        <source>add vertex</source>
        <translation>hoekpunt toevoegen</translation>
    </message>
    <message>
        <source>Vertex not deleted: a zone keeps at least three vertices</source>
        <translation>Hoekpunt niet verwijderd: een zone houdt minstens drie hoekpunten</translation>
    </message>
    <message>
        <source>delete vertex</source>
        <translation>hoekpunt verwijderen</translation>
    </message>
    <message>
        <source>move zone</source>
        <translation>zone verplaatsen</translation>
    </message>
    <message>
        <source>delete zone</source>
        <translation>zone verwijderen</translation>
    </message>
    <message>
        <source>zone attributes</source>
        <translation>eigenschappen zone</translation>
    </message>
    <message>
        <source>No zone selected</source>
        <translation>Geen zone geselecteerd</translation>
    </message>
    <message>
        <source> at RD %1, %2</source>
        <translation> bij RD %1, %2</translation>
    </message>
    <message>
        <source>Edit not saved: %1%2</source>
        <translation>Wijziging niet opgeslagen: %1%2</translation>
    </message>
    <message>
        <source>Zone %1 saved: %2</source>
        <translation>Zone %1 opgeslagen: %2</translation>
    </message>
    <message>
        <source>Zone %1 deleted; its earlier versions are kept</source>
        <translation>Zone %1 verwijderd; de eerdere versies blijven bewaard</translation>
    </message>
    <message>
        <source>Zone %1 saved</source>
        <translation>Zone %1 opgeslagen</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>analist (within the team)</source>
        <translation>analist (binnen het team)</translation>
    </message>
    <message>
        <source>riec (purpose required)</source>
        <translation>riec (doel verplicht)</translation>
    </message>
    <message>
        <source>driehoek (aggregated, small counts hidden)</source>
        <translation>driehoek (geaggregeerd, kleine aantallen verborgen)</translation>
    </message>
    <message>
        <source>partner (address list of one control)</source>
        <translation>partner (adreslijst van één controle)</translation>
    </message>
    <message>
        <source>e.g. RIEC casusoverleg 2027-03</source>
        <translation>bv. RIEC casusoverleg 2027-03</translation>
    </message>
    <message>
        <source>e.g. 2027-1</source>
        <translation>bv. 2027-1</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Laag:</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profiel:</translation>
    </message>
    <message>
        <source>Purpose:</source>
        <translation>Doel:</translation>
    </message>
    <message>
        <source>Control:</source>
        <translation>Controle:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Bestand:</translation>
    </message>
    <message>
        <source>The format follows from the extension: .gpkg, .csv, .geojson, .xlsx; a map: .pdf or .png. Every export is recorded in the audit log.</source>
        <translation>Het formaat volgt uit de extensie: .gpkg, .csv, .geojson, .xlsx; een kaart: .pdf of .png. Elke export wordt in het auditlog vastgelegd.</translation>
    </message>
    <message>
        <source>Required for profile riec</source>
        <translation>Verplicht voor profiel riec</translation>
    </message>
    <message>
        <source>Optional; the profile name when empty</source>
        <translation>Optioneel; leeg: de naam van het profiel</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporteren naar</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;CSV (*.csv);;GeoJSON (*.geojson);;Excel (*.xlsx);;Map PDF (*.pdf);;Map PNG (*.png)</source>
        <translation>GeoPackage (*.gpkg);;CSV (*.csv);;GeoJSON (*.geojson);;Excel (*.xlsx);;Kaart PDF (*.pdf);;Kaart PNG (*.png)</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Kies het bestand om te schrijven.</translation>
    </message>
    <message>
        <source>Profile riec: give the purpose of the export.</source>
        <translation>Profiel riec: geef het doel van de export.</translation>
    </message>
    <message>
        <source>Profile partner: give the control whose address list is exported.</source>
        <translation>Profiel partner: geef de controle waarvan de adreslijst wordt geëxporteerd.</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::PlannerPanel</name>
    <message>
        <source>Plan inspections</source>
        <translation>Controles plannen</translation>
    </message>
    <message>
        <source>Number of integral controls in the year</source>
        <translation>Aantal integrale controles in het jaar</translation>
    </message>
    <message>
        <source>Addresses visited per control day (10–25)</source>
        <translation>Adressen per controledag (10–25)</translation>
    </message>
    <message>
        <source>Share of the addresses drawn at random among the target&apos;s other addresses</source>
        <translation>Deel van de adressen dat willekeurig wordt getrokken uit de overige adressen van het doel</translation>
    </message>
    <message>
        <source>Seed of the random draw; recorded with the plan, the same seed gives the same plan</source>
        <translation>Seed van de steekproef; wordt bij het plan vastgelegd, dezelfde seed geeft hetzelfde plan</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Jaar:</translation>
    </message>
    <message>
        <source>Controls:</source>
        <translation>Aantal controles:</translation>
    </message>
    <message>
        <source>Addresses per control:</source>
        <translation>Adressen per controle:</translation>
    </message>
    <message>
        <source>Random share:</source>
        <translation>Aandeel steekproef:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Make plan</source>
        <translation>Plan maken</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Plan in workspace:</source>
        <translation>Plan in werkruimte:</translation>
    </message>
    <message>
        <source>Control / address</source>
        <translation>Controle / adres</translation>
    </message>
    <message>
        <source>Date / reason</source>
        <translation>Datum / reden</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Open output folder</source>
        <translation>Uitvoermap openen</translation>
    </message>
    <message>
        <source>Calendar files (.ics), partner address lists and findings forms</source>
        <translation>Agendabestanden (.ics), adreslijsten per partner en bevindingenformulieren</translation>
    </message>
    <message>
        <source>Open calendar</source>
        <translation>Agenda openen</translation>
    </message>
    <message>
        <source>The .ics file of the selected control</source>
        <translation>Het .ics-bestand van de gekozen controle</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Open eerst een werkruimte.</translation>
    </message>
    <message>
        <source>Another job is still running.</source>
        <translation>Er loopt nog een andere taak.</translation>
    </message>
    <message>
        <source>No output folder for this plan yet: make the plan first.</source>
        <translation>Nog geen uitvoermap voor dit plan: maak eerst het plan.</translation>
    </message>
    <message>
        <source>Calendar file not found: %1</source>
        <translation>Agendabestand niet gevonden: %1</translation>
    </message>
    <message>
        <source>Project file not read: %1</source>
        <translation>Projectbestand niet gelezen: %1</translation>
    </message>
    <message>
        <source>Planning %1…</source>
        <translation>Plan %1 wordt gemaakt…</translation>
    </message>
    <message>
        <source>Plan %1 made: %2 controls.</source>
        <translation>Plan %1 gemaakt: %2 controles.</translation>
    </message>
    <message>
        <source>Settings of the stored plan of %1 (made %2 by %3)</source>
        <translation>Instellingen van het opgeslagen plan voor %1 (gemaakt op %2 door %3)</translation>
    </message>
    <message>
        <source>Planning cancelled; the workspace keeps the previous plan.</source>
        <translation>Planning geannuleerd; de werkruimte houdt het vorige plan.</translation>
    </message>
    <message>
        <source>No plan: %1</source>
        <translation>Geen plan: %1</translation>
    </message>
    <message>
        <source>Open a workspace to plan its inspections.</source>
        <translation>Open een werkruimte om de controles te plannen.</translation>
    </message>
    <message>
        <source>No plan in this workspace yet: choose the year and press Make plan.</source>
        <translation>Nog geen plan in deze werkruimte: kies het jaar en klik op Plan maken.</translation>
    </message>
    <message>
        <source>dwelling: no entry without consent or warrant</source>
        <translation>woning: niet naar binnen zonder toestemming of machtiging</translation>
    </message>
    <message>
        <source>vbo %1</source>
        <translation>vbo %1</translation>
    </message>
    <message>
        <source>%1 controls in %2. Click a control to see why it was chosen and show it on the map.</source>
        <translation>%1 controles in %2. Klik op een controle om te zien waarom die gekozen is en om haar op de kaart te tonen.</translation>
    </message>
    <message>
        <source>Control %1 — %2</source>
        <translation>Controle %1 — %2</translation>
    </message>
    <message>
        <source>Partners: %1</source>
        <translation>Partners: %1</translation>
    </message>
    <message>
        <source>Expected risk of the target: %1; score covered by the %2 addresses: %3</source>
        <translation>Verwacht risico van het doel: %1; gedekte score van de %2 adressen: %3</translation>
    </message>
    <message>
        <source>Route: %1 km (lower bound %2 km), about %3 hours including visits</source>
        <translation>Route: %1 km (ondergrens %2 km), ongeveer %3 uur inclusief bezoeken</translation>
    </message>
    <message>
        <source>%1 dwellings: no entry without consent or a warrant.</source>
        <translation>%1 woningen: niet naar binnen zonder toestemming of machtiging.</translation>
    </message>
    <message>
        <source>Why chosen</source>
        <translation>Waarom gekozen</translation>
    </message>
    <message>
        <source>What the constraints cost (whole plan)</source>
        <translation>Wat de voorwaarden kosten (hele plan)</translation>
    </message>
</context>
</TS>