// Every catalog chip's expected classification, each with the source of its figures, as of
// September 1, 2026 (the 2023 version of 3A090 in force) unless the case says otherwise.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

json classify(const std::string& name, const std::string& as_of = "2026-09-01") {
  const json r = json::parse(classify_json(json({{"name", name}, {"as_of", as_of}}).dump()));
  REQUIRE_MESSAGE(!r.contains("error"), r.dump());
  return r;
}

void expect(const std::string& name, double tpp, const char* paragraph, bool gp10) {
  CAPTURE(name);
  const json c = classify(name);
  CHECK(c["tpp"].get<double>() == doctest::Approx(tpp));
  if (paragraph) {
    CHECK(c["paragraph"] == paragraph);
  } else {
    CHECK(c["paragraph"].is_null());
    CHECK(c["eccn"].is_null());
    CHECK(c["determinate"] == true);
  }
  CHECK(c["gp10"] == gp10);
  // Every catalog figure says where it comes from and how good it is.
  for (const auto& item : c["chip"]["figures"].items()) {
    const std::string key = item.key();
    const json& figure = item.value();
    CAPTURE(key);
    CHECK(!figure["source"].get<std::string>().empty());
    CHECK((figure["grade"] == "vendor" || figure["grade"] == "secondary" ||
           figure["grade"] == "derived"));
  }
}

}  // namespace

TEST_CASE("catalog: NVIDIA datacenter GPUs") {
  // A100: 312 FP16 / 624 INT8 dense (NVIDIA datasheet via [KELLY]); every precision gives 4,992;
  // 826 mm2 -> PD 6.04.
  expect("A100", 4992, "3A090.a.1", false);
  CHECK(classify("A100")["performance_density"].get<double>() ==
        doctest::Approx(6.04).epsilon(0.001));
  // A800: A100 compute, NVLink 400 GB/s: outside the 2022 test, 3A090.a.1 from Nov. 17, 2023.
  expect("A800", 4992, "3A090.a.1", false);
  CHECK(classify("A800", "2023-11-16")["eccn"].is_null());
  CHECK(classify("A100", "2023-11-16")["paragraph"] == "3A090.a");
  // H100 SXM5: 1,979 FP8 dense (NVIDIA datasheet via [KELLY]) -> 15,832; PD 19.45.
  expect("H100 SXM5", 15832, "3A090.a.1", false);
  // H800: H100 compute, NVLink 400 GB/s ([KELLY]).
  expect("H800", 15832, "3A090.a.1", false);
  CHECK(classify("H800", "2023-06-01")["eccn"].is_null());
  // H20: 296 FP8 ([TOMS-L20]) -> 2,368, PD 2.91: no paragraph is met ([SEMI] "white zone").
  expect("H20", 2368, nullptr, false);
  // H200: H100 compute (NVIDIA datasheet via [KELLY]).
  expect("H200", 15832, "3A090.a.1", false);
  // B200: 4,500 FP8 / 9,000 FP4 dense (via [KELLY]) -> 36,000.
  expect("B200", 36000, "3A090.a.1", false);
  // L20: 239 FP8 / 59.8 TF32 ([TOMS-L20]); TF32 x 32 = 1,913.6 is the highest term; PD 3.15 < 3.2.
  expect("L20", 1913.6, nullptr, false);
  CHECK(classify("L20")["notes"].size() == 1);  // the TF32 bit-length caveat
  // L40S: 733 FP8 dense ([L40S]) -> 5,864.
  expect("L40S", 5864, "3A090.a.1", false);
}

TEST_CASE("catalog: NVIDIA consumer GPUs and Note 2") {
  // RTX 4090: 660.6 FP8 ([AD102]/[4090D]) -> 5,284.8 >= 4,800: Note 2 cannot exclude it.
  expect("RTX 4090", 5284.8, "3A090.a.1", false);
  CHECK(classify("RTX 4090")["datacenter"] == false);
  // RTX 4090D: 588.4 FP8 derived from 456 of 512 Tensor Cores (published TPP 4,707, [4090D]).
  expect("RTX 4090D", 4707.2, nullptr, false);
  CHECK(classify("RTX 4090D")["reason"].get<std::string>().find("Note 2") != std::string::npos);
}

