#ifndef PLANSCOPE_CPARQUETCOMPRESSION_SHIM_H
#define PLANSCOPE_CPARQUETCOMPRESSION_SHIM_H
/* The four codecs Parquet pages use, each as two functions: decompress `input` into
 * exactly `output_size` bytes of `output` (0 on success, else a negative code: the caller
 * names the codec, file, column and offset), and compress `input` into `output`, of at
 * least `ps_compress_bound` bytes (the compressed size, else a negative code). zlib's
 * inflateInit2 and deflateInit2 are macros, so gzip goes through this layer rather than
 * straight from Swift. */
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

/* Codec numbers as Parquet's CompressionCodec: 1 snappy, 2 gzip, 6 zstd, 7 lz4_raw. The
 * most bytes compressing `input_size` bytes may take (0: not a codec here). */
static inline size_t ps_compress_bound(int codec, size_t input_size) {
    switch (codec) {
    case 1: return snappy_max_compressed_length(input_size);
    case 2: return compressBound((uLong)input_size) + 32; /* the gzip header and trailer */
    case 6: return ZSTD_compressBound(input_size);
    case 7: return input_size > (size_t)LZ4_MAX_INPUT_SIZE ? 0 : (size_t)LZ4_compressBound((int)input_size);
    default: return 0;
    }
}

/* Snappy; ZSTD at level 3 (DuckDB's and arrow's default); GZIP as one gzip member at
 * zlib's default level; LZ4_RAW as a bare LZ4 block. */
static inline long ps_compress(int codec, const uint8_t *input, size_t input_size, uint8_t *output, size_t output_capacity) {
    switch (codec) {
    case 1: {
        size_t length = output_capacity;
        if (snappy_compress((const char *)input, input_size, (char *)output, &length) != SNAPPY_OK) return -1;
        return (long)length;
    }
    case 2: {
        z_stream s;
        memset(&s, 0, sizeof s);
        if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
        s.next_in = (Bytef *)input;
        s.avail_in = (uInt)input_size;
        s.next_out = output;
        s.avail_out = (uInt)output_capacity;
        int rc = deflate(&s, Z_FINISH);
        size_t produced = output_capacity - s.avail_out;
        deflateEnd(&s);
        return rc == Z_STREAM_END ? (long)produced : -1;
    }
    case 6: {
        size_t n = ZSTD_compress(output, output_capacity, input, input_size, 3);
        return ZSTD_isError(n) ? -1 : (long)n;
    }
    case 7: {
        if (input_size > (size_t)LZ4_MAX_INPUT_SIZE || output_capacity > (size_t)2147483647) return -1;
        int n = LZ4_compress_default((const char *)input, (char *)output, (int)input_size, (int)output_capacity);
        return n > 0 || input_size == 0 ? (long)n : -1;
    }
    default: return -1;
    }
}

#endif
