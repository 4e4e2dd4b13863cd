#ifndef PLANSCOPE_CPARQUETCOMPRESSION_SHIM_H
#define PLANSCOPE_CPARQUETCOMPRESSION_SHIM_H
/* The four codecs Parquet pages use, each as one function: decompress `input` into
 * exactly `output_size` bytes of `output`. Returns 0 on success, else a negative code
 * (the caller names the codec, file, column and offset). zlib's inflateInit2 is a macro,
 * so gzip goes through this layer rather than straight from Swift. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <snappy-c.h>
#include <zstd.h>
#include <zlib.h>
#include <lz4.h>

static inline int ps_snappy_decompress(const uint8_t *input, size_t input_size, uint8_t *output, size_t output_size) {
    size_t expected = 0;
    if (snappy_uncompressed_length((const char *)input, input_size, &expected) != SNAPPY_OK) return -1;
    if (expected != output_size) return -2;
    size_t length = output_size;
    if (snappy_uncompress((const char *)input, input_size, (char *)output, &length) != SNAPPY_OK) return -3;
    return length == output_size ? 0 : -2;
}

static inline int ps_zstd_decompress(const uint8_t *input, size_t input_size, uint8_t *output, size_t output_size) {
    size_t n = ZSTD_decompress(output, output_size, input, input_size);
    if (ZSTD_isError(n)) return -1;
    return n == output_size ? 0 : -2;
}

/* A gzip stream (or zlib: 32 + MAX_WBITS detects either header); several members are read
 * one after another until the output is full. */
static inline int ps_gzip_decompress(const uint8_t *input, size_t input_size, uint8_t *output, size_t output_size) {
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, 32 + MAX_WBITS) != Z_OK) return -1;
    s.next_in = (Bytef *)input;
    s.avail_in = (uInt)input_size;
    s.next_out = output;
    s.avail_out = (uInt)output_size;
    int rc;
    for (;;) {
        rc = inflate(&s, Z_FINISH);
        if (rc == Z_STREAM_END && s.avail_in > 0 && s.avail_out > 0) {
            if (inflateReset(&s) != Z_OK) { rc = Z_DATA_ERROR; break; }
            continue;
        }
        break;
    }
    size_t produced = output_size - s.avail_out;
    inflateEnd(&s);
    if (rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && s.avail_out == 0)) return -1;
    return produced == output_size ? 0 : -2;
}

static inline int ps_lz4_raw_decompress(const uint8_t *input, size_t input_size, uint8_t *output, size_t output_size) {
    if (input_size > (size_t)LZ4_MAX_INPUT_SIZE || output_size > (size_t)2147483647) return -1;
    int n = LZ4_decompress_safe((const char *)input, (char *)output, (int)input_size, (int)output_size);
    if (n < 0) return -1;
    return (size_t)n == output_size ? 0 : -2;
}

#endif
