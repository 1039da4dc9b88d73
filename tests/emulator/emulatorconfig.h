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
    QSet<qint64> forbiddenCompanies;
    int rateLimit = 3600;
    int rateWindow = 3600;
    int latencyMs = 0;
    int requestTimeoutMs = 10000;
    bool control = false;
    bool htmlNames = false; // --html-names
    QList<QJsonObject> faults;

    static EmulatorConfig defaults();
    const OAuthClient *client(const QString &id) const;
    const DemoUser *user(qint64 id) const;
    const DemoUser *userByEmail(const QString &email) const;
};
