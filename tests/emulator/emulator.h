#pragma once

#include "authorizeendpoints.h"
#include "controlendpoints.h"
#include "emulatorcontext.h"
#include "requestdispatcher.h"
#include "restendpoints.h"
#include "storageendpoints.h"
#include "tokenendpoints.h"

#include <QObject>
#include <QStringList>

class EmulatorServer;

// The two hosts and everything behind them; routes each request through rate limiting and
// faults to its endpoint class.
class Emulator final : public QObject, public RequestDispatcher
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Emulator)

public:
    explicit Emulator(const EmulatorConfig &config, QObject *parent = nullptr);
    ~Emulator() override;

    // Generates the data and listens; false with errorString() on failure.
    bool start();
    QString errorString() const { return m_error; }
    QString loginBase() const { return m_context.loginBase; }
    QString apiBase() const { return m_context.apiBase; }
    QString storageBase() const { return m_context.storageBase; }
    qint64 generationMs() const { return m_generationMs; }
    // The ready line and the human-friendly lines printed on start.
    QStringList banner() const;

    Delivery dispatch(const HttpRequest &request) override;

private:
    HttpResponse route(const HttpRequest &request);
    static HttpResponse faultAnswer(const Fault &fault);

    EmulatorContext m_context;
    AuthorizeEndpoints m_authorize;
    TokenEndpoints m_token;
    RestEndpoints m_rest;
    ControlEndpoints m_control;
    StorageEndpoints m_storage;
    EmulatorServer *m_login = nullptr;
    EmulatorServer *m_api = nullptr;
    EmulatorServer *m_storageServer = nullptr;
    QString m_error;
    qint64 m_generationMs = 0;
};
