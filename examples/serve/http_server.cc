// SPDX-License-Identifier: GPL-2.0-or-later
#include "http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <unistd.h>

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace sift::serve {

// The per-request state libmicrohttpd carries between its callbacks.
struct RequestState {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  RequestRecord record;
};

struct HttpServer::Callbacks {
  // Leaves the path and query string as sent: sift-serve decodes and checks
  // them itself (url_text.h), so "%00" reaches the check instead of cutting
  // a C string short.
  static std::size_t keep_escapes(void*, MHD_Connection*, char* s) { return std::strlen(s); }

  static MHD_Result collect_param(void* cls, MHD_ValueKind, const char* key, const char* value) {
    static_cast<HttpRequest*>(cls)->raw_params.emplace_back(key ? key : "", value ? value : "");
    return MHD_YES;
  }

  static std::string client_ip(MHD_Connection* connection) {
    const auto* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "";
    if (info && info->client_addr) {
      const sockaddr* addr = info->client_addr;
      if (addr->sa_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, text,
                    sizeof text);
      } else if (addr->sa_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, text,
                    sizeof text);
      }
    }
    return text;
  }

  static MHD_Result queue(MHD_Connection* connection, RequestState& state,
                          const HttpResponse& answer) {
    MHD_Response* response = MHD_create_response_from_buffer(
        answer.body.size(), const_cast<char*>(answer.body.data()), MHD_RESPMEM_MUST_COPY);
    if (!response) return MHD_NO;
    if (!answer.content_type.empty()) {
      MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, answer.content_type.c_str());
    }
    for (const auto& [name, value] : answer.headers) {
      MHD_add_response_header(response, name.c_str(), value.c_str());
    }
    const MHD_Result ok =
        MHD_queue_response(connection, static_cast<unsigned>(answer.status), response);
    MHD_destroy_response(response);
    if (ok == MHD_YES) {
      state.record.status = answer.status;
      state.record.body_bytes = state.record.method == "HEAD" ? 0 : answer.body.size();
    }
    return ok;
  }

  static MHD_Result access(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char*, const char*, std::size_t* upload_size,
                           void** req_cls) {
    auto& server = *static_cast<HttpServer*>(cls);
    auto* state = static_cast<RequestState*>(*req_cls);
    if (state && state->record.status != 0) {
      *upload_size = 0;  // a body after the answer was queued: dropped
      return MHD_YES;
    }
    HttpRequest request;
    request.header = [connection](const char* name) -> std::optional<std::string> {
      const char* v = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
      return v ? std::optional<std::string>(v) : std::nullopt;
    };
    const auto length = request.header(MHD_HTTP_HEADER_CONTENT_LENGTH);
    request.has_body =
        (length && *length != "0") || request.header(MHD_HTTP_HEADER_TRANSFER_ENCODING).has_value();
    if (!state) {
      state = new RequestState;
      *req_cls = state;
      // libmicrohttpd keeps the connection open only for an answer queued
      // after the whole request is in, i.e. on the next call.  A request
      // with a body is answered now (and the connection closed): no route
      // takes a body, so none is read.
      if (!request.has_body) return MHD_YES;
    }

    request.method = method;
    request.raw_path = url;
    request.client_ip = client_ip(connection);
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_param, &request);

    state->record.client_ip = request.client_ip;
    state->record.method = request.method;
    state->record.target = request.raw_path;
    for (std::size_t i = 0; i < request.raw_params.size(); ++i) {
      const auto& [k, v] = request.raw_params[i];
      state->record.target += (i == 0 ? "?" : "&") + k + "=" + v;
    }

    HttpResponse answer;
    try {
      answer = server.handler_(request);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sift-serve: %s %s: %s\n", method, url, e.what());
      answer = {500, "text/plain; charset=utf-8", "internal error\n", {}};
    }
    return queue(connection, *state, answer);
  }

  static void completed(void* cls, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
    auto* state = static_cast<RequestState*>(*req_cls);
    if (!state) return;
    *req_cls = nullptr;
    state->record.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - state->start);
    try {
      static_cast<HttpServer*>(cls)->observer_(state->record);
    } catch (...) {  // logging must never take the server down
    }
    delete state;
  }

  // libmicrohttpd's own messages (a refused connection, a broken request),
  // at most one a second so a flood of hostile clients cannot flood stderr.
  static void log(void*, const char* format, va_list args) {
    static std::atomic<std::int64_t> last_second{0};
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::steady_clock::now().time_since_epoch())
                                 .count();
    if (last_second.exchange(now) == now) return;
    char message[512];
    std::vsnprintf(message, sizeof message, format, args);
    std::fprintf(stderr, "sift-serve: libmicrohttpd: %s%s", message,
                 std::strchr(message, '\n') ? "" : "\n");
  }
};

HttpServer::HttpServer(const Options& options, Handler handler, Observer observer)
    : handler_(std::move(handler)), observer_(std::move(observer)) {
  const unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  daemon_ = MHD_start_daemon(
      flags, 0, nullptr, nullptr, &Callbacks::access, this,  //
      MHD_OPTION_EXTERNAL_LOGGER, &Callbacks::log, nullptr,  // first, to catch every message
      MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(options.listen_fd),
      MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(options.threads),
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(options.max_connections),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<unsigned>(options.max_connections_per_ip),
      MHD_OPTION_CONNECTION_TIMEOUT, options.idle_timeout_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.request_buffer_bytes,
      MHD_OPTION_STRICT_FOR_CLIENT, 1,  //
      MHD_OPTION_UNESCAPE_CALLBACK, &Callbacks::keep_escapes, nullptr, MHD_OPTION_NOTIFY_COMPLETED,
      &Callbacks::completed, this,  //
      MHD_OPTION_END);
  if (!daemon_) {
    ::close(options.listen_fd);
    throw std::runtime_error("libmicrohttpd could not start (out of memory or threads?)");
  }
}

HttpServer::~HttpServer() {
  MHD_stop_daemon(daemon_);  // closes the listening socket too
}

std::size_t HttpServer::open_connections() const {
  const auto* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
  return info ? info->num_connections : 0;
}

}  // namespace sift::serve
