// ringfence serve BUNDLE [--policy P ...] [--port N] [--host H] [--token-file F]: the
// report as a local web UI, with a JSON API (routes in
// include/ringfence/report_service.hpp), served by the HTTP module
// (src/http/http_api.hpp: the routes, the limits and the checks of every request).
//
// Loopback by default. Any other address needs --token-file, and every request then
// presents the token (src/server/access_token.hpp), or is answered 401.
#include <malloc.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <optional>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "http/http_api.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/report.hpp"
#include "ringfence/report_service.hpp"
#include "server/access_token.hpp"
#include "server/hosts.hpp"

namespace ringfence::cli {

namespace {

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
        const bool loopback = server::is_loopback(opts->host);
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
        // Loaded first: a missing module is said before the bundle is read.
        const http::Api& http_server = http::api();
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

        // Signals go to one waiting thread of the server, which stops it; every other
        // thread (the server's pool too) inherits the blocked mask.
        const sigset_t signals = http::stop_signals();
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        // Few malloc arenas for many worker threads: each thread's arena otherwise keeps
        // the memory of the large answers it once built, and the resident set grows.
        mallopt(M_ARENA_MAX, 2);

        const http::Settings settings{opts->host, opts->port, loopback, token ? &*token : nullptr};
        std::string error;
        const http::Outcome outcome = http_server.serve(
            settings, service,
            [&](int port) {
              const std::string shown =
                  opts->host.find(':') != std::string::npos ? "[" + opts->host + "]" : opts->host;
              const auto [findings, overdue] = service.counts();
              std::cout << "ringfence serve: " << count_noun(service.network().sites.size(), "site")
                        << ", " << count_noun(findings, "finding") << " (" << overdue
                        << " overdue)\n"
                        << "open http://" << shown << ":" << port << "/ (Ctrl-C to stop)"
                        << std::endl;
            },
            error);
        if (outcome == http::Outcome::kCannotListen) throw UsageError(error);
        std::cout << "stopped" << std::endl;
        return outcome == http::Outcome::kStopped ? kOk : kBadInput;
      }};
}

}  // namespace

static const bool serve_registered = register_command("serve", &add_serve);

}  // namespace ringfence::cli
