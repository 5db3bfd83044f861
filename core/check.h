// The check interface. A check is one file in core/checks/: its story (metadata and annotated examples)
// and its logic, registered with EVIDENTIAL_REGISTER_CHECK. Everything else derives from that file.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace evidential::core {

class Analysis;

enum class Category : uint8_t { kHedging, kSourcing, kClaims };
std::string_view category_name(Category c);

/// Where the project and each check's documentation live: the server's diagnostics link
/// kCheckDocsBase + id, and SARIF names both. One definition, so the editor and CI link the same page.
inline constexpr std::string_view kProjectUri = "https://evidential.dev";
inline constexpr std::string_view kCheckDocsBase = "https://evidential.dev/checks/";

/// A check's documentation; `evidential explain`, the server's hover and SARIF rules all read it.
struct CheckInfo {
  std::string_view id;         ///< names the pattern flagged, e.g. "weasel"
  std::string_view summary;    ///< one line: what it flags
  std::string_view rationale;  ///< "Why it matters"
  std::string_view advice;     ///< "What to do instead"
  Severity default_severity = Severity::kWarning;
  Category category = Category::kHedging;
  /// Annotated examples: `[[...]]` marks each expected finding's range; an example with no marks must
  /// produce no finding. A leading "md:" makes the example Markdown instead of plain text.
  std::span<const std::string_view> examples;
};

/// Collects one check's findings; the framework stamps the id and severity afterwards.
class Reporter {
 public:
  explicit Reporter(std::vector<Finding>& out) : out_(out) {}
  /// Adds a finding at `range` and returns it for optional details (attribution, fixes, score).
  Finding& report(Range range, std::string message);

 private:
  std::vector<Finding>& out_;
};

/// A check: stateless and const, runnable on any document, in any order, from any thread.
class Check {
 public:
  virtual ~Check() = default;
  virtual const CheckInfo& info() const = 0;
  virtual void run(const Analysis& analysis, Reporter& out) const = 0;
};

/// Every registered check, ordered by id.
std::span<const Check* const> all_checks();
const Check* find_check(std::string_view id);

namespace detail {
struct CheckRegistrar {
  explicit CheckRegistrar(const Check* check);
};
}  // namespace detail

}  // namespace evidential::core

#define EVIDENTIAL_REGISTER_CHECK(Type)                                                \
  namespace {                                                                          \
  const Type k##Type##Instance;                                                        \
  const ::evidential::core::detail::CheckRegistrar k##Type##Registrar(&k##Type##Instance); \
  }
