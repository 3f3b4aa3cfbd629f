// The classifier: every threshold boundary of 3A090 (2022 and 2023 versions), 3A090.c, 4A090,
// Note 2, sparse halving, GP10 status, chip recognition and item validation, through classify_json.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "exportscreen/api.h"
#include "test_support.h"

using namespace exportscreen;
using nlohmann::json;

namespace {

// Classifies an item as of 2026-09-01 (unless it says otherwise).
json classify(json item) {
  if (!item.contains("as_of")) item["as_of"] = "2026-09-01";
  const json r = json::parse(classify_json(item.dump()));
  if (r.contains("error")) FAIL_CHECK("unexpected error: " << r.dump());
  return r;
}

std::string classify_error(const json& item) {
  return test::error_code(classify_json(item.dump()));
}

// A specification item of a given TPP (as FP16 TFLOPS x 16) and performance density.
json spec(double tpp, double pd, bool datacenter) {
  return {{"tops", {{"fp16", tpp / 16}}},
          {"die_area_mm2", tpp / pd},
          {"datacenter", datacenter},
          {"designer_hq_country", "US"}};
}

json paragraph(const json& c) { return c["paragraph"]; }

}  // namespace

TEST_CASE("classify 3A090.a.1: TPP exactly 4800 is in, just below is out") {
  // 3A090.a.1: TPP >= 4800 (88 FR 73458, Oct. 25, 2023).
  CHECK(paragraph(classify({{"tops", {{"fp16", 300}}}, {"datacenter", true}})) == "3A090.a.1");
  const json below =
      classify({{"tops", {{"fp16", 299.99}}}, {"datacenter", true}, {"die_area_mm2", 5000}});
  CHECK(below["paragraph"].is_null());
  CHECK(below["eccn"].is_null());
  CHECK(below["determinate"] == true);
  // The rule's own worked example: 600 TOPS at 8 bits meets 4800.
  CHECK(classify({{"tops", {{"int8", 600}}}, {"datacenter", true}})["tpp"] == 4800.0);
}

TEST_CASE("classify 3A090.a.2: TPP 1600 with performance density exactly 5.92") {
  CHECK(paragraph(classify(spec(1600, 5.92, true))) == "3A090.a.2");
  // Just under either threshold.
  CHECK(paragraph(classify(spec(1600, 5.919, true))) == "3A090.b.2");  // 3.2 <= PD < 5.92
  CHECK(classify(spec(1599.9, 5.92, true))["eccn"].is_null());
  const json c = classify(spec(1600, 5.92, true));
  bool shown = false;
  for (const json& t : c["tests"]) {
    if (t["prong"] == "3A090.a.2" && t["quantity"] == "performance_density") {
      CHECK(t["op"] == ">=");
      CHECK(t["rhs"] == 5.92);
      CHECK(t["result"] == true);
      CHECK(t["decisive"] == true);
      shown = true;
    }
  }
  CHECK(shown);
}

TEST_CASE("classify 3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= PD < 5.92") {
  CHECK(paragraph(classify(spec(2400, 1.6, true))) == "3A090.b.1");
  CHECK(classify(spec(2399.99, 1.6, true))["eccn"].is_null());  // below 2400, PD below b.2's 3.2
  CHECK(classify(spec(3000, 1.599, true))["eccn"].is_null());   // PD below 1.6
  CHECK(paragraph(classify(spec(4799, 5.9, true))) == "3A090.b.1");
  CHECK(classify(spec(4799, 5.9, true))["paragraphs"] == json({"3A090.b.1", "3A090.b.2"}));
  CHECK(paragraph(classify(spec(3000, 5.92, true))) == "3A090.a.2");  // PD 5.92 leaves .b for .a.2
  CHECK(paragraph(classify(spec(4800, 2, true))) == "3A090.a.1");     // TPP 4800 leaves .b.1
}

TEST_CASE("classify 3A090.b.2: TPP >= 1600 and 3.2 <= PD < 5.92") {
  CHECK(paragraph(classify(spec(1600, 3.2, true))) == "3A090.b.2");
  CHECK(classify(spec(1600, 3.199, true))["eccn"].is_null());
  CHECK(classify(spec(2000, 3.1, true))["reason"].get<std::string>().find(
            "b.2: performance density 3.1 < 3.2") != std::string::npos);
}

TEST_CASE("classify: sparse figures are halved before TPP") {
  json sparse = {{"tops", {{"fp16", 600}}}, {"sparse", true}, {"datacenter", true}};
  const json c = classify(sparse);
  CHECK(c["tpp"] == 4800.0);
  CHECK(c["sparse_halved"] == true);
  CHECK(c["tpp_terms"][0]["tops"] == 300.0);
  sparse["tops"]["fp16"] = 599.98;
  CHECK(classify(sparse)["paragraph"].is_null());
  sparse["sparse"] = false;
  CHECK(classify(sparse)["tpp"] == doctest::Approx(9599.68));
}

