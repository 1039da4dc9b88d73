#include "jsonwriter.h"

void JsonWriter::separate()
{
    if (m_needComma)
        m_out->append(',');
    m_needComma = true;
}

JsonWriter &JsonWriter::beginObject()
{
    separate();
    m_out->append('{');
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out->append('}');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    separate();
    m_out->append('[');
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    m_out->append(']');
    m_needComma = true;
    return *this;
}

JsonWriter &JsonWriter::key(const char *name)
{
    separate();
    m_out->append('"').append(name).append("\":");
    m_needComma = false;
    return *this;
}

JsonWriter &JsonWriter::string(const QString &text)
{
    separate();
    m_out->append('"');
    const QByteArray utf8 = text.toUtf8();
    for (const char ch : utf8) {
        const auto byte = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            m_out->append('\\').append(ch);
        } else if (byte < 0x20) {
            static const char hex[] = "0123456789abcdef";
            m_out->append("\\u00").append(hex[byte >> 4]).append(hex[byte & 0xf]);
        } else {
            m_out->append(ch);
        }
    }
    m_out->append('"');
    return *this;
}

JsonWriter &JsonWriter::number(qint64 value)
{
    separate();
    m_out->append(QByteArray::number(value));
    return *this;
}

JsonWriter &JsonWriter::boolean(bool value)
{
    separate();
    m_out->append(value ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::nullValue()
{
    separate();
    m_out->append("null");
    return *this;
}

JsonWriter &JsonWriter::stringOrNull(const QString &text)
{
    return text.isEmpty() ? nullValue() : string(text);
}
