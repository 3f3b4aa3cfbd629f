// The JSON contract (docs/api.md): request parsing and validation, result serialization, and
// the never-throwing JSON-text entry points every boundary calls.
#include "exportscreen/api.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <new>

#include "deal_rules.h"
#include "exportscreen/country.h"
#include "exportscreen/csv.h"
#include "exportscreen/date.h"
#include "exportscreen/party_csv.h"
#include "exportscreen/unicode.h"
#include "limited_json.h"
#include "request_fields.h"
#include "rules/classify.h"
#include "rules/rule_set.h"

namespace exportscreen {
namespace {

using nlohmann::json;

// Deeper JSON than this is refused before it is built (guards every recursive consumer).
constexpr std::size_t kMaxJsonDepth = kMaxJsonNesting;

// The limits every JSON text at a boundary is read with (docs/api.md, Limits), and the paths of
// a screening request that have limits of their own.
JsonLimits boundary_limits(std::vector<JsonPathLimit> paths = {}) {
  JsonLimits l;
  l.max_bytes = kMaxRequestBytes;
  l.max_depth = kMaxJsonDepth;
  l.max_values = kMaxRequestValues;
  l.max_array_elements = kMaxArrayElements;
  l.max_object_members = kMaxObjectMembers;
  l.max_string_bytes = kMaxStringBytes;
  l.paths = std::move(paths);
  return l;
}

const JsonLimits& request_limits() {
  static const JsonLimits limits = boundary_limits({{"parties", kMaxParties, "parties"},
                                                    {"parties[].name", kMaxNameBytes, {}},
                                                    {"items", kMaxItems, "items"},
                                                    {"items[].name", kMaxItemNameBytes, {}},
                                                    {"items[].label", kMaxItemNameBytes, {}}});
  return limits;
}

// A block of rows is a request's parties without the request around them.
const JsonLimits& rows_limits() {
  static const JsonLimits limits =
      boundary_limits({{"", kMaxParties, "rows"}, {"[].name", kMaxNameBytes, {}}});
  return limits;
}

const JsonLimits& general_limits() {
  static const JsonLimits limits = boundary_limits();
  return limits;
}

json parse_json(std::string_view text, std::string_view what,
                const JsonLimits& limits = general_limits()) {
  return read_limited_json(text, what, limits);
}

const json& require_object(const json& j, std::string_view field) {
  if (!j.is_object()) throw Error(errc::kInvalidRequest, std::string(field) + " must be an object");
  return j;
}

// An error about the field `where`.`key` (`where` alone when `key` is empty): its name is
// made only for an error (a CSV block validates every row's fields).
std::string field_name(std::string_view where, std::string_view key) {
  std::string field(where);
  if (!key.empty()) field.append(".").append(key);
  return field;
}

[[noreturn]] void field_error(std::string_view code, std::string_view where, std::string_view key,
                              const std::string& what) {
  throw Error(std::string(code), field_name(where, key) + what);
}

// A text field within its size limit, as require_string checks it.
std::string_view within_limit(std::string_view text, std::string_view where, std::string_view key,
                              std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    field_error(
        errc::kRequestTooLarge, where, key,
        " is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes));
  }
  return text;
}

std::string require_string(const json& j, std::string_view field, std::size_t max_bytes) {
  if (!j.is_string()) field_error(errc::kInvalidRequest, field, {}, " must be a string");
  return std::string(within_limit(j.get_ref<const std::string&>(), field, {}, max_bytes));
}

std::string trimmed(std::string s) {
  const auto not_space = [](unsigned char c) { return !(c == ' ' || (c >= '\t' && c <= '\r')); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

template <std::size_t N>
void reject_unknown(const json& obj, std::string_view where,
                    const std::array<std::string_view, N>& known) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw Error(errc::kInvalidRequest, "unknown field \"" + std::string(utf8_prefix(key, 40)) +
                                             "\" in " + std::string(where));
    }
  }
}

std::vector<std::string> require_strings(const json& v, const std::string& field,
                                         std::size_t max_bytes) {
  if (!v.is_array()) throw Error(errc::kInvalidRequest, field + " must be an array of strings");
  if (v.size() > 1000) throw Error(errc::kRequestTooLarge, field + " has more than 1000 elements");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    out.push_back(require_string(v[i], field + "[" + std::to_string(i) + "]", max_bytes));
  }
  return out;
}

MatchOptions parse_match_options(const json& obj, std::string_view where, MatchOptions options) {
  const std::string w(where);
  if (obj.contains("preset")) {
    const std::string preset = require_string(obj["preset"], w + "preset", 32);
    const auto score = preset_min_score(preset);
    if (!score)
      throw Error(errc::kInvalidRequest,
                  w + "preset must be \"strict\", \"balanced\" or \"broad\"");
    options.min_score = *score;
  }
  if (obj.contains("min_score")) {
    if (obj.contains("preset")) {
      throw Error(errc::kInvalidRequest,
                  w + "min_score and preset both set the threshold: give one");
    }
    const json& v = obj["min_score"];
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
      throw Error(errc::kInvalidRequest, w + "min_score must be a number from 0 to 1");
    }
    options.min_score = v.get<double>();
  }
  if (obj.contains("limit")) {
    const json& v = obj["limit"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 1000) {
      throw Error(errc::kInvalidRequest, w + "limit must be an integer from 1 to 1000");
    }
    options.limit = static_cast<std::size_t>(v.get<long long>());
  }
  if (obj.contains("sources")) options.sources = require_strings(obj["sources"], w + "sources", 64);
  if (obj.contains("programs"))
    options.programs = require_strings(obj["programs"], w + "programs", 128);
  if (obj.contains("countries")) {
    options.countries.clear();
    const auto codes = require_strings(obj["countries"], w + "countries", 16);
    for (std::size_t i = 0; i < codes.size(); ++i) {
      options.countries.push_back(
          require_country(codes[i], w + "countries[" + std::to_string(i) + "]"));
    }
  }
  return options;
}

