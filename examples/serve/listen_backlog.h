// SPDX-License-Identifier: GPL-2.0-or-later
// cpp-httplib 0.11 (Debian 12) listens with a backlog of 5, so under load
// new connections are dropped and retried a second later by the client's
// TCP stack (a 1 s latency tail).  Upstream made it configurable in 0.15
// (CPPHTTPLIB_LISTEN_BACKLOG); until then this widens it after the bind.
#pragma once

namespace sift::serve {

/// Finds this process's listening TCP socket on `port` and raises its
/// backlog to SOMAXCONN (Linux accepts listen() again on a listening
/// socket).  @return false if no such socket was found or listen() failed;
/// the server still works then, with the small backlog.
bool widen_listen_backlog(int port);

}  // namespace sift::serve
