#pragma once

#include <QByteArray>
#include <QList>

struct Dataset;
struct Project;
class JsonWriter;

// The JSON of Procore's project endpoints: the full view of /rest/v1.1/projects and the
// compact view of /rest/v1.0/projects?serializer_view=compact.
class ProjectSerializer final
{
public:
    static void writeFull(JsonWriter &json, const Dataset &data, const Project &project);
    static void writeCompact(JsonWriter &json, const Dataset &data, const Project &project);
    static QByteArray array(const Dataset &data, const QList<const Project *> &projects,
                            bool compact);
    static QByteArray companies(const Dataset &data);
};
