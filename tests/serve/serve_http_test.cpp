// `ringfence serve` over HTTP on 127.0.0.1: the access token (refused start without
// one on a non-loopback address; 401 without it, the page's ?token= kept in a
// cookie), compressed answers with ETags and 304s, and the bound on policies added
// by editing.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

using nlohmann::json;

const std::string kKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";
const std::string kToken = "5f0c8e2a9b7d41c3a6e8f0b2d4c6a8e0";

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `ringfence serve` running in a child process on a free port; stopped (SIGTERM)
// when the object dies.
class Server {
 public:
  explicit Server(const std::vector<std::string>& extra) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      std::vector<std::string> args = {RINGFENCE_BIN, "serve",      kKorea,   "--policy", "uk-2020",
                                       "--at",        "2024-01-01", "--port", "0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(RINGFENCE_BIN, argv.data());
      _exit(127);
    }
    close(out[1]);
    // Reads stdout until the address line (the server prints it once it listens).
    std::string text;
    char buffer[512];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (text.find("(Ctrl-C to stop)") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      const ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
    close(out[0]);
    const std::size_t at = text.find("open http://127.0.0.1:");
    if (at == std::string::npos) throw std::runtime_error("serve did not start: " + text);
    port_ = std::stoi(text.substr(at + 22));
  }
  ~Server() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

std::string token_file(const TempDir& dir, const std::string& token) {
  dir.write("token.txt", token + "\n");
  return (dir.path() / "token.txt").string();
}

TEST(ServeCli, AHostOtherThanLoopbackNeedsATokenFile) {
  RunResult r =
      run_command(quoted(RINGFENCE_BIN) + " serve " + quoted(kKorea) + " --host 0.0.0.0 --port 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--host 0.0.0.0 is reachable from other machines: give --token-file FILE"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
  TempDir dir;
  r = run_command(quoted(RINGFENCE_BIN) + " serve " + quoted(kKorea) +
                  " --host 0.0.0.0 --port 0 --token-file " + quoted(token_file(dir, "short")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("token.txt: the token has 5 characters, expected at least 16"),
            std::string::npos)
      << r.err;
  r = run_command(quoted(RINGFENCE_BIN) + " serve " + quoted(kKorea) +
                  " --port 0 --token-file /nonexistent/token");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read the token file /nonexistent/token"), std::string::npos);
}

TEST(ServeCli, EveryRequestNeedsTheToken) {
  TempDir dir;
  const Server server({"--token-file", token_file(dir, kToken)});
  auto c = server.client();
  for (const char* path : {"/", "/api/summary", "/api/report", "/api/nothing"}) {
    const auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 401) << path;
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer realm=\"ringfence\"");
    EXPECT_EQ(json::parse(r->body)["error"],
              "this server needs its access token: send 'Authorization: Bearer TOKEN', or open "
              "/?token=TOKEN once");
  }
  EXPECT_EQ(c.Get("/api/summary", {{"Authorization", "Bearer " + kToken + "x"}})->status, 401);
  EXPECT_EQ(c.Get("/api/summary", {{"Authorization", "Bearer " + kToken.substr(1)}})->status, 401);
  EXPECT_EQ(c.Get("/api/summary", {{"Cookie", "ringfence_token=nope"}})->status, 401);
  EXPECT_EQ(c.Get("/?token=nope")->status, 401);
  EXPECT_EQ(c.Post("/api/evaluate", "[policy]\nid = \"x\"\n", "application/toml")->status, 401);

  const auto ok = c.Get("/api/summary", {{"Authorization", "Bearer " + kToken}});
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(json::parse(ok->body)["network"]["sites"], 61);

  // The page's address with the token: kept in a cookie, and out of the address bar.
  const auto redirect = c.Get("/?token=" + kToken);
  EXPECT_EQ(redirect->status, 303);
  EXPECT_EQ(redirect->get_header_value("Location"), "/");
  EXPECT_EQ(redirect->get_header_value("Set-Cookie"),
            "ringfence_token=" + kToken + "; Path=/; HttpOnly; SameSite=Strict");
  const httplib::Headers cookie = {{"Cookie", "theme=dark; ringfence_token=" + kToken}};
  EXPECT_EQ(c.Get("/", cookie)->status, 200);
  EXPECT_EQ(c.Get("/api/report", cookie)->status, 200);
}

TEST(ServeCli, AnswersAreCompressedAndThePageRevalidated) {
  const Server server({});
  auto c = server.client();
  c.set_decompress(true);
  const auto plain = c.Get("/api/report");
  ASSERT_EQ(plain->status, 200);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  const json data = json::parse(plain->body);
  EXPECT_EQ(data["mode"], "serve");
  EXPECT_EQ(data["sites"]["count"], 61);

  const auto br = c.Get("/api/report", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(br->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(br->body, plain->body);  // decompressed by the client
  const auto gz = c.Get("/api/report", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->body, plain->body);

  // The page: the same for every evaluation, revalidated by its ETag.
  const auto page = c.Get("/", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache");
  const std::string etag = page->get_header_value("ETag");
  EXPECT_EQ(etag.size(), 34u);
  EXPECT_NE(page->body.find("\"data_url\":\"api/report\""), std::string::npos);
  const auto again = c.Get("/", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(again->body, "");
  const std::string data_etag = plain->get_header_value("ETag");
  EXPECT_EQ(c.Get("/api/report", {{"If-None-Match", data_etag}})->status, 304);

  // An edit: the page stays, the data changes.
  const auto edit = c.Post("/api/evaluate",
                           "[policy]\nid = \"u\"\n[[rule]]\nid = \"all\"\nkind = \"exclude\"\n"
                           "vendors = [\"Nokia\"]\n",
                           "application/toml");
  ASSERT_EQ(edit->status, 200) << edit->body;
  EXPECT_EQ(c.Get("/", {{"If-None-Match", etag}})->status, 304);
  const auto changed = c.Get("/api/report", {{"If-None-Match", data_etag}});
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), data_etag);

  // API answers: compressed as accepted, never cached.
  const auto findings = c.Get("/api/findings?limit=50", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(findings->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(findings->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(json::parse(findings->body)["findings"].size(), 50u);
}

TEST(ServeCli, ZonesFromAKmlFileReplaceTheBundles) {
  TempDir tmp;
  const std::string kml = (tmp.path() / "military.kml").string();
  const auto converted = run_command("ogr2ogr -f LIBKML -where \"category='military'\" " +
                                     quoted(kml) + " " + quoted(kKorea + "/zones.geojson"));
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  const auto check =
      run_command(quoted(RINGFENCE_BIN) + " check " + quoted(kKorea) +
                  " --policy uk-2020 --at 2024-01-01 --format json --zones " + quoted(kml));
  ASSERT_EQ(check.exit_code, 1) << check.err;
  const json expected = json::parse(check.out);

  const Server server({"--zones", kml});
  auto c = server.client();
  const json summary = json::parse(c.Get("/api/summary")->body);
  EXPECT_EQ(summary["network"]["zones"], 12);
  EXPECT_EQ(summary["summary"], expected["summary"]);
  EXPECT_TRUE(summary["inputs"]["sha256"].contains(kml));
  const json data = json::parse(c.Get("/api/report")->body);
  EXPECT_EQ(data["zones"].size(), 12u);
  for (const auto& z : data["zones"]) EXPECT_EQ(z["category"], "military");
}

TEST(ServeCli, PoliciesAddedByEditingAreBounded) {
  const Server server({});
  auto c = server.client();
  auto post = [&](int i) {
    return c.Post("/api/evaluate",
                  "[policy]\nid = \"p" + std::to_string(i) +
                      "\"\n[[rule]]\nid = \"r\"\nkind = \"exclude\"\nvendors = [\"Nokia\"]\n",
                  "application/toml");
  };
  for (int i = 0; i < 16; ++i) ASSERT_EQ(post(i)->status, 200) << i;
  const auto refused = post(16);
  EXPECT_EQ(refused->status, 409);
  EXPECT_NE(json::parse(refused->body)["error"].get<std::string>().find(
                "already holds 16 policies added in the web UI"),
            std::string::npos);
  EXPECT_EQ(post(7)->status, 200);  // replacing one is fine
  EXPECT_EQ(json::parse(c.Get("/api/policies")->body)["policies"].size(), 17u);
}

}  // namespace
}  // namespace ringfence::testing
