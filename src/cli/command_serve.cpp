// ringfence serve BUNDLE [--policy P ...] [--port N] [--host H] [--token-file F]: the
// report as a local web UI, with a JSON API (routes in
// include/ringfence/report_service.hpp).
//
// Only fixed routes are served (no files from disk). Loopback by default; request
// bodies are capped, reads and writes time out, and on loopback a request naming
// another host is refused (a web page elsewhere cannot reach the API by DNS
// rebinding). Any other address needs --token-file, and every request then presents
// the token (src/server/access_token.hpp), or is answered 401. A policy is posted as
// application/toml, which a browser will not send across origins without asking,
// and nothing here says yes.
//
// Bodies are compressed here (gzip or brotli, as the client accepts), not by
// cpp-httplib: the large ones (page, report data) once per evaluation, and sent from
// a shared buffer through a content provider, which cpp-httplib leaves as it is.
#include <httplib.h>
#include <malloc.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "output/json_writer.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/http_encoding.hpp"
#include "ringfence/report.hpp"
#include "ringfence/report_service.hpp"
#include "server/access_token.hpp"

namespace ringfence::cli {

namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;  // a policy is a few kilobytes
constexpr time_t kTimeoutSeconds = 10;
// Worker threads: a keep-alive connection holds one while it waits for its next
// request, so cpp-httplib's default (8 here) queues the 9th client behind the others'
// idle connections. Threads that wait cost no CPU; evaluation is still one at a time.
constexpr std::size_t kWorkerThreads = 64;
constexpr std::size_t kRequestsPerConnection = 100;

struct ServeOptions {
  BundleArg bundle;
  PolicyArgs policies;
  std::string host = "127.0.0.1";
  std::string token_file;
  int port = 8754;
  ThreadsArg threads;
  bool plan = false;
  PlanArgs plan_args;
};

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The host part of a Host header: "127.0.0.1:8754" -> "127.0.0.1", "[::1]:80" -> "::1".
std::string host_of(const std::string& header) {
  if (!header.empty() && header.front() == '[') {
    const std::size_t close = header.find(']');
    return close == std::string::npos ? header : header.substr(1, close - 1);
  }
  return header.substr(0, header.find(':'));
}

std::string json_error(std::string_view message) {
  std::string out;
  output::JsonWriter(out, false).begin_object().field("error", message).end_object();
  return out;
}

// Sends a shared body as it is (already in `encoding`), without copying it.
void send_shared(httplib::Response& res, const std::string& type,
                 std::shared_ptr<const std::string> body, server::ContentEncoding encoding) {
  res.status = 200;
  res.set_header("Vary", "Accept-Encoding");
  if (encoding != server::ContentEncoding::kIdentity)
    res.set_header("Content-Encoding", std::string(server::encoding_name(encoding)));
  if (body->empty()) {
    res.set_content("", type.c_str());
    return;
  }
  res.set_content_provider(body->size(), type.c_str(),
                           [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             return sink.write(body->data() + offset, length);
                           });
}

void send(const httplib::Request& req, httplib::Response& res, const ApiResponse& api) {
  if (api.status != 200) {  // small; the error handler leaves a body alone
    res.status = api.status;
    res.set_content(api.body, api.content_type.c_str());
    return;
  }
  auto encoding = server::negotiate_encoding(req.get_header_value("Accept-Encoding"));
  if (api.body.size() < server::kCompressAbove) encoding = server::ContentEncoding::kIdentity;
  send_shared(res, api.content_type,
              std::make_shared<const std::string>(server::encode(api.body, encoding)), encoding);
}

// A cached body: 304 when the client holds it (If-None-Match), else the body in the
// best encoding the client accepts. The browser keeps it and asks again each time.
void send_cached(const httplib::Request& req, httplib::Response& res,
                 const server::EncodedBody& body) {
  res.headers.erase("Cache-Control");
  res.set_header("Cache-Control", "no-cache");
  res.set_header("ETag", body.etag());
  if (server::etag_matches(req.get_header_value("If-None-Match"), body.etag())) {
    res.status = 304;
    res.set_header("Vary", "Accept-Encoding");
    return;
  }
  auto [bytes, encoding] =
      body.in(server::negotiate_encoding(req.get_header_value("Accept-Encoding")));
  send_shared(res, body.content_type(), std::move(bytes), encoding);
}

// A POST body must come as `type` (which a browser will not send across origins
// without asking); otherwise 415 saying so.
bool has_content_type(const httplib::Request& req, httplib::Response& res, const std::string& type,
                      const std::string& what) {
  if (req.get_header_value("Content-Type").rfind(type, 0) == 0) return true;
  res.status = 415;
  res.set_content(json_error("send " + what + " as Content-Type: " + type), "application/json");
  return false;
}

Command add_serve(CLI::App& root) {
  auto opts = std::make_shared<ServeOptions>();
  CLI::App* app = root.add_subcommand(
      "serve", "Serve the report as a local web UI with a JSON API (policies editable)");
  opts->bundle.add_to(*app);
  opts->policies.add_to(*app, false);
  app->add_option("--host", opts->host,
                  "Address to listen on (default loopback only; anything else is reachable "
                  "from the network)")
      ->capture_default_str();
  app->add_option("--port", opts->port, "Port (0: any free port, printed at start)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  app->add_option("--token-file", opts->token_file,
                  "File whose first line is the access token (at least 16 characters) that "
                  "every request must present; required with a --host other than loopback");
  opts->threads.add_to(*app);
  opts->plan_args.add_behind_flag(
      *app, opts->plan,
      "Also plan the remediation (GET /api/plan, crews editable with POST /api/crews); the "
      "page shows it, planned again after each edit");
  app->footer(
      "Prints the address to open, then serves until interrupted (Ctrl-C). Routes: GET /,\n"
      "/api/report, /api/summary, /api/findings, /api/exposure, /api/sites, /api/policies,\n"
      "/api/blast-radius, /api/plan; POST /api/evaluate with a policy as application/toml,\n"
      "POST /api/crews with {\"crews\": N} as application/json. With --token-file, a request\n"
      "presents the token as 'Authorization: Bearer TOKEN', or opens /?token=TOKEN once\n"
      "(the page keeps it in a cookie); others get 401. Exit status: 0 stopped, 2 bad\n"
      "input or usage (or the port cannot be bound).");
  return {
      app, [opts] {
        const bool loopback = is_loopback(opts->host);
        if (!loopback && opts->token_file.empty())
          throw UsageError("--host " + opts->host +
                           " is reachable from other machines: give --token-file FILE, a "
                           "secret that every request must present (e.g. `openssl rand -hex "
                           "32 > FILE`)");
        std::optional<server::AccessToken> token;
        if (!opts->token_file.empty()) {
          try {
            token = server::AccessToken::from_file(opts->token_file);
          } catch (const std::runtime_error& e) {
            throw UsageError(e.what());
          }
        }
        const Days at = opts->policies.at_date();
        std::optional<PlanOptions> plan_options;
        if (opts->plan) plan_options = opts->plan_args.options(opts->threads.threads, at);
        std::vector<PolicySource> policies;
        for (const auto& p : opts->policies.names) policies.push_back(load_policy_source(p));
        std::string page_template = load_report_template();
        LoadedBundle bundle = Pipeline::load(opts->bundle);
        progress("evaluating " + std::to_string(policies.size()) + " policies ...");
        ReportService service(std::move(bundle), opts->bundle.path, std::move(policies), at,
                              std::move(page_template), opts->threads.threads);
        progress("");
        if (plan_options) service.enable_planning(std::move(*plan_options));

        if (!loopback)
          std::cerr << "warning: listening on " << opts->host
                    << ": the UI and the API are reachable from other machines (each request "
                       "needs the token; the connection is not encrypted)\n";

        // Signals go to one waiting thread, which stops the server; every other
        // thread (the server's pool too) inherits the blocked mask.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        // Few malloc arenas for many worker threads: each thread's arena otherwise keeps
        // the memory of the large answers it once built, and the resident set grows.
        mallopt(M_ARENA_MAX, 2);

        httplib::Server server;
        server.set_payload_max_length(kMaxBodyBytes);
        server.set_read_timeout(kTimeoutSeconds, 0);
        server.set_write_timeout(kTimeoutSeconds, 0);
        server.set_keep_alive_timeout(5);
        server.set_keep_alive_max_count(kRequestsPerConnection);
        // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
        // algorithm holds the body until the client's delayed ACK, 40 ms per answer.
        server.set_tcp_nodelay(true);
        server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
        server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                    {"Cache-Control", "no-store"},
                                    {"Referrer-Policy", "no-referrer"}});
        server.set_pre_routing_handler(
            [loopback, &token](const httplib::Request& req, httplib::Response& res) {
              if (loopback && !is_loopback(host_of(req.get_header_value("Host")))) {
                res.status = 403;
                res.set_content(json_error("this server answers only requests for localhost"),
                                "application/json");
                return httplib::Server::HandlerResponse::Handled;
              }
              if (!token) return httplib::Server::HandlerResponse::Unhandled;
              // The page's address with ?token=: checked, kept in a cookie, and taken out
              // of the address bar by a redirect.
              if (req.method == "GET" && req.path == "/" && req.has_param("token")) {
                if (token->matches(req.get_param_value("token"))) {
                  res.status = 303;
                  res.set_header("Location", "/");
                  res.set_header("Set-Cookie", std::string(server::kTokenCookie) + "=" +
                                                   req.get_param_value("token") +
                                                   "; Path=/; HttpOnly; SameSite=Strict");
                  return httplib::Server::HandlerResponse::Handled;
                }
              } else if (const auto presented = server::presented_token(
                             req.get_header_value("Authorization"), req.get_header_value("Cookie"));
                         presented && token->matches(*presented)) {
                return httplib::Server::HandlerResponse::Unhandled;
              }
              res.status = 401;
              res.set_header("WWW-Authenticate", "Bearer realm=\"ringfence\"");
              res.set_content(json_error("this server needs its access token: send 'Authorization: "
                                         "Bearer TOKEN', or open /?token=TOKEN once"),
                              "application/json");
              return httplib::Server::HandlerResponse::Handled;
            });
        server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) return;
          std::string message;
          if (res.status == 404)
            message = "no route " + req.method + " " + req.path +
                      " (GET /, /api/report, /api/summary, /api/findings, /api/exposure, "
                      "/api/sites, /api/policies, /api/blast-radius, /api/plan; POST "
                      "/api/evaluate, /api/crews)";
          else if (res.status == 413)
            message = "request body over " + std::to_string(kMaxBodyBytes) + " bytes";
          else
            message = "bad request (HTTP " + std::to_string(res.status) + ")";
          res.set_content(json_error(message), "application/json");
        });
        server.set_exception_handler(
            [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
              std::string message = "internal error";
              try {
                if (ep) std::rethrow_exception(ep);
              } catch (const std::exception& e) {
                message = std::string("internal error: ") + e.what();
              } catch (...) {
              }
              res.status = 500;
              res.set_content(json_error(message), "application/json");
            });

        ReportService* api = &service;
        server.Get("/", [api](const httplib::Request& req, httplib::Response& res) {
          send_cached(req, res, *api->page());
        });
        server.Get("/api/report", [api](const httplib::Request& req, httplib::Response& res) {
          send_cached(req, res, *api->report_data());
        });
        server.Get("/api/summary", [api](const httplib::Request& req, httplib::Response& res) {
          send(req, res, api->summary());
        });
        server.Get("/api/findings", [api](const httplib::Request& req, httplib::Response& res) {
          send(req, res, api->findings(req.params));
        });
        server.Get("/api/exposure", [api](const httplib::Request& req, httplib::Response& res) {
          send(req, res, api->exposure(req.params));
        });
        server.Get("/api/sites", [api](const httplib::Request& req, httplib::Response& res) {
          send(req, res, api->sites(req.params));
        });
        server.Get("/api/policies", [api](const httplib::Request& req, httplib::Response& res) {
          send(req, res, api->policies());
        });
        server.Get("/api/blast-radius", [api](const httplib::Request& req, httplib::Response& res) {
          send(req, res, api->blast_radius(req.params));
        });
        server.Get("/api/plan", [api](const httplib::Request& req, httplib::Response& res) {
          const auto answer = api->plan();
          if (answer.body)
            send_cached(req, res, *answer.body);
          else
            send(req, res, answer.error);
        });
        server.Post("/api/crews", [api](const httplib::Request& req, httplib::Response& res) {
          // JSON, not a form: a browser asks before sending it across origins.
          if (!has_content_type(req, res, "application/json", "the crews")) return;
          send(req, res, api->set_crews(req.body));
        });
        server.Post("/api/evaluate", [api](const httplib::Request& req, httplib::Response& res) {
          if (!has_content_type(req, res, "application/toml", "the policy")) return;
          const ApiResponse r = api->evaluate(req.body);
          if (r.status == 200) {
            const auto [findings, overdue] = api->counts();
            std::cerr << "evaluated again: " << count_noun(findings, "finding") << ", " << overdue
                      << " overdue\n";
          }
          send(req, res, r);
        });

        int port = opts->port;
        if (port == 0) {
          port = server.bind_to_any_port(opts->host);
          if (port < 0) throw UsageError("cannot listen on " + opts->host);
        } else if (!server.bind_to_port(opts->host, port)) {
          throw UsageError("cannot listen on " + opts->host + " port " + std::to_string(port) +
                           " (in use? try --port 0 for any free port)");
        }
        std::thread stopper([&server, signals] {
          int sig = 0;
          sigwait(&signals, &sig);
          server.stop();
        });
        const std::string shown =
            opts->host.find(':') != std::string::npos ? "[" + opts->host + "]" : opts->host;
        const auto [findings, overdue] = service.counts();
        std::cout << "ringfence serve: " << count_noun(service.network().sites.size(), "site")
                  << ", " << count_noun(findings, "finding") << " (" << overdue << " overdue)\n"
                  << "open http://" << shown << ":" << port << "/ (Ctrl-C to stop)" << std::endl;
        const bool ok = server.listen_after_bind();
        // The stopper waits for a signal; when the server ended by itself, send one.
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
        std::cout << "stopped" << std::endl;
        return ok ? kOk : kBadInput;
      }};
}

}  // namespace

static const bool serve_registered = register_command("serve", &add_serve);

}  // namespace ringfence::cli
