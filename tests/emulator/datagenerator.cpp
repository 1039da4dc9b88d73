#include "datagenerator.h"

#include <QDate>
#include <algorithm>

namespace {

// splitmix64: tiny, fast and identical everywhere.
class Prng
{
public:
    explicit Prng(quint64 state)
        : m_state(state)
    {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int bound) { return int(next() % quint64(bound)); }

private:
    quint64 m_state;
};

const char16_t *const places[] = {
    u"Riverside",       u"Lakeview",   u"Oak Ridge",     u"Harbor Point",  u"Cedar Hills",
    u"Maple Grove",     u"Summit",     u"Granite Falls", u"Westfield",     u"Eastgate",
    u"Northgate",       u"Southpoint", u"Pine Valley",   u"Willow Creek",  u"Silver Lake",
    u"Stonebridge",     u"Brookhaven", u"Fairview",      u"Highland",      u"Meadowbrook",
    u"Bayside",         u"Sunset",     u"Clearwater",    u"Redwood",       u"Ironwood",
    u"Kingsbridge",     u"Mill Creek", u"Union Square",  u"Market Street", u"Montréal Quay",
    u"São Paulo Annex", u"Fjord & Co."};
const char16_t *const buildings[] = {u"Medical Center",
                                     u"Elementary School",
                                     u"High School",
                                     u"Office Tower",
                                     u"Parking Garage",
                                     u"Apartments",
                                     u"Distribution Center",
                                     u"Community Library",
                                     u"Fire Station",
                                     u"Water Treatment Plant",
                                     u"Retail Plaza",
                                     u"Hotel",
                                     u"Data Center",
                                     u"Senior Living",
                                     u"Student Housing",
                                     u"Science Building",
                                     u"Transit Station",
                                     u"Bridge Replacement",
                                     u"Police Headquarters",
                                     u"Sports Complex",
                                     u"Mixed-Use Development",
                                     u"Warehouse",
                                     u"Manufacturing Plant",
                                     u"Courthouse",
                                     u"Airport Terminal Expansion"};
const char16_t *const suffixes[] = {
    u"",           u" – Phase 1",           u" – Phase 2",    u" – Phase 3",    u" Renovation",
    u" Expansion", u" Tenant Improvements", u" (Building A)", u" (Building B)", u""};
const char16_t *const streets[] = {u"Main St",        u"Oak Ave",       u"Commerce Blvd",
                                   u"Industrial Way", u"Broadway",      u"Elm St",
                                   u"Park Ave",       u"Lake Shore Dr", u"Mission St",
                                   u"Harbor Blvd",    u"Ridge Rd",      u"Airport Pkwy"};
struct City
{
    const char16_t *name;
    const char16_t *state;
    int zipBase;
    const char16_t *timeZone;
    int areaCode;
    const char16_t *tzName; // IANA, as v1.1's tz_name
};
const City cities[] = {
    {u"Austin", u"TX", 78701, u"Central Time (US & Canada)", 512, u"America/Chicago"},
    {u"Dallas", u"TX", 75201, u"Central Time (US & Canada)", 214, u"America/Chicago"},
    {u"Denver", u"CO", 80202, u"Mountain Time (US & Canada)", 303, u"America/Denver"},
    {u"Phoenix", u"AZ", 85003, u"Arizona", 602, u"America/Phoenix"},
    {u"Seattle", u"WA", 98101, u"Pacific Time (US & Canada)", 206, u"America/Los_Angeles"},
    {u"Portland", u"OR", 97201, u"Pacific Time (US & Canada)", 503, u"America/Los_Angeles"},
    {u"San Diego", u"CA", 92101, u"Pacific Time (US & Canada)", 619, u"America/Los_Angeles"},
    {u"Carpinteria", u"CA", 93013, u"Pacific Time (US & Canada)", 805, u"America/Los_Angeles"},
    {u"Chicago", u"IL", 60601, u"Central Time (US & Canada)", 312, u"America/Chicago"},
    {u"Atlanta", u"GA", 30303, u"Eastern Time (US & Canada)", 404, u"America/New_York"},
    {u"Boston", u"MA", 2108, u"Eastern Time (US & Canada)", 617, u"America/New_York"},
    {u"Miami", u"FL", 33128, u"Eastern Time (US & Canada)", 305, u"America/New_York"},
    {u"Nashville", u"TN", 37201, u"Central Time (US & Canada)", 615, u"America/Chicago"},
    {u"Salt Lake City", u"UT", 84101, u"Mountain Time (US & Canada)", 801, u"America/Denver"},
    {u"Honolulu", u"HI", 96813, u"Hawaii", 808, u"Pacific/Honolulu"},
    {u"Anchorage", u"AK", 99501, u"Alaska", 907, u"America/Anchorage"},
};
const char16_t *const companyNames[] = {
    u"Northwind Builders",     u"Summit Construction Group", u"Bluestone General Contractors",
    u"Keystone Civil & Site",  u"Harborline Developers",     u"Ironclad Structures",
    u"Evergreen Design-Build", u"Cornerstone Partners"};
const char16_t *const stageNames[] = {
    u"Bidding",           u"Pre-Construction", u"Course of Construction",
    u"Post-Construction", u"Warranty",         u"Closeout"};

template<typename T, std::size_t N> constexpr int count(const T (&)[N])
{
    return int(N);
}

QString fromTable(const char16_t *text)
{
    return QString::fromUtf16(text);
}

} // namespace

