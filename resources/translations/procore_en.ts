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
