# Every target of ours compiles with the same warnings; CI turns them into errors.
option(PROCORE_WERROR "Treat compiler warnings as errors" OFF)

function(procore_target_defaults target)
    if(MSVC)
        # MSVC (and clang-cl) take neither -Wall (to MSVC: every off-by-default warning, most of
        # them about the standard headers) nor -Wextra. /W4 is their -Wall -Wextra; /permissive-
        # holds MSVC to standard C++ as GCC and clang are; /utf-8 because the sources are UTF-8
        # ("…", "—" in strings), which MSVC otherwise reads in the system's ANSI code page.
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
        if(PROCORE_WERROR)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra)
        if(PROCORE_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_URL_CAST_FROM_STRING
                                                 QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
    # Product code spells out every string's encoding; test tables stay readable.
    if(NOT CMAKE_CURRENT_SOURCE_DIR MATCHES "/(tests|bench)(/|$)")
        target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII)
    endif()
endfunction()
