#pragma once

#include <QString>
#include <QStringList>

// Every settings key the sign-in of one environment uses, under "accounts/<environment key>/".
// The settings never hold a token: a user ID, the IDs of the keychain entries written, and during
// a refresh a 64-bit fingerprint of the refresh token in flight.
class AccountSettings final
{
public:
    explicit AccountSettings(QString environmentKey);

    QString environmentKey() const { return m_environmentKey; }
    // The keychain entry name of one user's grant in this environment.
    QString entryKey(const QString &userId) const;

    // The user whose sign-in the next start restores; empty after a sign-out.
    QString lastUser() const;
    void setLastUser(const QString &userId);

    // QtKeychain cannot list entries, so every user whose entry may exist is indexed here: added
    // (and on disk) before the entry is written, dropped only once it is deleted. Sign-out finds
    // every entry of the environment through it, whatever became of lastUser.
    QStringList entryUsers() const;
    void addEntry(const QString &userId);
    void removeEntry(const QString &userId);

    // A fingerprint of the refresh token on its way to Procore, kept until the keychain no
    // longer holds that token: a start after a crash or SIGKILL mid-refresh must not send it
    // again (Procore spends it on arrival and would revoke the whole grant).
    void markRefreshSent(const QString &refreshToken);
    void clearRefreshSent();
    bool wasRefreshSent(const QString &refreshToken) const;

private:
    QString key(const char *name) const;

    QString m_environmentKey;
};
