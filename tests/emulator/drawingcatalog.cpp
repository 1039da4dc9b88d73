#include "drawingcatalog.h"

#include "dataset.h"
#include "pdfsheet.h"

#include <climits>

namespace {

constexpr qint64 AreaBase = 600000000000LL;
constexpr int AreasPerProjectSlot = 8;
constexpr int SheetsPerAreaSlot = 1000;
constexpr int RevisionsPerSheetSlot = 100;
constexpr qint64 FirstUpdate = 1767225600; // 2026-01-01T00:00:00Z

struct Discipline
{
    const char16_t *letter;
    const char16_t *name;
};
constexpr Discipline disciplines[] = {
    {u"A", u"Architectural"}, {u"S", u"Structural"}, {u"M", u"Mechanical"},
    {u"E", u"Electrical"},    {u"P", u"Plumbing"},   {u"C", u"Civil"},
};
constexpr const char16_t *titles[] = {
    u"Floor Plan",    u"Reflected Ceiling Plan",
    u"Elevations",    u"Sections",
    u"Details",       u"Schedules",
    u"Framing Plan",  u"Foundation Plan",
    u"Roof Plan",     u"Enlarged Plan",
    u"Riser Diagram", u"Site Plan",
};
constexpr const char16_t *areaNames[] = {u"Building A", u"Building B", u"Site", u"Parking"};

quint64 mix(quint64 a, quint64 b)
{
    quint64 x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL);
    x ^= x >> 31;
    return x * 0xBF58476D1CE4E5B9ULL;
}

} // namespace

DrawingCatalog::DrawingCatalog()
{
    m_pdfs.setMaxCost(256 * 1024 * 1024);
}

void DrawingCatalog::configure(quint64 seed, int projectsPerCompany, int sheetsPerProject,
                               qsizetype sheetBytes)
{
    m_seed = seed;
    m_projectsPerCompany = std::max(1, projectsPerCompany);
    m_sheets = std::max(0, sheetsPerProject);
    m_sheetBytes = std::max<qsizetype>(2048, sheetBytes);
    m_byProject.clear();
    m_pdfs.clear();
}

std::optional<DrawingCatalog::ProjectRef> DrawingCatalog::locate(const Dataset &data,
                                                                 qint64 projectId)
{
    if (m_index.isEmpty()) {
        for (int c = 0; c < data.projects.size(); ++c) {
            for (int p = 0; p < data.projects.at(c).size(); ++p)
                m_index.insert(data.projects.at(c).at(p).id, {c, p});
        }
    }
    const auto it = m_index.constFind(projectId);
    if (it == m_index.cend())
        return std::nullopt;
    return *it;
}

qint64 DrawingCatalog::projectIdOf(const Dataset &data, ProjectRef ref) const
{
    if (ref.companyIndex < 0 || ref.companyIndex >= data.projects.size())
        return 0;
    const QList<Project> &projects = data.projects.at(ref.companyIndex);
    return ref.projectIndex < projects.size() ? projects.at(ref.projectIndex).id : 0;
}

QList<DrawingArea> DrawingCatalog::generate(int companyIndex, int projectIndex) const
{
    QList<DrawingArea> areas;
    if (m_sheets == 0)
        return areas;
    const qint64 slot = qint64(companyIndex) * m_projectsPerCompany + projectIndex;
    const int areaCount = m_sheets >= 6 ? 3 : 1;
    for (int a = 0; a < areaCount; ++a) {
        DrawingArea area;
        area.id = AreaBase + slot * AreasPerProjectSlot + a;
        area.name = QString::fromUtf16(areaNames[a]);
        areas.append(area);
    }
    for (int s = 0; s < m_sheets; ++s) {
        DrawingArea &area = areas[s % areaCount];
        const int inArea = int(area.sheets.size());
        const quint64 r = mix(m_seed, quint64(area.id) * 4096 + quint64(inArea));
        // Sheets of a discipline together, as a set is bound: A first, then S, M, E, P, C.
        const int perArea = (m_sheets + areaCount - 1) / areaCount;
        const Discipline &discipline =
            disciplines[(inArea * int(std::size(disciplines)) / std::max(1, perArea)) %
                        std::size(disciplines)];
        DrawingSheet sheet;
        sheet.id = area.id * SheetsPerAreaSlot + inArea;
        sheet.discipline = QString::fromUtf16(discipline.name);
        sheet.number = QStringLiteral("%1-%2%3")
                           .arg(QString::fromUtf16(discipline.letter))
                           .arg(s % areaCount + 1)
                           .arg(inArea + 1, 2, 10, QLatin1Char('0'));
        sheet.title = QStringLiteral("%1 %2").arg(
            area.name, QString::fromUtf16(titles[r % std::size(titles)]));
        sheet.pages = 1 + int(r % 3);
        sheet.revision.number = int((r >> 8) % 3);
        sheet.revision.id = sheet.id * RevisionsPerSheetSlot + sheet.revision.number;
        sheet.revision.updatedAt = FirstUpdate + qint64((r >> 16) % (86400 * 200));
        // +-10 % around the configured size, so an estimate is not just count x size.
        sheet.revision.pdfSize = m_sheetBytes * (90 + qsizetype((r >> 24) % 21)) / 100;
        area.sheets.append(sheet);
    }
    return areas;
}

