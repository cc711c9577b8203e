// `ringfence serve`'s HTTP server (http/http_api.hpp): routes of the JSON API and the
// page, over cpp-httplib.
//
// Only fixed routes are served (no files from disk). Request bodies are capped, reads
// and writes time out, and on loopback a request naming another host is refused (a
// web page elsewhere cannot reach the API by DNS rebinding). With an access token,
// every request presents it (server/access_token.hpp), or is answered 401. A policy is
// posted as application/toml, which a browser will not send across origins without
// asking, and nothing here says yes.
//
// Bodies are compressed here (gzip or brotli, as the client accepts), not by
// cpp-httplib: the large ones (page, report data) once per evaluation, and sent from
// a shared buffer through a content provider, which cpp-httplib leaves as it is.
#include <httplib.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <thread>

#include "http/http_api.hpp"
#include "output/json_writer.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/http_encoding.hpp"
#include "server/hosts.hpp"

namespace ringfence::http {

namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;  // a policy is a few kilobytes
constexpr time_t kTimeoutSeconds = 10;
// Worker threads: a keep-alive connection holds one while it waits for its next
// request, so cpp-httplib's default (8 here) queues the 9th client behind the others'
// idle connections. Threads that wait cost no CPU; evaluation is still one at a time.
constexpr std::size_t kWorkerThreads = 64;
constexpr std::size_t kRequestsPerConnection = 100;

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

}  // namespace

Outcome serve(const Settings& settings, ReportService& service,
              const std::function<void(int port)>& on_listening, std::string& error) {
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
  server.set_pre_routing_handler([loopback = settings.loopback, token = settings.token](
                                     const httplib::Request& req, httplib::Response& res) {
    if (loopback && !server::is_loopback(server::host_of(req.get_header_value("Host")))) {
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
    } else if (const auto presented = server::presented_token(req.get_header_value("Authorization"),
                                                              req.get_header_value("Cookie"));
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

  int port = settings.port;
  if (port == 0) {
    port = server.bind_to_any_port(settings.host);
    if (port < 0) {
      error = "cannot listen on " + settings.host;
      return Outcome::kCannotListen;
    }
  } else if (!server.bind_to_port(settings.host, port)) {
    error = "cannot listen on " + settings.host + " port " + std::to_string(port) +
            " (in use? try --port 0 for any free port)";
    return Outcome::kCannotListen;
  }
  // Signals go to one waiting thread, which stops the server; every other thread (the
  // server's pool too) inherits the mask the caller blocked them in.
  const sigset_t signals = stop_signals();
  std::thread stopper([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
  });
  on_listening(port);
  const bool ok = server.listen_after_bind();
  // The stopper waits for a signal; when the server ended by itself, send one.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return ok ? Outcome::kStopped : Outcome::kFailed;
}

}  // namespace ringfence::http