// "person" or "organization".
NameKind kind_named(std::string_view type, std::string_view where, std::string_view key) {
  if (type == "person") return NameKind::kPerson;
  if (type == "organization") return NameKind::kOrganization;
  within_limit(type, where, key, 32);  // the longest a type is echoed in an error
  field_error(errc::kInvalidRequest, where, key, " must be \"person\" or \"organization\"");
}

NameKind parse_type(const json& v, const std::string& field) {
  return kind_named(require_string(v, field, 32), field, {});
}

// A party's country field (absent or empty: none), as an ISO code.
std::string party_country(const std::optional<std::string_view>& code, std::string_view where,
                          std::string_view key) {
  if (!code || code->empty()) return {};
  within_limit(*code, where, key, 16);
  const bool known = is_country_code(*code);  // the field's name is made only for an error
  return require_country(*code, known ? std::string() : field_name(where, key));
}

Party parse_party_at(const json& j, const std::string& where) {
  require_object(j, where);
  reject_unknown(j, where, fields::kParty);
  if (!j.contains("name")) throw Error(errc::kInvalidRequest, where + ".name is required");
  const auto text = [&](const char* key) -> std::optional<std::string_view> {
    const auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    if (!it->is_string()) field_error(errc::kInvalidRequest, where, key, " must be a string");
    return std::string_view(it->get_ref<const std::string&>());
  };
  // A braced list is evaluated in order: the fields are checked in the order they are listed.
  return make_party({text("name"), text("type"), text("role"), text("country"), text("address"),
                     text("headquarters_country")},
                    where);
}

// Why a match is only possible, in one English sentence (the screening findings say it in the
// request's locale, from the rule data).
std::string why_possible(PossibleReason reason, const std::vector<std::string>& words,
                         std::size_t group_entries) {
  std::string w;
  for (const auto& x : words) w += (w.empty() ? "" : ", ") + x;
  switch (reason) {
    case PossibleReason::kNone:
      return "";
    case PossibleReason::kDistinctiveWord:
      return "The query's distinctive word (" + w + ") is one word of this listed name, which " +
             std::to_string(group_entries) +
             " entries hold: a lead, not the listed name itself. Check whether the party belongs "
             "to this entry's group (names, addresses, identifiers).";
    case PossibleReason::kAcronym:
      return "The query (" + w +
             ") is an acronym or the initials of this listed name; an acronym names many "
             "organisations. Check the full name, addresses and identifiers.";
    case PossibleReason::kCrossScript:
      return "The match rests on a reading of another script that loses letters (Arabic or Hebrew "
             "without vowels, Chinese as pinyin without tones). Compare the party's name in Latin "
             "letters, dates and places of birth, and identifiers.";
    case PossibleReason::kKind:
      return "A person is compared with an organisation (or the reverse). Check which the party "
             "is.";
    case PossibleReason::kLegalForm:
      return "The legal forms are of different kinds (" + w +
             "): possibly another company of the same name. Check the registration, address and "
             "identifiers.";
    case PossibleReason::kNumber:
      return "The numbers in the names disagree (" + w + "). Check which entity the party is.";
    case PossibleReason::kCountry:
      return "The names name different countries, or only one names a country (" + w +
             "): possibly an affiliate. Check the party's country and address.";
    case PossibleReason::kPartialName:
      return "One name has identifying words the other lacks (" + w +
             "): a common name that is part of a longer listed name is not the listed party. "
             "Compare dates and places of birth, nationality, addresses and identifiers.";
    case PossibleReason::kShortName:
      return "The names are short or common (a single short word, words alike but not the "
             "same, or ordinary words only, written differently), which many parties share. "
             "Check the full name, addresses and identifiers.";
  }
  return "";
}

// The reason a match is only possible, or null.
void reason_value(JsonWriter& w, PossibleReason reason) {
  if (reason == PossibleReason::kNone) {
    w.null();
  } else {
    w.value(to_string(reason));
  }
}

// end_use: {"<end-use id>": bool, ..., "red_flags": {"<flag id>": bool}}; unknown ids are errors.
json parse_end_use(const json& j, const rules::RuleSet& rules) {
  require_object(j, "end_use");
  for (const auto& [key, value] : j.items()) {
    if (key == "red_flags") {
      require_object(value, "end_use.red_flags");
      for (const auto& [flag, answer] : value.items()) {
        if (!rules.red_flag(flag)) {
          throw Error(errc::kInvalidRequest,
                      "unknown red flag \"" + flag.substr(0, 40) +
                          "\" in end_use.red_flags (see reference().red_flags)");
        }
        if (!answer.is_boolean()) {
          throw Error(errc::kInvalidRequest,
                      "end_use.red_flags." + flag + " must be true or false");
        }
      }
      continue;
    }
    if (!rules.end_use(key)) {
      throw Error(errc::kInvalidRequest, "unknown end use \"" + key.substr(0, 40) +
                                             "\" in end_use (see reference().end_uses)");
    }
    if (!value.is_boolean())
      throw Error(errc::kInvalidRequest, "end_use." + key + " must be true or false");
  }
  return j;
}

