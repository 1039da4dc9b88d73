#pragma once

#include <QList>
#include <QString>

// One line of the fault table: what was done to the app and how it came through.
struct FaultRow
{
    QString fault;      // what the test did, e.g. "stall after headers (/rest/v1.1/projects)"
    int injected = 0;   // answers the fault hit, or events (kills, restarts, locks)
    int requests = 0;   // requests the emulator counted while the case ran
    int crashes = 0;    // processes of ours that died without the test killing them
    int tokensLost = 0; // grants the app gave up although Procore would still honour them
    QString outcome;    // "ok" or the error kind the app reported
    QString message;    // what the user is told ("" when nothing needs saying)
};

// Collects a suite's rows, prints them as a table when the suite ends and leaves them in
// <PROCORE_FAULTS_REPORT_DIR>/<suite>.tsv for the combined table (faults_summary).
class FaultReport final
{
public:
    explicit FaultReport(const QString &suite);

    void add(const FaultRow &row);
    QList<FaultRow> rows() const { return m_rows; }
    // Prints the table to stdout and writes the .tsv file.
    void finish() const;

    static QString format(const QList<FaultRow> &rows);

private:
    QString m_suite;
    QList<FaultRow> m_rows;
};
