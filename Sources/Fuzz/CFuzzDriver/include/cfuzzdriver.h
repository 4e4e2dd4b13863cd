#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt's libclang_rt.fuzzer, linked by -sanitize=fuzzer): the
/// fuzz executables call it from their own main, since SwiftPM renames an executable's
/// entry point and libFuzzer's main cannot take its place.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
