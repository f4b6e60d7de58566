// SPDX-License-Identifier: GPL-2.0-or-later
// The listening socket, made here rather than by libmicrohttpd so that the
// rules are ours: no SO_REUSEPORT (a second server on a taken port must
// fail, not share the traffic), a full backlog, and a clear error.
#pragma once

#include <string>

namespace sift::serve {

struct ListenSocket {
  int fd = -1;   ///< Listening, non-blocking; owned by the caller.
  int port = 0;  ///< The port bound (the one picked when asked for 0).
};

/// Binds `host` (a numeric address or a name such as localhost) and
/// `port` (0: any free one) and listens with the system's largest backlog.
/// @throws std::runtime_error naming the address and the reason, e.g.
/// "cannot listen on 127.0.0.1:8080: Address already in use".
ListenSocket listen_on(const std::string& host, int port);

}  // namespace sift::serve
