// SPDX-License-Identifier: GPL-2.0-or-later
// A header in a folder where no stage has a source.
#pragma once