// transaction, origin_country and authorization (docs/api.md): each checked alone, then against
// the destination and each other, so a contradiction is an error and never a guess.
void parse_transaction(const json& j, ScreenRequest& r) {
  static constexpr std::string_view kTransactions[] = {"export", "reexport", "in_country_transfer",
                                                       "domestic", "remote_access"};
  if (j.contains("transaction") &&
      !(j["transaction"].is_string() && j["transaction"].get<std::string>().empty())) {
    r.transaction = require_string(j["transaction"], "transaction", 32);
    if (std::find(std::begin(kTransactions), std::end(kTransactions), r.transaction) ==
        std::end(kTransactions)) {
      throw Error(errc::kInvalidRequest,
                  "transaction must be one of export, reexport, in_country_transfer, domestic, "
                  "remote_access");
    }
  }
  if (j.contains("origin_country") &&
      !(j["origin_country"].is_string() && j["origin_country"].get<std::string>().empty())) {
    r.origin_country = require_country(require_string(j["origin_country"], "origin_country", 16),
                                       "origin_country");
  }
  if (j.contains("authorization")) {
    const json& a = require_object(j["authorization"], "authorization");
    reject_unknown(a, "authorization", fields::kAuthorization);
    if (a.contains("license"))
      r.license_number = trimmed(require_string(a["license"], "authorization.license", 64));
    if (a.contains("nac_aca"))
      r.nac_number = trimmed(require_string(a["nac_aca"], "authorization.nac_aca", 64));
  }
  const std::string& t = r.transaction;
  const bool to_us = r.destination == "US";
  if (t == "domestic" && !r.destination.empty() && !to_us) {
    throw Error(errc::kInvalidRequest,
                "transaction \"domestic\" is a sale within the United States, but destination is " +
                    r.destination + ": use export, reexport or in_country_transfer");
  }
  if ((t == "export" || t == "reexport" || t == "in_country_transfer") && to_us) {
    throw Error(errc::kInvalidRequest, "transaction \"" + t +
                                           "\" cannot have destination US: a sale inside the "
                                           "United States is \"domestic\"");
  }
  if (t == "export" && !r.origin_country.empty() && r.origin_country != "US") {
    throw Error(errc::kInvalidRequest,
                "an export leaves the United States, but origin_country is " + r.origin_country +
                    ": a shipment from abroad is a reexport");
  }
  if (t == "reexport" && r.origin_country == "US") {
    throw Error(errc::kInvalidRequest,
                "a reexport ships from a foreign country, but origin_country is US: use export");
  }
  if (t == "in_country_transfer" && !r.origin_country.empty() && !r.destination.empty() &&
      r.origin_country != r.destination) {
    throw Error(errc::kInvalidRequest,
                "an in-country transfer stays in one country, but origin_country " +
                    r.origin_country + " differs from destination " + r.destination);
  }
  if (r.end_use.contains("cloud_service")) {
    const bool cloud = r.end_use["cloud_service"].get<bool>();
    if (cloud && !t.empty() && t != "remote_access") {
      throw Error(errc::kInvalidRequest, "end_use.cloud_service is true but transaction is \"" + t +
                                             "\": remote access is transaction \"remote_access\"");
    }
    if (!cloud && t == "remote_access") {
      throw Error(errc::kInvalidRequest,
                  "transaction \"remote_access\" but end_use.cloud_service is false");
    }
  }
}

}  // namespace

Party parse_party(const json& party, std::string_view where) {
  return parse_party_at(party, std::string(where));
}

Party make_party(const PartyFields& f, std::string_view where) {
  Party p;
  if (!f.name) field_error(errc::kInvalidRequest, where, "name", " is required");
  p.name = trimmed(std::string(within_limit(*f.name, where, "name", kMaxNameBytes)));
  if (p.name.empty()) field_error(errc::kInvalidRequest, where, "name", " is empty");
  if (f.type) p.type = kind_named(*f.type, where, "type");
  if (f.role) {
    p.role = within_limit(*f.role, where, "role", 64);
    // The parties of 15 CFR 748.5, as the rule data names them (reference().roles).
    const auto& roles = rules::builtin_rule_set().roles;
    if (std::none_of(roles.begin(), roles.end(), [&](const auto& r) { return r.id == p.role; })) {
      std::string ids;
      for (const auto& r : roles) ids += (ids.empty() ? "" : ", ") + r.id;
      field_error(errc::kInvalidRequest, where, "role", " must be one of " + ids);
    }
  }
  p.country = party_country(f.country, where, "country");
  if (f.address) p.address = within_limit(*f.address, where, "address", 4096);
  p.headquarters_country = party_country(f.headquarters_country, where, "headquarters_country");
  return p;
}

MatchOptions parse_options(const json& options, std::string_view where, MatchOptions defaults) {
  return parse_match_options(options, where, std::move(defaults));
}

