// Rendering of `evidential check --summary` in the chosen output format.
#pragma once

#include <string>

#include "cli/output.h"
#include "core/summary.h"

namespace evidential::cli {

std::string render_summary(const std::string& path, const core::DocumentSummary& s, Format format);

}  // namespace evidential::cli
