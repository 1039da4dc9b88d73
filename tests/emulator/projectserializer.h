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
    // v1.0 also writes the older free-text `stage`; v1.1 has only `project_stage`.
    static void writeFull(JsonWriter &json, const Dataset &data, const Project &project,
                          bool v10 = false);
    static void writeCompact(JsonWriter &json, const Dataset &data, const Project &project);
    static QByteArray array(const Dataset &data, const QList<const Project *> &projects,
                            bool compact, bool v10 = false);
    static QByteArray companies(const Dataset &data);
};
