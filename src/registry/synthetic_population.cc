#include "registry/synthetic_population.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>
#include <string_view>
#include <utility>

namespace shequ::registry {
namespace {

// --- Portable draws. std::uniform_int_distribution and friends are implementation-defined, so
// the mappings from the engine's 64-bit words are ours.

using Engine = std::mt19937_64;

// Uniform in [lo, hi]. The modulo bias is below 2^-32 for the small ranges used here.
int UniformInt(Engine& rng, int lo, int hi) {
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<int>(rng() % span);
}

// Uniform in [0, 1) from the top 53 bits.
double UniformReal(Engine& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

bool Chance(Engine& rng, double p) { return UniformReal(rng) < p; }

// An index drawn with probability proportional to weights[i].
std::size_t Weighted(Engine& rng, std::span<const double> weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double x = UniformReal(rng) * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

template <typename T>
void Shuffle(Engine& rng, std::vector<T>& items) {
  for (std::size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[static_cast<std::size_t>(UniformInt(rng, 0, int(i) - 1))]);
  }
}

// --- The shares (see the header for where they come from).

constexpr int kBands = kAgeBandCount;  // 0-4, 5-9, ..., 95-99, 100+

// The 2020 census pyramid, percent of the population per 5-year band, rounded.
constexpr std::array<double, kBands> kCensusShape = {
    5.51, 6.36, 6.08,                                      // 0-14
    5.27, 5.27, 6.64, 8.75, 6.99, 6.72, 8.21, 8.78, 7.31,  // 15-59
    5.20,                                                  // 60-64
    5.11, 3.40, 2.11, 1.28, 0.55, 0.17, 0.03, 0.003};      // 65+

// The census aggregates the bands are scaled to: [first band, last band] → share.
struct BandGroup {
  int first;
  int last;
  double share;
};
constexpr std::array<BandGroup, 4> kCensusGroups = {{
    {0, 2, 0.1795},    // 0-14
    {3, 11, 0.6335},   // 15-59
    {12, 12, 0.0520},  // 60-64 (60+ 18.70% less 65+ 13.50%)
    {13, 20, 0.1350},  // 65+
}};

std::vector<double> ScaledBandShares() {
  std::vector<double> shares(kBands);
  for (const BandGroup& group : kCensusGroups) {
    double shape = 0;
    for (int b = group.first; b <= group.last; ++b) shape += kCensusShape[b];
    for (int b = group.first; b <= group.last; ++b) {
      shares[b] = kCensusShape[b] / shape * group.share;
    }
  }
  return shares;
}

// Share of men by band: census sex ratios, higher for children, lower past 60.
double MaleShare(int band) {
  if (band <= 2) return 0.535;
  if (band <= 4) return 0.530;
  if (band <= 11) return 0.510;
  if (band <= 13) return 0.490;
  if (band <= 15) return 0.470;
  if (band <= 17) return 0.420;
  return 0.330;
}

// Probability of a disability certificate by age (rising with age; about 6% overall).
double DisabilityChance(int age) {
  if (age < 15) return 0.012;
  if (age < 45) return 0.030;
  if (age < 60) return 0.060;
  if (age < 70) return 0.110;
  if (age < 80) return 0.170;
  return 0.280;
}
constexpr std::array<double, 4> kDisabilityLevelWeights = {0.12, 0.18, 0.26, 0.44};  // 1..4

// The 100 commonest surnames with their approximate share (percent) of the population
// (Ministry of Public Security name report, 2020), the rest spread over the tail.
struct Surname {
  std::string_view name;
  double percent;
};
constexpr Surname kSurnames[] = {
    {"王", 7.1},  {"李", 7.0},  {"张", 6.4},  {"刘", 5.4},  {"陈", 4.6},  {"杨", 3.1},
    {"黄", 2.5},  {"赵", 2.3},  {"吴", 2.0},  {"周", 1.9},  {"徐", 1.3},  {"孙", 1.3},
    {"马", 1.2},  {"朱", 1.2},  {"胡", 1.1},  {"郭", 1.1},  {"何", 1.0},  {"林", 0.95},
    {"高", 0.95}, {"罗", 0.9},  {"郑", 0.85}, {"梁", 0.85}, {"谢", 0.7},  {"宋", 0.7},
    {"唐", 0.65}, {"许", 0.65}, {"韩", 0.6},  {"冯", 0.6},  {"邓", 0.6},  {"曹", 0.55},
    {"彭", 0.55}, {"曾", 0.5},  {"肖", 0.5},  {"田", 0.5},  {"董", 0.5},  {"潘", 0.45},
    {"袁", 0.45}, {"蔡", 0.45}, {"蒋", 0.45}, {"余", 0.45}, {"于", 0.45}, {"杜", 0.4},
    {"叶", 0.4},  {"程", 0.4},  {"魏", 0.4},  {"苏", 0.4},  {"吕", 0.4},  {"丁", 0.35},
    {"任", 0.35}, {"卢", 0.35}, {"姚", 0.35}, {"沈", 0.35}, {"钟", 0.35}, {"姜", 0.35},
    {"崔", 0.3},  {"谭", 0.3},  {"陆", 0.3},  {"范", 0.3},  {"汪", 0.3},  {"廖", 0.3},
    {"石", 0.3},  {"金", 0.3},  {"韦", 0.3},  {"贾", 0.3},  {"夏", 0.25}, {"付", 0.25},
    {"方", 0.25}, {"邹", 0.25}, {"熊", 0.25}, {"白", 0.25}, {"孟", 0.25}, {"秦", 0.25},
    {"邱", 0.25}, {"侯", 0.25}, {"江", 0.25}, {"尹", 0.2},  {"薛", 0.2},  {"闫", 0.2},
    {"段", 0.2},  {"雷", 0.2},  {"龙", 0.2},  {"黎", 0.2},  {"史", 0.2},  {"陶", 0.2},
    {"贺", 0.2},  {"毛", 0.2},  {"郝", 0.2},  {"顾", 0.2},  {"龚", 0.2},  {"邵", 0.2},
    {"万", 0.15}, {"覃", 0.15}, {"武", 0.15}, {"钱", 0.15}, {"戴", 0.15}, {"严", 0.15},
    {"莫", 0.15}, {"孔", 0.15}, {"向", 0.15}, {"常", 0.15},
};

// Given names by sex and generation: names common among people born before 1960, in 1960-1989
// and since 1990, and single characters for one-character names.
constexpr std::string_view kMaleOld[] = {"建国", "建华", "国强", "志强", "永刚", "德明", "国庆",
                                         "建军", "振华", "文华", "立新", "福生", "长林", "玉山",
                                         "光明", "树林", "宝山", "金生", "学文", "海清"};
constexpr std::string_view kFemaleOld[] = {"秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "凤英",
                                           "玉珍", "秀珍", "玉梅", "淑英", "桂珍", "凤兰", "素珍",
                                           "玉英", "淑兰", "秀云", "桂芳", "兰英", "翠英"};
constexpr std::string_view kMaleMid[] = {
    "伟", "勇", "军", "磊",   "涛",   "斌",   "强",   "鹏",   "杰",   "浩",   "明",   "超",
    "刚", "平", "辉", "建平", "海涛", "志刚", "晓东", "宏伟", "国华", "卫东", "小龙", "俊峰"};
constexpr std::string_view kFemaleMid[] = {
    "静",   "丽",   "敏",   "燕",   "艳",   "娟",   "霞",   "芳",   "娜",   "红", "玲", "婷",
    "晓燕", "丽娟", "海燕", "秀梅", "雪梅", "晓红", "丽华", "春梅", "亚琴", "慧", "颖"};
constexpr std::string_view kMaleNew[] = {
    "子轩", "浩然", "宇轩", "俊杰", "子豪", "宇航", "一鸣", "博文", "思远", "浩宇", "梓豪",
    "皓轩", "明哲", "天佑", "睿",   "晨",   "昊",   "宇",   "航",   "嘉豪", "子墨", "奕辰"};
constexpr std::string_view kFemaleNew[] = {
    "欣怡", "梓萱", "诗涵", "子涵", "雨涵", "可馨", "思琪", "语嫣", "佳怡", "欣妍", "一诺",
    "梓涵", "雨桐", "若汐", "悦",   "琪",   "萱",   "妍",   "婉清", "依依", "沐晴", "可欣"};

// Region codes (GB/T 2260): the street's own districts for people registered here, and the
// provinces most migrants come from for the rest.
constexpr std::string_view kLocalRegions[] = {"310101", "310104", "310105", "310106",
                                              "310107", "310109", "310110"};
constexpr std::string_view kMigrantRegions[] = {"320102", "320583", "330106", "340104", "340822",
                                                "360102", "410105", "411302", "420106", "430104",
                                                "431102", "510107", "511502", "130102", "370102",
                                                "370781", "350102", "450102", "500101", "610113"};

// Mobile number prefixes of the three operators.
constexpr std::string_view kMobilePrefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "158", "159", "177", "180", "185", "186", "187", "188", "189", "199"};

template <std::size_t N>
std::string_view Pick(Engine& rng, const std::string_view (&items)[N]) {
  return items[static_cast<std::size_t>(UniformInt(rng, 0, int(N) - 1))];
}

std::string_view DrawSurname(Engine& rng) {
  static const std::vector<double> weights = [] {
    std::vector<double> w;
    for (const Surname& s : kSurnames) w.push_back(s.percent);
    return w;
  }();
  return kSurnames[Weighted(rng, weights)].name;
}

std::string DrawGivenName(Engine& rng, Sex sex, int birth_year) {
  const bool male = sex == Sex::kMale;
  if (birth_year < 1960) return std::string(male ? Pick(rng, kMaleOld) : Pick(rng, kFemaleOld));
  if (birth_year < 1990) return std::string(male ? Pick(rng, kMaleMid) : Pick(rng, kFemaleMid));
  return std::string(male ? Pick(rng, kMaleNew) : Pick(rng, kFemaleNew));
}

// --- Dates.

CivilDate YearsBefore(const CivilDate& date, int years) {
  CivilDate earlier{date.year - years, date.month, date.day};
  if (!IsValidDate(earlier)) earlier.day = DaysInMonth(earlier.year, earlier.month);
  return earlier;
}

// --- The people of one community, drawn before they are put into households.

struct Person {
  CivilDate birth;
  int age = 0;
  Sex sex = Sex::kMale;
};

// Band quotas by largest remainder, so the shares are met up to rounding.
std::vector<int> BandQuotas(int population) {
  const auto& shares = SyntheticPopulationGenerator::AgeBandShares();
  std::vector<int> quotas(kBands);
  std::vector<std::pair<double, int>> remainders;
  int allotted = 0;
  for (int b = 0; b < kBands; ++b) {
    const double exact = shares[b] * population;
    quotas[b] = static_cast<int>(std::floor(exact));
    allotted += quotas[b];
    remainders.emplace_back(exact - quotas[b], b);
  }
  // Largest remainder first; ties by band so the order is fixed.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (int i = 0; allotted < population; ++i, ++allotted) ++quotas[remainders[i % kBands].second];
  return quotas;
}

std::vector<Person> DrawPeople(Engine& rng, int population, const CivilDate& as_of) {
  std::vector<Person> people;
  people.reserve(static_cast<std::size_t>(population));
  const auto quotas = BandQuotas(population);
  for (int band = 0; band < kBands; ++band) {
    const int youngest = band * 5;
    // Born after the day `youngest + 5` years ago, on or before the day `youngest` years ago.
    const auto latest = DaysFromCivil(YearsBefore(as_of, youngest));
    const auto earliest = DaysFromCivil(YearsBefore(as_of, youngest + 5)) + 1;
    for (int i = 0; i < quotas[band]; ++i) {
      Person person;
      person.birth = CivilFromDays(earliest + UniformInt(rng, 0, int(latest - earliest)));
      person.age = AgeOn(person.birth, as_of);
      person.sex = Chance(rng, MaleShare(band)) ? Sex::kMale : Sex::kFemale;
      people.push_back(person);
    }
  }
  return people;
}

constexpr int kMaxAge = 105;
constexpr int kMaxDoorsPerFloor = 8;  // in one unit

// People not yet in a household, by sex and age, so that a mother of about 30 years older than a
// child is found in constant time.
class PersonPool {
 public:
  void Add(int person, const Person& p) {
    buckets_[p.sex == Sex::kMale ? 0 : 1][std::min(p.age, kMaxAge)].push_back(person);
  }
  void Shuffle(Engine& rng) {
    for (auto& by_age : buckets_) {
      for (auto& bucket : by_age) registry::Shuffle(rng, bucket);
    }
  }
  // Someone of `sex` aged in [lo, hi], as near `target` as there is; -1 when nobody.
  int Take(Sex sex, int target, int lo, int hi) {
    lo = std::max(lo, 0);
    hi = std::min(hi, kMaxAge);
    if (lo > hi) return -1;
    target = std::clamp(target, lo, hi);
    for (int d = 0; d <= hi - lo; ++d) {
      for (int age : {target - d, target + d}) {
        if (age < lo || age > hi) continue;
        auto& bucket = MutableBucket(sex, age);
        if (!bucket.empty()) {
          const int person = bucket.back();
          bucket.pop_back();
          return person;
        }
        if (d == 0) break;
      }
    }
    return -1;
  }

