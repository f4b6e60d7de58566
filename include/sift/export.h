// SPDX-License-Identifier: GPL-2.0-or-later
// Symbol visibility for the Sift library.
//
// The library is built with hidden visibility by default; SIFT_EXPORT marks
// the public API.  SIFT_STATIC is defined for static builds (and by the
// installed package when it ships a static library).
#pragma once

#if defined(SIFT_STATIC)
#define SIFT_EXPORT
#elif defined(_WIN32)
#if defined(SIFT_BUILDING)
#define SIFT_EXPORT __declspec(dllexport)
#else
#define SIFT_EXPORT __declspec(dllimport)
#endif
#else
#define SIFT_EXPORT __attribute__((visibility("default")))
#endif