std::string require_locale(const json& value, std::string_view field) {
  if (!value.is_string() || (value != "en" && value != "zh")) {
    throw Error(errc::kInvalidRequest, std::string(field) + " must be \"en\" or \"zh\"");
  }
  return value.get<std::string>();
}

json parse_request_json(std::string_view text, std::string_view what) {
  return parse_json(text, what);
}

json parse_rows_json(std::string_view text) { return parse_json(text, "the rows", rows_limits()); }

ScreenRequest parse_screen_request(std::string_view json_text) {
  const json j = parse_json(json_text, "the request", request_limits());
  require_object(j, "the request");
  reject_unknown(j, "the request", fields::kScreenRequest);
  ScreenRequest r;
  r.as_of = j.contains("as_of") ? require_date(require_string(j["as_of"], "as_of", 32), "as_of")
                                : today_utc();
  if (!j.contains("parties")) throw Error(errc::kInvalidRequest, "parties is required (an array)");
  const json& parties = j["parties"];
  if (!parties.is_array()) throw Error(errc::kInvalidRequest, "parties must be an array");
  if (parties.size() > kMaxParties) {
    throw Error(errc::kRequestTooLarge, "the request names " + std::to_string(parties.size()) +
                                            " parties; the limit is " +
                                            std::to_string(kMaxParties) + " per request");
  }
  for (std::size_t i = 0; i < parties.size(); ++i) {
    r.parties.push_back(parse_party_at(parties[i], "parties[" + std::to_string(i) + "]"));
  }
  const rules::RuleSet& rule_set = rules::builtin_rule_set();
  if (j.contains("items")) {
    if (!j["items"].is_array()) throw Error(errc::kInvalidRequest, "items must be an array");
    if (j["items"].size() > kMaxItems) {
      throw Error(errc::kRequestTooLarge, "the request names " + std::to_string(j["items"].size()) +
                                              " items; the limit is " + std::to_string(kMaxItems));
    }
    // Validated here, so a bad item is reported before any screening.
    for (std::size_t i = 0; i < j["items"].size(); ++i) {
      rules::parse_item(j["items"][i], "items[" + std::to_string(i) + "]", rule_set);
    }
    r.items = j["items"];
  }
  if (j.contains("locale")) r.locale = require_locale(j["locale"], "locale");
  if (j.contains("destination") &&
      !(j["destination"].is_string() && j["destination"].get<std::string>().empty())) {
    r.destination =
        require_country(require_string(j["destination"], "destination", 16), "destination");
  }
  if (j.contains("end_use")) r.end_use = parse_end_use(j["end_use"], rule_set);
  parse_transaction(j, r);
  if (j.contains("options")) {
    require_object(j["options"], "options");
    reject_unknown(j["options"], "options", fields::kMatchOptions);
    r.match = parse_match_options(j["options"], "options.", r.match);
    if (j["options"].contains("max_list_age_days")) {
      const json& v = j["options"]["max_list_age_days"];
      if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 36500) {
        throw Error(errc::kInvalidRequest,
                    "options.max_list_age_days must be a whole number of days from 1 to 36500");
      }
      r.max_list_age_days = static_cast<int>(v.get<long long>());
    }
  }
  return r;
}

