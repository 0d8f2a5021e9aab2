// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sql/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

namespace Strata {

// Passwords of saved profiles, only ever in the OS keychain (QtKeychain: Secret Service,
// KWallet, macOS Keychain, Windows Credential Manager), under service "Strata" and the
// profile name as key. There is no plaintext fallback: where no keychain answers, the store
// says so once (unavailable(), available() == false) and every call fails with that message.
//
// Calls are asynchronous; a callback runs on the store's thread unless `context` is gone.
// The *Blocking helpers run a local event loop, for the CLI (never call them in the GUI).
class STRATA_CORE_EXPORT CredentialStore : public QObject
{
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const Result<QString> &password)>;
    using DoneCallback = std::function<void(const Result<void> &result)>;

    explicit CredentialStore(QObject *parent = nullptr);
    // Another service name: tests, so they never touch a user's real entries.
    explicit CredentialStore(const QString &service, QObject *parent = nullptr);
    ~CredentialStore() override;

    QString service() const { return m_service; }

    // False once a keychain call found that no keychain answers; true before that is known.
    bool available() const { return m_unavailableReason.isEmpty(); }
    QString unavailableReason() const { return m_unavailableReason; }

    // Asks the keychain whether it answers (reads an entry that does not exist).
    void checkAvailability(QObject *context, DoneCallback done);

    // A missing entry is an Error with code InvalidArgument and a message naming the profile.
    void readPassword(const QString &profile, QObject *context, ReadCallback done);
    void writePassword(const QString &profile, const QString &password, QObject *context, DoneCallback done);
    // Removing a missing entry succeeds.
    void removePassword(const QString &profile, QObject *context, DoneCallback done);
    // For ProfileStore::rename: the entry moves to the new name (nothing to move succeeds).
    void renamePassword(const QString &from, const QString &to, QObject *context, DoneCallback done);

    // Blocking helpers for the CLI; give up after timeoutMs with Error::Code::Timeout.
    Result<void> checkAvailabilityBlocking(int timeoutMs = 30000);
    Result<QString> readPasswordBlocking(const QString &profile, int timeoutMs = 30000);
    Result<void> writePasswordBlocking(const QString &profile, const QString &password, int timeoutMs = 30000);
    Result<void> removePasswordBlocking(const QString &profile, int timeoutMs = 30000);

Q_SIGNALS:
    // Emitted once, the first time a call finds that no keychain answers.
    void unavailable(const QString &message);

private:
    enum class Operation { Read, Write, Remove, Probe };
    // Runs one job; `done` gets the text (Read) or an empty string, or the error.
    void run(Operation operation, const QString &key, const QString &password, QObject *context,
             std::function<void(const Result<QString> &)> done);
    Error errorOf(QKeychain::Job *job, Operation operation, const QString &key);
    Error unavailableError() const;

    QString m_service;
    QString m_unavailableReason;
};

} // namespace Strata
