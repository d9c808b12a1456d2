#include "harmwatch/extract/actors.h"

#include <fstream>
#include <set>
#include <sstream>

#include "harmwatch/text/word_set.h"

namespace harmwatch {

using namespace std::string_view_literals;
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(Status::NotFound(path + ": cannot open"));
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    std::string part(s.substr(i, j - i));
    while (!part.empty() && (part.back() == '\r' || part.back() == ' ')) part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    out.push_back(part);
    i = j + 1;
  }
  return out;
}

// Short all-capital aliases ("IS", "AA", "SDF") must be written in capitals: "is" is a verb.
bool NeedsUpper(const std::string& alias) {
  if (alias.size() > 5) return false;
  for (char c : alias)
    if (c >= 'a' && c <= 'z') return false;
  return true;
}

// One Arabic word with its article ("النظام", the regime). The lexicon matches it without
// the article too, and a bare noun before a definite one heads a construct: "نظام التهدئة"
// is the truce arrangement, "جيش الفتح" a named army, not the regime or the army.
bool IsDefiniteArabicWord(const std::string& pattern) {
  return pattern.find(' ') == std::string::npos && pattern.starts_with("\u0627\u0644");
}

// Whether token i is written bare and followed by a definite word (see above). A stem
// that starts with lam is "li" + article with the alef elided ("للنظام").
bool HeadsConstruct(const std::vector<Token>& tokens, std::string_view text, uint32_t i, uint32_t end) {
  auto surface = [&](uint32_t k) { return text.substr(tokens[k].span.begin, tokens[k].span.size()); };
  auto definite = [](std::string_view w) { return w.starts_with("\u0627\u0644") || w.starts_with("\u0644"); };
  return i + 1 < end && tokens[i + 1].is_word && !definite(surface(i)) &&
         surface(i + 1).starts_with("\u0627\u0644");
}

std::string Sanitize(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n') c = ' ';
  return s;
}

// Military nouns that, after a country adjective, name that country's forces.
const char* kMilitaryNouns[] = {
    "forces", "army", "troops", "soldiers", "jets", "warplanes", "warplane", "aircraft",
    "air force", "military", "drone", "drones", "artillery", "navy", "helicopters",
    "helicopter", "fighter jets", "airstrike", "airstrikes", "air strike", "air strikes",
    "strikes", "strike", "shelling", "missiles", "missile", "tanks", "occupation forces",
    "occupation", "government forces", "regime", "government", "military forces", "army forces",
    "security forces", "armed forces", "border guards", "gendarmerie", "bombers", "raids",
    "air raids", "troop", "marines", "special forces", "defence forces", "defense forces",
    "military aircraft", "planes", "unmanned aircraft", "gunboats", "warships"};

}  // namespace

Status ActorTable::AddNamed(std::string_view tsv, const std::string& name) {
  std::string lines;
  int line_no = 0;
  for (const auto& line : SplitOn(tsv, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.rfind("canonical\t", 0) == 0) continue;
    auto cols = SplitOn(line, '\t');
    if (cols.size() < 5)
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) +
                                     ": expected canonical, aliases, inter, country, kind");
    std::vector<std::string> names = SplitOn(cols[1], '|');
    names.push_back(cols[0]);
    for (const auto& alias : names) {
      if (alias.empty()) continue;
      std::string attrs = "country=" + cols[3] + ",kind=" + cols[4] + ",inter=" + cols[2];
      if (NeedsUpper(alias)) attrs += ",upper=1";
      lines += Sanitize(alias) + "\tactor\t" + Sanitize(cols[0]) + "\t" + attrs + "\n";
    }
  }
  return phrases_.AddTsv(lines, name);
}

Status ActorTable::AddGeneric(std::string_view tsv, const std::string& name) {
  std::string lines;
  int line_no = 0;
  for (const auto& line : SplitOn(tsv, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.rfind("pattern\t", 0) == 0) continue;
    auto cols = SplitOn(line, '\t');
    if (cols.size() < 2)
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": expected pattern, role");
    std::string attrs = NeedsUpper(cols[0]) ? "upper=1" : (IsDefiniteArabicWord(cols[0]) ? "definite=1" : "");
    lines += cols[0] + "\tactor\t" + cols[1] + "\t" + attrs + "\n";
  }
  return phrases_.AddTsv(lines, name);
}

