#pragma once

#include "dataset.h"

// Builds the same Dataset for the same seed and sizes on every machine (own PRNG, no Qt
// random), with IDs above 2^32 for the second company and every 7th project, all below 2^53
// so JSON readers that use doubles still see them exactly.
class DataGenerator final
{
public:
    static constexpr int maxCompanies = 100;
    static constexpr int maxProjectsPerCompany = 500000;

    static Dataset generate(quint64 seed, int companies, int projectsPerCompany);
    static qint64 companyId(quint64 seed, int companyIndex);
    static qint64 projectId(quint64 seed, int companyIndex, int projectIndex);
};
