#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// A <form> read out of a page the way a browser sees it: where it posts, the values its
// inputs carry, and its submit buttons. Enough for the login and consent pages of Procore
// (and of the emulator); not a general HTML parser.
struct HtmlForm
{
    struct Input
    {
        QString type; // lower case; "text" when absent
        QString name;
        QString value;
        QString id;
    };
    struct Button
    {
        QString name;
        QString value;
        QString text; // visible label, tags stripped, trimmed
        QString id;
    };

    QString id;
    QString action; // as written; resolve against the page URL
    QString method; // lower case; "get" when absent
    QList<Input> inputs;
    QList<Button> buttons;

    static QList<HtmlForm> parse(const QByteArray &html);
    bool hasInputOfType(const QString &type) const;
    // The button whose label, value or id matches label (case-insensitive), or nullptr.
    const Button *button(const QString &label) const;
    // The name/value pairs a browser would submit with that button (nullptr: no button).
    QList<QPair<QString, QString>> submission(const Button *button) const;
    static QString decodeEntities(const QString &text);
};
