#pragma once

#include <QByteArray>
#include <QString>

// Appends JSON text by hand: pages of projects are built per request and this is several
// times faster than QJsonDocument, and writes 64-bit integers exactly as integers.
class JsonWriter final
{
public:
    explicit JsonWriter(QByteArray *out)
        : m_out(out)
    {}
    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(const char *name);
    JsonWriter &string(const QString &text);
    JsonWriter &number(qint64 value);
    JsonWriter &boolean(bool value);
    JsonWriter &nullValue();
    // A string, or null when text is empty.
    JsonWriter &stringOrNull(const QString &text);

private:
    void separate();
    QByteArray *m_out;
    bool m_needComma = false;
};
