#pragma once

#include <QList>
#include <QObject>
#include <QString>

// The projects a person keeps coming back to: the ones they starred (favourites, in the order
// starred) and the last ones they opened (most recent first, at most recentLimit). Both are
// per environment, user and company, kept in QSettings as project IDs only, so they survive a
// sign-out and the next sign-in of the same user; forgetUser() drops them when asked.
class ProjectShortlists final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectShortlists)
public:
    static constexpr int recentLimit = 10;

    explicit ProjectShortlists(QObject *parent = nullptr);

    // Whose lists are shown; a zero user or company means none (nothing is stored then).
    void setScope(const QString &environmentKey, qint64 userId, qint64 companyId);
    bool hasScope() const { return m_userId > 0 && m_companyId > 0; }

    QList<qint64> favourites() const { return m_favourites; }
    bool isFavourite(qint64 projectId) const { return m_favourites.contains(projectId); }
    void setFavourite(qint64 projectId, bool favourite);
    void toggleFavourite(qint64 projectId);

    QList<qint64> recent() const { return m_recent; }
    // Enter, double-click, "Open in Procore" or a deep link: it goes to the top of recent.
    void noteOpened(qint64 projectId);

    // Every company's lists of this user in this environment.
    void forgetUser(const QString &environmentKey, qint64 userId);

signals:
    void changed();

private:
    QString group(const QString &environmentKey, qint64 userId) const;
    QString key(const QString &name) const; // of this scope
    QList<qint64> read(const QString &name) const;
    void write(const QString &name, const QList<qint64> &ids) const;

    QString m_environment;
    qint64 m_userId = 0;
    qint64 m_companyId = 0;
    QList<qint64> m_favourites;
    QList<qint64> m_recent;
};
