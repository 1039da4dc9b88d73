#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

struct OAuthClient
{
    QString id;
    QString secret;
    QString name;
    QStringList redirectUris;
};

struct DemoUser
{
    qint64 id = 0;
    QString email;
    QString password;
    QString name;
};

// Everything the command line sets; the control API changes some of it at run time.
struct EmulatorConfig
{
    quint16 port = 0; // login on port, API on port + 1; 0 picks free ports
    QList<OAuthClient> clients;
    QList<DemoUser> users;
    int expiresIn = 5400;
    int codeTtl = 600;
    bool requirePkce = false;
    quint64 seed = 1;
    int companies = 3;
    int projects = 150;
    QSet<qint64> forbiddenCompanies;    // app not installed: 403
    QSet<qint64> unauthorizedCompanies; // app not installed: 401 even with a good token
    QSet<qint64> freeCompanies;         // free plan: listed only with include_free_companies=true
    QSet<qint64> inactiveCompanies;     // is_active false
    QSet<qint64> emptyCompanies;        // the user sees no projects there
    QSet<qint64> hiddenProjects;        // exist, but the user may not read them: unlisted, 404
    int rateLimit = 3600;
    int rateWindow = 3600;
    int latencyMs = 0;
    int requestTimeoutMs = 10000;
    bool control = false;
    bool htmlNames = false; // --html-names
    QString webBaseUrl;     // company_base_url's web_base_url; empty: the API server's base
    bool activeOnlyByDefault = true;   // v1.1 without filters[by_status]: active projects only
    int drawingSheets = 12;            // per project, in up to three drawing areas; 0: none
    int drawingBytes = 48 * 1024;      // a sheet's PDF, +-10 %
    int drawingLinkTtl = 3600;         // seconds a listed pdf_url stays valid
    int storageLinkTtl = 300;          // seconds the storage host's signed URL stays valid
    bool storageIgnoresRanges = false; // the storage host answers a Range with the whole file
    QList<QJsonObject> faults;

    static EmulatorConfig defaults();
    const OAuthClient *client(const QString &id) const;
    const DemoUser *user(qint64 id) const;
    const DemoUser *userByEmail(const QString &email) const;
};
