# Every target of ours compiles with the same warnings; CI turns them into errors.
option(PROCORE_WERROR "Treat compiler warnings as errors" OFF)

function(procore_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(PROCORE_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_URL_CAST_FROM_STRING
                                                 QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
    # Product code spells out every string's encoding; test tables stay readable.
    if(NOT CMAKE_CURRENT_SOURCE_DIR MATCHES "/(tests|bench)(/|$)")
        target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII)
    endif()
endfunction()
