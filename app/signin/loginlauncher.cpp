#include "loginlauncher.h"

#include "common/logging.h"
#include "common/redact.h"
#include "config/redirecturi.h"
#include "signin/loginnavigationpolicy.h"
#include "signin/loginreply.h"
#include "storage/loginprofile.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace {

// How long a closing window gets before it is terminated, and then killed.
constexpr int gracefulMs = 1500;
constexpr int killMs = 3000;

ProcoreError windowError(const QString &detail)
{
    return ProcoreError(ProcoreError::Kind::Config,
                        QCoreApplication::translate(
                            "LoginLauncher",
                            "The sign-in window could not be shown. Try again; if it keeps "
                            "failing, reinstall Procore Desktop or sign in with your browser."),
                        detail);
}

// The helper shows a page and hands back a redirect; it never talks to the token endpoint, so
// the client secret and the other client settings stay in this process. Qt's own variables
// (QTWEBENGINE_* remote debugging and Chromium flags, QT_*) are the user's and pass through.
QProcessEnvironment helperEnvironment(const QProcessEnvironment &from)
{
    QProcessEnvironment environment = from;
    const QStringList keys = from.keys();
    for (const QString &key : keys) {
        if (key.startsWith(QLatin1String("PROCORE_"), Qt::CaseInsensitive))
            environment.remove(key);
    }
    return environment;
}

} // namespace

LoginLauncher::LoginLauncher(QObject *parent)
    : QObject(parent)
    , m_program(defaultProgram())
    , m_environment(QProcessEnvironment::systemEnvironment())
{}

LoginLauncher::~LoginLauncher()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(killMs);
    }
}

QString LoginLauncher::defaultProgram()
{
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("procore-desktop-login.exe");
#else
    const QString name = QStringLiteral("procore-desktop-login");
#endif
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

void LoginLauncher::setProgram(const QString &path)
{
    m_program = path;
}

void LoginLauncher::setProcessEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
}

bool LoginLauncher::isRunning() const
{
    return m_process != nullptr;
}

bool LoginLauncher::clearProfile(const QString &dir)
{
    QString error;
    if (!LoginProfile::clear(dir, &error)) {
        qCWarning(lcUi) << "sign-in profile not cleared:" << error;
        return false;
    }
    return true;
}

bool LoginLauncher::start(const LoginRequest &request)
{
    m_lastError = {};
    if (m_process) {
        m_lastError =
            ProcoreError(ProcoreError::Kind::Config, tr("A sign-in window is already open."),
                         QStringLiteral("login helper already running"));
        return false;
    }
    if (const QString why = request.validate(); !why.isEmpty()) {
        m_lastError = windowError(QStringLiteral("invalid login request: %1").arg(why));
        return false;
    }
    m_redirectUri = request.redirectUri;
    m_stdout.clear();
    m_stderrLine.clear();
    m_cancelling = false;
    m_overflow = false;

    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setProcessEnvironment(helperEnvironment(m_environment));
    connect(m_process, &QProcess::readyReadStandardOutput, this, &LoginLauncher::onReadyReadStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &LoginLauncher::onReadyReadStderr);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        onFinished(code, status == QProcess::CrashExit);
    });
    connect(m_process, &QProcess::errorOccurred, this, &LoginLauncher::onErrorOccurred);
    qCInfo(lcUi) << "opening sign-in window" << m_program << "for"
                 << Redact::url(request.authorizeUrl);
    m_process->start(QIODevice::ReadWrite);
    // Written before the child runs; the pipe buffers it. stdin stays open: closing it is
    // how the child learns that this process is gone.
    m_process->write(request.toJsonLine());
    return true;
}

void LoginLauncher::cancel()
{
    if (!m_process || m_cancelling)
        return;
    m_cancelling = true;
    QPointer<QProcess> process = m_process;
    m_process->closeWriteChannel();
    QTimer::singleShot(gracefulMs, this, [process] {
        if (process && process->state() != QProcess::NotRunning)
            process->terminate();
    });
    QTimer::singleShot(killMs, this, [process] {
        if (process && process->state() != QProcess::NotRunning)
            process->kill();
    });
}

