# Warnings for our own targets only; third-party headers come in as SYSTEM.
function(harmwatch_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wno-missing-field-initializers)
endfunction()