 private:
  std::vector<int>& MutableBucket(Sex sex, int age) {
    return buckets_[sex == Sex::kMale ? 0 : 1][std::min(age, kMaxAge)];
  }
  std::array<std::array<std::vector<int>, kMaxAge + 1>, 2> buckets_;
};

Sex Other(Sex sex) { return sex == Sex::kMale ? Sex::kFemale : Sex::kMale; }

// A household being assembled: pool indices, relations and surnames, the head first.
struct DraftMember {
  int person;
  std::string_view relation;
  std::string_view surname;
};
using Draft = std::vector<DraftMember>;

// Assembles every drawn person into a household (see the header for the shares).
class HouseholdAssembler {
 public:
  HouseholdAssembler(Engine& rng, const std::vector<Person>& people) : rng_(rng), people_(people) {}

  std::vector<Draft> Assemble() {
    std::vector<int> children, adults, elders;
    for (int i = 0; i < static_cast<int>(people_.size()); ++i) {
      const Person& p = people_[static_cast<std::size_t>(i)];
      // Most of those 18-24 still live with their parents (students, the unmarried).
      const bool at_home = p.age < 18 || (p.age < 25 && Chance(rng_, 0.6));
      if (at_home) {
        children_pool_.Add(i, p);
        children.push_back(i);
      } else if (p.age < 60) {
        adult_pool_.Add(i, p);
        adults.push_back(i);
      } else {
        elder_pool_.Add(i, p);
        elders.push_back(i);
      }
    }
    children_pool_.Shuffle(rng_);
    adult_pool_.Shuffle(rng_);
    elder_pool_.Shuffle(rng_);
    Shuffle(rng_, children);
    Shuffle(rng_, adults);
    Shuffle(rng_, elders);
    placed_.assign(people_.size(), false);

    for (int child : children) {
      if (!placed_[static_cast<std::size_t>(child)]) Family(child);
    }
    for (int adult : adults) {
      if (!placed_[static_cast<std::size_t>(adult)]) CoupleOrSingle(adult, 0.72, adult_pool_);
    }
    for (int elder : elders) {
      if (!placed_[static_cast<std::size_t>(elder)]) CoupleOrSingle(elder, 0.62, elder_pool_);
    }
    return std::move(drafts_);
  }

