<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CliRunner</name>
    <message numerus="yes">
        <source>%1 — %Ln project(s)</source>
        <translation>
            <numerusform>%1 — %Ln project</numerusform>
            <numerusform>%1 — %Ln projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n sheet(s), about %1…</source>
        <translation>
            <numerusform>Downloading %n sheet, about %1…</numerusform>
            <numerusform>Downloading %n sheets, about %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Project %1 (%2): %n sheet(s) kept offline.</source>
        <translation>
            <numerusform>Project %1 (%2): %n sheet kept offline.</numerusform>
            <numerusform>Project %1 (%2): %n sheets kept offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s), %1, synced %2</source>
        <translation>
            <numerusform>%n sheet, %1, synced %2</numerusform>
            <numerusform>%n sheets, %1, synced %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrawingsWindow</name>
    <message numerus="yes">
        <source>Downloading %n sheet(s), about %1…</source>
        <translation>
            <numerusform>Downloading %n sheet, about %1…</numerusform>
            <numerusform>Downloading %n sheets, about %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline — showing the %n sheet(s) kept on this computer. %1</source>
        <translation>
            <numerusform>Offline — showing the %n sheet kept on this computer. %1</numerusform>
            <numerusform>Offline — showing the %n sheets kept on this computer. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s). Keeping them offline takes about %1.</source>
        <translation>
            <numerusform>%n sheet. Keeping them offline takes about %1.</numerusform>
            <numerusform>%n sheets. Keeping them offline takes about %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept offline: %n sheet(s), synced %1.</source>
        <translation>
            <numerusform>Kept offline: %n sheet, synced %1.</numerusform>
            <numerusform>Kept offline: %n sheets, synced %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) changed in Procore since.</source>
        <translation>
            <numerusform>%n sheet changed in Procore since.</numerusform>
            <numerusform>%n sheets changed in Procore since.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) could not be downloaded. %1</source>
        <translation>
            <numerusform>%n sheet could not be downloaded. %1</numerusform>
            <numerusform>%n sheets could not be downloaded. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped with %n sheet(s) on this computer; keep offline again to download the rest.</source>
        <translation>
            <numerusform>Stopped with %n sheet on this computer; keep offline again to download the rest.</numerusform>
            <numerusform>Stopped with %n sheets on this computer; keep offline again to download the rest.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message numerus="yes">
        <source>%Ln project(s)</source>
        <translation>
            <numerusform>%Ln project</numerusform>
            <numerusform>%Ln projects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln project(s)</source>
        <extracomment>%1 is how many of the projects the search and status filter show.</extracomment>
        <translation>
            <numerusform>%1 of %Ln project</numerusform>
            <numerusform>%1 of %Ln projects</numerusform>
        </translation>
    </message>
</context>
</TS>
