// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentialstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <optional>

namespace Strata {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Strata::CredentialStore)
};

// An entry nobody writes: reading it tells whether the keychain answers at all.
const QString ProbeKey = QStringLiteral("strata-keychain-probe");

// Runs an asynchronous call on a local event loop until its callback or the timeout.
template<typename T, typename Start>
Result<T> waitFor(int timeoutMs, Start start)
{
    QEventLoop loop;
    std::optional<Result<T>> outcome;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    {
        // Destroyed before `outcome` and `loop`: a late answer finds no receiver.
        QObject context;
        start(&context, [&outcome, &loop](const Result<T> &result) {
            outcome = result;
            loop.quit();
        });
        timer.start(timeoutMs);
        if (!outcome)
            loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!outcome) {
        return Error(Error::Code::Timeout,
                     Tr::tr("The keychain did not answer within %n second(s).", nullptr, timeoutMs / 1000));
    }
    return *outcome;
}

Result<void> toVoid(const Result<QString> &result)
{
    if (!result)
        return result.error();
    return {};
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : CredentialStore(QStringLiteral("Strata"), parent)
{
}

CredentialStore::CredentialStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

CredentialStore::~CredentialStore() = default;

Error CredentialStore::unavailableError() const
{
    return Error(Error::Code::NotSupported, m_unavailableReason);
}

Error CredentialStore::errorOf(QKeychain::Job *job, Operation operation, const QString &key)
{
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        break;
    case QKeychain::OtherError:
        // QtKeychain reports a missing D-Bus session or Secret Service as OtherError.
        if (detail.contains(QLatin1String("DBus"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("secret"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("kwallet"), Qt::CaseInsensitive)) {
            break;
        }
        return Error(Error::Code::Io, Tr::tr("The keychain failed for '%1'.").arg(key), detail);
    case QKeychain::EntryNotFound:
        return Error(Error::Code::InvalidArgument, Tr::tr("No password is saved for '%1'.").arg(key));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error(Error::Code::Authentication, Tr::tr("The keychain refused access to '%1'.").arg(key), detail);
    case QKeychain::CouldNotDeleteEntry:
        return Error(Error::Code::Io, Tr::tr("The keychain could not delete the password of '%1'.").arg(key),
                     detail);
    case QKeychain::NoError:
        return {};
    }
    Q_UNUSED(operation)
    if (m_unavailableReason.isEmpty()) {
        m_unavailableReason = Tr::tr("No keychain is available (%1). Passwords are not saved; Strata "
                                     "never stores them in files.")
                                  .arg(detail.isEmpty() ? Tr::tr("no Secret Service or KWallet answered") : detail);
        qWarning("%s", qUtf8Printable(m_unavailableReason));
        Q_EMIT unavailable(m_unavailableReason);
    }
    return unavailableError();
}

void CredentialStore::run(Operation operation, const QString &key, const QString &password, QObject *context,
                          std::function<void(const Result<QString> &)> done)
{
    QObject *receiver = context ? context : this;
    if (!available()) {
        // Always answer asynchronously, as a keychain would.
        const Error error = unavailableError();
        QMetaObject::invokeMethod(receiver, [done, error] { done(error); }, Qt::QueuedConnection);
        return;
    }
    if (key.isEmpty()) {
        const Error error(Error::Code::InvalidArgument, Tr::tr("A keychain entry needs a profile name."));
        QMetaObject::invokeMethod(receiver, [done, error] { done(error); }, Qt::QueuedConnection);
        return;
    }

    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Read:
    case Operation::Probe:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(password);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setAutoDelete(true);
    // Never the plaintext QSettings fallback QtKeychain offers.
    job->setInsecureFallback(false);
    job->setKey(key);

    QPointer<CredentialStore> self(this);
    connect(job, &QKeychain::Job::finished, receiver, [self, operation, key, done](QKeychain::Job *finished) {
        const QKeychain::Error code = finished->error();
        if (code == QKeychain::NoError) {
            if (operation == Operation::Read)
                done(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
            else
                done(QString());
            return;
        }
        if (code == QKeychain::EntryNotFound && operation != Operation::Read) {
            done(QString()); // probe: the keychain answered; remove: nothing to remove
            return;
        }
        if (!self) {
            done(Error(Error::Code::Generic, finished->errorString()));
            return;
        }
        done(self->errorOf(finished, operation, key));
    });
    job->start();
}

void CredentialStore::checkAvailability(QObject *context, DoneCallback done)
{
    run(Operation::Probe, ProbeKey, {}, context, [done](const Result<QString> &r) { done(toVoid(r)); });
}

void CredentialStore::readPassword(const QString &profile, QObject *context, ReadCallback done)
{
    run(Operation::Read, profile, {}, context, std::move(done));
}

void CredentialStore::writePassword(const QString &profile, const QString &password, QObject *context,
                                    DoneCallback done)
{
    run(Operation::Write, profile, password, context, [done](const Result<QString> &r) { done(toVoid(r)); });
}

void CredentialStore::removePassword(const QString &profile, QObject *context, DoneCallback done)
{
    run(Operation::Remove, profile, {}, context, [done](const Result<QString> &r) { done(toVoid(r)); });
}

void CredentialStore::renamePassword(const QString &from, const QString &to, QObject *context, DoneCallback done)
{
    QPointer<QObject> guard(context ? context : this);
    QPointer<CredentialStore> self(this);
    readPassword(from, context, [=](const Result<QString> &password) {
        if (!password) {
            // Nothing saved under the old name: nothing to move.
            if (password.error().code() == Error::Code::InvalidArgument)
                done({});
            else
                done(password.error());
            return;
        }
        if (!self || !guard)
            return;
        self->writePassword(to, password.value(), guard, [=](const Result<void> &written) {
            if (!written || !self || !guard) {
                done(written);
                return;
            }
            self->removePassword(from, guard, done);
        });
    });
}

Result<void> CredentialStore::checkAvailabilityBlocking(int timeoutMs)
{
    return toVoid(waitFor<QString>(timeoutMs, [this](QObject *context, auto done) {
        checkAvailability(context, [done](const Result<void> &r) {
            done(r ? Result<QString>(QString()) : Result<QString>(r.error()));
        });
    }));
}

Result<QString> CredentialStore::readPasswordBlocking(const QString &profile, int timeoutMs)
{
    return waitFor<QString>(timeoutMs, [this, &profile](QObject *context, auto done) {
        readPassword(profile, context, done);
    });
}

Result<void> CredentialStore::writePasswordBlocking(const QString &profile, const QString &password, int timeoutMs)
{
    return toVoid(waitFor<QString>(timeoutMs, [this, &profile, &password](QObject *context, auto done) {
        writePassword(profile, password, context, [done](const Result<void> &r) {
            done(r ? Result<QString>(QString()) : Result<QString>(r.error()));
        });
    }));
}

Result<void> CredentialStore::removePasswordBlocking(const QString &profile, int timeoutMs)
{
    return toVoid(waitFor<QString>(timeoutMs, [this, &profile](QObject *context, auto done) {
        removePassword(profile, context, [done](const Result<void> &r) {
            done(r ? Result<QString>(QString()) : Result<QString>(r.error()));
        });
    }));
}

} // namespace Strata
