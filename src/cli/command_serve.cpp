// ringfence serve BUNDLE [--policy P ...] [--port N] [--host H]: the report as a local
// web UI, with a JSON API (routes in include/ringfence/report_service.hpp).
//
// Only fixed routes are served (no files from disk). Loopback by default; request
// bodies are capped, reads and writes time out, and on loopback a request naming
// another host is refused (a web page elsewhere cannot reach the API by DNS
// rebinding). A policy is posted as application/toml, which a browser will not send
// across origins without asking, and nothing here says yes.
#include <httplib.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <thread>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "output/json_writer.hpp"
#include "ringfence/report.hpp"
#include "ringfence/report_service.hpp"

namespace ringfence::cli {

namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;  // a policy is a few kilobytes
constexpr time_t kTimeoutSeconds = 10;

struct ServeOptions {
  BundleArg bundle;
  PolicyArgs policies;
  std::string host = "127.0.0.1";
  int port = 8754;
  ThreadsArg threads;
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

void send(httplib::Response& res, const ApiResponse& api) {
  res.status = api.status;
  res.set_content(api.body, api.content_type.c_str());
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
  opts->threads.add_to(*app);
  app->footer(
      "Prints the address to open, then serves until interrupted (Ctrl-C). Routes: GET /,\n"
      "/api/summary, /api/findings, /api/exposure, /api/sites, /api/policies,\n"
      "/api/blast-radius; POST\n"
      "/api/evaluate with a policy as application/toml. Exit status: 0 stopped, 2 bad input\n"
      "or usage (or the port cannot be bound).");
  return {
      app, [opts] {
        const Days at = opts->policies.at_date();
        std::vector<PolicySource> policies;
        for (const auto& p : opts->policies.names) policies.push_back(load_policy_source(p));
        std::string page_template = load_report_template();
        LoadedBundle bundle = Pipeline::load(opts->bundle.path);
        progress("evaluating " + std::to_string(policies.size()) + " policies ...");
        ReportService service(std::move(bundle), opts->bundle.path, std::move(policies), at,
                              std::move(page_template), opts->threads.threads);
        progress("");

        const bool loopback = is_loopback(opts->host);
        if (!loopback)
          std::cerr << "warning: listening on " << opts->host
                    << ": the UI and the API (which can change the policies) are reachable "
                       "from other machines; there is no authentication\n";

        // Signals go to one waiting thread, which stops the server; every other
        // thread (the server's pool too) inherits the blocked mask.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        httplib::Server server;
        server.set_payload_max_length(kMaxBodyBytes);
        server.set_read_timeout(kTimeoutSeconds, 0);
        server.set_write_timeout(kTimeoutSeconds, 0);
        server.set_keep_alive_timeout(5);
        server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                                    {"Cache-Control", "no-store"},
                                    {"Referrer-Policy", "no-referrer"}});
        server.set_pre_routing_handler(
            [loopback](const httplib::Request& req, httplib::Response& res) {
              if (loopback && !is_loopback(host_of(req.get_header_value("Host")))) {
                res.status = 403;
                res.set_content(json_error("this server answers only requests for localhost"),
                                "application/json");
                return httplib::Server::HandlerResponse::Handled;
              }
              return httplib::Server::HandlerResponse::Unhandled;
            });
        server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) return;
          std::string message;
          if (res.status == 404)
            message = "no route " + req.method + " " + req.path +
                      " (GET /, /api/summary, /api/findings, /api/exposure, /api/sites, "
                      "/api/policies, /api/blast-radius; POST /api/evaluate)";
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
        server.Get("/", [api](const httplib::Request&, httplib::Response& res) {
          send(res, api->page());
        });
        server.Get("/api/summary", [api](const httplib::Request&, httplib::Response& res) {
          send(res, api->summary());
        });
        server.Get("/api/findings", [api](const httplib::Request& req, httplib::Response& res) {
          send(res, api->findings(req.params));
        });
        server.Get("/api/exposure", [api](const httplib::Request& req, httplib::Response& res) {
          send(res, api->exposure(req.params));
        });
        server.Get("/api/sites", [api](const httplib::Request& req, httplib::Response& res) {
          send(res, api->sites(req.params));
        });
        server.Get("/api/policies", [api](const httplib::Request&, httplib::Response& res) {
          send(res, api->policies());
        });
        server.Get("/api/blast-radius", [api](const httplib::Request& req, httplib::Response& res) {
          send(res, api->blast_radius(req.params));
        });
        server.Post("/api/evaluate", [api](const httplib::Request& req, httplib::Response& res) {
          const std::string type = req.get_header_value("Content-Type");
          if (type.rfind("application/toml", 0) != 0) {
            res.status = 415;
            res.set_content(json_error("send the policy as Content-Type: application/toml"),
                            "application/json");
            return;
          }
          const ApiResponse r = api->evaluate(req.body);
          if (r.status == 200) {
            const auto [findings, overdue] = api->counts();
            std::cerr << "evaluated again: " << findings << " findings, " << overdue
                      << " overdue\n";
          }
          send(res, r);
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
        std::cout << "ringfence serve: " << service.network().sites.size() << " sites, " << findings
                  << " findings (" << overdue << " overdue)\n"
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

static const bool registered = register_command("serve", &add_serve);

}  // namespace ringfence::cli