const QList<DrawingArea> &DrawingCatalog::areas(const Dataset &data, qint64 projectId)
{
    static const QList<DrawingArea> none;
    auto it = m_byProject.find(projectId);
    if (it != m_byProject.end())
        return *it;
    const std::optional<ProjectRef> ref = locate(data, projectId);
    if (!ref)
        return none;
    return *m_byProject.insert(projectId, generate(ref->companyIndex, ref->projectIndex));
}

std::optional<DrawingCatalog::ProjectRef> DrawingCatalog::projectOfArea(qint64 areaId) const
{
    if (areaId < AreaBase)
        return std::nullopt;
    const qint64 slot = (areaId - AreaBase) / AreasPerProjectSlot;
    return ProjectRef{int(slot / m_projectsPerCompany), int(slot % m_projectsPerCompany)};
}

const DrawingArea *DrawingCatalog::area(const Dataset &data, qint64 areaId)
{
    const std::optional<ProjectRef> ref = projectOfArea(areaId);
    const qint64 projectId = ref ? projectIdOf(data, *ref) : 0;
    if (projectId == 0)
        return nullptr;
    for (const DrawingArea &candidate : areas(data, projectId)) {
        if (candidate.id == areaId)
            return &candidate;
    }
    return nullptr;
}

const DrawingSheet *DrawingCatalog::sheetOfRevision(const Dataset &data, qint64 revisionId,
                                                    qint64 *projectId)
{
    const qint64 areaId = revisionId / RevisionsPerSheetSlot / SheetsPerAreaSlot;
    const DrawingArea *found = area(data, areaId);
    if (!found)
        return nullptr;
    for (const DrawingSheet &sheet : found->sheets) {
        // Only the current revision is served: an older one is gone, as in Procore's current set.
        if (sheet.revision.id == revisionId) {
            if (projectId)
                *projectId = projectIdOf(data, *projectOfArea(areaId));
            return &sheet;
        }
    }
    return nullptr;
}

int DrawingCatalog::revise(const Dataset &data, qint64 projectId, int count, qint64 now)
{
    areas(data, projectId); // generated first, so the change lands on the listed sheets
    auto it = m_byProject.find(projectId);
    if (it == m_byProject.end())
        return 0;
    int changed = 0;
    for (DrawingArea &area : *it) {
        for (DrawingSheet &sheet : area.sheets) {
            if (changed == count || sheet.revision.number + 1 >= RevisionsPerSheetSlot)
                continue;
            ++sheet.revision.number;
            sheet.revision.id = sheet.id * RevisionsPerSheetSlot + sheet.revision.number;
            sheet.revision.updatedAt = now;
            // A new revision is a different file: a little larger, so size checks notice.
            sheet.revision.pdfSize += 512;
            ++changed;
        }
    }
    return changed;
}

QByteArray DrawingCatalog::pdf(const DrawingSheet &sheet)
{
    if (const QByteArray *cached = m_pdfs.object(sheet.revision.id))
        return *cached;
    PdfSheet::Spec spec;
    spec.number = sheet.number;
    spec.title = sheet.title;
    spec.revision = QString::number(sheet.revision.number);
    spec.pages = sheet.pages;
    spec.targetBytes = sheet.revision.pdfSize;
    spec.seed = mix(m_seed, quint64(sheet.revision.id));
    const QByteArray bytes = PdfSheet::make(spec);
    m_pdfs.insert(sheet.revision.id, new QByteArray(bytes),
                  int(std::min<qsizetype>(bytes.size(), INT_MAX)));
    return bytes;
}
