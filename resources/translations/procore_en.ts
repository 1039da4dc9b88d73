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