TEST_CASE("classify: Note 2 excludes non-datacenter items below 4800, not at 4800") {
  // Note 2 to 3A090: not designed or marketed for datacenters AND TPP < 4800.
  const json excluded = classify(spec(4799, 7, false));
  CHECK(excluded["eccn"].is_null());
  CHECK(excluded["determinate"] == true);
  CHECK(excluded["reason"].get<std::string>().find("Note 2") != std::string::npos);
  CHECK(paragraph(classify(spec(4799, 7, true))) == "3A090.a.2");  // the same chip for datacenters
  CHECK(paragraph(classify(spec(4800, 7, false))) ==
        "3A090.a.1");  // at 4800 Note 2 no longer applies
  // Datacenter unknown below 4800: both outcomes stay open and datacenter is asked for.
  const json unknown = classify({{"tops", {{"fp16", 200}}}, {"die_area_mm2", 400}});
  CHECK(unknown["determinate"] == false);
  CHECK(unknown["missing"] == json({"datacenter", "designer_hq_country"}));
}

TEST_CASE("classify: performance density unknown without a die area") {
  const json c =
      classify({{"tops", {{"fp8", 200}}}, {"datacenter", true}, {"designer_hq_country", "US"}});
  CHECK(c["tpp"] == 1600.0);
  CHECK(c["performance_density"].is_null());
  CHECK(c["determinate"] == false);
  CHECK(c["possible"] == json({"3A090.a.2", "3A090.b.2", nullptr}));
  CHECK(c["missing"] == json({"die_area_mm2"}));
  CHECK(c["eccn"].is_null());
  // TPP alone decides .a.1, die area or not.
  CHECK(paragraph(classify({{"tops", {{"fp8", 600}}}, {"datacenter", true}})) == "3A090.a.1");
}

TEST_CASE("classify: TPP is the maximum over precisions of TOPS x bit length") {
  const json c =
      classify({{"tops", {{"bf16", 1835}, {"fp8", 1835}}}, {"datacenter", true}});  // Gaudi 3
  CHECK(c["tpp"] == 29360.0);
  CHECK(c["tpp_precision"] == "bf16");
  CHECK(c["tpp_terms"].size() == 2);
  CHECK(classify_error({{"tops", {{"fp12", 1}}}}) == "invalid_request");
  CHECK(classify_error({{"tops", json::object()}}) == "invalid_request");
  CHECK(classify_error({{"tops", {{"fp16", -1}}}}) == "invalid_request");
}

TEST_CASE("classify: the October 2022 3A090 applies before November 17, 2023") {
  // 87 FR 62186: I/O bandwidth >= 600 GB/s AND TPP >= 4800.
  json item = {{"tops", {{"fp16", 300}}},
               {"io_bandwidth_gbps", 600},
               {"datacenter", true},
               {"as_of", "2023-11-16"}};
  const json in = classify(item);
  CHECK(in["paragraph"] == "3A090.a");
  CHECK(in["definition"]["id"] == "3A090-2022");
  item["io_bandwidth_gbps"] = 599.9;
  CHECK(classify(item)["eccn"].is_null());
  item["as_of"] = "2023-11-17";
  CHECK(classify(item)["paragraph"] == "3A090.a.1");  // the 2023 test ignores I/O
  item.erase("io_bandwidth_gbps");
  item["as_of"] = "2023-01-01";
  const json unknown = classify(item);
  CHECK(unknown["determinate"] == false);
  CHECK(unknown["missing"] == json({"io_bandwidth_gbps", "designer_hq_country"}));
  item["as_of"] = "2022-10-06";
  const json before = classify(item);
  CHECK(before["eccn"].is_null());
  CHECK(before["definition"].is_null());
  CHECK(before["reason"].get<std::string>().find("87 FR 62186") != std::string::npos);
}

