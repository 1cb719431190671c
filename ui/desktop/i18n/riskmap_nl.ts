<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>riskmap::desktop::LayersPanel</name>
    <message>
        <location filename="../layers_panel.cpp" line="49"/>
        <source>Tick to show; drag to change the order (top of the list = drawn on top)</source>
        <translation>Vink aan om te tonen; sleep om de volgorde te wijzigen (bovenaan = bovenop)</translation>
    </message>
    <message>
        <location filename="../layers_panel.cpp" line="55"/>
        <source>Opacity</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <location filename="../layers_panel.cpp" line="56"/>
        <source>Show labels</source>
        <translation>Labels tonen</translation>
    </message>
</context>
<context>
    <name>riskmap::desktop::MainWindow</name>
    <message>
        <location filename="../main_window.cpp" line="34"/>
        <location filename="../main_window.cpp" line="303"/>
        <source>Risicokaart</source>
        <translation>Risicokaart</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="47"/>
        <source>scale 1:%1</source>
        <translation>schaal 1:%1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="50"/>
        <source>drawn in %1 ms</source>
        <translation>getekend in %1 ms</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="61"/>
        <source>Layers</source>
        <translation>Lagen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="68"/>
        <location filename="../main_window.cpp" line="148"/>
        <source>Identify</source>
        <translation>Identificeren</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="71"/>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="71"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="75"/>
        <source>Attribute table</source>
        <translation>Attribuuttabel</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="82"/>
        <source>Filter, e.g. risico_klasse &gt;= 4 or naam ~ &apos;bakker&apos; or free text</source>
        <translation>Filter, bijv. risico_klasse &gt;= 4 of naam ~ 'bakker' of vrije tekst</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="110"/>
        <location filename="../main_window.cpp" line="222"/>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="123"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="124"/>
        <source>&amp;Open workspace…</source>
        <translation>Werkruimte &amp;openen…</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="127"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="130"/>
        <source>&amp;View</source>
        <translation>&amp;Beeld</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="131"/>
        <source>Map</source>
        <translation>Kaart</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="140"/>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="141"/>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="142"/>
        <source>Full extent</source>
        <translation>Volledig beeld</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="143"/>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="147"/>
        <source>Pan</source>
        <translation>Verschuiven</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="164"/>
        <source>Address (postcode house number)</source>
        <translation>Adres (postcode huisnummer)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="164"/>
        <source>Parcel (cadastral designation)</source>
        <translation>Perceel (kadastrale aanduiding)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="164"/>
        <source>Trade name</source>
        <translation>Handelsnaam</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="165"/>
        <source>Establishment number</source>
        <translation>Vestigingsnummer</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="167"/>
        <source>Search… (Ctrl+F)</source>
        <translation>Zoeken… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="201"/>
        <source>Risicokaart — %1</source>
        <translation>Risicokaart — %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="239"/>
        <source>Nothing found for &apos;%1&apos;</source>
        <translation>Niets gevonden voor '%1'</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="249"/>
        <source>%n result(s); zoomed to the first</source>
        <translation>
            <numerusform>%n resultaat; ingezoomd</numerusform>
            <numerusform>%n resultaten; ingezoomd op het eerste</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="270"/>
        <source>fid %1</source>
        <translation>fid %1</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="276"/>
        <source>No feature at this spot</source>
        <translation>Geen object op deze plek</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.cpp" line="276"/>
        <source>%n feature(s) found</source>
        <translation>
            <numerusform>%n object gevonden</numerusform>
            <numerusform>%n objecten gevonden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="283"/>
        <source>RD %1, %2</source>
        <translation>RD %1, %2</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="285"/>
        <source>   WGS84 %1° N, %2° E</source>
        <translation>   WGS84 %1° N, %2° O</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="291"/>
        <source>Open workspace</source>
        <translation>Werkruimte openen</translation>
    </message>
    <message>
        <location filename="../main_window.cpp" line="291"/>
        <source>Workspace (*.sqlite);;All files (*)</source>
        <translation>Werkruimte (*.sqlite);;Alle bestanden (*)</translation>
    </message>
</context>
</TS>