Status ActorTable::AddCountries(std::string_view tsv, const std::string& name) {
  std::string country_lines, actor_lines;
  int line_no = 0;
  for (const auto& line : SplitOn(tsv, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.rfind("iso2\t", 0) == 0) continue;
    auto cols = SplitOn(line, '\t');
    if (cols.size() < 2 || cols[0].size() != 2)
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": expected iso2, name, ...");
    const std::string& iso = cols[0];
    by_iso_[iso] = CountryInfo{iso, cols[1]};
    std::vector<std::string> names{cols[1]};
    if (cols.size() > 2)
      for (auto& n : SplitOn(cols[2], '|')) names.push_back(n);
    std::vector<std::string> adjectives;
    if (cols.size() > 3)
      for (auto& a : SplitOn(cols[3], '|')) adjectives.push_back(a);
    for (const auto& n : names) {
      if (n.empty()) continue;
      std::string attrs = NeedsUpper(n) ? "upper=1" : "";
      country_lines += n + "\tcountry\t" + iso + "\tform=name" + (attrs.empty() ? "" : "," + attrs) + "\n";
      // Copies that lost the apostrophe: "Syrias second city" is Syria's.
      if (attrs.empty() && n.find(' ') == std::string::npos && n.back() != 's')
        country_lines += n + "s\tcountry\t" + iso + "\tform=name\n";
    }
    for (const auto& a : adjectives) {
      if (a.empty()) continue;
      std::string upper = NeedsUpper(a) ? ",upper=1" : "";
      country_lines += a + "\tcountry\t" + iso + "\tform=adjective" + upper + "\n";
      for (const char* noun : kMilitaryNouns)
        actor_lines += a + " " + noun + "\tactor\tmilitary\tcountry=" + iso + upper + "\n";
      actor_lines += a + " police\tactor\tpolice\tcountry=" + iso + upper + "\n";
      actor_lines += a + " civilians\tactor\tcivilians\tcountry=" + iso + upper + "\n";
    }
    for (const auto& n : names) {
      if (n.empty() || NeedsUpper(n)) continue;
      actor_lines += n + "'s army\tactor\tmilitary\tcountry=" + iso + "\n";
      actor_lines += "forces of " + n + "\tactor\tmilitary\tcountry=" + iso + "\n";
      actor_lines += "military forces of " + n + "\tactor\tmilitary\tcountry=" + iso + "\n";
      actor_lines += "police forces of " + n + "\tactor\tpolice\tcountry=" + iso + "\n";
    }
  }
  HW_RETURN_IF_ERROR(countries_.AddTsv(country_lines, name));
  return phrases_.AddTsv(actor_lines, name);
}

Status ActorTable::AddUnnamed(std::string_view tsv, const std::string& name) {
  int line_no = 0;
  for (const auto& line : SplitOn(tsv, '\n')) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.rfind("iso2\t", 0) == 0) continue;
    auto cols = SplitOn(line, '\t');
    if (cols.size() < 3 || cols[0].size() != 2 ||
        (cols[1] != "execution"sv && cols[1] != "drugs"sv && cols[1] != "jihadist"sv && cols[1] != "rebels"sv) ||
        cols[2].empty())
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) +
                                     ": expected iso2, context (execution, drugs, jihadist or rebels), name");
    unnamed_[cols[0] + "\t" + cols[1]] = cols[2];
  }
  return Status::Ok();
}

Status ActorTable::Load(const std::string& dir) {
  auto countries = ReadFile(dir + "/countries.tsv");
  if (!countries) return countries.error();
  HW_RETURN_IF_ERROR(AddCountries(*countries, dir + "/countries.tsv"));
  auto named = ReadFile(dir + "/actors.tsv");
  if (!named) return named.error();
  HW_RETURN_IF_ERROR(AddNamed(*named, dir + "/actors.tsv"));
  auto generic = ReadFile(dir + "/generic.tsv");
  if (!generic) return generic.error();
  HW_RETURN_IF_ERROR(AddGeneric(*generic, dir + "/generic.tsv"));
  auto unnamed = ReadFile(dir + "/unnamed.tsv");
  if (!unnamed) return unnamed.error();
  HW_RETURN_IF_ERROR(AddUnnamed(*unnamed, dir + "/unnamed.tsv"));
  // The names of all countries, beside the actors folder (optional: names only).
  const std::string all = dir + "/../geo/countries.tsv";
  if (auto names = ReadFile(all)) {
    int line_no = 0;
    for (const auto& line : SplitOn(*names, '\n')) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      auto cols = SplitOn(line, '\t');
      if (cols.size() < 2 || cols[0].size() != 2)
        return Status::InvalidArgument(all + ":" + std::to_string(line_no) + ": expected iso2, name");
      names_only_.emplace(cols[0], CountryInfo{cols[0], cols[1]});
    }
  }
  return Status::Ok();
}

