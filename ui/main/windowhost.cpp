#include "windowhost.h"

#include "mainwindow.h"
#include "projectspage.h"

#include "common/translations.h"
#include "session/session.h"

#include <QSettings>

WindowHost::WindowHost(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    build();
}

WindowHost::~WindowHost() = default;

void WindowHost::build()
{
    m_window = std::make_unique<MainWindow>(m_session);
    // Queued: the old window is replaced from its own menu's signal.
    connect(m_window.get(), &MainWindow::languageChosen, this, &WindowHost::switchLanguage,
            Qt::QueuedConnection);
    connect(m_session, &Session::stateChanged, m_window.get(), [window = m_window.get()] {
        if (!window->isVisible())
            window->show();
    });
}

void WindowHost::switchLanguage(const QString &code)
{
    if (code == Translations::current() || !Translations::install(code))
        return;
    QSettings().setValue(Translations::settingsKey(), code);
    const QByteArray geometry = m_window->saveGeometry();
    const qint64 selected = m_window->projectsPage()->selectedProjectId();
    const bool visible = m_window->isVisible();
    m_window->hide();
    m_window.release()->deleteLater();
    build();
    m_window->restoreGeometry(geometry);
    if (visible)
        m_window->show();
    if (selected)
        m_window->projectsPage()->focusProject(selected);
    emit windowReplaced(m_window.get());
}