void LoginLauncher::onReadyReadStdout()
{
    m_stdout += m_process->readAllStandardOutput();
    if (m_stdout.size() > LoginReply::maxLineSize + 1 && !m_overflow) {
        m_overflow = true;
        m_stdout.clear();
        m_process->kill();
    }
}

void LoginLauncher::onReadyReadStderr()
{
    // Chromium is chatty; its lines go to debug output only, capped, so a bug report can
    // include them. The helper itself never prints URLs with codes.
    m_stderrLine += m_process->readAllStandardError();
    qsizetype newline;
    while ((newline = m_stderrLine.indexOf('\n')) >= 0) {
        qCDebug(lcUi).noquote() << "login window:"
                                << QString::fromUtf8(m_stderrLine.left(qMin(newline, 300)));
        m_stderrLine.remove(0, newline + 1);
    }
    if (m_stderrLine.size() > 4096)
        m_stderrLine.clear();
}

void LoginLauncher::onErrorOccurred()
{
    if (!m_process || m_process->error() != QProcess::FailedToStart)
        return;
    // Queued: QProcess may report this from inside start(), before the caller returns.
    const ProcoreError error =
        windowError(QStringLiteral("cannot start %1: %2").arg(m_program, m_process->errorString()));
    QMetaObject::invokeMethod(
        this, [this, error] { fail(error); }, Qt::QueuedConnection);
}

void LoginLauncher::onFinished(int exitCode, bool crashed)
{
    if (!m_process)
        return;
    m_stdout += m_process->readAllStandardOutput();
    if (m_cancelling) {
        finishWith([this] { emit cancelled(); });
        return;
    }
    if (m_overflow)
        return fail(windowError(QStringLiteral("login helper wrote an oversized reply")));
    if (crashed)
        return fail(windowError(QStringLiteral("login helper crashed")));
    if (!m_stdout.endsWith('\n') || m_stdout.count('\n') != 1)
        return fail(windowError(
            QStringLiteral("login helper exited %1 without exactly one reply line").arg(exitCode)));

    QString parseError;
    const LoginReply reply = LoginReply::fromJsonLine(m_stdout, &parseError);
    if (!parseError.isEmpty())
        return fail(windowError(QStringLiteral("bad reply from login helper: %1").arg(parseError)));
    if (reply.exitCode() != exitCode)
        return fail(windowError(
            QStringLiteral("login helper reply and exit code %1 disagree").arg(exitCode)));
    switch (reply.event) {
    case LoginReply::Event::Redirect:
        if (!RedirectUri::matches(m_redirectUri, reply.url))
            return fail(windowError(QStringLiteral("login helper returned a foreign URL")));
        qCInfo(lcUi) << "sign-in window caught the redirect" << Redact::url(reply.url);
        finishWith([this, url = reply.url] { emit redirectReceived(url); });
        return;
    case LoginReply::Event::Cancelled:
        finishWith([this] { emit cancelled(); });
        return;
    case LoginReply::Event::SystemBrowser:
        finishWith([this] { emit systemBrowserRequested(); });
        return;
    case LoginReply::Event::Error:
        return fail(windowError(QStringLiteral("login helper: %1").arg(reply.message)));
    }
}

void LoginLauncher::fail(ProcoreError error)
{
    qCWarning(lcUi).noquote() << "sign-in window failed:" << error.detail;
    m_lastError = error;
    finishWith([this, error] { emit failed(error); });
}

void LoginLauncher::finishWith(const std::function<void()> &emitter)
{
    if (!m_process)
        return;
    // The process object goes before the signal, so a slot may start() again at once.
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(killMs);
    }
    process->deleteLater();
    emitter();
}
