// Items of a deal and their classification: chip recognition by name, item parsing, and the
// classifier that applies the dated ECCN definitions of the rule data (internal to the core).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/json_writer.h"
#include "rules/rule_set.h"

namespace exportscreen::rules {

/// A catalog chip recognised in a name, and the alias that recognised it.
struct ChipMatch {
  const Chip* chip = nullptr;
  std::string alias;  ///< The alias as written in the catalog.
};

/// Recognises a catalog chip in a loosely written name ("h100 sxm5 80gb", "Ascend910C",
/// "昇腾910B"): the longest alias found in the compact name wins, and what is left must be noise
/// (vendor and marketing words, memory sizes). Nullopt when no chip is recognised.
std::optional<ChipMatch> recognise_chip(const RuleSet& rules, std::string_view name);

/// Up to `n` catalog names closest to `name` (edit distance on the compact form), for messages.
std::vector<std::string> closest_chips(const RuleSet& rules, std::string_view name, std::size_t n);

/// An item of a request, with the catalog figures merged in.
struct ItemSpec {
  std::string name;   ///< Catalog name, label, or "items[i]".
  std::string label;  ///< The label given, if any.
  const Chip* chip = nullptr;
  std::string matched_alias;
  std::string kind = "ic";  ///< ic, computer, hbm.
  std::vector<std::pair<std::string, double>>
      tops;  ///< Dense TOPS per precision (halved if sparse).
  bool sparse = false;
  std::optional<double> die_area_mm2, memory_bandwidth_gbps, io_bandwidth_gbps, package_area_mm2;
  std::optional<bool> datacenter, logic_co_packaged;
  std::string designer_hq_country, producer_hq_country;
  std::optional<long long> quantity;
};

/// Parses and validates one item object (docs/api.md, Items); `where` names it in errors
/// ("items[0]"). Throws Error: invalid_request, invalid_country, request_too_large, or
/// unknown_item for a name the catalog does not know. `extra` lists further accepted keys
/// (classify accepts "as_of" and "locale").
ItemSpec parse_item(const nlohmann::json& j, const std::string& where, const RuleSet& rules,
                    std::initializer_list<std::string_view> extra = {});

/// One threshold test as shown to the user.
struct ShownTest {
  std::string prong, quantity;
  nlohmann::json lhs;  ///< The item's value, null when unknown.
  Op op = Op::kGe;
  nlohmann::json rhs;
  Tri result = Tri::kUnknown;
  bool decisive = false;
};

/// The classification of one item as of a date.
struct Classification {
  const ItemSpec* item = nullptr;
  std::string as_of, locale;
  std::optional<double> tpp, performance_density, memory_bandwidth_density;
  std::string tpp_precision;
  nlohmann::json tpp_terms = nlohmann::json::array();
  std::string eccn;       ///< "3A090", "4A090", or "" (outside, or not decided).
  std::string paragraph;  ///< First paragraph met, or "".
  std::vector<std::string> paragraphs;
  bool determinate = true;
  nlohmann::json possible = nlohmann::json::array();
  std::vector<std::string> missing;  ///< Input fields that would decide it (die_area_mm2, ...).
  std::string reason;
  Tri prc_advanced_ic = Tri::kFalse;  ///< A PRC advanced-computing IC, on any date.
  Tri gp10 = Tri::kFalse;             ///< ... and BIS's GP10 guidance is in force on as_of.
  std::string gp10_reason;
  std::vector<ShownTest> tests;
  std::vector<std::string> notes;  ///< Caveats, e.g. on the bit length of the precision used.
  const Definition* definition = nullptr;
};

/// Classifies an item as of `as_of`, with texts in `locale`.
Classification classify(const ItemSpec& item, const std::string& as_of, const std::string& locale,
                        const RuleSet& rules);

/// Writes the classification as JSON (docs/api.md, Classify); with `item_index`, the index of its
/// item in a screening request as "item".
void write_json(JsonWriter& w, const Classification& c, const RuleSet& rules,
                std::optional<std::size_t> item_index = std::nullopt);

}  // namespace exportscreen::rules
