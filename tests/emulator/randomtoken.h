#pragma once

#include <QString>

// 32 bytes from the system CSPRNG as unpadded base64url: 43 characters.
QString randomToken();
