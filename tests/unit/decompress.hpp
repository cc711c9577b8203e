// Decoding gzip (zlib) and brotli (libbrotlidec) bodies, to check what serve sends.
#pragma once
#include <brotli/decode.h>
#include <zlib.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace ringfence::testing {

inline std::string gunzip(std::string_view data) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("not a whole gzip stream");
  return out;
}

inline std::string unbrotli(std::string_view data) {
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  std::size_t in_left = data.size();
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  std::string out;
  BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    uint8_t buffer[1 << 16];
    std::size_t out_left = sizeof buffer;
    uint8_t* next = buffer;
    rc = BrotliDecoderDecompressStream(s, &in_left, &in, &out_left, &next, nullptr);
    out.append(reinterpret_cast<char*>(buffer), sizeof buffer - out_left);
  }
  BrotliDecoderDestroyInstance(s);
  if (rc != BROTLI_DECODER_RESULT_SUCCESS) throw std::runtime_error("not a whole brotli stream");
  return out;
}

}  // namespace ringfence::testing