namespace {
bool AllUpper(std::string_view text, const Token& t) {
  for (uint32_t i = t.span.begin; i < t.span.end; ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}
}  // namespace

namespace {
bool IsNameWord(const Token& t) { return t.is_word && !t.is_number && t.capitalized; }
}  // namespace

// ACLED names a local militia after its people, clan or community: "Fulani Ethnic Militia",
// "Leelkayse Clan Militia", "Zamwara Communal Militia". The militia word is tokens
// [at, last); names are looked for in [from, end). Returns the stem ("" when the text names
// none) and widens [first, last) over the words that name it.
std::string ActorTable::MilitiaStem(const std::vector<Token>& tokens, std::string_view text,
                                    uint32_t from, uint32_t at, uint32_t last, uint32_t end,
                                    uint32_t* first_out, uint32_t* last_out) const {
  auto words = [&](uint32_t a, uint32_t b) {
    std::string out;
    for (uint32_t k = a; k < b; ++k) {
      if (k > a) out += tokens[k].hyphen_before ? "-" : " ";
      out += text.substr(tokens[k].span.begin, tokens[k].span.size());
    }
    return out;
  };
  // Capitalized words right before `k` (at most three), not a country's adjective
  // ("Libyan militias" are no people's own) and not a sentence's article ("The").
  auto name_before = [&](uint32_t k) -> uint32_t {
    uint32_t a = k;
    while (a > from && k - a < 3 && IsNameWord(tokens[a - 1])) --a;
    // "Suspected Fulani militiamen" opening a sentence: qualifiers are not the name.
    static const WordSet kQualifiers = {
        "the", "a", "an", "suspected", "alleged", "presumed", "armed", "local", "rival",
        "unidentified", "unknown", "some", "several", "two", "three"};
    while (a < k && kQualifiers.Has(tokens[a])) ++a;
    uint32_t clen = 0;
    if (a < k && !CountryOf(tokens, text, a, k, &clen).empty()) return k;
    return a;
  };
  const std::string& word = tokens[at].norm;
  const bool communal = word == "communal"sv;
  // "X clan militia", "X ethnic militia", "X communal militia(s)".
  if (at > from && (tokens[at - 1].norm == "clan"sv || tokens[at - 1].norm == "ethnic"sv)) {
    const std::string kind = tokens[at - 1].norm == "clan"sv ? " Clan Militia" : " Ethnic Militia";
    uint32_t a = name_before(at - 1);
    if (a < at - 1) {
      *first_out = a;
      return words(a, at - 1) + kind;
    }
  }
  uint32_t a = name_before(at);
  if (a < at) {
    *first_out = a;
    return words(a, at) + (communal ? " Communal Militia" : " Ethnic Militia");
  }
  // "militiamen from the Leelkayse clan", "communal militias from Zamwara".
  uint32_t k = last;
  if (k + 1 < end && (tokens[k].norm == "from"sv || tokens[k].norm == "of"sv)) {
    ++k;
    if (k < end && tokens[k].norm == "the"sv) ++k;
    uint32_t b = k;
    while (b < end && b - k < 3 && IsNameWord(tokens[b])) ++b;
    if (b > k) {
      if (b < end && (tokens[b].norm == "clan"sv || tokens[b].norm == "clans"sv)) {
        *last_out = b + 1;
        return words(k, b) + " Clan Militia";
      }
      if (communal) {
        *last_out = b;
        return words(k, b) + " Communal Militia";
      }
    }
  }
  return "";
}

std::vector<ActorMention> ActorTable::Find(const std::vector<Token>& tokens, std::string_view text,
                                           uint32_t begin, uint32_t end) const {
  std::vector<ActorMention> out;
  for (uint32_t i = begin; i < end; ++i) {
    uint32_t len = 0;
    const LexEntry* e = phrases_.LongestOf(tokens, i, end, "actor", &len);
    if (!e) continue;
    // "the Islamic State in Iraq and the Levant": a longer name starting inside this one
    // wins ("the Islamic State" would leave "Iraq" looking like a place).
    {
      bool longer = false;
      for (uint32_t j = i + 1; j < i + len && !longer; ++j) {
        uint32_t len2 = 0;
        if (phrases_.LongestOf(tokens, j, end, "actor", &len2) && j + len2 > i + len) longer = true;
      }
      if (longer) continue;
    }
    if (!e->Attr("definite").empty() && HeadsConstruct(tokens, text, i, end)) continue;
    if (!e->Attr("upper").empty()) {
      bool upper = true;
      for (uint32_t k = i; k < i + len; ++k) upper = upper && AllUpper(text, tokens[k]);
      if (!upper) continue;
    }
    ActorMention m;
    m.first = i;
    m.last = i + len;
    const std::string& v = e->value;
    bool role = v == "military"sv || v == "police"sv || v == "unidentified"sv || v == "terrorists"sv ||
                v == "civilians"sv || v == "rioters"sv || v == "gang"sv || v == "militia"sv ||
                v == "jihadist"sv || v == "rebels"sv;
    if (role) {
      m.role = v;
    } else {
      m.role = "named";
      m.canonical = v;
    }
    m.country = e->Attr("country");
    m.kind = e->Attr("kind", role ? std::string_view(v) : std::string_view());
    if (v == "militia"sv) {
      // "Iran-backed militias", "pro-government militias", "Assad's militias": a patron's
      // auxiliaries, not a local militia.
      if (i > begin) {
        const std::string& before = tokens[i - 1].norm;
        if (tokens[i - 1].possessive || before == "backed"sv || before == "allied"sv || before == "affiliated"sv || before == "loyal"sv ||
            before.rfind("pro", 0) == 0 || before == "government"sv || before == "regime"sv)
          continue;
      }
      // "Tiv militias", "the Bul Nuer militia", "militiamen from the Leelkayse clan".
      const uint32_t named_from = out.empty() ? begin : std::max(begin, out.back().last);
      m.canonical = MilitiaStem(tokens, text, named_from, i, i + len, end, &m.first, &m.last);
    }
    // "PKK militants", "Hamas gunmen", "Taliban fighters": the group's own men, one
    // mention; the generic word must not stand as an unidentified actor beside it.
    if (!role && i + len < end) {
      uint32_t generic_len = 0;
      const LexEntry* g = phrases_.LongestOf(tokens, i + len, end, "actor", &generic_len);
      if (g && (g->value == "unidentified"sv || g->value == "terrorists"sv || g->value == "military"sv ||
                g->value == "jihadist"sv || g->value == "rebels"sv) &&
          !tokens[i + len].capitalized) {
        m.last += generic_len;
        len += generic_len;
      }
    }
    i = m.last - 1;
    // "military forces of India and Pakistan": the forces of each country named.
    uint32_t next_len = 0;
    std::string form;
    bool of_country = false;
    if ((v == "military"sv || v == "police"sv) && !m.country.empty())
      for (uint32_t k = m.first; k + 1 < m.last; ++k) of_country = of_country || tokens[k].norm == "of"sv;
    std::string next_country;
    if (of_country && m.last + 1 < end && tokens[m.last].norm == "and"sv)
      next_country = CountryOf(tokens, text, m.last + 1, end, &next_len, &form);
    out.push_back(std::move(m));
    if (!next_country.empty() && form == "name"sv && next_country != out.back().country) {
      ActorMention other = out.back();
      other.first = other.last + 1;
      other.last = other.first + next_len;
      other.country = next_country;
      i = other.last - 1;
      out.push_back(std::move(other));
    }
  }
  return out;
}

std::string ActorTable::NameFor(const std::string& role, const std::string& iso2,
                                const std::string& stem) const {
  const CountryInfo* c = Country(iso2);
  if (!c) return "";
  if (role == "military"sv) return "Military Forces of " + c->name;
  if (role == "police"sv) return "Police Forces of " + c->name;
  // In brackets ACLED drops the article: "Civilians (Philippines)".
  std::string bare = c->name.rfind("the ", 0) == 0 ? c->name.substr(4) : c->name;
  // Unnamed Islamist militants or rebels: the name the country's monitors give them, if any.
  if (role == "jihadist"sv || role == "rebels"sv) {
    auto it = unnamed_.find(iso2 + "\t" + role);
    if (it != unnamed_.end()) return it->second;
  }
  if (role == "unidentified"sv || role == "terrorists"sv || role == "jihadist"sv || role == "rebels"sv)
    return "Unidentified Armed Group (" + bare + ")";
  if (role == "civilians"sv) return "Civilians (" + bare + ")";
  if (role == "rioters"sv) return "Rioters (" + bare + ")";
  if (role == "gang"sv) return "Unidentified Gang (" + bare + ")";
  if (role == "militia"sv) return (stem.empty() ? "Unidentified Communal Militia" : stem) + " (" + bare + ")";
  if (role == "execution"sv || role == "drugs"sv) {
    auto it = unnamed_.find(iso2 + "\t" + role);
    return it == unnamed_.end() ? "" : it->second;
  }
  return "";
}

std::string ActorTable::CountryOf(const std::vector<Token>& tokens, std::string_view text,
                                  uint32_t i, uint32_t end, uint32_t* length,
                                  std::string* form) const {
  const LexEntry* e = countries_.LongestOf(tokens, i, end, "country", length);
  if (!e) return "";
  if (!e->Attr("upper").empty()) {
    for (uint32_t k = i; k < i + *length; ++k)
      if (!AllUpper(text, tokens[k])) return "";
  }
  if (form) *form = e->Attr("form");
  return e->value;
}

const CountryInfo* ActorTable::Country(const std::string& iso2) const {
  auto it = by_iso_.find(iso2);
  if (it != by_iso_.end()) return &it->second;
  auto other = names_only_.find(iso2);
  return other == names_only_.end() ? nullptr : &other->second;
}

}  // namespace harmwatch
