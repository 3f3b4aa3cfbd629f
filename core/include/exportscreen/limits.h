// Every limit on what exportscreen reads (docs/api.md, Limits), in one place: each is checked as
// the input is read, before the work it guards, so refusing input never costs more than reading
// the largest input accepted.
#pragma once

#include <cstddef>

namespace exportscreen {

/// Bytes of one JSON text at a boundary (a request, a query, options): 16 MiB.
inline constexpr std::size_t kMaxRequestBytes = 16u << 20;
/// Parties of one screening request.
inline constexpr std::size_t kMaxParties = 10000;
/// Bytes of a party name (a request's, a match query's, a batch row's).
inline constexpr std::size_t kMaxNameBytes = 1024;
/// Items of one screening request.
inline constexpr std::size_t kMaxItems = 1000;
/// Bytes of an item's name or label.
inline constexpr std::size_t kMaxItemNameBytes = 256;
/// Nested arrays and objects in one JSON text.
inline constexpr std::size_t kMaxJsonNesting = 32;
/// Elements of any other array in a JSON text (options.sources, ...).
inline constexpr std::size_t kMaxArrayElements = 1000;
/// Members of one JSON object (the largest a valid request has is 21: the red flags).
inline constexpr std::size_t kMaxObjectMembers = 64;
/// Bytes of any other string in a JSON text (an address is at most this).
inline constexpr std::size_t kMaxStringBytes = 4096;
/// JSON values of every kind in one text. A request at every other limit holds about 101,000
/// (10,000 parties of 6 fields, 1,000 items of 16 fields and 10 figures, 3 option arrays).
inline constexpr std::size_t kMaxRequestValues = 150000;

/// A user's CSV file of parties (batch screening): bytes, rows of parties (a header row may come
/// on top of them) and fields per row.
inline constexpr std::size_t kMaxCsvBytes = 16u << 20;
inline constexpr std::size_t kMaxCsvRecords = 100000;
inline constexpr std::size_t kMaxCsvFields = 64;

/// A list file (all the files of an OFAC set together): 64 MiB, 2.6 times the largest real list
/// (the CSL JSON, 24 MB), whose index takes about 2.4 times its size in memory.
inline constexpr std::size_t kMaxListBytes = 64u << 20;
/// Records of one list (all its files): 20 times the Consolidated Screening List's 24,000.
inline constexpr std::size_t kMaxListRecords = 500000;
/// Bytes of one record of a list file (real ones are a few KiB).
inline constexpr std::size_t kMaxListRecordBytes = 4u << 20;

}  // namespace exportscreen