TEST_CASE("classify 3A090.c: HBM above 2 GB/s/mm2 from December 2, 2024") {
  // 89 FR 96790: memory bandwidth density > 2 GB/s per mm2.
  json hbm = {{"kind", "hbm"}, {"memory_bandwidth_gbps", 200}, {"package_area_mm2", 100}};
  CHECK(classify(hbm)["eccn"].is_null());  // exactly 2 is not "greater than 2"
  hbm["memory_bandwidth_gbps"] = 200.1;
  CHECK(classify(hbm)["paragraph"] == "3A090.c");
  CHECK(classify(hbm)["memory_bandwidth_density"] == doctest::Approx(2.001));
  hbm["logic_co_packaged"] = true;
  CHECK(classify(hbm)["eccn"].is_null());
  hbm.erase("logic_co_packaged");
  hbm["as_of"] = "2024-12-01";
  CHECK(classify(hbm)["eccn"].is_null());
  CHECK(classify_error({{"kind", "hbm"}, {"tops", {{"fp16", 1}}}}) == "invalid_request");
  CHECK(classify_error({{"kind", "hbm"}, {"name", "H100"}}) == "invalid_request");
}

TEST_CASE("classify 4A090: computers containing 3A090 ICs") {
  CHECK(classify({{"kind", "computer"}, {"name", "H100 SXM5"}})["paragraph"] == "4A090.a");
  CHECK(classify({{"kind", "computer"}, {"name", "H100 SXM5"}})["eccn"] == "4A090");
  json b = spec(3000, 4, true);
  b["kind"] = "computer";
  CHECK(classify(b)["paragraph"] == "4A090.b");
  const json d =
      classify({{"kind", "computer"}, {"name", "RTX 4090D"}});  // Note 2 reaches 4A090 too
  CHECK(d["eccn"].is_null());
  CHECK(d["determinate"] == true);
}

TEST_CASE("classify GP10: 3A090-level ICs developed by D:5- or Macau-headquartered companies") {
  json prc = spec(6000, 8, true);
  prc["designer_hq_country"] = "CN";
  const json c = classify(prc);
  CHECK(c["gp10"] == true);
  CHECK(c["gp10_reason"].get<std::string>().find("China") != std::string::npos);
  prc["as_of"] = "2025-05-12";  // the guidance dates from May 13, 2025
  CHECK(classify(prc)["gp10"] == false);
  prc["as_of"] = "2025-05-13";
  CHECK(classify(prc)["gp10"] == true);
  prc["designer_hq_country"] = "MO";
  CHECK(classify(prc)["gp10"] == true);
  prc["designer_hq_country"] = "US";
  prc["producer_hq_country"] = "CN";
  CHECK(classify(prc)["gp10"] == true);  // produced by a PRC company
  json below = spec(1000, 8, true);
  below["designer_hq_country"] = "CN";
  CHECK(classify(below)["gp10"] == false);  // not 3A090-level
  json unknown = spec(6000, 8, true);
  unknown.erase("designer_hq_country");
  const json u = classify(unknown);
  CHECK(u["gp10"].is_null());
  CHECK(u["missing"] == json({"designer_hq_country"}));
}

TEST_CASE("classify: catalog chips are recognised from loose names") {
  const auto id = [](const std::string& name) {
    const json r = json::parse(classify_json(json({{"name", name}}).dump()));
    return r.contains("error") ? std::string("error:") + r["error"]["code"].get<std::string>()
                               : r["chip"]["id"].get<std::string>();
  };
  CHECK(id("h100 sxm5 80gb") == "nvidia-h100-sxm");
  CHECK(id("NVIDIA H100 SXM5 80GB HBM3") == "nvidia-h100-sxm");
  CHECK(id("Ascend910C") == "huawei-ascend-910c");
  CHECK(id("昇腾910B") == "huawei-ascend-910b");
  CHECK(id("华为 昇腾 910D") == "huawei-ascend-910d");
  CHECK(id("nvidia-h20") == "nvidia-h20");
  CHECK(id("H200") == "nvidia-h200");  // not the H20
  CHECK(id("GeForce RTX 4090 D") == "nvidia-rtx-4090d");
  CHECK(id("rtx4090d") == "nvidia-rtx-4090d");  // not the 4090
  CHECK(id("RTX 4090") == "nvidia-rtx-4090");
  CHECK(id("ＭＩ３００Ｘ") == "amd-mi300x");  // full-width forms
  CHECK(id("Intel Gaudi3 accelerator") == "intel-gaudi3");
  CHECK(id("思元370") == "cambricon-mlu370-x8");
  // Not in the catalog: never guessed from a near name.
  CHECK(id("A1000") == "error:unknown_item");
  CHECK(id("H100 PCIe") == "nvidia-h100-pcie");  // its own entry, never the SXM5's figures
  CHECK(id("h100 pcie 80gb") == "nvidia-h100-pcie");
  CHECK(id("H100 NVL") == "nvidia-h100-nvl");
  CHECK(id("MI300A") == "amd-mi300a");
  CHECK(id("NVIDIA H20 96GB") == "nvidia-h20");
  CHECK(id("GB200 NVL72") == "nvidia-gb200");  // not the B200
  CHECK(id("RTX 5090D") == "nvidia-rtx-5090d");
  CHECK(id("A10") == "nvidia-a10");                   // not the A100
  CHECK(id("RTX PRO 6000") == "error:unknown_item");  // server or workstation: not guessed
  CHECK(id("H100 SXM7") == "error:unknown_item");
  const json e = json::parse(classify_json(R"({"name":"H100 SXM7"})"));
  CHECK(e["error"]["message"].get<std::string>().find("NVIDIA H100 SXM5") != std::string::npos);
}

