#include "dataset.h"

qsizetype Dataset::projectCount() const
{
    qsizetype total = 0;
    for (const auto &list : projects)
        total += list.size();
    return total;
}