 private:
  const Person& At(int person) const { return people_[static_cast<std::size_t>(person)]; }

  int TakeFrom(PersonPool& pool, Sex sex, int target, int lo, int hi) {
    for (;;) {
      const int person = pool.Take(sex, target, lo, hi);
      if (person < 0) return -1;
      // Lists and pools both hold everyone; skip those already placed through the list.
      if (!placed_[static_cast<std::size_t>(person)]) {
        placed_[static_cast<std::size_t>(person)] = true;
        return person;
      }
    }
  }
  // From the adults, then the elders (a mother of a 24-year-old may be past 60).
  int TakeParent(Sex sex, int target, int lo, int hi) {
    const int adult = TakeFrom(adult_pool_, sex, target, lo, std::min(hi, 59));
    if (adult >= 0) return adult;
    return TakeFrom(elder_pool_, sex, target, std::max(lo, 60), hi);
  }

  void Family(int first_child) {
    placed_[static_cast<std::size_t>(first_child)] = true;
    std::vector<int> kids = {first_child};
    const double size_draw = UniformReal(rng_);
    const int siblings = size_draw < 0.55 ? 0 : size_draw < 0.93 ? 1 : 2;
    for (int s = 0; s < siblings; ++s) {
      const int age = At(kids.back()).age;
      const int gap = UniformInt(rng_, 2, 6) * (Chance(rng_, 0.5) ? 1 : -1);
      const Sex sex = Chance(rng_, 0.52) ? Sex::kMale : Sex::kFemale;
      int sibling = TakeFrom(children_pool_, sex, age + gap, age - 8, age + 8);
      if (sibling < 0) sibling = TakeFrom(children_pool_, Other(sex), age + gap, age - 8, age + 8);
      if (sibling < 0) break;
      kids.push_back(sibling);
    }
    std::sort(kids.begin(), kids.end(), [&](int a, int b) { return At(a).age > At(b).age; });
    const int oldest = At(kids.front()).age;
    const int youngest = At(kids.back()).age;

    // A mother 22-35 years older than the eldest and at most 45 at the youngest's birth.
    const int lo = std::max(oldest + 18, 20);
    const int hi = youngest + 45;
    int mother = TakeParent(Sex::kFemale, oldest + UniformInt(rng_, 22, 35), lo, hi);
    int father = -1;
    if (mother >= 0 && Chance(rng_, 0.88)) {
      const int mother_age = At(mother).age;
      father = TakeParent(Sex::kMale, mother_age + UniformInt(rng_, 0, 4),
                          std::max(mother_age - 5, lo), mother_age + 10);
    } else if (mother < 0) {
      father = TakeParent(Sex::kMale, oldest + UniformInt(rng_, 24, 37), lo, hi + 5);
    }

    Draft draft;
    const std::string_view family_name = DrawSurname(rng_);
    if (father >= 0 || mother >= 0) {
      const int head = father >= 0 ? father : mother;
      draft.push_back({head, "head", family_name});
      if (father >= 0 && mother >= 0) draft.push_back({mother, "spouse", DrawSurname(rng_)});
      for (int kid : kids) draft.push_back({kid, "child", family_name});
      // Three generations: one or two of the head's parents live with the family.
      if (Chance(rng_, 0.35)) {
        const int head_age = At(head).age;
        const Sex first = Chance(rng_, 0.5) ? Sex::kMale : Sex::kFemale;
        const int grandparent = TakeFrom(elder_pool_, first, head_age + UniformInt(rng_, 24, 32),
                                         head_age + 20, head_age + 42);
        if (grandparent >= 0) {
          // The head's father carries the head's surname.
          draft.push_back(
              {grandparent, "parent", first == Sex::kMale ? family_name : DrawSurname(rng_)});
          if (Chance(rng_, 0.5)) {
            const int gp_age = At(grandparent).age;
            const int partner = TakeFrom(elder_pool_, Other(first),
                                         gp_age + UniformInt(rng_, -3, 3), gp_age - 8, gp_age + 8);
            if (partner >= 0) {
              draft.push_back(
                  {partner, "parent", first == Sex::kMale ? DrawSurname(rng_) : family_name});
            }
          }
        }
      }
    } else {
      // No parent of a fitting age is left: the children live with a grandparent.
      const int grandparent = TakeFrom(elder_pool_, Chance(rng_, 0.5) ? Sex::kMale : Sex::kFemale,
                                       oldest + 52, oldest + 38, kMaxAge);
      if (grandparent >= 0) {
        draft.push_back({grandparent, "head", family_name});
        for (int kid : kids) draft.push_back({kid, "grandchild", family_name});
      } else {
        // Nobody older at all (a very small population): the eldest heads the household.
        draft.push_back({kids.front(), "head", family_name});
        for (std::size_t k = 1; k < kids.size(); ++k) {
          draft.push_back({kids[k], "sibling", family_name});
        }
      }
    }
    drafts_.push_back(std::move(draft));
  }