namespace {

// The answers below are written as text (JsonWriter), each object's keys in sorted order, as the
// nlohmann::json values they replace wrote them: the same text, a quarter of the instructions.

// The age of a list on the date screened as of, where a result gives it: null when unknown.
struct ListAge {
  long days = -1;
};

void write_list(JsonWriter& w, const ListInfo& info, const ListAge* age) {
  // What the list holds, against the sources of the official CSL (data/rules/csl-sources.json).
  const rules::RuleSet& rules = rules::builtin_rule_set();
  const rules::ListCoverage coverage = rules::list_coverage({info}, rules);
  w.object();
  if (age) {
    w.key("age_days");
    if (age->days < 0) {
      w.null();
    } else {
      w.value(age->days);
    }
  }
  w.key("as_of").string_or_null(info.as_of);
  w.field("builtin", info.builtin).field("bytes", info.bytes);
  // Each source's records, beside the records the official list was counted to hold of it.
  w.key("composition").array();
  for (const auto& c : info.composition) {
    w.object().field("code", c.code);
    const auto official = std::find_if(rules.csl_sources.begin(), rules.csl_sources.end(),
                                       [&](const rules::CslSource& s) { return s.code == c.code; });
    if (official != rules.csl_sources.end() && official->records) {
      w.field("complete_from", rules::complete_from(*official, rules))
          .field("counted", official->records);
    }
    w.field("records", c.records).field("source", c.source).end();
  }
  w.end();
  if (info.delta) {
    w.key("delta").object();
    w.field("added", info.delta->added)
        .field("changed", info.delta->changed)
        .field("removed", info.delta->removed)
        .field("screened", info.delta->added + info.delta->changed);
    w.key("since").array();
    for (const ListVersion& v : info.delta->since) {
      w.object();
      w.key("as_of").string_or_null(v.as_of);
      w.field("records", v.records).field("sha256", v.sha256).field("source", v.label).end();
    }
    w.end().end();
  }
  w.key("files").array();
  for (const auto& f : info.files) {
    w.object()
        .field("bytes", f.bytes)
        .field("name", f.name)
        .field("records", f.records)
        .field("role", f.role)
        .field("sha256", f.sha256)
        .end();
  }
  w.end();
  w.field("format", info.format);
  w.key("incomplete_sources").array();
  for (const rules::ListCoverage::Incomplete& s : coverage.incomplete) {
    w.object()
        .field("code", s.source->code)
        .field("counted", s.source->records)
        .field("name", s.source->name)
        .field("records", s.records)
        .end();
  }
  w.end();
  w.key("missing_sources").array();
  for (const rules::CslSource* m : coverage.missing) {
    w.object().field("code", m->code).field("name", m->name).end();
  }
  w.end();
  w.field("names", info.names)
      .field("partial", coverage.partial)
      .field("records", info.records)
      .field("sha256", info.sha256)
      .field("source", info.label);
  w.key("sources_used").array();
  for (const auto& s : info.sources_used) {
    w.object().field("last_updated", s.last_updated).field("source", s.source).end();
  }
  w.end().end();
}

void write_explanation(JsonWriter& w, const NameComparison& c) {
  w.object()
      .field("country_factor", c.country_factor)
      .field("kind", to_string(c.kind))
      .field("legal_form_factor", c.legal_form_factor)
      .field("list_coverage", c.list_coverage)
      .field("name_score", c.score)
      .field("number_factor", c.number_factor);
  w.key("pairs").array();
  for (const auto& p : c.pairs) {
    w.object()
        .field("how", p.how)
        .field("list", p.list)
        .field("query", p.query)
        .field("similarity", p.similarity)
        .end();
  }
  w.end();
  w.field("query_coverage", c.query_coverage);
  reason_value(w.key("reason"), c.reason);
  w.field("reason_words", c.reason_words)
      .field("strength", to_string(c.strength))
      .field("type_factor", c.type_factor)
      .field("unmatched_list", c.unmatched_list)
      .field("unmatched_query", c.unmatched_query)
      .field("weak_list", c.weak_list)
      .field("weak_query", c.weak_query)
      .end();
}

// [{"byte", "code_point", "index", "name"}] of the characters that are not displayed.
void write_invisible(JsonWriter& w, const std::vector<InvisibleChar>& chars) {
  w.array();
  for (const InvisibleChar& c : chars) {
    w.object()
        .field("byte", c.byte)
        .field("code_point", code_point_label(c.code_point))
        .field("index", c.index)
        .field("name", invisible_name(c.code_point))
        .end();
  }
  w.end();
}

// The party of a request a match in a result is of.
struct MatchParty {
  std::size_t index = 0;
  const std::string* name = nullptr;
};

void write_match(JsonWriter& w, const PartyMatch& m, const MatchParty* party) {
  const ListEntry& e = *m.entry;
  // Characters the names hold that are not displayed (issue 16): "invisible" when any.
  const std::vector<InvisibleChar> in_name = find_invisible(e.name);
  const std::vector<InvisibleChar> in_matched = find_invisible(m.matched_name);
  const std::vector<InvisibleChar> in_party =
      party ? find_invisible(*party->name) : std::vector<InvisibleChar>{};
  const bool invisible = !in_name.empty() || !in_matched.empty() || !in_party.empty();
  w.object().field("alias", m.alias).field("country_match", m.country_match);
  if (party && invisible) {
    w.field("differs_only_by_invisible",
            *party->name != m.matched_name &&
                without_invisible(*party->name) == without_invisible(m.matched_name));
  }
  w.key("entry").object();
  w.key("addresses").array();
  for (const auto& a : e.addresses) {
    w.object().field("country", a.country).field("text", a.text).end();
  }
  w.end();
  w.field("alt_names", e.alt_names)
      .field("federal_register_notice", e.federal_register_notice)
      .field("license_policy", e.license_policy)
      .field("license_requirement", e.license_requirement)
      .field("programs", e.programs)
      .field("remarks", e.remarks)
      .field("source_information_url", e.source_information_url)
      .field("source_list_url", e.source_list_url)
      .field("start_date", e.start_date)
      .field("type", to_string(e.type))
      .end();
  write_explanation(w.key("explanation"), m.explanation);
  w.key("group").string_or_null(m.group);
  w.field("group_entries", m.group_entries).field("id", e.id);
  if (invisible) {
    w.key("invisible").object();
    if (!in_matched.empty()) write_invisible(w.key("matched_name"), in_matched);
    if (!in_name.empty()) write_invisible(w.key("name"), in_name);
    if (!in_party.empty()) write_invisible(w.key("party_name"), in_party);
    w.end();
  }
  w.field("list", m.list->label).field("matched_name", m.matched_name).field("name", e.name);
  if (party) w.field("party", party->index).field("party_name", *party->name);
  reason_value(w.key("reason"), m.reason);
  w.field("reason_words", m.reason_words)
      .field("score", m.score)
      .field("source", e.source)
      .field("source_code", e.source_code)
      .field("strength", to_string(m.strength));
  w.key("why");
  if (m.reason == PossibleReason::kNone) {
    w.null();
  } else {
    w.value(why_possible(m.reason, m.reason_words, m.group_entries));
  }
  w.end();
}

// [{"entries", "words"}] of a query's distinctive-word leads.
void write_groups(JsonWriter& w, const MatchSummary& s) {
  w.array();
  for (const auto& [words, entries] : s.groups) {
    w.object().field("entries", entries).field("words", words).end();
  }
  w.end();
}

std::string result_json(const ScreenResult& result, const ScreenRequest& request) {
  JsonWriter w;
  w.object().field("as_of", result.as_of).key("classifications").array();
  for (const std::string& c : result.classifications) w.raw(c);
  w.end();
  w.key("findings").array();
  for (const Finding& f : result.findings) {
    w.object()
        .field("check", f.check)
        .field("citation", f.citation)
        .field("evidence", f.evidence)
        .field("message", f.message)
        .field("next_step", f.next_step)
        .field("rule", f.rule)
        .field("severity", to_string(f.severity))
        .field("source_url", f.source_url)
        .field("subject", f.subject)
        .end();
  }
  w.end();
  // Every party whose name holds characters that are not displayed: which, and where.
  w.key("invisible_characters").array();
  for (std::size_t p = 0; p < request.parties.size(); ++p) {
    const std::string& name = request.parties[p].name;
    const std::vector<InvisibleChar> chars = find_invisible(name);
    if (chars.empty()) continue;
    write_invisible(w.object().key("characters"), chars);
    w.field("name", name).field("name_shown", with_invisible_shown(name)).field("party", p).end();
  }
  w.end();
  w.field("license_exceptions", result.license_exceptions);
  w.key("lists").array();
  for (const auto& l : result.lists) {
    // Its age on the date screened as of (the age the host's max_list_age_days is held to).
    const ListAge age{rules::list_age_days(l, result.as_of)};
    write_list(w, l, &age);
  }
  w.end();
  w.field("locale", result.locale)
      .field("notice", result.notice)
      .field("open_questions", result.open_questions);
  w.key("party_match_counts").array();
  for (std::size_t p = 0; p < result.party_match_counts.size(); ++p) {
    const MatchSummary& s = result.party_match_counts[p];
    const auto shown = std::count_if(result.party_matches.begin(), result.party_matches.end(),
                                     [&](const PartyMatchResult& m) { return m.party == p; });
    write_groups(w.object().key("groups"), s);
    w.field("party", p)
        .field("possible", s.possible)
        .field("shown", shown)
        .field("strong", s.strong)
        .field("total", s.total)
        .end();
  }
  w.end();
  w.key("party_matches").array();
  for (const auto& pm : result.party_matches) {
    const MatchParty party{pm.party, &request.parties[pm.party].name};
    write_match(w, pm.match, &party);
  }
  w.end();
  w.field("rules_date", result.rules_date)
      .field("rules_version", result.rules_version)
      .field("verdict", verdict_name(result.verdict, result.lists))
      .end();
  return std::move(w).take();
}

}  // namespace

