<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>riskmap::desktop::LayersPanel</name>
    <message>
        <location filename="../layers_panel.cpp" line="52"/>
        <source>Tick to show; drag to change the order (top of the list = drawn on top)</source>
        <translation>Vink aan om te tonen; sleep om de volgorde te wijzigen (bovenaan = bovenop)</translation>
    </message>
    <message>
        <location filename="../layers_panel.cpp" line="58"/>
        <source>Opacity</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <location filename="../layers_panel.cpp" line="59"/>
        <source>Show labels</source>
        <translation>Labels tonen</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::MainWindow</name>
    <message>
        <location filename="../main_window.cpp" line="40"/>
        <location filename="../main_window.cpp" line="411"/>
        <source>Risicokaart</source>
        <translation>Risicokaart</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="53"/>
        <source>scale 1:%1</source>
        <translation>schaal 1:%1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="56"/>
        <source>drawn in %1 ms</source>
        <translation>getekend in %1 ms</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="69"/>
        <source>Layers</source>
        <translation>Lagen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="76"/>
        <location filename="../main_window.cpp" line="156"/>
        <source>Identify</source>
        <translation>Identificeren</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="79"/>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="79"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="83"/>
        <source>Attribute table</source>
        <translation>Attribuuttabel</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="90"/>
        <source>Filter, e.g. risico_klasse &gt;= 4 or naam ~ &apos;bakker&apos; or free text</source>
        <translation>Filter, bijv. risico_klasse &gt;= 4 of naam ~ &apos;bakker&apos; of vrije tekst</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="118"/>
        <location filename="../main_window.cpp" line="239"/>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="131"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="132"/>
        <source>&amp;Open workspace…</source>
        <translation>Werkruimte &amp;openen…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="135"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="138"/>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="139"/>
        <source>Map</source>
        <translation>Kaart</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="148"/>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="149"/>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="150"/>
        <source>Full extent</source>
        <translation>Volledig beeld</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="151"/>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="155"/>
        <source>Pan</source>
        <translation>Verschuiven</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="157"/>
        <source>Draw risk zone</source>
        <translation>Risicozone tekenen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="158"/>
        <source>Click the corners, double-click or Enter to close, Esc to discard; snaps to parcels and buildings</source>
        <translation>Klik de hoekpunten, dubbelklik of Enter om te sluiten, Esc om te verwerpen; kleeft aan percelen en panden</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="159"/>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="161"/>
        <source>Redo</source>
        <translation>Opnieuw</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="180"/>
        <source>Address (postcode house number)</source>
        <translation>Adres (postcode huisnummer)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="180"/>
        <source>Parcel (cadastral designation)</source>
        <translation>Perceel (kadastrale aanduiding)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="180"/>
        <source>Trade name</source>
        <translation>Handelsnaam</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="181"/>
        <source>Establishment number</source>
        <translation>Vestigingsnummer</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="183"/>
        <source>Search… (Ctrl+F)</source>
        <translation>Zoeken… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="218"/>
        <source>Risicokaart — %1</source>
        <translation>Risicokaart — %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="256"/>
        <source>Nothing found for &apos;%1&apos;</source>
        <translation>Niets gevonden voor &apos;%1&apos;</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="266"/>
        <source>%n result(s); zoomed to the first</source>
        <translation>
            <numerusform>%n resultaat; ingezoomd</numerusform>
            <numerusform>%n resultaten; ingezoomd op het eerste</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="287"/>
        <source>fid %1</source>
        <translation>fid %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="293"/>
        <source>No feature at this spot</source>
        <translation>Geen object op deze plek</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="293"/>
        <source>%n feature(s) found</source>
        <translation>
            <numerusform>%n object gevonden</numerusform>
            <numerusform>%n objecten gevonden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="300"/>
        <source>RD %1, %2</source>
        <translation>RD %1, %2</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="302"/>
        <source>   WGS84 %1° N, %2° E</source>
        <translation>   WGS84 %1° N, %2° O</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="308"/>
        <source>Open workspace</source>
        <translation>Werkruimte openen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="308"/>
        <source>Workspace (*.sqlite);;All files (*)</source>
        <translation>Werkruimte (*.sqlite);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="354"/>
        <source>Zone not saved: %1</source>
        <translation>Zone niet opgeslagen: %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="363"/>
        <source>Zone %1 saved</source>
        <translation>Zone %1 opgeslagen</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::ZoneForm</name>
    <message>
        <location filename="../zone_form.cpp" line="18"/>
        <source>Risk zone</source>
        <translation>Risicozone</translation>
    </message>
    <message>
        <location filename="../zone_form.cpp" line="26"/>
        <source>Review before</source>
        <translation>Herzien vóór</translation>
    </message>
    <message>
        <location filename="../zone_form.cpp" line="32"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location filename="../zone_form.cpp" line="33"/>
        <source>Explanation</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <location filename="../zone_form.cpp" line="34"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../zone_form.cpp" line="35"/>
        <source>Classification</source>
        <translation>Classificatie</translation>
    </message>
</context>
</TS>
