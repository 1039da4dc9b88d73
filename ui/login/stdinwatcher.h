#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

// The login helper's stdin: the request line first, then nothing but the end of the pipe,
// which means the main process went away (or cancelled) and the window must close.
class StdinWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StdinWatcher)
public:
    explicit StdinWatcher(QObject *parent = nullptr);
    ~StdinWatcher() override;

    // Blocks until one '\n'-terminated line arrived, at most maxSize bytes. False with
    // *error on end of input, an over-long line or a read error.
    static bool readLine(int maxSize, QByteArray *line, QString *error);
    // Starts watching for the end of input; emits closed() once.
    void start();

signals:
    void closed();

private:
    struct Private;
    Private *d = nullptr;
};