void write_json(JsonWriter& w, const ListInfo& info) { write_list(w, info, nullptr); }

std::string_view verdict_name(Severity verdict, const std::vector<ListInfo>& lists) {
  // A delta screening saw only the entries added or changed since earlier lists: finding nothing
  // there clears no one, it leaves the earlier result standing (docs/api.md).
  const bool delta = std::any_of(lists.begin(), lists.end(),
                                 [](const ListInfo& l) { return l.delta.has_value(); });
  if (verdict == Severity::kClear && delta) return "unchanged";
  return to_string(verdict);
}

json party_summaries_json(const ScreenResult& result, std::size_t parties) {
  // One pass over the findings and matches (a summary per party that scanned every finding
  // made a request of n parties cost n^2). A finding about one party counts for it; one about
  // no party (the whole deal) counts for every party, in the findings' order.
  constexpr std::size_t kDeal = static_cast<std::size_t>(-1);
  std::vector<Severity> verdict(parties, Severity::kClear);
  std::vector<std::vector<std::size_t>> own(parties);  // finding indexes, by party
  std::vector<std::size_t> deal;
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& f = result.findings[i];
    const json* about = f.subject.contains("party")    ? &f.subject["party"]
                        : f.evidence.contains("party") ? &f.evidence["party"]
                                                       : nullptr;
    std::size_t p = kDeal;
    if (about && about->is_number()) {
      const double d = about->get<double>();
      p = d >= 0 && d < static_cast<double>(parties) ? static_cast<std::size_t>(d) : parties;
    }
    if (p == kDeal) {
      deal.push_back(i);
    } else if (p < parties) {
      own[p].push_back(i);
      verdict[p] = std::max(verdict[p], f.severity);
    }
  }
  Severity deal_verdict = Severity::kClear;
  for (std::size_t i : deal) deal_verdict = std::max(deal_verdict, result.findings[i].severity);
  std::vector<std::size_t> count(parties, 0);
  std::vector<const PartyMatchResult*> best(parties, nullptr);
  for (const auto& pm : result.party_matches) {
    if (pm.party >= parties) continue;
    if (count[pm.party]++ == 0) best[pm.party] = &pm;
  }
  json out = json::array();
  for (std::size_t p = 0; p < parties; ++p) {
    json rules = json::array();
    std::size_t a = 0, b = 0;
    while (a < own[p].size() || b < deal.size()) {
      const bool take_own = b == deal.size() || (a < own[p].size() && own[p][a] < deal[b]);
      const std::string& rule = result.findings[take_own ? own[p][a++] : deal[b++]].rule;
      if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
    }
    json best_json = nullptr;
    if (best[p]) {
      const PartyMatch& m = best[p]->match;
      best_json = {{"name", m.entry->name},     {"matched_name", m.matched_name},
                   {"alias", m.alias},          {"score", m.score},
                   {"source", m.entry->source}, {"source_code", m.entry->source_code},
                   {"entry_id", m.entry->id}};
    }
    out.push_back({{"verdict", to_string(std::max(verdict[p], deal_verdict))},
                   {"rules", std::move(rules)},
                   {"matches", count[p]},
                   {"best", std::move(best_json)}});
  }
  return out;
}

