// SPDX-License-Identifier: GPL-3.0-or-later
// SHA-256 via OpenSSL's EVP interface.
#include "riskmap/gis/sha256.hpp"

#include "riskmap/core/error.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>

namespace riskmap::gis {
namespace {

struct EvpCtxDeleter { void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); } };
using EvpCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpCtxDeleter>;

class Sha256 {
public:
    Sha256() : m_ctx(EVP_MD_CTX_new()) { EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr); }
    void update(const void* data, std::size_t size) { EVP_DigestUpdate(m_ctx.get(), data, size); }
    std::string hex()
    {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_ctx.get(), digest.data(), &length);
        std::string out;
        char buf[3];
        for (unsigned int i = 0; i < length; ++i) {
            std::snprintf(buf, sizeof buf, "%02x", digest[i]);
            out += buf;
        }
        return out;
    }

private:
    EvpCtxPtr m_ctx;
};

}  // namespace

std::string sha256File(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("'" + path + "': cannot read file for checksum");
    Sha256 sha;
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        sha.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    return sha.hex();
}

std::string sha256Hex(std::string_view bytes)
{
    Sha256 sha;
    sha.update(bytes.data(), bytes.size());
    return sha.hex();
}

}  // namespace riskmap::gis