qint64 DataGenerator::companyId(quint64 seed, int companyIndex)
{
    const qint64 shift = qint64(seed % 97);
    if (companyIndex % 3 == 1) // the second company (and every third after it) needs 64 bits
        return (qint64(1) << 32) * 1307 + shift * 1000 + companyIndex;
    return 8000 + shift * 1000 + companyIndex * 7;
}

qint64 DataGenerator::projectId(quint64 seed, int companyIndex, int projectIndex)
{
    const qint64 shift = qint64(seed % 97) * 1000000;
    if (projectIndex % 7 == 6)
        return (qint64(companyIndex) + 1) * (qint64(1) << 36) + shift + projectIndex;
    return (qint64(companyIndex) + 1) * 100000000 + shift + projectIndex;
}

Dataset DataGenerator::generate(quint64 seed, int companies, int projectsPerCompany)
{
    Dataset data;
    for (int s = 0; s < count(stageNames); ++s)
        data.stages.append({qint64(562949953421312 + s * 11), fromTable(stageNames[s])});

    const qint64 baseDay = QDate(2014, 1, 1).toJulianDay();
    const qint64 epochDay = QDate(1970, 1, 1).toJulianDay();
    const qint64 latestUpdate = 1767225600; // 2026-01-01, so the data does not depend on today
    data.projects.resize(companies);
    for (int c = 0; c < companies; ++c) {
        Company company;
        company.id = companyId(seed, c);
        company.name = fromTable(companyNames[c % count(companyNames)]);
        if (c >= count(companyNames))
            company.name += u' ' + QString::number(c / count(companyNames) + 1);
        company.myCompany = c == 0;
        company.isActive = true;
        if (c % 2 == 0)
            company.logoUrl =
                QStringLiteral("https://storage.procore.example/companies/%1/logo.png")
                    .arg(company.id);
        data.companyIndexById.insert(company.id, c);
        data.companies.append(company);

        QList<Project> &list = data.projects[c];
        list.reserve(projectsPerCompany);
        for (int p = 0; p < projectsPerCompany; ++p) {
            Prng rng(seed * 0x100000001b3ULL ^ (quint64(c) << 40) ^ quint64(p));
            Project project;
            project.id = projectId(seed, c, p);
            project.companyIndex = c;
            project.name = fromTable(places[rng.below(count(places))]) + u' ' +
                           fromTable(buildings[rng.below(count(buildings))]) +
                           fromTable(suffixes[rng.below(count(suffixes))]);
            const int year = 2014 + rng.below(12);
            project.projectNumber =
                QStringLiteral("%1-%2").arg(year).arg(p + 1, 5, 10, QLatin1Char('0'));
            const City &city = cities[rng.below(count(cities))];
            project.address = QString::number(100 + rng.below(9800)) + u' ' +
                              fromTable(streets[rng.below(count(streets))]);
            project.city = fromTable(city.name);
            project.stateCode = fromTable(city.state);
            project.zip =
                QStringLiteral("%1").arg(city.zipBase + rng.below(40), 5, 10, QLatin1Char('0'));
            project.countryCode = QStringLiteral("US");
            project.timeZone = fromTable(city.timeZone);
            project.tzName = fromTable(city.tzName);
            project.stageIndex = rng.below(count(stageNames));
            project.phone = QStringLiteral("(%1) 555-%2")
                                .arg(city.areaCode)
                                .arg(100 + rng.below(9800), 4, 10, QLatin1Char('0'));
            project.active = rng.below(100) < 80;
            project.startDay = baseDay + (year - 2014) * 365 + rng.below(365);
            project.completionDay = project.startDay + 90 + rng.below(1100);
            project.createdAt =
                (project.startDay - epochDay - 30 - rng.below(170)) * 86400 + rng.below(86400);
            project.updatedAt = std::min(project.createdAt + rng.below(86400 * 900), latestUpdate);
            list.append(std::move(project));
        }
    }
    return data;
}