json error_json(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string current_error_json() noexcept {
  try {
    try {
      throw;
    } catch (const Error& e) {
      return dump(error_json(e.code(), e.what()));
    } catch (const std::bad_alloc&) {
      return dump(error_json(errc::kOutOfMemory, "out of memory while handling the request"));
    } catch (const std::exception& e) {
      return dump(error_json(errc::kInternal, e.what()));
    } catch (...) {
      return dump(error_json(errc::kInternal, "unknown error"));
    }
  } catch (...) {
    // Building the envelope itself failed (no memory left even for it): a constant that needs
    // no allocation beyond the string's own small buffer is all that can still be returned.
    return R"({"error":{"code":"out_of_memory","message":"out of memory"}})";
  }
}

std::string screen_json(const Screener& screener, std::string_view request_json) {
  return guarded([&] {
    const ScreenRequest request = parse_screen_request(request_json);
    return result_json(screener.screen(request), request);
  });
}

std::string match_json(const Screener& screener, std::string_view query_json,
                       const MatchOptions& defaults) {
  return guarded([&] {
    static const JsonLimits query_limits = boundary_limits({{"name", kMaxNameBytes, {}}});
    const json j = parse_json(query_json, "the query", query_limits);
    require_object(j, "the query");
    reject_unknown(j, "the query", fields::kMatchQuery);
    if (!j.contains("name")) throw Error(errc::kInvalidRequest, "name is required");
    MatchQuery q;
    q.name = trimmed(require_string(j["name"], "name", kMaxNameBytes));
    if (q.name.empty()) throw Error(errc::kInvalidRequest, "name is empty");
    if (j.contains("type")) q.type = parse_type(j["type"], "type");
    if (j.contains("country") &&
        !(j["country"].is_string() && j["country"].get<std::string>().empty())) {
      q.country = require_country(require_string(j["country"], "country", 16), "country");
    }
    const MatchOptions options = parse_match_options(j, "", defaults);
    MatchSummary summary;
    const std::vector<PartyMatch> matches = screener.match(q, options, &summary);
    JsonWriter w;
    write_groups(w.object().key("groups"), summary);
    write_invisible(w.key("invisible"), find_invisible(q.name));
    w.key("matches").array();
    for (const PartyMatch& m : matches) write_match(w, m, nullptr);
    w.end();
    w.field("possible", summary.possible)
        .field("query", q.name)
        .field("strong", summary.strong)
        .field("total", summary.total)
        .end();
    return std::move(w).take();
  });
}

std::string compare_json(std::string_view pair_json, double min_score) {
  return guarded([&] {
    static const JsonLimits pair_limits =
        boundary_limits({{"a", kMaxNameBytes, {}}, {"b", kMaxNameBytes, {}}});
    const json j = parse_json(pair_json, "the pair", pair_limits);
    require_object(j, "the pair");
    reject_unknown(j, "the pair", fields::kComparePair);
    if (!j.contains("a") || !j.contains("b"))
      throw Error(errc::kInvalidRequest, "a and b are required");
    const std::string a = require_string(j["a"], "a", kMaxNameBytes);
    const std::string b = require_string(j["b"], "b", kMaxNameBytes);
    CompareOptions options;
    // Both names are of the stated kind: `a` as typed, `b` as a list would type it.
    if (j.contains("type")) options.query_kind = options.list_kind = parse_type(j["type"], "type");
    const NameComparison c = compare_names(normalize_name(a), normalize_name(b), options);
    // The same party: the score reaches the threshold and nothing tells the two apart
    // (another legal form, number, country or kind of party; an organisation's name that is
    // part of the other's). A person's partial name, a cross-script or a one-word match still
    // counts when it scores that high (a screening reviews it as possible).
    const bool same = c.score >= min_score && c.reason != PossibleReason::kLegalForm &&
                      c.reason != PossibleReason::kNumber && c.reason != PossibleReason::kCountry &&
                      c.reason != PossibleReason::kKind &&
                      !(c.reason == PossibleReason::kPartialName && c.kind != NameKind::kPerson);
    JsonWriter w;
    write_explanation(w.object().key("explanation"), c);
    w.field("match", same);
    reason_value(w.key("reason"), c.reason);
    w.field("score", c.score)
        .field("strength", to_string(c.strength))
        .field("why", why_possible(c.reason, c.reason_words, 0))
        .end();
    return std::move(w).take();
  });
}

LoadOptions parse_load_options(std::string_view options_json, bool* replace) {
  LoadOptions options;
  if (replace) *replace = false;
  if (options_json.empty()) return options;
  const json j = parse_json(options_json, "the list options");
  require_object(j, "the list options");
  reject_unknown(j, "the list options", fields::kListOptions);
  if (j.contains("label")) options.label = require_string(j["label"], "label", 256);
  if (j.contains("as_of"))
    options.as_of = require_date(require_string(j["as_of"], "as_of", 32), "as_of");
  if (j.contains("format")) {
    options.format = require_string(j["format"], "format", 32);
    if (options.format != "auto" && options.format != "csl_csv" && options.format != "csl_json" &&
        options.format != "ofac_csv") {
      throw Error(errc::kInvalidRequest, "format must be auto, csl_csv, csl_json or ofac_csv");
    }
  }
  if (j.contains("known_sha256")) {
    std::string hash = require_string(j["known_sha256"], "known_sha256", 128);
    const auto hex = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    if (hash.size() != 64 || !std::all_of(hash.begin(), hash.end(), hex))
      throw Error(errc::kInvalidRequest, "known_sha256 must be 64 hexadecimal digits");
    for (char& c : hash) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
    options.known_sha256 = std::move(hash);
  }
  if (j.contains("total_bytes")) {
    const json& v = j["total_bytes"];
    if (!v.is_number_unsigned()) {
      throw Error(errc::kInvalidRequest, "total_bytes must be a whole number of bytes");
    }
    options.total_bytes = v.get<std::size_t>();
  }
  if (j.contains("replace")) {
    if (!j["replace"].is_boolean())
      throw Error(errc::kInvalidRequest, "replace must be true or false");
    if (replace) *replace = j["replace"].get<bool>();
  }
  return options;
}

std::string add_list_json(Screener& screener, ListSnapshot list, bool replace) {
  if (replace) screener.clear_lists();
  const ListInfo& added = screener.add_list(std::move(list));
  JsonWriter w;
  write_json(w.object().key("list"), added);
  w.key("lists").array();
  for (const auto& l : screener.lists()) write_json(w, l);
  w.end().end();
  return std::move(w).take();
}

std::string load_list_json(Screener& screener, std::string_view bytes,
                           std::string_view options_json) {
  return guarded([&] {
    bool replace = false;
    const LoadOptions options = parse_load_options(options_json, &replace);
    ListSnapshot list = load_list(bytes, options);  // throws before the screener changes
    return add_list_json(screener, std::move(list), replace);
  });
}

std::string lists_json(const Screener& screener) {
  return guarded([&] {
    JsonWriter w;
    w.object().key("lists").array();
    for (const auto& l : screener.lists()) write_json(w, l);
    w.end().end();
    return std::move(w).take();
  });
}

std::string parse_csv_json(std::string_view bytes, std::string_view options_json) {
  return guarded([&] {
    char separator = ',';
    if (!options_json.empty()) {
      const json j = parse_json(options_json, "the CSV options");
      require_object(j, "the CSV options");
      reject_unknown(j, "the CSV options", fields::kCsvOptions);
      if (j.contains("separator")) {
        const std::string sep = require_string(j["separator"], "separator", 8);
        if (sep != "," && sep != ";" && sep != "\t" && sep != "auto") {
          throw Error(errc::kInvalidRequest, "separator must be \",\", \";\", a tab or \"auto\"");
        }
        separator = sep == "auto" ? '\0' : sep[0];
      }
    }
    if (bytes.size() > kMaxCsvBytes) {
      throw Error(errc::kRequestTooLarge, "the CSV file is " + std::to_string(bytes.size()) +
                                              " bytes; the limit is " +
                                              std::to_string(kMaxCsvBytes));
    }
    // The rows are written as text as they are read (JsonWriter), their lines kept to write
    // before them: the answer's keys in sorted order, as the JSON value it replaces wrote them.
    JsonWriter rows;
    rows.array();
    std::vector<std::size_t> lines;
    PartyCsvReader reader(separator);
    // The whole file or nothing: the first row that cannot be read refuses the file, naming its
    // line, and a row past the limit stops the reading.
    const auto on_row = [&](PartyCsvRow& row) {
      if (!row.error_code.empty()) throw Error(row.error_code, row.error_message);
      // kMaxCsvRecords rows of parties, and a header row above them (which row is the header
      // is the caller's business, so a file without one may hold one party more).
      if (lines.size() == kMaxCsvRecords + 1) {
        throw Error(errc::kRequestTooLarge, "the CSV file has more than " +
                                                std::to_string(kMaxCsvRecords) +
                                                " rows and a header; split it into smaller files");
      }
      rows.value(row.fields);
      lines.push_back(row.line);
    };
    reader.feed(bytes, on_row);
    reader.finish(on_row);
    JsonWriter w;
    w.object()
        .field("bom", reader.byte_order_mark())
        .field("encoding", reader.encoding())
        .key("lines")
        .array();
    for (const std::size_t line : lines) w.value(line);
    w.end().key("rows").raw(std::move(rows.end()).take());
    return std::move(w.field("separator", std::string(1, reader.separator())).end()).take();
  });
}

std::string country_codes_json() {
  // The widget's worker asks for it at every start: written as text, where building 250 JSON
  // objects cost 2.9 M instructions (bench/callgrind.mjs cold_start).
  return guarded([&] {
    JsonWriter w;
    w.object().key("countries").array();
    for (const auto& [code, name] : country_codes()) {
      w.object().field("code", code).field("name", name).end();
    }
    w.end().end();
    return std::move(w).take();
  });
}

}  // namespace exportscreen