TEST_CASE("classify: items are validated field by field") {
  CHECK(classify_error({{"name", "H100"}, {"colour", "green"}}) == "invalid_request");
  CHECK(classify_error({{"label", "x"}}) == "invalid_request");  // neither name nor tops
  CHECK(classify_error({{"name", "H100"}, {"datacenter", false}}) ==
        "invalid_request");  // catalog has it
  CHECK(classify_error({{"name", "H100"}, {"tops", {{"fp8", 1}}}}) == "invalid_request");
  CHECK(classify_error({{"name", "MI308X"}, {"tops", {{"fp8", 300}}}})
            .empty());  // the catalog lacks it
  CHECK(classify_error({{"name", "MLU370"}, {"die_area_mm2", 0}}) == "invalid_request");
  CHECK(classify_error({{"tops", {{"fp16", 1}}}, {"designer_hq_country", "XX"}}) ==
        "invalid_country");
  CHECK(classify_error({{"tops", {{"fp16", 1}}}, {"quantity", 0}}) == "invalid_request");
  CHECK(classify_error({{"tops", {{"fp16", 1}}}, {"kind", "phone"}}) == "invalid_request");
  CHECK(classify_error({{"tops", {{"fp16", 1}}}, {"as_of", "2026-02-30"}}) == "invalid_date");
  CHECK(classify_error({{"tops", {{"fp16", 1}}}, {"locale", "fr"}}) == "invalid_request");
  CHECK(classify_error({{"name", std::string(300, 'x')}}) == "request_too_large");
  CHECK(json::parse(classify_json("[1]"))["error"]["code"] == "invalid_request");
  CHECK(json::parse(classify_json("{"))["error"]["code"] == "invalid_json");
}

TEST_CASE("classify: absurd figures are refused, never computed to infinity") {
  // Found by the item fuzzer's matrix: 1e308 TOPS made TPP inf, printed as "TPP inf" and null.
  CHECK(classify_error({{"tops", {{"int8", 1e308}}}}) == "invalid_request");
  CHECK(classify_error({{"tops", {{"fp64", 1e9}}}}).empty());
  CHECK(classify_error({{"tops", {{"fp64", 1.000001e9}}}}) == "invalid_request");
  CHECK(classify_error({{"tops", {{"fp16", 1000}}}, {"die_area_mm2", 1e-300}}) ==
        "invalid_request");
  CHECK(classify_error({{"tops", {{"fp16", 1000}}}, {"memory_bandwidth_gbps", 1e300}}) ==
        "invalid_request");
  CHECK(
      classify_error({{"kind", "hbm"}, {"memory_bandwidth_gbps", 1e9}, {"package_area_mm2", 0.001}})
          .empty());
  const json c = classify({{"tops", {{"fp64", 1e9}}}, {"die_area_mm2", 0.001}});
  CHECK(c["tpp"].is_number());
  CHECK(c["performance_density"].is_number());
}

TEST_CASE("classify: a catalog chip missing a figure can be completed, never contradicted") {
  // MLU370-X8: no published die area, so the classification is open until one is given.
  const json open = classify({{"name", "MLU370-X8"}});
  CHECK(open["determinate"] == false);
  CHECK(open["gp10"].is_null());  // PRC-designed, 3A090 status open
  const json with_area = classify({{"name", "MLU370-X8"}, {"die_area_mm2", 500}});  // PD 4.1
  CHECK(with_area["paragraph"] == "3A090.b.2");
  CHECK(with_area["gp10"] == true);
}

TEST_CASE("classify: reasons and texts follow the locale") {
  const json en = classify({{"name", "H100"}});
  const json zh = classify({{"name", "H100"}, {"locale", "zh"}});
  CHECK(en["reason"] == "3A090.a.1: TPP 15,832 ≥ 4,800.");
  CHECK(zh["reason"] == "3A090.a.1：TPP 15,832 ≥ 4,800。");
  CHECK(zh["chip"]["notes"].get<std::string>().find("SXM5") != std::string::npos);
  CHECK(en["rules_version"] == rules_version());
  CHECK(en["rules_date"] == rules_date());
}
