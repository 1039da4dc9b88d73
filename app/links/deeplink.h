#pragma once

#include "common/procoreerror.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>
#include <QtGlobal>

struct DeepLinkResult;

// A request to open one project, from `--project <id> [--company <id>]` or from the URL form
// `procore-desktop://project/<id>[?company=<id>]` (grammar in README.md, "Deep links").
// Links come from other programs and web pages, so parsing is strict and total: any input
// either yields a link or a ProcoreError(Config) with a message a user can act on.
struct DeepLink
{
    Q_DECLARE_TR_FUNCTIONS(DeepLink)
public:
    qint64 projectId = 0;
    qint64 companyId = 0; // 0 when the link does not name a company

    bool isValid() const { return projectId > 0; }
    QUrl toUrl() const;
    bool operator==(const DeepLink &other) const
    {
        return projectId == other.projectId && companyId == other.companyId;
    }

    static QString scheme() { return QStringLiteral("procore-desktop"); }
    static constexpr int maxUrlLength = 512;

    static DeepLinkResult fromUrl(const QString &text);
    // companyText may be empty (no company named).
    static DeepLinkResult fromIds(const QString &projectText, const QString &companyText = {});
    // A positive 64-bit decimal ID without sign, spaces or leading zeros; 0 on any violation.
    static qint64 parseId(const QString &text);
};

struct DeepLinkResult
{
    DeepLink link;
    ProcoreError error;
    bool ok() const { return !error.isError(); }
};