TEST_CASE("catalog: AMD and Intel accelerators") {
  // MI250X: 383 FP16 (AMD table, [MI250X]) -> 6,128.
  expect("MI250X", 6128, "3A090.a.1", false);
  // MI300X: 2,614.9 FP8 (AMD datasheet via [KELLY]) -> 20,919.2; die area not published.
  expect("MI300X", 20919.2, "3A090.a.1", false);
  CHECK(classify("MI300X")["performance_density"].is_null());
  // MI325X: MI300X compute (AMD datasheet).
  expect("MI325X", 20919.2, "3A090.a.1", false);
  // Gaudi 2: 432 BF16 (Intel Hot Chips 2024, [GAUDI]) -> 6,912.
  expect("Gaudi 2", 6912, "3A090.a.1", false);
  // Gaudi 3: 1,835 BF16 -> 29,360 (16-bit beats 8-bit).
  expect("Gaudi 3", 29360, "3A090.a.1", false);
}

TEST_CASE("catalog: figures that are not public stay unknown: MI308X") {
  const json c = classify("MI308X");
  CHECK(c["tpp"].is_null());
  CHECK(c["determinate"] == false);
  CHECK(c["eccn"].is_null());
  CHECK(c["missing"] == json({"tops", "die_area_mm2"}));
  CHECK(c["reason"].get<std::string>().find("not published") != std::string::npos);
  CHECK(c["chip"]["figures"].empty());
  CHECK(c["gp10"] == false);  // designed by AMD (US)
}

TEST_CASE("catalog: PRC chips") {
  // Ascend 910B: ~640 INT8 ([CSET-910]) -> 5,120; named by BIS's GP10 guidance of May 13, 2025.
  expect("Ascend 910B", 5120, "3A090.a.1", true);
  // Ascend 910C: ~800 FP16, two 910B dies ([910C]) -> 12,800.
  expect("Ascend 910C", 12800, "3A090.a.1", true);
  CHECK(classify("Ascend 910C", "2025-05-12")["gp10"] == false);  // before the guidance
  // Ascend 910D: no public figures: 3A090 indeterminate, GP10 by name.
  const json d = classify("Ascend 910D");
  CHECK(d["tpp"].is_null());
  CHECK(d["determinate"] == false);
  CHECK(d["gp10"] == true);
  CHECK(d["gp10_reason"].get<std::string>().find("Named") != std::string::npos);
  // Cambricon MLU370-X8: 256 INT8 (Cambricon page via [CN]) -> 2,048; no die area: open between
  // 3A090.a.2, .b.2 and outside; PRC-designed, so GP10 open too.
  const json m = classify("MLU370-X8");
  CHECK(m["tpp"] == 2048.0);
  CHECK(m["possible"] == json({"3A090.a.2", "3A090.b.2", nullptr}));
  CHECK(m["gp10"].is_null());
}

TEST_CASE("catalog: every chip of the issue is present and classifies without error") {
  for (const char* name :
       {"A100",   "A800",    "H100",     "H800",        "H20",         "H200",        "B200",
        "L20",    "L40S",    "RTX 4090", "RTX 4090D",   "MI250X",      "MI300X",      "MI308X",
        "MI325X", "Gaudi 2", "Gaudi 3",  "Ascend 910B", "Ascend 910C", "Ascend 910D", "MLU370"}) {
    CAPTURE(name);
    const json c = classify(name);
    CHECK(!c["chip"]["id"].get<std::string>().empty());
    CHECK(!c["reason"].get<std::string>().empty());
    CHECK(c["tests"].is_array());
  }
}