  void CoupleOrSingle(int person, double couple_chance, PersonPool& pool) {
    placed_[static_cast<std::size_t>(person)] = true;
    const Person& p = At(person);
    Draft draft;
    draft.push_back({person, "head", DrawSurname(rng_)});
    if (Chance(rng_, couple_chance)) {
      // Husbands are on average a couple of years older.
      const int offset = p.sex == Sex::kMale ? -UniformInt(rng_, 0, 4) : UniformInt(rng_, 0, 4);
      int partner =
          TakeFrom(pool, Other(p.sex), p.age + offset, std::max(p.age - 8, 18), p.age + 8);
      if (partner < 0 && &pool == &adult_pool_) {
        partner = TakeFrom(elder_pool_, Other(p.sex), p.age + offset, 60, p.age + 8);
      }
      if (partner >= 0) {
        // The husband is usually written as the head (户主).
        if (p.sex == Sex::kFemale && Chance(rng_, 0.85)) {
          draft.front().relation = "spouse";
          draft.insert(draft.begin(), {partner, "head", DrawSurname(rng_)});
        } else {
          draft.push_back({partner, "spouse", DrawSurname(rng_)});
        }
      }
    }
    drafts_.push_back(std::move(draft));
  }

  Engine& rng_;
  const std::vector<Person>& people_;
  PersonPool children_pool_;
  PersonPool adult_pool_;
  PersonPool elder_pool_;
  std::vector<bool> placed_;
  std::vector<Draft> drafts_;
};

// A valid ID number not used before in this street: region, birth date, a sequence code whose
// last digit is odd for men and even for women, the check character. Tries every sequence code of
// the region and date from a random start, then the local regions, so it always ends.
std::string NewIdNumber(Engine& rng, std::unordered_set<std::uint64_t>& used,
                        std::string_view region, const Person& person) {
  const std::uint64_t date = static_cast<std::uint64_t>(person.birth.year) * 10000 +
                             static_cast<std::uint64_t>(person.birth.month) * 100 +
                             static_cast<std::uint64_t>(person.birth.day);
  const int parity = person.sex == Sex::kMale ? 1 : 0;
  const int start = UniformInt(rng, 0, 499);
  std::vector<std::string_view> regions = {region};
  for (std::string_view local : kLocalRegions) regions.push_back(local);
  for (std::string_view code : regions) {
    std::uint64_t region_number = 0;
    for (char c : code) region_number = region_number * 10 + static_cast<std::uint64_t>(c - '0');
    for (int i = 0; i < 500; ++i) {
      const int sequence = ((start + i) % 500) * 2 + parity;
      const std::uint64_t prefix =
          (region_number * 100000000 + date) * 1000 + static_cast<std::uint64_t>(sequence);
      if (!used.insert(prefix).second) continue;
      const std::string first17 = fmt::format("{:017}", prefix);
      return first17 + IdNumberCheckChar(first17);
    }
  }
  // 3,500 people of one sex born on one day in one street: not a population this makes.
  return {};
}

// --- Dwellings: households spread over buildings, numbered as Chinese buildings are.

// Households per building in proportion to floor area (largest remainder).
std::vector<int> HouseholdsPerBuilding(const std::vector<DwellingBuilding>& buildings,
                                       int households) {
  std::vector<double> weights;
  for (const auto& b : buildings) {
    weights.push_back(std::max(b.footprint_m2, 1.0) * std::max(b.floors, 1));
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<int> counts(buildings.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  int allotted = 0;
  for (std::size_t i = 0; i < buildings.size(); ++i) {
    const double exact = weights[i] / total * households;
    counts[i] = static_cast<int>(std::floor(exact));
    allotted += counts[i];
    remainders.emplace_back(exact - counts[i], i);
  }
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t i = 0; allotted < households; ++i, ++allotted) {
    ++counts[remainders[i % remainders.size()].second];
  }
  return counts;
}

}  // namespace

int PopulationForBuildings(const std::vector<DwellingBuilding>& buildings) {
  double floor_area = 0;
  for (const auto& b : buildings)
    floor_area += std::max(b.footprint_m2, 0.0) * std::max(b.floors, 1);
  const double people = floor_area / 40.0;
  if (!(people >= kCommunityPopulationMin)) return kCommunityPopulationMin;
  if (people > kCommunityPopulationMax) return kCommunityPopulationMax;
  return static_cast<int>(people);
}

const std::vector<double>& SyntheticPopulationGenerator::AgeBandShares() {
  static const std::vector<double> shares = ScaledBandShares();
  return shares;
}

SyntheticPopulationGenerator::SyntheticPopulationGenerator(std::uint64_t seed,
                                                           const CivilDate& as_of)
    : rng_(seed), as_of_(as_of) {}

SyntheticCommunity SyntheticPopulationGenerator::Generate(
    const std::vector<DwellingBuilding>& buildings, int population) {
  SyntheticCommunity community;
  if (buildings.empty() || population < 1) return community;
  const std::vector<Person> people = DrawPeople(rng_, population, as_of_);
  std::vector<Draft> drafts = HouseholdAssembler(rng_, people).Assemble();
  // Families were assembled first, elders last: mix them before they are given dwellings.
  Shuffle(rng_, drafts);

  const auto counts = HouseholdsPerBuilding(buildings, static_cast<int>(drafts.size()));
  const auto today_days = DaysFromCivil(as_of_);
  const auto earliest_move = DaysFromCivil({1995, 1, 1});
  std::size_t next_draft = 0;
  for (std::size_t b = 0; b < buildings.size(); ++b) {
    const DwellingBuilding& building = buildings[b];
    const int floors = std::max(building.floors, 1);
    const int total = counts[b];
    // A stairwell serves two to eight doors a floor; a crowded building gets more of them.
    const int crowded_units =
        (total + floors * kMaxDoorsPerFloor - 1) / (floors * kMaxDoorsPerFloor);
    const int units = std::clamp(std::max(building.units, crowded_units), 1, 100);
    community.building_units.push_back(units);
    for (int unit = 0; unit < units; ++unit) {
      const int in_unit = total / units + (unit < total % units ? 1 : 0);
      if (in_unit == 0) continue;
      const int doors = (in_unit + floors - 1) / floors;  // per floor
      const int slots = floors * doors;
      // Usable area shared by every door of the building, occupied or not.
      const double dwelling_m2 = std::clamp(
          std::max(building.footprint_m2, 1.0) * floors * 0.78 / (units * slots), 28.0, 240.0);
      for (int t = 0; t < in_unit; ++t) {
        // Spread the occupied doors evenly over the unit's floors and doors.
        const int slot = static_cast<int>(static_cast<std::int64_t>(t) * slots / in_unit);
        SyntheticHousehold household;
        household.building = b;
        household.unit = units > 1 ? fmt::format("{}", unit + 1) : "";
        household.floor = slot / doors + 1;
        household.room = fmt::format("{}{:02}", household.floor, slot % doors + 1);
        household.floor_area_dm2 =
            std::llround(dwelling_m2 * (0.9 + 0.2 * UniformReal(rng_)) * 100.0);

        const Draft& draft = drafts[next_draft++];
        const double status_draw = UniformReal(rng_);
        const ResidenceStatus status = status_draw < 0.72   ? ResidenceStatus::kBoth
                                       : status_draw < 0.97 ? ResidenceStatus::kLivingHere
                                                            : ResidenceStatus::kRegistered;
        const std::string_view region = status == ResidenceStatus::kLivingHere
                                            ? Pick(rng_, kMigrantRegions)
                                            : Pick(rng_, kLocalRegions);
        const auto moved_in =
            earliest_move + UniformInt(rng_, 0, int(today_days - 30 - earliest_move));
        const bool low_income = Chance(rng_, 0.015);
        bool elders_only = true;
        bool parent_at_home = false;  // of the grandchildren
        for (const DraftMember& m : draft) {
          if (people[static_cast<std::size_t>(m.person)].age < 60) elders_only = false;
          if (m.relation == "child") parent_at_home = true;
        }
        for (const DraftMember& m : draft) {
          const Person& p = people[static_cast<std::size_t>(m.person)];
          SyntheticResident r;
          r.sex = p.sex;
          r.birth_date = p.birth;
          r.name = std::string(m.surname) + DrawGivenName(rng_, p.sex, p.birth.year);
          r.relation_to_head = std::string(m.relation);
          r.id_number = NewIdNumber(rng_, used_id_prefixes_, region, p);
          const double phone_chance = p.age < 12    ? 0.0
                                      : p.age < 18  ? 0.7
                                      : p.age >= 80 ? 0.75
                                                    : 0.97;
          if (Chance(rng_, phone_chance)) {
            std::string phone(Pick(rng_, kMobilePrefixes));
            for (int d = 0; d < 8; ++d) phone += static_cast<char>('0' + UniformInt(rng_, 0, 9));
            r.phone = std::move(phone);
          }
          r.residence_status = status;
          r.moved_in_on = CivilFromDays(std::max(moved_in, DaysFromCivil(p.birth)));

          if (p.age >= 60 && draft.size() == 1) r.tags.push_back({"living_alone", std::nullopt});
          if (p.age >= 60 && elders_only && draft.size() > 1) {
            r.tags.push_back({"empty_nest", std::nullopt});
          }
          if (Chance(rng_, DisabilityChance(p.age))) {
            r.tags.push_back(
                {"disabled", static_cast<int>(Weighted(rng_, kDisabilityLevelWeights)) + 1});
          }
          if (low_income) {
            r.tags.push_back({"low_income", std::nullopt});
          } else if (p.age >= 60 && draft.size() == 1 && Chance(rng_, 0.01)) {
            r.tags.push_back({"extreme_poverty", std::nullopt});
          }
          const double party = p.age < 18 ? 0 : p.age < 35 ? 0.06 : p.age < 60 ? 0.07 : 0.085;
          if (Chance(rng_, party)) r.tags.push_back({"party_member", std::nullopt});
          if (p.age > 25 && Chance(rng_, p.sex == Sex::kMale ? 0.06 : 0.003)) {
            r.tags.push_back({"veteran", std::nullopt});
          }
          if (p.sex == Sex::kFemale && p.age >= 20 && p.age <= 40 &&
              (m.relation == "spouse" || (m.relation == "head" && draft.size() > 1)) &&
              Chance(rng_, 0.06)) {
            r.tags.push_back({"pregnant", std::nullopt});
          }
          if (p.age < 16 && m.relation == "grandchild" && !parent_at_home) {
            r.tags.push_back({"left_behind_child", std::nullopt});
          }
          household.members.push_back(std::move(r));
        }
        community.residents += household.members.size();
        community.households.push_back(std::move(household));
      }
    }
  }
  return community;
}

}  // namespace shequ::registry
