# procore_add_module(<target> SOURCES <files...> LINKS <public deps...>
#                    [PRIVATE_LINKS <private deps...>])
#
# One module of app/ or ui/: a static library from its folder, with our warnings, that exports
# the folder's parent, so its headers are included as "<folder>/<header>.h". A module sees
# another module's headers only by linking it, so app/ never finds a ui/ header; which app/
# folder may include which is checked by tests/layering.
function(procore_add_module target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LINKS;PRIVATE_LINKS")
    if(arg_UNPARSED_ARGUMENTS OR NOT arg_SOURCES)
        message(FATAL_ERROR "procore_add_module(${target}): SOURCES, LINKS, PRIVATE_LINKS only")
    endif()
    add_library(${target} STATIC ${arg_SOURCES})
    procore_target_defaults(${target})
    target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/..)
    target_link_libraries(${target} PUBLIC ${arg_LINKS} PRIVATE ${arg_PRIVATE_LINKS})
endfunction()
