#pragma once

#include "model/project.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class ProjectTools;
class QFormLayout;
class QMenu;
class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;

// The side pane: every field of the selected project, and the way into Procore's web app.
class ProjectDetails final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectDetails)
public:
    explicit ProjectDetails(QWidget *parent = nullptr);

    void setProject(const Project &project);
    void clear();
    // The "Tools" button's menu (a project's tools in Procore, copy, map) comes from `tools`.
    void setTools(ProjectTools *tools);
    QToolButton *toolsButton() const { return m_tools; }
    QPushButton *drawingsButton() const { return m_drawings; }
    // Its controls in Tab order, for the page's focus chain.
    QList<QWidget *> tabStops() const;
    qint64 projectId() const { return m_project.id; }
    // The text shown for a field label (for tests and accessibility checks).
    QString fieldText(const QString &label) const;
    // The field's label widget (the phone is a link), or null.
    QLabel *field(const QString &label) const;
    // "Now" for the local time at the project (tests pin it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

signals:
    void openRequested(qint64 projectId);
    void drawingsRequested(qint64 projectId, const QString &projectName);

private:
    void addField(const QString &label, const QString &value);
    void addPhone(const QString &phone);
    QString timeZoneText(const Project &project) const;

    Project m_project;
    QLabel *m_title = nullptr;
    QLabel *m_placeholder = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_fields = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_open = nullptr;
    QToolButton *m_tools = nullptr;
    QMenu *m_toolsMenu = nullptr;
    QPushButton *m_drawings = nullptr;
    ProjectTools *m_projectTools = nullptr;
    std::function<QDateTime()> m_clock = [] {
        return QDateTime::currentDateTimeUtc();
    };
};
