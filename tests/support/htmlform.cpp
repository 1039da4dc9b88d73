#include "htmlform.h"

#include <QRegularExpression>

static QString attribute(const QString &tag, const QString &name)
{
    // name="…", name='…' or name=bare
    const QRegularExpression re(
        QStringLiteral("\\s%1\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))").arg(name),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = re.match(tag);
    if (!match.hasMatch())
        return {};
    for (int i = 1; i <= 3; ++i) {
        if (match.capturedStart(i) >= 0)
            return HtmlForm::decodeEntities(match.captured(i));
    }
    return {};
}

QString HtmlForm::decodeEntities(const QString &text)
{
    if (!text.contains(u'&'))
        return text;
    static const QRegularExpression entity(QStringLiteral("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);"));
    QString out;
    qsizetype last = 0;
    auto it = entity.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += text.mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        QString replacement = match.captured(0);
        if (name.startsWith(u'#')) {
            const bool hex = name.startsWith(u"#x") || name.startsWith(u"#X");
            const char32_t code = name.mid(hex ? 2 : 1).toUInt(nullptr, hex ? 16 : 10);
            replacement = QString::fromUcs4(&code, 1);
        } else if (name == u"amp")
            replacement = QStringLiteral("&");
        else if (name == u"lt")
            replacement = QStringLiteral("<");
        else if (name == u"gt")
            replacement = QStringLiteral(">");
        else if (name == u"quot")
            replacement = QStringLiteral("\"");
        else if (name == u"apos")
            replacement = QStringLiteral("'");
        else if (name == u"nbsp")
            replacement = QString(QChar(0xa0));
        out += replacement;
        last = match.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

QList<HtmlForm> HtmlForm::parse(const QByteArray &html)
{
    const QString page = QString::fromUtf8(html);
    static const QRegularExpression formRe(QStringLiteral("<form\\b([^>]*)>(.*?)</form\\s*>"),
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression inputRe(QStringLiteral("<input\\b[^>]*>"),
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression buttonRe(QStringLiteral("<button\\b([^>]*)>(.*?)</button\\s*>"),
                                             QRegularExpression::CaseInsensitiveOption |
                                                 QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tagRe(QStringLiteral("<[^>]*>"));
    QList<HtmlForm> forms;
    auto formIt = formRe.globalMatch(page);
    while (formIt.hasNext()) {
        const QRegularExpressionMatch formMatch = formIt.next();
        const QString formTag = u' ' + formMatch.captured(1);
        HtmlForm form;
        form.id = attribute(formTag, QStringLiteral("id"));
        form.action = attribute(formTag, QStringLiteral("action"));
        form.method = attribute(formTag, QStringLiteral("method")).toLower();
        if (form.method.isEmpty())
            form.method = QStringLiteral("get");
        const QString content = formMatch.captured(2);
        auto inputIt = inputRe.globalMatch(content);
        while (inputIt.hasNext()) {
            const QString tag = inputIt.next().captured(0);
            Input input{attribute(tag, QStringLiteral("type")).toLower(),
                        attribute(tag, QStringLiteral("name")),
                        attribute(tag, QStringLiteral("value")),
                        attribute(tag, QStringLiteral("id"))};
            if (input.type.isEmpty())
                input.type = QStringLiteral("text");
            if (input.type == u"submit")
                form.buttons.append({input.name, input.value, input.value, input.id});
            else
                form.inputs.append(input);
        }
        auto buttonIt = buttonRe.globalMatch(content);
        while (buttonIt.hasNext()) {
            const QRegularExpressionMatch match = buttonIt.next();
            const QString tag = u' ' + match.captured(1);
            const QString type = attribute(tag, QStringLiteral("type")).toLower();
            if (!type.isEmpty() && type != u"submit")
                continue;
            QString text = match.captured(2);
            text.remove(tagRe);
            form.buttons.append(
                {attribute(tag, QStringLiteral("name")), attribute(tag, QStringLiteral("value")),
                 decodeEntities(text).simplified(), attribute(tag, QStringLiteral("id"))});
        }
        forms.append(form);
    }
    return forms;
}

bool HtmlForm::hasInputOfType(const QString &type) const
{
    for (const Input &input : inputs) {
        if (input.type == type)
            return true;
    }
    return false;
}

const HtmlForm::Button *HtmlForm::button(const QString &label) const
{
    for (const Button &candidate : buttons) {
        if (candidate.text.compare(label, Qt::CaseInsensitive) == 0 ||
            candidate.value.compare(label, Qt::CaseInsensitive) == 0 ||
            candidate.id.compare(label, Qt::CaseInsensitive) == 0)
            return &candidate;
    }
    return nullptr;
}

QList<QPair<QString, QString>> HtmlForm::submission(const Button *button) const
{
    QList<QPair<QString, QString>> pairs;
    for (const Input &input : inputs) {
        if (input.name.isEmpty() || input.type == u"checkbox" || input.type == u"radio" ||
            input.type == u"button" || input.type == u"reset" || input.type == u"image")
            continue;
        pairs.append({input.name, input.value});
    }
    if (button && !button->name.isEmpty())
        pairs.append({button->name, button->value});
    return pairs;
}
