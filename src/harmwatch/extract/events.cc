#include "harmwatch/extract/events.h"

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "harmwatch/extract/arabic.h"
#include "harmwatch/extract/casualties.h"
#include "harmwatch/extract/victims.h"
#include "harmwatch/geo/place_key.h"
#include "harmwatch/text/arabic.h"
#include "harmwatch/text/fold.h"
#include "harmwatch/text/word_set.h"

using namespace std::string_view_literals;

namespace harmwatch {
namespace {

// Sub-event codes used by the lexicons (attacks.tsv, weapons.tsv).
enum class Code { kNone, kAir, kShell, kIed, kSuicide, kGrenade, kChem, kClash, kTerritory,
                  kAttack, kAbduct, kSexual, kGeneric };

Code ParseCode(std::string_view s) {
  static constexpr std::pair<std::string_view, Code> kCodes[] = {
      {"AIR", Code::kAir},         {"SHELL", Code::kShell},       {"IED", Code::kIed},
      {"SUICIDE", Code::kSuicide}, {"GRENADE", Code::kGrenade},   {"CHEM", Code::kChem},
      {"CLASH", Code::kClash},     {"TERRITORY", Code::kTerritory}, {"ATTACK", Code::kAttack},
      {"ABDUCT", Code::kAbduct},   {"SEXUAL", Code::kSexual},     {"GENERIC", Code::kGeneric}};
  for (const auto& [name, code] : kCodes)
    if (s == name) return code;
  return Code::kNone;
}

// When one sentence carries several kinds, the most specific wins:
// "a suicide bomber blew himself up" is a suicide bomb, not an explosion.
int Priority(Code c) {
  switch (c) {
    case Code::kSuicide: return 12;
    case Code::kChem: return 11;
    case Code::kAir: return 10;
    case Code::kIed: return 9;
    case Code::kGrenade: return 8;
    case Code::kShell: return 7;
    case Code::kAbduct: return 6;
    case Code::kSexual: return 6;
    case Code::kTerritory: return 4;
    case Code::kAttack: return 3;
    case Code::kClash: return 2;
    case Code::kGeneric: return 1;
    default: return 0;
  }
}

// Remote fire words are loose in news prose: a report's "missiles" and "air strike" on one
// town the same day are usually one strike.
bool CompatibleKinds(Code a, Code b);

bool IsRemote(Code c) {
  return c == Code::kAir || c == Code::kShell || c == Code::kIed || c == Code::kSuicide ||
         c == Code::kGrenade || c == Code::kChem;
}

void SetType(Event& ev, Code c, bool state_actor) {
  switch (c) {
    case Code::kAir: ev.event_type = "Explosions/Remote violence"; ev.sub_event_type = "Air/drone strike"; break;
    case Code::kShell: ev.event_type = "Explosions/Remote violence"; ev.sub_event_type = "Shelling/artillery/missile attack"; break;
    case Code::kIed: ev.event_type = "Explosions/Remote violence"; ev.sub_event_type = "Remote explosive/landmine/IED"; break;
    case Code::kSuicide: ev.event_type = "Explosions/Remote violence"; ev.sub_event_type = "Suicide bomb"; break;
    case Code::kGrenade: ev.event_type = "Explosions/Remote violence"; ev.sub_event_type = "Grenade"; break;
    case Code::kChem: ev.event_type = "Explosions/Remote violence"; ev.sub_event_type = "Chemical weapon"; break;
    case Code::kClash: ev.event_type = "Battles"; ev.sub_event_type = "Armed clash"; break;
    case Code::kTerritory:
      ev.event_type = "Battles";
      ev.sub_event_type = state_actor ? "Government regains territory" : "Non-state actor overtakes territory";
      break;
    case Code::kAttack: ev.event_type = "Violence against civilians"; ev.sub_event_type = "Attack"; break;
    case Code::kAbduct: ev.event_type = "Violence against civilians"; ev.sub_event_type = "Abduction/forced disappearance"; break;
    case Code::kSexual: ev.event_type = "Violence against civilians"; ev.sub_event_type = "Sexual violence"; break;
    default: break;
  }
}

// Weapons whose word alone does not say an attack happened ("a mine", "the tank").
bool WeakWeaponWord(const std::string& norm) {
  static const WordSet kWeak = {"mine", "mines", "shell", "bomb", "bombs", "raid", "raids",
                                              "jet", "jets", "aircraft", "drone", "drones", "tank", "tanks",
                                              "helicopter", "helicopters", "missile", "rocket", "explosives",
                                              "aerial", "air force", "airforce", "rifle", "rifles",
                                              "firearms", "firearm", "bullet", "bullets", "pistol"};
  return kWeak.Has(norm);
}

bool IsStateForceName(std::string_view name) {
  return name.starts_with("Military Forces of"sv) || name.starts_with("Police Forces of"sv);
}

// "... exchanging fire with military police forces during an operation", "during a
// patrol", "during Police Special Units operations": the clash happened in a security
// operation, which the state's forces start.
bool DuringSecurityOperation(const std::vector<Token>& t, const Sentence& s) {
  static const WordSet kOperations = {"operation", "operations", "patrol", "patrols", "chase",
                                      "pursuit", "crackdown", "sweep", "search", "raid", "raids"};
  for (uint32_t k = s.first; k < s.last; ++k) {
    if (t[k].norm != "during"sv) continue;
    for (uint32_t j = k + 1; j < s.last && j <= k + 8 && !t[j].punct; ++j)
      if (kOperations.Has(t[j])) return true;
  }
  return false;
}

// How far (in days) before publication an explicit date may be and still be news.
constexpr int kNewsWindowDays = 45;

struct Trigger {
  Code code;
  uint32_t first, last;
  bool strong;
  bool two_sided = false;  // "shoot-out", "exchanged fire": armed men on both sides
};

struct SentenceFacts {
  std::vector<Trigger> triggers;
  std::vector<LexMatch> weapons, sites;
  std::vector<LexMatch> cues;  // negation, irrealis, background, civilian, claim, retaliation, gang
  std::vector<ActorMention> actors;
  std::vector<size_t> places;  // indices into the mentions
  std::vector<DateMention> dates;
  // What the sentence can hold, so stages that cannot find anything are skipped.
  bool has_casualty = false, has_victim = false, has_time = false;
};

struct Draft {
  Event ev;
  Code code = Code::kNone;
  std::string place_key;
  uint32_t sentence = 0;
  uint32_t paragraph = 0;
  bool admin_level = false;
  bool district = false;  // placed at a district (admin2), not a town
  bool headline = false;
  bool two_sided = false;  // told with a word for fire on both sides: stays a clash
  std::string admin1_code;
  std::string country;
  std::string date_label;  // the day as far as the text says, for merging
  std::vector<uint32_t> also_in;  // sentences of drafts merged into this one
  // Casualty figures in text order, per kind.
  std::vector<CasualtyFigure> killed, injured;
};

struct Context {  // what the running text is about (reset per paragraph)
  Code code = Code::kNone;
  std::string actor1, actor1_role;
  TextSpan actor1_span;
  int last_trigger_sentence = -100;
  std::optional<ResolvedDate> date;
  TextSpan date_span;
  std::string date_label;  // "weekday:1", "relative:-1" when no publication date resolves it
  std::string casualty_kind;
  std::vector<Evidenced<std::string>> claims;  // who the paragraph says is speaking
  std::vector<Evidenced<std::string>> weapons;  // of the last attack told
  uint32_t claims_paragraph = UINT32_MAX;
  // The places of the last sentence that told no attack (see Assemble): the scene.
  std::vector<size_t> scene_places;
  int scene_sentence = -100;
  uint32_t scene_paragraph = UINT32_MAX;
  // The figures of the last attack told without a town, and its sentence: "A strike has
  // killed 12 in the northern Gaza Strip. The bombing, which took place in Jabalia, ..."
  std::vector<CasualtyFigure> unplaced_figures;
  int unplaced_sentence = -100;
  Code unplaced_code = Code::kNone;
  void RememberUnplaced(const std::vector<CasualtyFigure>& figures, int sentence, Code code) {
    unplaced_figures = figures;
    unplaced_sentence = sentence;
    unplaced_code = code;
  }
};

class Assembler {
 public:
  Assembler(const InputDocument& doc, const ExtractResources& res) : doc_(doc), res_(res) {}

  DocumentRecord Run();

 private:
  // The report's places (found and chosen) and the state force it names most.
  void AnnotatePlaces();
  // Report-wide cues: a demonstration's crowd size, state media.
  void AnnotateReport();
  // "Property destruction: On 6 May ...": the label of a monitor's note on a development
  // that is not political violence, if the report opens with one.
  std::optional<std::string> DevelopmentLabel() const;
  void ResolvePublication();
  SentenceFacts Facts(uint32_t si);
  // The token where a sentence part tells of a body found ("the body of a woman ... was
  // found dumped"), else UINT32_MAX.
  uint32_t BodyFoundIn(uint32_t first, uint32_t last) const;
  // True when no word of the report tells an attack, a weapon or a casualty, and no body
  // is found: it can make neither an event nor a total, so its sentences are not read.
  bool TellsNothing() const;
  void Assemble(uint32_t si, SentenceFacts& f, Context& ctx, bool headline_pass);
  std::string ActorName(const ActorMention& a, const SentenceFacts& f) const;
  // The islamist or rebel group named in a sentence that speaks of "terrorists" (or its
  // rebels: "'terrorists' - its term for rebel fighters"), or "".
  std::string TerroristsGroup(const SentenceFacts& f) const;
  // The admin1 of the first place the sentence names, or "".
  std::string AreaOf(const SentenceFacts& f) const;
  // The report's country, else that of the first place the sentence names.
  std::string CountryOf(const SentenceFacts& f) const;
  bool IsReferencePlace(const PlaceMention& m) const;
  // "North Zone" in "the North Zone of Rio de Janeiro" or "Rio de Janeiro's North Zone":
  // the capitalized zone of a city written around its mention, else "".
  std::string CityZoneOf(const PlaceMention& m) const;
  // "X village, Y district, Z city": `outer` encloses `inner`, through a chain of
  // enclosing areas.
  bool EnclosedBy(const PlaceMention& inner, const PlaceMention& outer);
  // "the Islamic State group claimed responsibility", "تبناه تنظيم الدولة": the actor of
  // the sentence that claims an attack, if any.
  const ActorMention* ClaimantIn(const Sentence& s, const std::vector<ActorMention>& actors) const;
  bool Negated(const Trigger& t, const SentenceFacts& f) const;
  // True for the first sentence of the report's body (after any headline).
  bool IsOpening(uint32_t si) const {
    for (uint32_t k = 0; k < si; ++k)
      if (!tt_.sentences[k].headline) return false;
    return !tt_.sentences[si].headline;
  }
  // Per-sentence actors and dates, found once (several stages ask). Actors are found
  // sentence by sentence from the first, so a definite force can look back at those
  // before it (ResolveDefiniteForce); the storage is reserved whole, so the answers
  // handed out stay where they are.
  const std::vector<ActorMention>& ActorsOf(uint32_t si) {
    if (actors_sentences_ != tt_.sentences.size()) {
      actors_of_.clear();
      actors_of_.reserve(tt_.sentences.size());
      actors_sentences_ = tt_.sentences.size();
    }
    while (actors_of_.size() <= si) {
      const Sentence& s = tt_.sentences[actors_of_.size()];
      std::vector<ActorMention> found = res_.actors->Find(tt_.tokens, doc_.text, s.first, s.last);
      for (size_t k = 0; k < found.size(); ++k) ResolveDefiniteForce(found, k);
      actors_of_.push_back(std::move(found));
    }
    return actors_of_[si];
  }
  // "The Israeli army confirmed the strike ... a spokesperson for the army": a force with
  // "the" and no country (here[k], in the sentence after those in actors_of_) repeats the
  // latest force of the same word told before it in this or the four sentences before.
  void ResolveDefiniteForce(std::vector<ActorMention>& here, size_t k) {
    const auto& t = tt_.tokens;
    ActorMention& a = here[k];
    if ((a.role != "military"sv && a.role != "police"sv) || !a.country.empty()) return;
    const bool definite = (a.last - a.first == 2 && t[a.first].norm == "the"sv) ||
                          (a.last - a.first == 1 && a.first > 0 && t[a.first - 1].norm == "the"sv);
    if (!definite) return;
    const std::string& head = t[a.last - 1].norm;
    auto repeats = [&](const ActorMention& before) {
      if (t[before.last - 1].norm != head) return false;
      return before.role == "named"sv ? before.kind == "state"sv : before.role == a.role && !before.country.empty();
    };
    const ActorMention* referent = nullptr;
    for (size_t j = k; j-- > 0 && !referent;)
      if (repeats(here[j])) referent = &here[j];
    const size_t done = actors_of_.size();
    for (size_t back = 1; back <= 4 && back <= done && !referent; ++back) {
      const auto& before = actors_of_[done - back];
      for (auto it = before.rbegin(); it != before.rend() && !referent; ++it)
        if (repeats(*it)) referent = &*it;
    }
    if (!referent) return;
    const uint32_t first = a.first, last = a.last;
    a = *referent;
    a.first = first;
    a.last = last;
  }
  const std::vector<DateMention>& DatesOf(uint32_t si) {
    if (dates_of_.size() != tt_.sentences.size()) dates_of_.assign(tt_.sentences.size(), std::nullopt);
    if (!dates_of_[si]) {
      const Sentence& s = tt_.sentences[si];
      dates_of_[si] = FindDates(tt_.tokens, s.first, s.last, *res_.lexicon);
    }
    return *dates_of_[si];
  }
  std::vector<std::vector<ActorMention>> actors_of_;  // sentences [0, size()), found in order
  size_t actors_sentences_ = SIZE_MAX;                // the sentence count actors_of_ was reserved for
  std::vector<std::optional<std::vector<DateMention>>> dates_of_;
  std::vector<Evidenced<std::string>> SourceClaims(const Sentence& s) const;
  void Finish(DocumentRecord& rec);

  bool HasCue(const SentenceFacts& f, LexCategory cat) const {
    for (const auto& c : f.cues)
      if (c.entry->category_hash == cat.hash()) return true;
    return false;
  }
  const LexEntry* CueAt(uint32_t i, LexCategory cat, uint32_t* len) const {
    return res_.lexicon->LongestOf(tt_.tokens, i, static_cast<uint32_t>(tt_.tokens.size()), cat, len);
  }

  const InputDocument& doc_;
  const ExtractResources& res_;
  TokenizedText tt_;
  std::vector<PlaceMention> mentions_;
  std::string country_;
  std::optional<Day> published_;
  std::optional<ResolvedDate> lead_date_;
  TextSpan lead_date_span_;
  std::vector<Draft> drafts_;
  // Indexes that keep long reports linear: the mentions of each sentence (built once the
  // mentions are final), the last draft of each place key and the sentences with drafts
  // (kept up to date as drafts are added during assembly).
  std::vector<std::vector<size_t>> mentions_by_sentence_;
  std::unordered_map<std::string, size_t> last_draft_of_place_;
  std::unordered_set<uint32_t> sentences_with_drafts_;
  const std::vector<size_t>& MentionsIn(uint32_t si) {
    if (mentions_by_sentence_.size() != tt_.sentences.size()) {
      mentions_by_sentence_.assign(tt_.sentences.size(), {});
      for (size_t k = 0; k < mentions_.size(); ++k)
        if (mentions_[k].sentence < mentions_by_sentence_.size())
          mentions_by_sentence_[mentions_[k].sentence].push_back(k);
    }
    return mentions_by_sentence_[si];
  }
  std::vector<CasualtyFigure> total_candidates_;
  std::vector<VictimMention> victims_;
  bool state_media_ = false;
  bool crowd_report_ = false;  // the report gives a crowd size: a demonstration
  // False when no sentence can make an event (see Run): places, actors and victims are
  // then not looked up, since only events carry them.
  bool could_hold_events_ = true;
  std::optional<std::string> development_label_;  // see DevelopmentLabel: Finish records no event
  std::set<std::string> mentioned_countries_;  // named or by adjective
  std::string dominant_military_;  // the state force the report names most
  // The group state media first named beside their "terrorists", and the province of
  // that sentence: who the word means in later sentences there that name no one (a
  // roundup's "terrorists" in another province are other men).
  struct {
    std::string name, admin1;
  } terrorists_group_;
  // Groups that claim an attack anywhere in the report, for events with no one named.
  std::vector<Evidenced<std::string>> claimants_;
  // The report speaks of gangs, cartels or drug trafficking: its unnamed armed men are
  // a gang's (ACLED's Unidentified Gang).
  bool gang_context_ = false;
  // ... unless it names armies or armed groups: "Assad's militias and outlawed gangs".
  bool war_actors_ = false;
  // A killing with the marks of organized crime (a drive-by, a victim tied), or one in
  // the drug trade: in some countries its unnamed authors have a name of their own
  // (data/actors/unnamed.tsv).
  bool execution_context_ = false, drug_context_ = false;
  // (reference place, place located by it): "Qarni village, northwest of El-Fasher".
  std::vector<std::pair<std::string, std::string>> located_by_;
  std::string MentionKey(const PlaceMention& m) const {
    return m.chosen ? std::to_string(m.chosen->id) : FoldForMatch(m.text);
  }
};

void Assembler::AnnotatePlaces() {
  PlaceContext pc{res_.gazetteer, res_.lexicon, res_.actors,
                  [this](uint32_t si) -> const std::vector<ActorMention>& { return ActorsOf(si); }};
  mentions_ = FindPlaceMentions(tt_, doc_.text, pc);
  country_ = ChoosePlaces(mentions_, tt_, pc, "");
  for (const auto& m : mentions_)
    if (m.country_only && !m.hint_only) mentioned_countries_.insert(m.country_iso);
  {
    std::map<std::string, int> counts;
    for (uint32_t si = 0; si < tt_.sentences.size(); ++si)
      for (const auto& a : ActorsOf(si))
        if (a.role == "military"sv || (a.role == "named"sv && a.kind == "state"sv)) {
          std::string name = a.role == "named"sv ? a.canonical
                                               : res_.actors->NameFor("military", a.country.empty() ? country_ : a.country);
          if (!name.empty()) counts[name]++;
        }
    int best = 0;
    for (const auto& [name, n] : counts)
      if (n > best) best = n, dominant_military_ = name;
  }
}

void Assembler::AnnotateReport() {
  // "[size=no report]", "[size=2500]": monitors' notes on demonstrations carry a crowd size.
  crowd_report_ = doc_.text.find("[size=") != std::string::npos;
  // State media speak of "terrorists" for armed opponents (EVENTS.md perspective rule).
  std::string src = doc_.source + " " + doc_.url;
  for (const char* sm : {"SANA", "sana.sy", "Syria Times", "syriatimes", "TASS", "RT ", "Sputnik",
                         "IRNA", "Tasnim", "Al-Masdar"})
    if (src.find(sm) != std::string::npos) state_media_ = true;
}

void Assembler::ResolvePublication() {
  published_ = ParseIsoDay(doc_.published);
  if (published_) return;
  // A dateline: a full date in the first lines ("Sun 05 Jul 2015", "Publication date:
  // 2020/06/05"). When a page header shows several, the latest is the publication: a
  // report is never older than what it reports. A date deep in a sentence is told, not
  // a dateline ("... a military campaign on March 5, 2025", a photo caption).
  constexpr uint32_t kDatelineWords = 4;  // "Publication date: 2020/06/05"
  constexpr uint32_t kHeaderWords = 12;   // a header line or a short caption
  for (uint32_t si = 0; si < tt_.sentences.size() && si < 8; ++si) {
    const Sentence& s = tt_.sentences[si];
    if (s.first > 80) break;
    // Dates within the first 80 tokens; a sentence that ends before is read once (DatesOf).
    const std::vector<DateMention> cut =
        s.last > 80 ? FindDates(tt_.tokens, s.first, 80, *res_.lexicon) : std::vector<DateMention>{};
    for (const auto& m : s.last > 80 ? cut : DatesOf(si)) {
      if (m.first - s.first > kDatelineWords && s.last - s.first > kHeaderWords) continue;
      if (m.year && m.month && m.day) {
        ResolvedDate r = Resolve(m, std::nullopt);
        if (r.day && (!published_ || std::chrono::sys_days{*r.day} > std::chrono::sys_days{*published_}))
          published_ = r.day;
      }
    }
  }
}

SentenceFacts Assembler::Facts(uint32_t si) {
  const Sentence& s = tt_.sentences[si];
  SentenceFacts f;
  // Every category asked about here is named (kNamedCategories), so it has a mask bit of
  // its own, known at compile time: a group of categories is one mask test.
  constexpr auto bit = [](std::string_view c) { return LexCategory::NamedBit(c); };
  constexpr uint64_t kCues = bit("negation") | bit("irrealis") | bit("background") | bit("civilian") |
                             bit("claim") | bit("retaliation") | bit("protest") | bit("gang") |
                             bit("execution") | bit("warningfire");
  constexpr uint64_t kTime = bit("month") | bit("weekday") | bit("reltime") | bit("anaphoric");
  constexpr uint64_t kAttack = bit("attack"), kWeapon = bit("weapon"), kSite = bit("site"),
                     kCasualty = bit("casualty"), kVictim = bit("victim");
  static_assert((kCues & kTime) == 0 && std::popcount(kCues) == 10 && std::popcount(kTime) == 4 &&
                kAttack && kWeapon && kSite && kCasualty && kVictim);
  auto is = [](const LexMatch& m, uint64_t bits) { return (m.entry->category_bit & bits) != 0; };
  constexpr uint64_t kWanted = kAttack | kWeapon | kSite | kCues | kCasualty | kVictim | kTime;
  for (const auto& m : res_.lexicon->Match(tt_.tokens, s.first, s.last, kWanted)) {
    if (is(m, kAttack)) {
      Code c = ParseCode(m.entry->value);
      f.triggers.push_back({c, m.first, m.last, m.entry->Attr("strength") == "strong"sv,
                            m.entry->Attr("sides") == "2"sv});
    } else if (is(m, kWeapon)) {
      f.weapons.push_back(m);
      Code c = ParseCode(m.entry->Attr("sub"));
      std::string norm;
      for (uint32_t k = m.first; k < m.last; ++k) norm += (k > m.first ? " " : "") + tt_.tokens[k].norm;
      if (c != Code::kNone) f.triggers.push_back({c, m.first, m.last, !WeakWeaponWord(norm)});
    } else if (is(m, kSite)) {
      // "a local medical source said", "hospital officials": a speaker, not the place hit.
      const std::string* next = m.last < s.last ? &tt_.tokens[m.last].norm : nullptr;
      bool speaker = next && (*next == "source"sv || *next == "sources"sv ||
                              *next == "official"sv || *next == "officials"sv ||
                              *next == "spokesman"sv || *next == "spokesperson"sv ||
                              *next == "spokeswoman"sv || *next == "director"sv);
      if (!speaker) f.sites.push_back(m);
    } else if (is(m, kCues)) {
      f.cues.push_back(m);
    } else if (is(m, kCasualty)) {
      f.has_casualty = true;
    } else if (is(m, kVictim)) {
      f.has_victim = true;
    } else if (is(m, kTime)) {
      f.has_time = true;
    }
  }
  for (uint32_t i = s.first; i < s.last && !f.has_time; ++i) f.has_time = tt_.tokens[i].is_number;
  // "the body of a woman ... was found dumped": a killing whose author is unknown.
  if (uint32_t body_at = BodyFoundIn(s.first, s.last); body_at != UINT32_MAX)
    f.triggers.push_back({Code::kAttack, body_at, body_at + 1, true});
  return f;
}

uint32_t Assembler::BodyFoundIn(uint32_t first, uint32_t last) const {
  static const WordSet kBody = {"body", "bodies", "corpse", "corpses", "remains"};
  static const WordSet kFound = {"found", "discovered", "recovered", "dumped"};
  bool found = false;
  uint32_t body_at = UINT32_MAX;
  for (uint32_t i = first; i < last; ++i) {
    const Token& w = tt_.tokens[i];
    if (kBody.Has(w)) body_at = i;
    if (kFound.Has(w)) found = true;
  }
  return found ? body_at : UINT32_MAX;
}

bool Assembler::TellsNothing() const {
  constexpr auto bit = [](std::string_view c) { return LexCategory::NamedBit(c); };
  constexpr uint64_t kMayTell = bit("attack") | bit("weapon") | bit("casualty");
  const auto& t = tt_.tokens;
  for (uint32_t i = 0; i < t.size(); ++i)
    if (res_.lexicon->CategoriesAt(t, i) & kMayTell) return false;
  for (const Sentence& s : tt_.sentences)
    if (BodyFoundIn(s.first, s.last) != UINT32_MAX) return false;
  return true;
}

std::optional<std::string> Assembler::DevelopmentLabel() const {
  uint32_t len = 0;
  const auto& t = tt_.tokens;
  if (t.empty() || !res_.lexicon->LongestOf(t, 0, static_cast<uint32_t>(t.size()), "development", &len) ||
      len >= t.size() || t[len].punct != ':')
    return std::nullopt;
  return doc_.text.substr(t[0].span.begin, t[len - 1].span.end - t[0].span.begin);
}

// Who says so: "according to the Syrian Civil Defence", "the Syrian Observatory for Human
// Rights said", "SANA reported". The name is the capitalized run (with of/for/and/the
// inside) after "according to" or right before a reporting verb.
std::vector<Evidenced<std::string>> Assembler::SourceClaims(const Sentence& s) const {
  const auto& t = tt_.tokens;
  std::vector<Evidenced<std::string>> out;
  auto add = [&](uint32_t a, uint32_t b) {
    while (b > a && !t[b - 1].capitalized) --b;  // no trailing "of", "the"
    if (b <= a) return;
    TextSpan span = t[a].span.Union(t[b - 1].span);
    std::string name(span.In(doc_.text));
    for (const auto& c : out)
      if (c.value == name) return;
    out.push_back({name, span});
  };
  auto is_inner = [&](uint32_t k) {
    return t[k].norm == "of"sv || t[k].norm == "for"sv || t[k].norm == "and"sv || t[k].norm == "the"sv;
  };
  auto run_end = [&](uint32_t a) {
    uint32_t b = a;
    while (b < s.last && b < a + 10 && t[b].is_word && (t[b].capitalized || (is_inner(b) && b > a)))
      ++b;
    return b;
  };
  for (uint32_t i = s.first; i + 2 < s.last; ++i) {
    if (t[i].norm == "according"sv && t[i + 1].norm == "to"sv) {
      uint32_t a = i + 2;
      if (a < s.last && t[a].norm == "the"sv) ++a;
      if (a < s.last && t[a].capitalized) add(a, run_end(a));
    }
  }
  static const WordSet kSaid = {"said", "says", "reported", "reports", "told",
                                              "stated", "documented", "announced", "claimed",
                                              "confirmed"};
  for (uint32_t i = s.first + 1; i < s.last; ++i) {
    if (!kSaid.Has(t[i])) continue;
    // Walk back over the name: "the Syrian Observatory for Human Rights said".
    uint32_t b = i, a = i;
    // "SOHR activists have reported", "SANA's reporter said": the name's people between.
    static const WordSet kBetween = {"activists", "sources", "source", "have", "has",
                                                   "had", "correspondent", "reporter", "monitors",
                                                   "officials", "spokesman", "teams", "also"};
    while (a > s.first + 1 && kBetween.Has(t[a - 1]) && i - a < 3) b = --a;
    // "the Syrian Civil Defence (White Helmets) said": over the bracketed alias first.
    if (a > s.first + 1 && t[a - 1].punct == ')') {
      uint32_t open = a - 1;
      while (open > s.first && t[open].punct != '(' && a - open < 8) --open;
      if (t[open].punct == '(') b = a = open;
    }
    while (a > s.first && t[a - 1].is_word && (t[a - 1].capitalized || is_inner(a - 1)) && i - a < 10) --a;
    while (a < b && !t[a].capitalized) ++a;
    if (a < b && b - a <= 9) add(a, b);
  }
  return out;
}

bool Assembler::Negated(const Trigger& t, const SentenceFacts& f) const {
  for (const auto& c : f.cues) {
    const std::string& cat = c.entry->category;
    if (cat != "negation"sv && cat != "irrealis"sv) continue;
    // "On 2 May 2020, JaS clashed": the month May is no modal verb (a date's own words
    // are no cues at all: see Run).
    if (tt_.tokens[c.first].capitalized && c.first > 0 && tt_.tokens[c.first - 1].is_word) continue;
    if (tt_.tokens[c.first].capitalized && c.first + 1 < tt_.tokens.size() && tt_.tokens[c.first + 1].is_number)
      continue;
    // "carried out a planned attack", "launched a possible ...": the word describes an
    // attack that was done.
    if (cat == "irrealis"sv && c.first >= 2 && (tt_.tokens[c.first - 1].norm == "a"sv || tt_.tokens[c.first - 1].norm == "an"sv)) {
      const std::string& verb = tt_.tokens[c.first - 2].norm;
      if (verb == "out"sv || verb == "conducted"sv || verb == "launched"sv || verb == "staged"sv || verb == "mounted"sv)
        continue;
    }
    // "did not shell", "no airstrikes", "threatened to attack", "plans to strike".
    if (c.last <= t.first && t.first - c.last <= 3) return true;
  }
  return false;
}

std::string Assembler::CityZoneOf(const PlaceMention& m) const {
  const auto& t = tt_.tokens;
  const Sentence& s = tt_.sentences[m.sentence];
  auto zone_at = [&](uint32_t direction) -> std::string {
    uint32_t len = 0;
    if (direction < s.first || direction + 1 >= s.last) return "";
    const Token& word = t[direction];
    const Token& zone = t[direction + 1];
    if (!word.capitalized || !zone.capitalized || (zone.norm != "zone"sv && zone.norm != "zona"sv) ||
        !CueAt(direction, "direction", &len) || len != 1)
      return "";
    return std::string(word.span.Union(zone.span).In(doc_.text));
  };
  // "the North Zone of X"
  if (m.first >= s.first + 3 && t[m.first - 1].norm == "of"sv)
    if (std::string zone = zone_at(m.first - 3); !zone.empty()) return zone;
  // "X's North Zone"
  if (m.last > m.first && t[m.last - 1].possessive) return zone_at(m.last);
  return "";
}

bool Assembler::EnclosedBy(const PlaceMention& inner, const PlaceMention& outer) {
  if (!outer.encloses || outer.sentence != inner.sentence || outer.first <= inner.last) return false;
  // Each place between them encloses the one before: "Maidanak village of Barrah-Khanah
  // area, Chaghcharan city".
  for (size_t k : MentionsIn(inner.sentence)) {
    const PlaceMention& between = mentions_[k];
    if (between.first >= inner.last && between.last <= outer.first && !between.encloses) return false;
  }
  return true;
}

// "13 kilometers south of the city of Daraa", "east of Idlib", "who is from the town of X",
// "which have positions in the towns of X": the place locates something else.
bool Assembler::IsReferencePlace(const PlaceMention& m) const {
  const auto& t = tt_.tokens;
  if (m.reference) return true;  // "فليفل جنوب إدلب": Idlib only locates Flifel
  if (m.encloses) return true;   // "Bafut town, Bamenda subdivision": Bamenda only locates Bafut
  // A dateline: "Kyiv, (APP) - At least 11 ...", "HAMA, (ST)- ...", "Daraa - SMART".
  if ((m.first == 0 || t[m.first].newlines_before > 0) && m.last < t.size() &&
      (t[m.last].punct == ',' || t[m.last].punct == '(' || t[m.last].punct == '-' ||
       t[m.last].punct == ':') &&
      m.last + 1 < t.size() && (t[m.last + 1].punct == '(' || !t[m.last + 1].is_word ||
                                t[m.last + 1].capitalized))
    return true;
  uint32_t k = m.first;
  // Skip "the town of", "the city of", "the towns of".
  auto skip_placetype = [&](uint32_t& i) {
    if (i >= 1 && t[i - 1].norm == "of"sv && i >= 2) {
      uint32_t len = 0;
      if (CueAt(i - 2, "placetype", &len) && len == 1) {
        i -= 2;
        if (i >= 1 && t[i - 1].norm == "the"sv) --i;
      }
    }
  };
  skip_placetype(k);
  if (k == 0) return false;
  // "a town on the highway linking Hama and Aleppo": the ends of a road describe it,
  // nothing happens there ("an IED on the road between X and Y" does locate at X).
  for (uint32_t j = k; j-- > 0 && j + 8 > k;) {
    const std::string& w = t[j].norm;
    if (w == "linking"sv || w == "connecting"sv || w == "links"sv || w == "connects"sv) {
      for (uint32_t r = j; r-- > 0 && r + 4 > j;) {
        const std::string& road = t[r].norm;
        if (road == "highway"sv || road == "road"sv || road == "route"sv ||
            road == "motorway"sv || road == "railway"sv)
          return true;
      }
      break;
    }
    if (t[j].punct == '.' || t[j].punct == ';') break;
  }
  const std::string& prev = t[k - 1].norm;
  // "shells fired from X" name where the fire came from; "kidnapped two civilians from X
  // village" names where the abduction took place.
  if (prev == "from"sv) {
    for (uint32_t j = k - 1; j-- > 0 && j + 8 > k;) {
      if (t[j].punct == '.' || t[j].punct == ';' || t[j].punct == ',') break;
      uint32_t len = 0;
      const LexEntry* act = CueAt(j, "attack", &len);
      if (act && ParseCode(act->value) == Code::kAbduct) return false;
    }
    return true;
  }
  if (prev == "of"sv && k >= 2) {
    uint32_t len = 0;
    const LexEntry* d = CueAt(k - 2, "direction", &len);
    if (d && k - 2 + len == k - 1) return true;  // "south of X", "outskirts of X" is not reference
  }
  if ((prev == "in"sv || prev == "at"sv || prev == "near"sv) && k >= 2) {
    const std::string& p2 = t[k - 2].norm;
    // "fired on the positions of the army located at X" names the target's place.
    auto target_positions = [&] {
      for (uint32_t j = k - 2; j-- > 0 && j + 10 > k;) {
        if (t[j].punct == '.' || t[j].punct == ';') return false;
        if (t[j].norm != "positions"sv && t[j].norm != "position"sv) continue;
        uint32_t b = j > 0 && t[j - 1].norm == "the"sv ? j - 1 : j;
        if (b == 0) continue;
        const std::string& w = t[b - 1].norm;
        if (w == "on"sv || w == "at"sv || w == "targeting"sv || w == "targeted"sv ||
            w == "against"sv || w == "shelled"sv || w == "attacked"sv)
          return true;
      }
      return false;
    };
    // "forces positioned near Maarat al-Numan fired" (but "positions assumed to be located
    // near X" are the target).
    if (p2 == "stationed"sv || p2 == "based"sv || p2 == "deployed"sv || p2 == "positioned"sv ||
        (p2 == "located"sv && prev != "near"sv && !target_positions()))
      return true;
    // "which have positions in X fired" (where they fire from), not "targeted positions in X".
    if (p2 == "positions"sv && k >= 3) {
      const std::string& p3 = t[k - 3].norm;
      if (p3 == "have"sv || p3 == "has"sv || p3 == "had"sv || p3 == "with"sv || p3 == "their"sv || p3 == "its"sv)
        return true;
    }
  }
  return false;
}

const ActorMention* Assembler::ClaimantIn(const Sentence& s, const std::vector<ActorMention>& actors) const {
  const auto& t = tt_.tokens;
  constexpr uint32_t kGap = 5;  // "the Islamic State group, which ..., claimed", "أعلن تنظيم داعش مسؤوليته"
  for (uint32_t k = s.first; k < s.last; ++k) {
    uint32_t len = 0;
    const LexEntry* e = CueAt(k, "responsibility", &len);
    if (!e || k + len > s.last) continue;
    // "no group has claimed responsibility", "لم يتبن", "نفى مسؤوليته".
    bool negated = false;
    for (uint32_t j = k > s.first + 3 ? k - 3 : s.first; j < k && !negated; ++j) {
      uint32_t nlen = 0;
      negated = CueAt(j, "negation", &nlen) != nullptr || t[j].norm == "yet"sv;
    }
    if (negated) return nullptr;
    bool after = e->Attr("side") == "after"sv;
    const ActorMention* best = nullptr;
    for (const auto& a : actors) {
      if (a.role == "civilians"sv) continue;
      bool before_ok = a.last <= k && k - a.last <= kGap;
      bool after_ok = after && a.first >= k + len && a.first - (k + len) <= 2;
      if (after_ok || before_ok) {
        // The nearest actor before the phrase, the first after it.
        if (!best || (after_ok ? a.first < best->first : a.last > best->last)) best = &a;
      }
    }
    if (best) return best;
  }
  return nullptr;
}

std::string Assembler::CountryOf(const SentenceFacts& f) const {
  if (!country_.empty()) return country_;
  // No country for the report as a whole: the one of the place this sentence names.
  for (size_t k : f.places)
    if (const auto& chosen = mentions_[k].chosen) return std::string(chosen->country);
  return "";
}

std::string Assembler::AreaOf(const SentenceFacts& f) const {
  for (size_t k : f.places)
    if (const auto& chosen = mentions_[k].chosen; chosen && !mentions_[k].country_only)
      return std::string(chosen->admin1);
  return "";
}

std::string Assembler::TerroristsGroup(const SentenceFacts& f) const {
  bool terrorists = false;
  for (const auto& a : f.actors) terrorists = terrorists || a.role == "terrorists"sv;
  if (terrorists)
    for (const auto& a : f.actors) {
      if (a.role == "named"sv && (a.kind == "islamist"sv || a.kind == "rebel"sv)) return a.canonical;
      if (a.role == "rebels"sv) return ActorName(a, f);
    }
  return "";
}

std::string Assembler::ActorName(const ActorMention& a, const SentenceFacts& f) const {
  if (a.role == "named"sv) return a.canonical;
  std::string iso = a.country.empty() ? CountryOf(f) : a.country;
  if (a.role == "terrorists"sv) {
    // "the terrorists of Jabhat al-Nusra": the group named beside the word.
    if (std::string named = TerroristsGroup(f); !named.empty()) return named;
    if (!terrorists_group_.name.empty() && AreaOf(f) == terrorists_group_.admin1)
      return terrorists_group_.name;
    return res_.actors->NameFor("unidentified", iso);
  }
  return res_.actors->NameFor(a.role, iso, a.canonical);
}

void Assembler::Assemble(uint32_t si, SentenceFacts& f, Context& ctx, bool headline_pass) {
  const Sentence& s = tt_.sentences[si];
  const auto& t = tt_.tokens;

  // Dates in this sentence; the latest explicit one sets the context.
  for (const auto& dm : f.dates) {
    // A page header's date (" date 2019-05-31  Syrian town of Azaz hit ...") dates the
    // page, not the events.
    if (s.headline && published_) continue;
    // "the Observatory said on Tuesday": the day of the statement, not of the events.
    {
      uint32_t k = dm.first;
      if (k > s.first && t[k - 1].norm == "on"sv) --k;
      uint32_t clen = 0;
      if (k > s.first && CueAt(k - 1, "claim", &clen) && k - 1 + clen == k && !t[k - 1].is_number &&
          dm.weekday >= 0)
        continue;
    }
    // "On the same day", "the following day": the date told before (which stays the
    // evidence), or a day after it (the phrase that moves it is).
    if (dm.after_told_days) {
      if (ctx.date && ctx.date->day && *dm.after_told_days != 0) {
        ctx.date->day = std::chrono::year_month_day{std::chrono::sys_days{*ctx.date->day} +
                                                    std::chrono::days{*dm.after_told_days}};
        ctx.date_span = t[dm.first].span.Union(t[dm.last - 1].span);
      }
      continue;
    }
    ResolvedDate r = Resolve(dm, published_);
    if (r.day || r.month) {
      ctx.date = r;
      ctx.date_span = t[dm.first].span.Union(t[dm.last - 1].span);
      ctx.date_label.clear();
    } else if (dm.weekday >= 0 || dm.relative_days) {
      // Undated report: "on Tuesday" and "on Wednesday" are still different days.
      ctx.date_label = dm.weekday >= 0 ? "weekday:" + std::to_string(dm.weekday)
                                       : "relative:" + std::to_string(*dm.relative_days);
    }
  }
  // The group that claims an attack told here or before ("The Islamic State group later
  // claimed responsibility"): found once, it acts below and, unless the sentence retells
  // history, takes this report's attacks that name no one (Finish).
  const ActorMention* claimant = f.actors.empty() ? nullptr : ClaimantIn(s, f.actors);
  const uint32_t claimant_at = claimant ? claimant->first : UINT32_MAX;
  if (claimant && !HasCue(f, "background"))
    claimants_.push_back({ActorName(*claimant, f), t[claimant->first].span.Union(t[claimant->last - 1].span)});
  for (const auto& a : f.actors)
    war_actors_ = war_actors_ || a.role == "military"sv || a.role == "terrorists"sv || a.role == "rebels"sv ||
                  (a.role == "named"sv && a.kind != "police"sv && a.kind != "civilians"sv);
  gang_context_ = gang_context_ || HasCue(f, "gang");
  execution_context_ = execution_context_ || HasCue(f, "execution");
  for (const auto& c : f.cues)
    drug_context_ = drug_context_ || (c.entry->category_hash == LexCategory("gang").hash() && c.entry->value == "drugs"sv);
  // Casualty context words: "The breakdown of fatalities was as follows".
  std::string kind_here;
  for (uint32_t i = s.first; i < s.last && f.has_casualty; ++i) {
    uint32_t len = 0;
    if (const LexEntry* c = res_.lexicon->LongestOf(t, i, s.last, "casualty", &len)) kind_here = c->value;
  }
  // Figures need a casualty word, or people counted in a list that has one ("two children").
  std::vector<CasualtyFigure> figures;
  if (f.has_casualty || (f.has_victim && !ctx.casualty_kind.empty()))
    figures = FindCasualties(t, s.first, s.last, *res_.lexicon, ctx.casualty_kind);
  if (f.has_casualty) FindArabicCasualties(t, s.first, s.last, *res_.lexicon, figures);
  // "358 civilians have been killed in eastern Aleppo since a U.S.-Russian brokered
  // cease-fire collapsed": a running count, not this report's toll ("since Saturday" is).
  for (uint32_t i = s.first; i + 1 < s.last; ++i) {
    if (t[i].norm != "since"sv) continue;
    uint32_t len = 0;
    const std::string& n = t[i + 1].norm;
    bool running = n == "a"sv || n == "an"sv || n == "the"sv || (t[i + 1].is_number && n.size() == 4) ||
                   res_.lexicon->LongestOf(t, i + 1, s.last, "month", &len) != nullptr;
    if (running) figures.clear();
  }
  if (!kind_here.empty()) ctx.casualty_kind = kind_here;

  // Triggers that are not negated or hypothetical.
  // "a kidnapping suspect", "on murder charges": the crime word describes a person or a
  // case, not something that happened here.
  static const WordSet kCaseNouns = {"suspect", "suspects", "charge", "charges", "case",
                                     "cases", "convict", "convicts", "trial"};
  std::vector<Trigger> live;
  for (const auto& tr : f.triggers)
    if (!Negated(tr, f) && !(tr.last < s.last && kCaseNouns.Has(t[tr.last]))) live.push_back(tr);
  bool background = false;
  for (const auto& dm : f.dates) {
    ResolvedDate r = Resolve(dm, published_);
    if (published_ && r.day &&
        (std::chrono::sys_days{*published_} - std::chrono::sys_days{*r.day}).count() > kNewsWindowDays)
      background = true;
    if (published_ && dm.year && !dm.day && *dm.year < int(published_->year())) background = true;
    if (!published_ && dm.year && !dm.day) background = true;
    // "In April, a jet strike killed about 170" in a June report: an earlier incident.
    if (published_ && dm.month && !dm.day && !dm.year) {
      int months = (int(unsigned(published_->month())) - *dm.month + 12) % 12;
      if (months >= 2) background = true;
    }
  }
  for (const auto& c : f.cues)
    if (c.entry->category_hash == LexCategory("background").hash()) background = true;
  // Demonstrations, riots and mob violence are not political violence in this model
  // ("a mob of locals attacked", "police fired tear gas at protesters").
  bool protest = crowd_report_;
  for (const auto& c : f.cues) {
    if (c.entry->category_hash == LexCategory("protest").hash()) protest = true;
    // "Border guards fired warning shots in the air": no one was harmed, no attack.
    if (c.entry->category_hash == LexCategory("warningfire").hash() && !f.has_casualty) protest = true;
  }
  if (background || protest) live.clear();
  // Territory changes need the place taken right after the verb ("captured the town of X").
  {
    std::vector<Trigger> kept;
    for (const auto& tr : live) {
      if (tr.code == Code::kTerritory) {
        bool place_follows = false;
        for (size_t k : f.places)
          if (mentions_[k].first >= tr.last && mentions_[k].first <= tr.last + 5 && !mentions_[k].country_only)
            place_follows = true;
        if (!place_follows) continue;
      }
      kept.push_back(tr);
    }
    live = kept;
  }

  Code best = Code::kNone;
  bool strong = false;
  TextSpan type_span;
  uint32_t first_trigger = s.last;
  for (const auto& tr : live) {
    if (Priority(tr.code) > Priority(best)) {
      best = tr.code;
      type_span = t[tr.first].span.Union(t[tr.last - 1].span);
    }
    strong = strong || tr.strong;
    first_trigger = std::min(first_trigger, tr.first);
  }
  // "A shoot-out broke out and a suspect was shot": fire from both sides makes the
  // shooting told with it part of a clash.
  if (best == Code::kAttack)
    for (const auto& tr : live)
      if (tr.code == Code::kClash && tr.two_sided) {
        best = Code::kClash;
        type_span = t[tr.first].span.Union(t[tr.last - 1].span);
        break;
      }

  // Places that can carry an event. `lookalikes`: places the text marks whose only
  // gazetteer matches lie in a country the report never names ("in Abu Salim" read as
  // Salim in the West Bank): a last resort for an attack told with no other place.
  std::vector<size_t> event_places, camps, lookalikes;
  for (size_t k : f.places) {
    const PlaceMention& m = mentions_[k];
    if (m.country_only) continue;
    if (m.camp) {
      camps.push_back(k);
      continue;
    }
    if (!m.chosen && !m.cued) continue;
    bool only_skeleton = !m.candidates.empty();
    for (const auto& c : m.candidates) only_skeleton = only_skeleton && c.match == MatchKind::kSkeleton;
    if (only_skeleton && !m.cued) continue;  // a loose spelling match needs the text to say "place"
    // A foreign place the text does not mark as a place is a look-alike ("Kerry", "Congress").
    if (m.chosen && !country_.empty() && m.chosen->country != country_ && !m.cued) continue;
    // A capitalized word opening a sentence, unmarked, is too weak to place an event ("Need").
    if (!m.cued && m.last == m.first + 1 && m.first == s.first) continue;
    if (m.chosen && !country_.empty() && m.chosen->country != country_ &&
        !mentioned_countries_.count(std::string(m.chosen->country))) {
      // A foreign look-alike of a word or a name, in a country the report never names.
      // A place the text itself marks ("the village of Gadabo") stays, as written.
      bool loose = true;
      for (const auto& c : m.candidates) loose = loose && c.match == MatchKind::kSkeleton;
      if (!m.cued || (!loose && !m.typed)) {
        if (m.cued) lookalikes.push_back(k);
        continue;
      }
      mentions_[k].chosen.reset();
      mentions_[k].resolution = "gazetteer candidates lie outside the report's country; kept as written";
    }
    event_places.push_back(k);
  }
  // Reference places drop out when something else is left.
  {
    std::vector<size_t> kept;
    bool previous_reference = false;
    size_t previous = SIZE_MAX;
    for (size_t k : event_places) {
      // "from the towns of Bargah and al-Aliah": a list shares its first item's role.
      bool listed_after_reference = false;
      if (previous_reference && previous != SIZE_MAX && mentions_[previous].last < mentions_[k].first) {
        bool joined = true;
        for (uint32_t j = mentions_[previous].last; j < mentions_[k].first && joined; ++j)
          joined = t[j].punct == ',' || t[j].norm == "and"sv || t[j].norm == "or"sv;
        listed_after_reference = joined;
      }
      bool reference = listed_after_reference || IsReferencePlace(mentions_[k]);
      previous_reference = reference;
      previous = k;
      if (!reference) {
        kept.push_back(k);
      } else if (!kept.empty()) {
        // "Qarni village, northwest of El-Fasher": events coded at El-Fasher elsewhere in
        // the report are this one, told less precisely.
        located_by_.emplace_back(MentionKey(mentions_[k]), MentionKey(mentions_[kept.back()]));
      }
    }
    if (!kept.empty()) event_places = kept;
    else if (!event_places.empty()) event_places.clear();
  }
  // "Damascus's ally Russia", "Idleb’s southern countryside": a possessive names whose,
  // not where, when the sentence names other places.
  {
    std::vector<size_t> plain, owners;
    for (size_t k : event_places) {
      const PlaceMention& m = mentions_[k];
      if (!t[m.last - 1].possessive) {
        plain.push_back(k);
        continue;
      }
      // "Damascus's ally", "Moscow's forces", "Latakia's security chief": the city stands
      // for a government, or names whose office speaks.
      static const WordSet kOwned = {"ally", "allies", "government", "regime", "forces", "army",
                                     "president", "military", "troops", "militias", "envoy",
                                     "ministry", "security", "chief", "governor", "mayor",
                                     "official", "officials", "authorities", "health", "police",
                                     "council", "spokesman", "spokesperson", "directorate"};
      if (m.last < s.last && kOwned.Has(t[m.last])) continue;
      owners.push_back(k);
    }
    event_places = plain.empty() ? owners : plain;
  }
  // Places quoted as a motive ('"a response to the bombing of Idlib"') drop out when the
  // sentence names places outside the quotation.
  {
    std::vector<uint8_t> quoted(s.last - s.first, 0);
    bool in = false;
    for (uint32_t i = s.first; i < s.last; ++i) {
      if (t[i].punct == '"') in = !in;
      quoted[i - s.first] = in;
    }
    std::vector<size_t> outside;
    for (size_t k : event_places)
      if (!quoted[mentions_[k].first - s.first]) outside.push_back(k);
    if (!outside.empty()) event_places = outside;
  }
  // A province's name used as a container ("Nairab and Kafrta’al in Aleppo") is context
  // when the sentence names towns; "Idlib City" says it is the town.
  if (event_places.size() > 1) {
    std::vector<size_t> towns;
    for (size_t k : event_places) {
      const auto& m = mentions_[k];
      bool names_province = false;
      for (const auto& c : m.candidates)
        names_province = names_province || (c.place.kind == PlaceKind::kAdmin1 &&
                                            c.match == MatchKind::kCompact &&
                                            (country_.empty() || c.place.country == country_));
      bool says_town = m.last > m.first && (t[m.last - 1].norm == "city"sv || t[m.last - 1].norm == "town"sv);
      if (!names_province || says_town) towns.push_back(k);
    }
    if (!towns.empty()) event_places = towns;
  }
  // Containers: "Flifel in Jabal al-Zawiya", "Butembo (Butembo, Nord-Kivu)", and the
  // second place of "between X and Y" (ACLED codes the first).
  if (event_places.size() > 1) {
    std::vector<size_t> inner;
    int paren = 0;
    std::vector<int> depth(s.last - s.first, 0);
    for (uint32_t i = s.first; i < s.last; ++i) {
      if (t[i].punct == '(') ++paren;
      depth[i - s.first] = paren;
      if (t[i].punct == ')' && paren > 0) --paren;
    }
    for (size_t idx = 0; idx < event_places.size(); ++idx) {
      const auto& m = mentions_[event_places[idx]];
      bool container = false;
      if (idx > 0) {
        const auto& prev = mentions_[event_places[idx - 1]];
        if (depth[m.first - s.first] > depth[prev.first - s.first]) container = true;
        // "X in Y" / "X, in Y" / "the village of X in the Y countryside".
        uint32_t k = m.first;
        while (k > prev.last && (t[k - 1].norm == "the"sv || t[k - 1].punct == ',')) --k;
        if (k > prev.last && (t[k - 1].norm == "in"sv || t[k - 1].norm == "of"sv) && k - 1 <= prev.last + 3) {
          bool only_type_words = true;
          for (uint32_t j = prev.last; j + 1 < k; ++j) {
            uint32_t len = 0;
            if (!(t[j].punct == ',' || CueAt(j, "placetype", &len) || t[j].norm == "the"sv))
              only_type_words = false;
          }
          if (only_type_words) container = true;
        }
        // "in Santa Fe, Ocotepeque", "Camudlas, Bindoy, Negros Oriental": a comma chain with
        // no "and" is a place and its enclosing areas; with "and" it is a list of places.
        bool comma_only = prev.last < m.first;
        for (uint32_t j = prev.last; j < m.first && comma_only; ++j) comma_only = t[j].punct == ',';
        if (comma_only) {
          bool list = false;
          // Look along the chain for an "and"/"or" joining a further place.
          uint32_t from = m.last;
          for (size_t nx = idx + 1; nx < event_places.size() && !list; ++nx) {
            const auto& n = mentions_[event_places[nx]];
            bool only_commas = true;
            for (uint32_t j = from; j < n.first; ++j) {
              if (t[j].norm == "and"sv || t[j].norm == "or"sv) list = true;
              else if (t[j].punct != ',') only_commas = false;
            }
            if (!list && !only_commas) break;
            from = n.last;
          }
          if (!list) container = true;
        }
        // "between X and Y": Y is the other end, not a second event.
        for (uint32_t j = prev.first >= 1 ? prev.first - 1 : prev.first; j < prev.first; ++j)
          if (t[j].norm == "between"sv) container = true;
      }
      if (!container) inner.push_back(event_places[idx]);
    }
    if (!inner.empty()) event_places = inner;
  }
  // Provinces are context when the sentence names towns.
  {
    std::vector<size_t> fine;
    for (size_t k : event_places) {
      const auto& m = mentions_[k];
      // A district named as one ("in Chikun LGA") is context too.
      bool admin = m.chosen ? (m.chosen->kind == PlaceKind::kAdmin1 || m.chosen->kind == PlaceKind::kCountry ||
                               (m.chosen->kind == PlaceKind::kAdmin2 && m.admin_cued))
                            : m.admin_cued;
      if (!admin) fine.push_back(k);
    }
    if (!fine.empty()) event_places = fine;
  }

  // A sentence that retells history ("In April, ...") does not continue the attack just told.
  bool continuation = int(si) - ctx.last_trigger_sentence <= 2 && ctx.code != Code::kNone && !background;
  bool strong_weapon = false;
  for (const auto& tr : live)
    if (tr.strong && IsRemote(tr.code)) strong_weapon = true;
  // "attacked and injured a leader", "assaulted and killed": harm said without a number.
  bool harm_words = false;
  for (uint32_t i = s.first; i < s.last && !harm_words; ++i) {
    uint32_t len = 0;
    const LexEntry* c = res_.lexicon->LongestOf(t, i, s.last, "casualty", &len);
    harm_words = c && (c->value == "killed"sv || c->value == "injured"sv) && t[i].norm != "toll"sv;
  }
  // "attacked a civilian": civilians right after the attack word (not "families left
  // after the attack").
  bool civilian_target = false;
  for (const auto& c : f.cues) {
    if (c.entry->category_hash != LexCategory("civilian").hash()) continue;
    for (const auto& tr : live)
      if (c.first >= tr.last) civilian_target = true;
  }
  bool supported = !figures.empty() || !f.actors.empty() || strong_weapon || harm_words || civilian_target;
  bool two_sided_fire = false;
  for (const auto& tr : live) two_sided_fire = two_sided_fire || tr.two_sided;
  // Monitors' notes set the scene, then tell the act: "On 3 May 2020, in Sao Goncalo,
  // police went to the Jardim Catarina neighborhood ... A shoot-out broke out and a
  // suspect died." An attack told without a place takes the places of the report's
  // opening sentence just before it, when that one told no attack and this one tells of
  // harm or of fire on both sides.
  bool from_scene = false;
  if (best == Code::kNone) {
    if (!event_places.empty() && IsOpening(si) && !background) {
      // Only places the text marks as places ("in Braytal"), not capitalized names.
      ctx.scene_places.clear();
      for (size_t k : event_places)
        if (mentions_[k].cued) ctx.scene_places.push_back(k);
      ctx.scene_sentence = int(si);
      ctx.scene_paragraph = s.paragraph;
    }
  } else if (event_places.empty() && strong && !background && !ctx.scene_places.empty() &&
             (two_sided_fire || harm_words || !figures.empty()) &&
             ctx.scene_sentence + 1 == int(si) &&
             ctx.scene_paragraph == s.paragraph && ctx.last_trigger_sentence < ctx.scene_sentence) {
    event_places = ctx.scene_places;
    from_scene = true;
  }
  if (best == Code::kNone) {
    // A list item after a trigger sentence: "Balyoun town: two children."
    if (continuation && !figures.empty() && !event_places.empty()) {
      best = Code::kGeneric;
      strong = true;
      type_span = t[figures[0].first].span.Union(t[figures[0].last - 1].span);
    }
  }
  if (best != Code::kNone && !strong && !supported && !continuation) best = Code::kNone;
  // "took the wounded to hospitals", "mourned those killed": harm words alone, with no one
  // named and no weapon, tell the aftermath, not a new attack.
  {
    bool only_harm = !live.empty();
    for (const auto& tr : live) {
      const std::string& w = t[tr.first].norm;
      only_harm = only_harm && tr.last == tr.first + 1 &&
                  (w == "killed"sv || w == "killing"sv || w == "kills"sv || w == "wounded"sv ||
                   w == "injured"sv);
    }
    // ... unless the harm is placed right there: "the man was killed in Haidar village".
    bool placed = false;
    for (const auto& tr : live)
      for (size_t k : event_places)
        if (mentions_[k].first > tr.first && mentions_[k].first <= tr.last + 2) placed = true;
    if (only_harm && !placed && f.actors.empty() && f.weapons.empty() && figures.empty()) best = Code::kNone;
    // "left their homes after the attack": a weak word behind "the" points back to an
    // attack already told, it does not tell a new one.
    bool anaphoric = !live.empty();
    for (const auto& tr : live) {
      bool behind_the = tr.first > s.first + 1 &&
                        (t[tr.first - 1].norm == "the"sv || t[tr.first - 1].norm == "this"sv ||
                         t[tr.first - 1].norm == "that"sv || t[tr.first - 1].norm == "these"sv);
      // Only time-wise pointers: "after the attack", "since the bombing", "following
      // the strikes" ("The bombing, which took place in Jabalia" still places it).
      const std::string& before = behind_the ? t[tr.first - 2].norm : std::string();
      bool temporal = before == "after"sv || before == "since"sv || before == "following"sv ||
                      before == "before"sv || before == "amid"sv || before == "during"sv;
      anaphoric = anaphoric && !tr.strong && behind_the && temporal;
    }
    bool names_target = false;  // "the bombing of Sarmin" still places an attack
    for (const auto& tr : live)
      for (size_t k : event_places)
        if (mentions_[k].first >= tr.last && mentions_[k].first <= tr.last + 4) names_target = true;
    if (anaphoric && !names_target && f.actors.empty()) best = Code::kNone;
  }
  if (best == Code::kGeneric && !strong && figures.empty() && f.actors.empty() && !continuation)
    best = Code::kNone;

  // Named victims.
  std::vector<uint8_t> blocked(s.last - s.first, 0);
  for (size_t k : f.places)
    if (mentions_[k].cued)
      for (uint32_t i = mentions_[k].first; i < mentions_[k].last; ++i) blocked[i - s.first] = 1;
  for (const auto& a : f.actors)
    for (uint32_t i = a.first; i < a.last; ++i) blocked[i - s.first] = 1;
  std::string outcome = best == Code::kAbduct ? "abducted" : (kind_here.empty() ? "killed" : kind_here);
  // Named victims come with harm or an attack in their sentence.
  std::vector<VictimMention> victims;
  if ((f.has_casualty || f.has_victim || !live.empty()) && could_hold_events_)
    victims = FindVictims(t, doc_.text, s.first, s.last, *res_.lexicon, blocked, outcome);

  if (best == Code::kNone) {
    // No event here, but figures may belong to an event already made: one named here,
    // or the only event of the sentence before ("However, no casualties were reported.").
    // Drafts are made sentence by sentence, so the recent ones are at the end.
    size_t recent = drafts_.size();
    while (recent > 0 && drafts_[recent - 1].sentence + 2 >= si) --recent;
    std::vector<size_t> previous;
    for (size_t k = recent; k < drafts_.size(); ++k)
      if (drafts_[k].sentence + 1 == si) previous.push_back(k);
    // "No fatalities were reported": a zero covers every event of the last event sentence.
    std::vector<size_t> last_events;
    for (size_t k = recent; k < drafts_.size(); ++k)
      if (drafts_[k].paragraph == s.paragraph && si - drafts_[k].sentence <= 2 &&
          (last_events.empty() || drafts_[k].sentence >= drafts_[last_events.back()].sentence)) {
        if (!last_events.empty() && drafts_[k].sentence > drafts_[last_events.back()].sentence) last_events.clear();
        last_events.push_back(k);
      }
    // A sentence that retells history ("In April, ... killed about 170 people") gives no
    // figures to events of this report.
    if (background) figures.clear();
    for (auto& fig : figures) {
      Draft* target = nullptr;
      if (fig.zero && event_places.empty() && !last_events.empty()) {
        for (size_t k : last_events) {
          if (fig.kind == "killed"sv || fig.kind == "both"sv) drafts_[k].killed.push_back(fig);
          if (fig.kind == "injured"sv || fig.kind == "both"sv) drafts_[k].injured.push_back(fig);
        }
        continue;
      }
      if (event_places.empty() && previous.size() == 1 && !fig.total) target = &drafts_[previous[0]];
      for (size_t k : event_places) {
        auto last = last_draft_of_place_.find(mentions_[k].chosen ? std::to_string(mentions_[k].chosen->id)
                                                                 : FoldForMatch(mentions_[k].text));
        if (last != last_draft_of_place_.end()) target = &drafts_[last->second];
      }
      if (target && !fig.total) {
        (fig.kind == "injured"sv ? target->injured : target->killed).push_back(fig);
        if (fig.kind == "both"sv) {
          target->injured.push_back(fig);
        }
      } else if (!background && !protest) {  // fighters' deaths are fatalities too
        total_candidates_.push_back(fig);
      }
    }
    for (auto& v : victims) victims_.push_back(v);
    return;
  }

  // Sources are not actors: "according to a police source", "the army said", "أعلنت
  // الشرطة العراقية مقتل" (but "أعلن تنظيم داعش مسؤوليته" claims the attack).
  {
    std::vector<ActorMention> acting;
    for (const auto& a : f.actors) {
      bool source = false;
      uint32_t clen = 0;
      if (a.first > s.first && a.first != claimant_at && IsArabicWord(t[a.first - 1].norm) &&
          CueAt(a.first - 1, "claim", &clen) && a.first - 1 + clen == a.first)
        source = true;
      if (a.first >= s.first + 2 && t[a.first - 2].norm == "according"sv) source = true;
      if (a.first >= s.first + 3 && t[a.first - 3].norm == "according"sv) source = true;
      for (uint32_t k = a.last; k < s.last && k < a.last + 2; ++k)
        if (t[k].norm == "said"sv || t[k].norm == "told"sv || t[k].norm == "source"sv ||
            t[k].norm == "sources"sv || t[k].norm == "spokesman"sv || t[k].norm == "statement"sv ||
            t[k].norm == "command"sv || t[k].norm == "announced"sv)
          source = true;
      if (!source) acting.push_back(a);
    }
    f.actors = std::move(acting);
  }
  // Perpetrator and target.
  const ActorMention* actor1 = nullptr;  // the claimant, kept by the filter above
  for (const auto& a : f.actors)
    if (a.first == claimant_at) actor1 = &a;
  const ActorMention* actor2 = nullptr;
  bool passive = actor1 != nullptr;  // the group that claims it did it
  bool named_by = false;              // "... by Taliban militants"
  // "Jabhat al-Nusra and the so-called Ahrar al-Sham shelled ...": groups told together
  // as the attackers; the first named is actor1 (the other is its associate), not the
  // one nearer the attack words.
  auto partners = [&](const ActorMention& a, const ActorMention& b) {
    auto group = [](const ActorMention& m) { return m.role == "named"sv || m.role == "rebels"sv; };
    if (best == Code::kClash || !group(a) || !group(b) || a.last > b.first || b.first - a.last > 5)
      return false;
    bool joined = false;
    for (uint32_t k = a.last; k < b.first; ++k) {
      if (t[k].punct == ',' || t[k].punct == '.' || t[k].punct == ';') return false;
      joined = joined || t[k].norm == "and"sv;
    }
    return joined;
  };
  // "GNA and LNA forces clashed", "forces of India and Pakistan exchanged fire": `b`,
  // written right after `a` and "and", is the other side of a clash (in an attack the
  // two are partners: "Turkish forces and allied factions shelled").
  auto other_side = [&](const ActorMention& a, const ActorMention& b) {
    return best == Code::kClash && a.last + 1 == b.first && t[a.last].norm == "and"sv;
  };
  for (const auto& a : f.actors) {
    if (a.role == "civilians"sv) continue;
    bool by = a.first > s.first && (t[a.first - 1].norm == "by"sv ||
                                    (a.first > s.first + 1 && t[a.first - 2].norm == "by"sv));
    // "a town held by Turkish-backed rebels" describes the place, not the attacker.
    static const WordSet kDescriptive = {"held", "controlled", "backed", "run",
                                                      "supported", "led", "dominated",
                                                      "administered", "besieged", "surrounded"};
    if (by) {
      uint32_t by_at = t[a.first - 1].norm == "by"sv ? a.first - 1 : a.first - 2;
      if (by_at > s.first && kDescriptive.Has(t[by_at - 1])) by = false;
    }
    if (by && !passive) {
      actor1 = &a;
      passive = named_by = true;
    }
  }
  if (!passive && (actor1 = ArabicSubject(t, s.first, f.actors, *res_.lexicon))) passive = true;
  // "during a police raid", "a Taliban attack", "an Israeli strike": an armed actor
  // written onto the attack word names whose attack it is, wherever the sentence puts it.
  if (!passive) {
    for (const auto& a : f.actors) {
      if (a.role == "civilians"sv || a.role == "terrorists"sv) continue;
      bool modifier = std::any_of(live.begin(), live.end(),
                                  [&](const Trigger& tr) { return tr.first == a.last; });
      if (modifier) {
        actor1 = &a;
        passive = true;
        for (const auto& b : f.actors) {
          if (b.role != "civilians"sv && other_side(b, a)) {
            actor1 = &b;
            actor2 = &a;
          }
          if (&b != &a && partners(b, a)) actor1 = &b;
        }
        break;
      }
    }
  }
  for (const auto& a : f.actors) {
    if (a.role == "civilians"sv || &a == actor1) continue;
    bool target_slot = a.first > s.first &&
                       (t[a.first - 1].norm == "against"sv || t[a.first - 1].norm == "targeting"sv ||
                        t[a.first - 1].norm == "on"sv || t[a.first - 1].norm == "of"sv ||
                        t[a.first - 1].norm == "with"sv || t[a.first - 1].norm == "at"sv);
    // The actor closest before the attack words acts ("regime forces retreat from Aleppo
    // as rebels take control"), unless it is the other side of the one before.
    if (actor1 && !actor2 && other_side(*actor1, a) && a.first < first_trigger) {
      actor2 = &a;
    } else if (!passive && a.first < first_trigger && !target_slot) {
      if (!(actor1 && partners(*actor1, a))) actor1 = &a;
    } else if (!actor2 && (a.first >= first_trigger || target_slot ||
                           (named_by && a.first < actor1->first))) {
      // "2 soldiers were killed in an attack by Taliban militants": armed men told before
      // the attacker's "by" are its target.
      actor2 = &a;
    }
  }
  if (!actor1 && !passive) {
    // "strikes by Russian jets", "Russian jets struck": any armed actor not in a target slot.
    for (const auto& a : f.actors)
      if (a.role != "civilians"sv && &a != actor2 && a.role != "terrorists"sv) {
        actor1 = &a;
        break;
      }
  }
  // "Afghan forces repulsed their attack", "soldiers repelled a Taliban attack": the
  // attackers act; those who repelled them are the target.
  if (best == Code::kClash) {
    static const WordSet kRepel = {"repelled", "repulsed", "repel", "repulse", "repelling", "repulsing"};
    static const WordSet kAssault = {"attack", "attacks", "assault", "assaults", "offensive"};
    for (uint32_t r = s.first; r < s.last; ++r) {
      if (!kRepel.Has(t[r])) continue;
      const ActorMention* repeller = nullptr;
      for (const auto& a : f.actors)
        if (a.role != "civilians"sv && a.last <= r && a.last + 3 >= r) repeller = &a;
      if (!repeller) break;
      const ActorMention* attacker = nullptr;
      if (r + 2 < s.last && t[r + 1].norm == "their"sv && kAssault.Has(t[r + 2])) {
        for (const auto& a : f.actors)
          if (a.role != "civilians"sv && &a != repeller && !attacker) attacker = &a;
      } else {
        for (const auto& a : f.actors)
          if (a.role != "civilians"sv && a.first > r && a.first <= r + 3 && a.last < s.last && kAssault.Has(t[a.last]))
            attacker = &a;
      }
      if (attacker && ActorName(*attacker, f) != ActorName(*repeller, f)) {
        actor1 = attacker;
        actor2 = repeller;
        passive = true;
      }
      break;
    }
  }
  // "A suicide bomber blew himself up among police recruits": state forces beside a
  // bombing are its targets unless the text says they did it ("by the army").
  if (actor1 && !passive && (best == Code::kIed || best == Code::kSuicide) &&
      (actor1->role == "military"sv || actor1->role == "police"sv)) {
    if (!actor2) actor2 = actor1;
    actor1 = nullptr;
  }
  // A clash in the state's security operation was started by its forces (ACLED's actor1
  // is the side that initiates), whichever side the sentence names first, named or not
  // ("a man was killed after exchanging fire with military police forces during a patrol").
  if (best == Code::kClash && actor2 && !named_by && DuringSecurityOperation(t, s) &&
      IsStateForceName(ActorName(*actor2, f)) && !(actor1 && IsStateForceName(ActorName(*actor1, f))))
    std::swap(actor1, actor2);
  std::string actor1_name, actor1_role;
  TextSpan actor1_span;
  if (actor1) {
    actor1_name = ActorName(*actor1, f);
    actor1_role = actor1->role;
    actor1_span = t[actor1->first].span.Union(t[actor1->last - 1].span);
  } else if (continuation || (ctx.code != Code::kNone && !ctx.actor1.empty())) {
    actor1_name = ctx.actor1;
    actor1_role = ctx.actor1_role;
    actor1_span = ctx.actor1_span;
  }
  // "Military Police officers went to ... A shoot-out broke out": who was there acts.
  if (actor1_name.empty() && from_scene) {
    for (const auto& a : ActorsOf(uint32_t(ctx.scene_sentence))) {
      if (a.role == "civilians"sv || a.role == "terrorists"sv) continue;
      actor1_name = ActorName(a, f);
      actor1_role = a.role;
      actor1_span = t[a.first].span.Union(t[a.last - 1].span);
      break;
    }
  }
  // Remote fire with no one named: the state force the report names most, else the
  // report country's own military (in most wars only states fly and fire artillery).
  if (actor1_name.empty() && (best == Code::kAir || best == Code::kShell)) {
    actor1_name = dominant_military_.empty() ? res_.actors->NameFor("military", CountryOf(f)) : dominant_military_;
    actor1_role = "military";
  }
  if (actor1_name.empty() && (best == Code::kIed || best == Code::kAbduct || best == Code::kAttack ||
                              best == Code::kSuicide || best == Code::kGrenade || best == Code::kGeneric ||
                              best == Code::kShell || best == Code::kClash)) {
    actor1_name = res_.actors->NameFor("unidentified", CountryOf(f));
    actor1_role = "unidentified";
  }

  // Civilian targeting: civilian words or civilian sites in the sentence.
  bool civilian = false;
  TextSpan civilian_span;
  for (const auto& c : f.cues)
    if (c.entry->category_hash == LexCategory("civilian").hash()) {
      civilian = true;
      civilian_span = t[c.first].span.Union(t[c.last - 1].span);
      break;
    }
  bool military_site = false;
  for (const auto& st : f.sites) {
    if (st.entry->value == "military"sv) military_site = true;
    else if (!civilian) {
      civilian = true;
      civilian_span = t[st.first].span.Union(t[st.last - 1].span);
    }
  }
  for (const auto& fig : figures)
    if (fig.combatants && !civilian) military_site = true;
  if (best == Code::kAbduct || best == Code::kSexual) civilian = civilian || !actor2;

  std::string actor2_name;
  TextSpan actor2_span;
  if (actor2) {
    actor2_name = ActorName(*actor2, f);
    actor2_span = t[actor2->first].span.Union(t[actor2->last - 1].span);
    if (actor2_name == actor1_name) actor2_name.clear();
  }
  if (actor2_name.empty() && civilian && !military_site) {
    actor2_name = res_.actors->NameFor("civilians", CountryOf(f));
    actor2_span = civilian_span;
  }
  if (!actor2_name.empty() && actor2_name.rfind("Civilians", 0) != 0) civilian = false;
  if (military_site && actor2 == nullptr) civilian = false;

  // The context the next sentences inherit.
  ctx.code = best == Code::kGeneric && ctx.code != Code::kNone ? ctx.code : best;
  if (!actor1_name.empty() && actor1) {
    ctx.actor1 = actor1_name;
    ctx.actor1_role = actor1_role;
    ctx.actor1_span = actor1_span;
  }
  ctx.last_trigger_sentence = int(si);
  if (!f.weapons.empty()) {
    ctx.weapons.clear();
    for (const auto& w : f.weapons) ctx.weapons.push_back({w.entry->value, t[w.first].span.Union(t[w.last - 1].span)});
  }

  // An attack told at a place the gazetteer knows only abroad happened there all the
  // same: kept as written, located by what encloses it (EVENTS.md: an unresolved place
  // still yields its event).
  if (event_places.empty()) {
    for (size_t k : lookalikes) {
      if (IsReferencePlace(mentions_[k])) continue;
      mentions_[k].chosen.reset();
      mentions_[k].resolution = "gazetteer candidates lie outside the report's country; kept as written";
      event_places.push_back(k);
      break;
    }
  }
  if (event_places.empty()) {
    for (auto& fig : figures)
      if (!background) total_candidates_.push_back(fig);
    if (!background && !figures.empty() && !s.headline) ctx.RememberUnplaced(figures, int(si), best);
    for (auto& v : victims) victims_.push_back(v);
    return;
  }

  // Date for events in this sentence.
  std::optional<ResolvedDate> date = ctx.date;
  TextSpan date_span = ctx.date_span;
  if (!date && lead_date_) {
    date = lead_date_;
    date_span = lead_date_span_;
  }

  // Clauses led by different attackers, each with its own attack words.
  struct Segment {
    const ActorMention* actor;
    Code code = Code::kNone;
    TextSpan type_span;
  };
  std::vector<Segment> segments;
  {
    std::vector<const ActorMention*> leads;
    for (const auto& a : f.actors) {
      if (a.role == "civilians"sv || a.role == "terrorists"sv) continue;
      bool target_slot = a.first > s.first &&
                         (t[a.first - 1].norm == "against"sv || t[a.first - 1].norm == "targeting"sv ||
                          t[a.first - 1].norm == "on"sv || t[a.first - 1].norm == "of"sv ||
                          t[a.first - 1].norm == "by"sv || t[a.first - 1].norm == "at"sv);
      // A lead attacker has an attack word right after it ("Russian warplanes struck"),
      // and none right before it: "GNA forces attacked LNA positions with artillery" is
      // one attack on the LNA.
      // Not across a comma, nor in the passive: "killed 1 Afghan soldier, and injured 1",
      // "9 Taliban militants were killed" tell those men's fate, not their act.
      static const WordSet kPassive = {"was", "were", "been", "being", "is", "are", "got"};
      static const WordSet kFate = {"killed", "injured", "wounded", "dead", "hurt"};
      // "repelled a Taliban attack": an article between verb and actor changes nothing.
      const bool article = a.first > s.first && (t[a.first - 1].norm == "a"sv || t[a.first - 1].norm == "an"sv ||
                                                 t[a.first - 1].norm == "the"sv);
      bool acts = false, object = false;
      for (const auto& tr : live) {
        bool direct = tr.first >= a.last && tr.first <= a.last + 3;
        for (uint32_t k = a.last; direct && k < tr.first; ++k)
          direct = t[k].punct != ',' && t[k].punct != ';' && !kPassive.Has(t[k]);
        // "the attack left 2 militants injured": counted men with their wounds.
        if (direct && a.first > s.first && t[a.first - 1].is_number && kFate.Has(t[tr.first])) direct = false;
        acts = acts || direct;
        object = object || tr.last == a.first || (article && tr.last + 1 == a.first);
      }
      // "India and Pakistan forces exchanged fire": the sides of one clash, not two attacks.
      const bool joined = std::any_of(f.actors.begin(), f.actors.end(),
                                      [&](const ActorMention& b) { return other_side(b, a); });
      if (object || joined) continue;
      if (!target_slot && acts) leads.push_back(&a);
    }
    std::set<std::string> names;
    for (const auto* a : leads) names.insert(ActorName(*a, f));
    if (names.size() > 1) {
      for (size_t i = 0; i < leads.size(); ++i) {
        Segment sg{leads[i]};
        uint32_t from = leads[i]->last, to = i + 1 < leads.size() ? leads[i + 1]->first : s.last;
        for (const auto& tr : live)
          if (tr.first >= from && tr.first < to && Priority(tr.code) > Priority(sg.code)) {
            sg.code = tr.code;
            sg.type_span = t[tr.first].span.Union(t[tr.last - 1].span);
          }
        // "Russian warplanes": the weapon inside the actor's own words counts too.
        for (const auto& tr : live)
          if (tr.first >= leads[i]->first && tr.first < leads[i]->last && Priority(tr.code) > Priority(sg.code)) {
            sg.code = tr.code;
            sg.type_span = t[tr.first].span.Union(t[tr.last - 1].span);
          }
        segments.push_back(sg);
      }
    }
  }
  // A paragraph's source speaks for the sentences after it ("SOHR activists have reported
  // ... The breakdown of fatalities was as follows").
  std::vector<Evidenced<std::string>> claims = SourceClaims(s);
  if (claims.empty() && ctx.claims_paragraph == s.paragraph) claims = ctx.claims;
  if (!claims.empty()) {
    ctx.claims = claims;
    ctx.claims_paragraph = s.paragraph;
  }
  bool two_sided = false;  // told with a word for fire on both sides ("a shoot-out")
  for (const auto& tr : live) two_sided = two_sided || (tr.code == best && tr.two_sided);
  std::vector<size_t> drafts_here;
  std::set<std::string> places_here;  // "في إعزاز ... مدينة إعزاز": one place, one draft
  for (size_t k : event_places) {
    const PlaceMention& m = mentions_[k];
    if (!places_here.insert(MentionKey(m)).second) continue;
    Draft d;
    d.sentence = si;
    d.paragraph = s.paragraph;
    d.headline = headline_pass;
    d.code = best;
    d.two_sided = two_sided;
    Location& loc = d.ev.location;
    loc.mention = m.text;
    loc.span = t[m.first].span.Union(t[m.last - 1].span);
    if (m.chosen) {
      const Place& p = *m.chosen;
      loc.name = std::string(p.name);
      loc.lat = p.lat;
      loc.lon = p.lon;
      loc.admin1 = std::string(p.admin1);
      loc.admin2 = std::string(p.admin2);
      loc.country = std::string(p.country);
      if (p.geonameid) loc.geonameid = p.geonameid;
      loc.pcode = std::string(p.pcode);
      loc.geo_precision = p.kind == PlaceKind::kPopulated ? 1 : (p.kind == PlaceKind::kAdmin2 ? 2 : 3);
      if (p.kind == PlaceKind::kOther) loc.geo_precision = 2;
      loc.resolution = m.resolution;
      d.place_key = std::to_string(p.id);
      // "the North Zone of Rio de Janeiro", "São Paulo's East Zone": a named zone of a
      // city is where it happened, named as monitors (ACLED) name it, "Rio de
      // Janeiro-North Zone", at the city's point; zones of one city are distinct places.
      if (std::string zone = CityZoneOf(m); !zone.empty() && p.kind == PlaceKind::kPopulated) {
        loc.name += "-" + zone;
        loc.sublocation = zone;
        d.place_key += "#" + FoldForMatch(zone);
      }
      if (m.partial) {
        loc.name = m.text;
        loc.geo_precision = 2;
        loc.resolution = "placed at " + std::string(p.name) + ", the part of the name the gazetteer knows; " +
                         m.resolution;
        d.place_key = FoldForMatch(m.text);
      }
      d.admin_level = p.kind == PlaceKind::kAdmin1 || p.kind == PlaceKind::kCountry;
      d.district = p.kind == PlaceKind::kAdmin2 && !m.partial;
      d.admin1_code = std::string(p.admin1_code);
      d.country = loc.country;
    } else {
      loc.name = m.text;
      loc.country = country_;
      loc.geo_precision = 3;
      loc.resolution = "not in the gazetteer; kept as written";
      // A town named right beside it encloses it ("Damascus' Dwelaa area", "Qarni, near
      // El-Fasher"): placed there, near a town.
      bool placed_near = false;
      for (size_t other_k : MentionsIn(m.sentence)) {
        const PlaceMention& other = mentions_[other_k];
        if (other.sentence != m.sentence || !other.chosen || other.country_only || &other == &m) continue;
        // ... or a district that encloses it ("Deh-e Now area of Mohammad Agha district").
        const bool encloses_it = EnclosedBy(m, other);
        if (encloses_it ? other.chosen->kind != PlaceKind::kPopulated && other.chosen->kind != PlaceKind::kAdmin2
                        : other.chosen->kind != PlaceKind::kPopulated || other.admin_cued)
          continue;
        // "Noorzayeha village of Kushki Kuhna district, Herat": a province's name that
        // closes the chain past another area is the province (below), not its capital.
        uint32_t gap = other.last <= m.first ? m.first - other.last : (m.last <= other.first ? other.first - m.last : 99);
        if (encloses_it && gap > 4 && other.chosen->kind == PlaceKind::kPopulated &&
            std::any_of(other.candidates.begin(), other.candidates.end(), [&](const Candidate& c) {
              return c.place.kind == PlaceKind::kAdmin1 && c.place.country == other.chosen->country;
            }))
          continue;
        if (!country_.empty() && other.chosen->country != country_) continue;
        // A neighbour found only by a loose spelling ("Masisi" for Mushie) places nothing.
        bool exact = false;
        for (const auto& c : other.candidates) exact = exact || c.match == MatchKind::kCompact;
        if (!exact) continue;
        if (gap > 4 && !encloses_it) continue;
        loc.admin1 = std::string(other.chosen->admin1);
        loc.lat = other.chosen->lat;
        loc.lon = other.chosen->lon;
        loc.geo_precision = 2;
        loc.resolution += "; placed at " + std::string(other.chosen->name) + ", named beside it";
        placed_near = true;
        break;
      }
      // Else the province named nearby, if any, encloses it.
      auto enclose = [&](const Place& province, const std::string& admin1) {
        loc.admin1 = admin1;
        if (!province.country.empty()) loc.country = std::string(province.country);
        loc.lat = province.lat;
        loc.lon = province.lon;
        loc.resolution += "; within " + loc.admin1;
      };
      // A province of the report's country first: "Pong Hai village, ..., tambon Mae
      // Salong Nai, Mae Fa Luang district" is in Chiang Rai, not in France's "Nay";
      // then a province by its own name elsewhere ("Paletwa Township, Chin State" when
      // Chinese namesakes of "Chin" swayed the vote).
      bool enclosed = false;
      for (int pass = 0; pass < 2 && !placed_near && !enclosed; ++pass) {
        for (size_t other_k : MentionsIn(m.sentence)) {
          const PlaceMention& other = mentions_[other_k];
          if (other.sentence != m.sentence || !other.chosen) continue;
          const bool home = country_.empty() || other.chosen->country == country_;
          if (pass == 0 ? home && (other.chosen->kind == PlaceKind::kAdmin1 || other.admin_cued)
                        : !home && other.chosen->kind == PlaceKind::kAdmin1) {
            enclose(*other.chosen, std::string(other.chosen->admin1.empty() ? other.chosen->name : other.chosen->admin1));
            enclosed = true;
            break;
          }
          if (pass == 1) continue;
          // "the Sabzi Kar village of Charbolak district, Balkh": a name that is also a
          // province of the report's country, after the place, is that province.
          if (other.first < m.last || other.chosen->country != country_) continue;
          const Place* province = nullptr;
          for (const auto& c : other.candidates)
            if (c.place.kind == PlaceKind::kAdmin1 && c.place.country == country_) province = &c.place;
          if (province) {
            enclose(*province, std::string(province->admin1.empty() ? province->name : province->admin1));
            enclosed = true;
            break;
          }
        }
      }
      // "... in the eastern province of Deir Ezzor. ... fighting in Hawijat Sakr": the
      // province the sentence before (or the one before that) names.
      for (uint32_t back = 1; back <= 2 && !placed_near && loc.admin1.empty() && m.sentence >= back; ++back) {
        const auto& before = MentionsIn(m.sentence - back);
        for (auto it = before.rbegin(); it != before.rend(); ++it) {
          const PlaceMention& other = mentions_[*it];
          if (other.sentence != m.sentence - back || !other.chosen || other.country_only) continue;
          if (!country_.empty() && other.chosen->country != country_) continue;
          if (other.chosen->kind == PlaceKind::kAdmin1 || other.admin_cued) {
            enclose(*other.chosen, std::string(other.chosen->admin1.empty() ? other.chosen->name : other.chosen->admin1));
            break;
          }
        }
      }
      d.place_key = FoldForMatch(m.text);
      // "Jabal al-Zawiya", "Wadi Barada": an area, coded when nothing finer is named.
      static const WordSet kAreaWords = {"jabal", "jebel", "jabel", "mount", "wadi",
                                                      "sahl", "plain", "plains", "mountains"};
      bool area = kAreaWords.Has(t[m.first]);
      d.admin_level = m.admin_cued || area;
      if (area) loc.geo_precision = 2;
      d.country = loc.country;
    }
    // "on the western outskirts of Idlib city", "near X": part of or near a town.
    if (m.first >= 2) {
      for (uint32_t b = m.first >= 5 ? m.first - 5 : 0; b < m.first; ++b)
        if (t[b].norm == "outskirts"sv || t[b].norm == "near"sv || t[b].norm == "vicinity"sv ||
            t[b].norm == "outside"sv || t[b].norm == "around"sv)
          loc.geo_precision = std::max(loc.geo_precision, 2);
    }
    d.date_label = ctx.date_label;
    // "The recapture of Morek", "took full control of the town of Morek": the change of
    // hands is what happened to this place, whatever else the sentence mentions.
    for (const auto& tr : live)
      if (tr.code == Code::kTerritory && m.first >= tr.last && m.first <= tr.last + 5) d.code = Code::kTerritory;
    Event& ev = d.ev;
    ev.type_span = type_span;
    ev.actor1 = {actor1_name, actor1_span};
    ev.actor2 = {actor2_name, actor2_span};
    // Two attackers in one sentence ("regime forces shelled towns in Idlib and Russian
    // warplanes struck farmland near Jisr al-Shughur"): each place takes the attacker and
    // the attack words of its own clause.
    if (segments.size() > 1) {
      const Segment* seg = nullptr;
      for (const auto& sg : segments)
        if (sg.actor->first < m.first) seg = &sg;
      if (seg) {
        ev.actor1 = {ActorName(*seg->actor, f), t[seg->actor->first].span.Union(t[seg->actor->last - 1].span)};
        if (seg->code != Code::kNone) {
          d.code = seg->code;
          ev.type_span = seg->type_span;
        }
        if (ev.actor2.value == ev.actor1.value) ev.actor2 = {};
        for (const auto& other : segments)
          if (&other != seg && ev.actor2.value == ActorName(*other.actor, f)) {
            // The other attacker is not this clause's target.
            ev.actor2 = civilian ? Evidenced<std::string>{res_.actors->NameFor("civilians", country_), civilian_span}
                                 : Evidenced<std::string>{};
          }
      }
    }
    ev.civilian_targeting = civilian;
    ev.civilian_span = civilian_span;
    if (date) {
      if (date->day) {
        ev.date = FormatDay(*date->day);
        ev.date_precision = date->precision;
      } else {
        ev.date_precision = 3;
      }
      ev.date_span = date_span;
    }
    for (const auto& w : f.weapons) {
      const std::string& v = w.entry->value;
      bool dup = false;
      for (const auto& x : ev.weapons) dup = dup || x.value == v;
      if (!dup) ev.weapons.push_back({v, t[w.first].span.Union(t[w.last - 1].span)});
    }
    // "Balyoun town: two children" after "artillery fire by regime forces": the list item's
    // attack is the one just told, with its weapons.
    if (ev.weapons.empty() && continuation && best == Code::kGeneric && live.empty()) ev.weapons = ctx.weapons;
    for (const auto& st : f.sites) {
      const std::string& v = st.entry->value;
      bool dup = false;
      for (const auto& x : ev.sites) dup = dup || x.value == v;
      if (!dup) ev.sites.push_back({v, t[st.first].span.Union(t[st.last - 1].span)});
    }
    ev.source_claims = claims;
    ev.confidence = (strong ? 0.5 : 0.3) + (m.chosen ? 0.2 : 0.0) + (!actor1_name.empty() ? 0.15 : 0.0) +
                    (!figures.empty() ? 0.1 : 0.0);
    last_draft_of_place_[d.place_key] = drafts_.size();
    sentences_with_drafts_.insert(d.sentence);
    drafts_.push_back(std::move(d));
    drafts_here.push_back(drafts_.size() - 1);
  }
  // Camps and neighbourhoods named with one town: its sublocation.
  if (!camps.empty() && drafts_here.empty() && !drafts_.empty() &&
      drafts_.back().paragraph == s.paragraph && drafts_.back().ev.location.sublocation.empty())
    drafts_.back().ev.location.sublocation = mentions_[camps[0]].text;
  if (!camps.empty() && drafts_here.size() == 1) {
    drafts_[drafts_here[0]].ev.location.sublocation = mentions_[camps[0]].text;
    drafts_[drafts_here[0]].ev.location.geo_precision = 1;
  }

  // "The bombing, which took place in Jabalia": an attack word opening the sentence after
  // "the" points back to the attack just told without a town, and places its figures.
  if (int(si) == ctx.unplaced_sentence + 1 && drafts_here.size() == 1 && event_places.size() == 1 &&
      s.first + 1 < s.last &&
      (CompatibleKinds(ctx.unplaced_code, drafts_[drafts_here[0]].code) ||
       ctx.unplaced_code == Code::kGeneric || drafts_[drafts_here[0]].code == Code::kGeneric) &&
      (t[s.first].norm == "the"sv || t[s.first].norm == "this"sv) &&
      std::any_of(live.begin(), live.end(), [&](const Trigger& tr) { return tr.first == s.first + 1; })) {
    Draft& d = drafts_[drafts_here[0]];
    for (const auto& fig : ctx.unplaced_figures) {
      if (fig.zero) continue;
      if ((fig.kind == "killed"sv || fig.kind == "both"sv) && d.killed.empty()) d.killed.push_back(fig);
      if ((fig.kind == "injured"sv || fig.kind == "both"sv) && d.injured.empty()) d.injured.push_back(fig);
    }
  }
  ctx.unplaced_figures.clear();

  // Casualty figures: one place takes them; several places take only what sits beside them.
  // A figure stated before two attackers' clauses is their total ("Six civilians were
  // killed when regime forces shelled ... and Russian warplanes struck ...").
  for (auto& fig : figures) {
    Draft* target = nullptr;
    bool spans_clauses = segments.size() > 1 && fig.first < segments[0].actor->first;
    if (drafts_here.size() == 1 && !(fig.total && drafts_.size() > 1) && !spans_clauses) {
      target = &drafts_[drafts_here[0]];
    } else {
      // "Balyoun town: two children" - the place right before the figure.
      for (size_t di : drafts_here) {
        const auto& span = drafts_[di].ev.location.span;
        if (span.end <= t[fig.first].span.begin && t[fig.first].span.begin - span.end < 24)
          target = &drafts_[di];
      }
    }
    if (target) {
      if (fig.kind == "killed"sv || fig.kind == "both"sv) target->killed.push_back(fig);
      if (fig.kind == "injured"sv || fig.kind == "both"sv) target->injured.push_back(fig);
    } else {
      total_candidates_.push_back(fig);
    }
  }
  // Told only at a province or district ("in the northern Gaza Strip"): a town the next
  // sentence names may still take these figures (above).
  if (!figures.empty() && !drafts_here.empty() && !s.headline &&
      std::all_of(drafts_here.begin(), drafts_here.end(),
                  [&](size_t di) { return drafts_[di].admin_level || drafts_[di].district; }))
    ctx.RememberUnplaced(figures, int(si), best);
  for (auto& v : victims) victims_.push_back(v);
}

// Undated reports: "on Tuesday" and "on Wednesday" are different days, but "today" and
// "Thursday" may be the same one.
bool LabelsAgree(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == b) return true;
  return a.substr(0, a.find(':')) != b.substr(0, b.find(':'));
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool CompatibleKinds(Code a, Code b) {
  if (a == b) return true;
  return (a == Code::kAir && b == Code::kShell) || (a == Code::kShell && b == Code::kAir);
}

// Two layers may both know a town (GeoNames and OCHA): the same place if within 6 km.
constexpr double kSamePlaceKm = 6.0;
bool SamePlace(const Draft& a, const Draft& b) {
  if (a.place_key == b.place_key) return true;
  const Location& x = a.ev.location;
  const Location& y = b.ev.location;
  if (!x.lat || !y.lat || a.admin_level != b.admin_level) return false;
  if (x.resolution.rfind("not in", 0) == 0 || y.resolution.rfind("not in", 0) == 0) return false;
  // Twin towns lie closer than that (Nubl and al-Zahraa): the names must agree too.
  std::string cx = CompactKey(x.name), cy = CompactKey(y.name);
  return DistanceKm(*x.lat, *x.lon, *y.lat, *y.lon) < kSamePlaceKm &&
         (cx == cy || (SkeletonKey(x.name) == SkeletonKey(y.name) && !cx.empty() && !cy.empty() &&
                       (cx[0] == cy[0] || (IsVowel(cx[0]) && IsVowel(cy[0])))));
}

// A town lies in a district when its own district has that name, or, where layers spell
// or draw districts differently, when it lies near the district's seat.
constexpr double kNearDistrictSeatKm = 25.0;
bool InDistrict(const Location& town, const Location& district) {
  if (!town.admin2.empty() && !district.admin2.empty() &&
      CompactKey(town.admin2).starts_with(CompactKey(district.admin2)))
    return true;
  return town.lat && district.lat &&
         DistanceKm(*town.lat, *town.lon, *district.lat, *district.lon) < kNearDistrictSeatKm;
}

// The figure that stands: a later toll update, else the latest figure, else the largest.
const CasualtyFigure* Latest(const std::vector<CasualtyFigure>& figs) {
  const CasualtyFigure* best = nullptr;
  for (const auto& f : figs) {
    if (!best) {
      best = &f;
      continue;
    }
    if (f.zero && !best->zero) continue;  // "no casualties" never erases a count
    if (best->zero && !f.zero) {
      best = &f;
      continue;
    }
    if (f.update || f.total || f.value >= best->value) best = &f;
  }
  return best;
}

void Assembler::Finish(DocumentRecord& rec) {
  // "Property destruction: On 6 May ...": a monitor's note labelled as a development
  // that is not political violence records no event.
  if (development_label_) {
    rec.diagnostics.push_back("labelled a development that is not political violence: \"" +
                              *development_label_ + "\"");
    return;
  }
  // Generic kinds take the report's dominant kind ("the regime bombed X" in a shelling report).
  std::map<Code, int> kinds;
  for (const auto& d : drafts_)
    if (d.code != Code::kGeneric) kinds[d.code]++;
  Code dominant = Code::kNone;
  int most = 0;
  for (const auto& [c, n] : kinds)
    if (n > most || (n == most && Priority(c) > Priority(dominant))) dominant = c, most = n;
  // One group claims the report's attacks: those with no one named are its.
  std::set<std::string> claimant_names;
  for (const auto& c : claimants_) claimant_names.insert(c.value);
  for (auto& d : drafts_) {
    bool unnamed = d.ev.actor1.span.empty() &&
                   (d.ev.actor1.value.empty() || d.ev.actor1.value.rfind("Unidentified", 0) == 0);
    bool claimable = d.code == Code::kIed || d.code == Code::kSuicide || d.code == Code::kAttack ||
                     d.code == Code::kGrenade || d.code == Code::kGeneric || d.code == Code::kAbduct;
    if (claimant_names.size() == 1 && unnamed && claimable) d.ev.actor1 = claimants_.front();
  }
  for (auto& d : drafts_) {
    if (d.code == Code::kGeneric) {
      if (dominant != Code::kNone) d.code = dominant;
      else d.code = d.ev.civilian_targeting ? Code::kAttack : Code::kClash;
      // A default perpetrator follows the kind it now has: remote fire is a state's.
      bool defaulted = d.ev.actor1.span.empty() && d.ev.actor1.value.rfind("Unidentified", 0) == 0;
      if (defaulted && (d.code == Code::kAir || d.code == Code::kShell)) {
        d.ev.actor1.value = dominant_military_.empty() ? res_.actors->NameFor("military", country_)
                                                       : dominant_military_;
      }
    }
    // "1 policeman was killed by a Taliban-planted landmine", "11 soldiers were killed
    // when a suicide bomber ...": with no target named, the fallen are a state's police
    // or soldiers, and that force is the target (not when it is the attacker). A
    // report's only event has the report's figures too.
    if (d.ev.actor2.value.empty()) {
      const std::string& country = d.country.empty() ? country_ : d.country;
      const std::vector<CasualtyFigure> none;
      const auto& report_figures = drafts_.size() == 1 ? total_candidates_ : none;
      const std::vector<CasualtyFigure>* sources[] = {&d.killed, &d.injured, &report_figures};
      for (const auto* figures : sources)
        for (const CasualtyFigure& fig : *figures) {
          if (fig.force.empty() || fig.value == 0 || !d.ev.actor2.value.empty()) continue;
          std::string force = res_.actors->NameFor(fig.force, country);
          if (!force.empty() && force != d.ev.actor1.value) d.ev.actor2 = {force, fig.span};
        }
    }
    // An attack on armed men is a clash; a clash with only civilians is an attack, unless
    // the words say both sides fired ("a shoot-out took place in X neighborhood").
    bool civ_target = d.ev.actor2.value.rfind("Civilians", 0) == 0 || d.ev.actor2.value.empty();
    if (d.code == Code::kAttack && !civ_target) d.code = Code::kClash;
    if (d.code == Code::kClash && civ_target && d.ev.civilian_targeting && !d.two_sided)
      d.code = Code::kAttack;
    // Both sides fired and the text names only one (or none): the other is armed too.
    if (d.code == Code::kClash && d.two_sided && civ_target) {
      std::string other = res_.actors->NameFor("unidentified", d.country.empty() ? country_ : d.country);
      if (!other.empty()) d.ev.actor2 = {other, {}};
    }
    // Violence against civilians has civilians as its target, named or not ("armed men
    // shot three men", "a head was found").
    if ((d.code == Code::kAttack || d.code == Code::kAbduct || d.code == Code::kSexual) &&
        d.ev.actor2.value.empty()) {
      d.ev.actor2 = {res_.actors->NameFor("civilians", d.country.empty() ? country_ : d.country), {}};
      d.ev.civilian_targeting = true;
    }
    bool state = d.ev.actor1.value.rfind("Military Forces", 0) == 0 ||
                 d.ev.actor1.value.rfind("Police Forces", 0) == 0;
    SetType(d.ev, d.code, state);
    if (d.ev.actor1.value.empty()) {
      d.ev.actor1.value = res_.actors->NameFor("unidentified", d.country.empty() ? country_ : d.country);
    }
  }
  // Unnamed attackers in a report about crime: the name the country's monitors give
  // them (unnamed.tsv), strongest context first, else Unidentified Gang (<C>).
  if ((gang_context_ || execution_context_) && !war_actors_) {
    for (auto& d : drafts_) {
      std::string country = d.country.empty() ? country_ : d.country;
      const std::string unknown = res_.actors->NameFor("unidentified", country);
      if (unknown.empty()) continue;
      const std::string gang = gang_context_ ? res_.actors->NameFor("gang", country) : "";
      std::string named = execution_context_ ? res_.actors->NameFor("execution", country) : "";
      if (named.empty() && drug_context_) named = res_.actors->NameFor("drugs", country);
      if (named.empty()) named = gang;
      if (!named.empty() && d.ev.actor1.value == unknown) d.ev.actor1.value = named;
      if (!gang.empty() && d.ev.actor2.value == unknown) d.ev.actor2.value = gang;
    }
  }
  // A report framed as a commemoration ("on the twelfth anniversary of the Houla
  // massacre") retells history: its undated events are not news.
  {
    bool commemoration = false;
    for (uint32_t si = 0; si < tt_.sentences.size() && si < 4; ++si)
      for (uint32_t k = tt_.sentences[si].first; k < tt_.sentences[si].last; ++k)
        if (tt_.tokens[k].norm == "anniversary"sv) commemoration = true;
    if (commemoration) {
      std::vector<Draft> dated;
      dated.reserve(drafts_.size());  // a Draft is large: no moves on growth
      for (auto& d : drafts_)
        if (d.ev.date && !d.ev.date_span.empty()) dated.push_back(std::move(d));
      if (dated.size() != drafts_.size()) rec.diagnostics.push_back("commemorative report: undated events left out");
      drafts_ = std::move(dated);
    }
  }
  // Headline events only when the body has none.
  bool body = false;
  for (const auto& d : drafts_) body = body || !d.headline;
  // Provinces drop out when the report names towns in them.
  std::vector<bool> keep(drafts_.size(), true);
  for (size_t i = 0; i < drafts_.size(); ++i) {
    const Draft& d = drafts_[i];
    if (body && d.headline) keep[i] = false;
    if (!keep[i] || !(d.admin_level || d.district)) continue;
    for (const auto& o : drafts_) {
      if (o.admin_level || o.district || (body && o.headline)) continue;
      if (d.admin_level && (d.admin1_code.empty() || o.admin1_code == d.admin1_code || o.country == d.country))
        keep[i] = false;
      // A district drops out for a town of it with the same attack ("a car bomb in Azez
      // district" in a caption, "the town of Azaz was rocked by a car bomb").
      if (d.district && !d.admin1_code.empty() && o.admin1_code == d.admin1_code && CompatibleKinds(o.code, d.code) &&
          o.ev.actor1.value == d.ev.actor1.value && InDistrict(o.ev.location, d.ev.location))
        keep[i] = false;
    }
  }
  std::vector<Draft> kept;
  kept.reserve(drafts_.size());
  for (size_t i = 0; i < drafts_.size(); ++i) {
    if (keep[i]) {
      kept.push_back(std::move(drafts_[i]));
    } else {
      // "reached nine ... in Jabal al-Zawiyah": an area's figure is the report's toll; a
      // headline's ("Fourteen civilians martyred in Hama and Aleppo") too.
      for (auto& f : drafts_[i].killed) total_candidates_.push_back(f);
      for (auto& f : drafts_[i].injured) total_candidates_.push_back(f);
    }
  }
  // A town used to locate a village ("Qarni, northwest of El-Fasher") does not get its own
  // copy of the village's event.
  {
    std::vector<bool> gone(kept.size(), false);
    for (size_t i = 0; i < kept.size(); ++i) {
      for (const auto& [ref, located] : located_by_) {
        if (kept[i].place_key != ref) continue;
        for (size_t j = 0; j < kept.size(); ++j) {
          if (j == i || gone[j] || kept[j].place_key != located) continue;
          if (kept[j].ev.actor1.value != kept[i].ev.actor1.value || !CompatibleKinds(kept[j].code, kept[i].code))
            continue;
          // Only the same toll told twice: "14 civilians killed in El-Fasher ... Qarni,
          // northwest of El-Fasher, leaving 14 civilians dead".
          const CasualtyFigure* a = Latest(kept[i].killed);
          const CasualtyFigure* b = Latest(kept[j].killed);
          if (!a || !b || a->value != b->value || a->value == 0) continue;
          auto& to = kept[j];
          to.killed.insert(to.killed.end(), kept[i].killed.begin(), kept[i].killed.end());
          to.injured.insert(to.injured.end(), kept[i].injured.begin(), kept[i].injured.end());
          gone[i] = true;
          break;
        }
        if (gone[i]) break;
      }
    }
    std::vector<Draft> rest;
    rest.reserve(kept.size());
    for (size_t i = 0; i < kept.size(); ++i)
      if (!gone[i]) rest.push_back(std::move(kept[i]));
    kept = std::move(rest);
  }
  // One event per place x day x sub-event type x perpetrator.
  std::vector<Draft> merged;
  merged.reserve(kept.size());
  for (auto& d : kept) {
    Draft* same = nullptr;
    for (auto& m : merged)
      if (SamePlace(m, d) && CompatibleKinds(m.code, d.code) &&
          m.ev.actor1.value == d.ev.actor1.value &&
          (m.ev.date == d.ev.date || !m.ev.date || !d.ev.date) &&
          LabelsAgree(m.date_label, d.date_label))
        same = &m;
    if (!same) {
      merged.push_back(std::move(d));
      continue;
    }
    Event& a = same->ev;
    // "missiles" and "an aerial attack" on one town the same day: one strike, the more
    // specific kind.
    if (d.code != same->code && Priority(d.code) > Priority(same->code)) {
      same->code = d.code;
      a.event_type = d.ev.event_type;
      a.sub_event_type = d.ev.sub_event_type;
      a.type_span = d.ev.type_span;
    }
    for (auto& w : d.ev.weapons) {
      bool dup = false;
      for (auto& x : a.weapons) dup = dup || x.value == w.value;
      if (!dup) a.weapons.push_back(w);
    }
    for (auto& st : d.ev.sites) {
      bool dup = false;
      for (auto& x : a.sites) dup = dup || x.value == st.value;
      if (!dup) a.sites.push_back(st);
    }
    if (a.actor2.value.empty()) a.actor2 = d.ev.actor2;
    a.civilian_targeting = a.civilian_targeting || d.ev.civilian_targeting;
    if (a.location.sublocation.empty()) a.location.sublocation = d.ev.location.sublocation;
    same->killed.insert(same->killed.end(), d.killed.begin(), d.killed.end());
    same->injured.insert(same->injured.end(), d.injured.begin(), d.injured.end());
    same->also_in.push_back(d.sentence);
    same->also_in.insert(same->also_in.end(), d.also_in.begin(), d.also_in.end());
    a.confidence = std::max(a.confidence, d.ev.confidence);
  }
  // Weapons that contradict the kind: "a jet dropped three bombs" is an air strike, not an
  // IED; a car bomb is not also a generic IED.
  for (auto& d : merged) {
    auto& w = d.ev.weapons;
    bool has = false;
    for (const auto& x : w) has = has || x.value == "car_bomb"sv || x.value == "suicide_bomb"sv;
    bool air = d.code == Code::kAir;
    std::vector<Evidenced<std::string>> kept_weapons;
    for (auto& x : w) {
      if (x.value == "ied"sv && (has || air)) continue;
      if (x.value == "airstrike"sv && (d.code == Code::kIed || d.code == Code::kSuicide)) continue;
      kept_weapons.push_back(x);
    }
    w = std::move(kept_weapons);
    // An air strike told without a weapon word was still an air strike ("raids on X").
    if (w.empty() && d.code == Code::kAir && !d.ev.type_span.empty())
      w.push_back({"airstrike", d.ev.type_span});
  }
  // Casualties per event.
  for (auto& d : merged) {
    if (const CasualtyFigure* k = Latest(d.killed)) {
      d.ev.killed = Evidenced<int>{k->value, k->span};
      if (k->children) d.ev.killed_children = Evidenced<int>{*k->children, k->span};
      if (k->women) d.ev.killed_women = Evidenced<int>{*k->women, k->span};
    }
    if (const CasualtyFigure* i = Latest(d.injured)) d.ev.injured = Evidenced<int>{i->value, i->span};
  }
  // Totals: a stated toll for the whole report, never less than the sum of its parts.
  std::vector<CasualtyFigure> tk, ti;
  for (const auto& f : total_candidates_) {
    if (f.kind == "killed"sv || f.kind == "both"sv) tk.push_back(f);
    if (f.kind == "injured"sv || f.kind == "both"sv) ti.push_back(f);
  }
  auto total_of = [&](std::vector<CasualtyFigure>& cands, auto member) -> std::optional<Evidenced<int>> {
    // Per-event figures grouped by day and perpetrator, each text span counted once. In a
    // group the largest figure holds the others when it is at least their sum ("8 killed
    // in Idlib ... three children in Iblin"); groups add up.
    std::map<std::string, std::vector<std::pair<int, TextSpan>>> days;
    for (const auto& d : merged) {
      const auto& v = d.ev.*member;
      if (!v) continue;
      // Only one side's figures can hold each other; the other side's add up.
      auto& parts = days[d.ev.date.value_or("") + "|" + d.date_label + "|" + d.ev.actor1.value];
      bool seen = false;
      for (const auto& p : parts) seen = seen || p.second == v->span;
      if (!seen) parts.emplace_back(v->value, v->span);
    }
    int total = 0;
    TextSpan span;
    for (const auto& [day, parts] : days) {
      int sum = 0, largest = -1;
      for (const auto& [value, sp] : parts) {
        sum += value;
        if (value > largest) largest = value, span = sp;
      }
      total += largest >= sum - largest ? largest : sum;
    }
    // A stated toll wins for a one-day report, or when it covers the days' figures; a
    // war-long count that dwarfs the events never does ("The U.N. says more than 9,000
    // people have been killed").
    const CasualtyFigure* stated = Latest(cands);
    if (stated && !days.empty()) {
      int largest_event = 0;
      for (const auto& [day, parts] : days)
        for (const auto& part : parts) largest_event = std::max(largest_event, part.first);
      if (stated->value < largest_event) stated = nullptr;  // a part, not the whole
      else if (days.size() > 1 && stated->value < total) stated = nullptr;
      else if (stated->value > 5 * std::max(1, total) && !stated->total && !stated->update) stated = nullptr;
    }
    if (stated) return Evidenced<int>{stated->value, stated->span};
    if (days.empty()) return std::nullopt;
    return Evidenced<int>{total, span};
  };
  rec.totals.killed = total_of(tk, &Event::killed);
  rec.totals.injured = total_of(ti, &Event::injured);
  // One event and a report-wide figure: the event takes the toll when it has none.
  if (merged.size() == 1) {
    Event& ev = merged[0].ev;
    if (!ev.killed && rec.totals.killed) ev.killed = rec.totals.killed;
    if (!ev.injured && rec.totals.injured) ev.injured = rec.totals.injured;
  }
  // Several events at one place on one day (sources naming two weapons for one strike)
  // and a toll for the report, with no figure of their own: the toll is this place's.
  // It goes to the event told in the toll's sentence, else to the first.
  if (merged.size() > 1 && (rec.totals.killed || rec.totals.injured)) {
    bool one_place = true, unfigured = true;
    for (const auto& d : merged) {
      one_place = one_place && d.place_key == merged[0].place_key && d.ev.date == merged[0].ev.date &&
                  (d.date_label == merged[0].date_label || d.date_label.empty() ||
                   merged[0].date_label.empty());
      unfigured = unfigured && !d.ev.killed && !d.ev.injured;
    }
    if (one_place && unfigured && !merged[0].place_key.empty()) {
      const TextSpan toll = rec.totals.killed ? rec.totals.killed->span : rec.totals.injured->span;
      auto holds = [&](uint32_t si) {
        const Sentence& s = tt_.sentences[si];
        return s.first < s.last && tt_.tokens[s.first].span.begin <= toll.begin &&
               toll.end <= tt_.tokens[s.last - 1].span.end;
      };
      Draft* target = &merged[0];
      for (auto& d : merged) {
        bool here = holds(d.sentence);
        for (uint32_t si : d.also_in) here = here || holds(si);
        if (here) {
          target = &d;
          break;
        }
      }
      if (rec.totals.killed) target->ev.killed = rec.totals.killed;
      if (rec.totals.injured) target->ev.injured = rec.totals.injured;
    }
  }
  // Victims go to the event of their sentence's place; else, when their sentence speaks
  // of a camp, to the event with a camp; else to the closest event before them.
  auto sentence_of = [&](uint32_t byte) -> uint32_t {
    for (uint32_t si = 0; si < tt_.sentences.size(); ++si) {
      const Sentence& s = tt_.sentences[si];
      if (s.last > s.first && tt_.tokens[s.last - 1].span.end >= byte) return si;
    }
    return static_cast<uint32_t>(tt_.sentences.size());
  };
  for (auto& v : MergeVictims(victims_)) {
    uint32_t vs = sentence_of(v.span.begin);
    Draft* target = nullptr;
    for (auto& d : merged)
      if (d.sentence == vs || std::find(d.also_in.begin(), d.also_in.end(), vs) != d.also_in.end())
        target = &d;
    if (!target && vs < tt_.sentences.size()) {
      bool camp = false;
      for (uint32_t k = tt_.sentences[vs].first; k < tt_.sentences[vs].last; ++k)
        camp = camp || tt_.tokens[k].norm == "camp"sv;
      for (auto& d : merged)
        if (camp && !d.ev.location.sublocation.empty()) target = &d;
    }
    if (!target) {
      for (auto& d : merged)
        if (d.ev.location.span.begin <= v.span.begin &&
            (!target || d.ev.location.span.begin > target->ev.location.span.begin))
          target = &d;
    }
    if (!target && !merged.empty()) target = &merged[0];
    if (target) target->ev.victims.push_back(v);
  }
  for (auto& d : merged) rec.events.push_back(std::move(d.ev));
  if (rec.events.empty()) rec.diagnostics.push_back("no political-violence event found");
}

DocumentRecord Assembler::Run() {
  DocumentRecord rec;
  rec.input = &doc_;
  tt_ = Tokenize(doc_.text);
  PrepareArabicTokens(tt_, doc_.text, *res_.lexicon, *res_.actors, *res_.gazetteer, res_.id);
  // Every stage asks the lexicons about the same tokens: answer each question once.
  Lexicon::ScopedCache lexicon_cache(*res_.lexicon, tt_.tokens);
  lexicon_cache.ComputeAll();  // Facts asks about every token
  ActorTable::ScopedCache actor_cache(*res_.actors, tt_.tokens);
  // What each sentence's words say comes first: a report that tells no attack, only a
  // demonstration, or a development that is not political violence makes no event
  // whatever its places and actors say, so those (most of the cost) are not looked up.
  std::vector<SentenceFacts> facts;
  const bool tells_nothing = TellsNothing();
  bool tells_attack = false;
  if (!tells_nothing) {
    facts.reserve(tt_.sentences.size());
    for (uint32_t si = 0; si < tt_.sentences.size(); ++si) {
      facts.push_back(Facts(si));
      tells_attack = tells_attack || !facts.back().triggers.empty();
    }
  }
  AnnotateReport();
  development_label_ = DevelopmentLabel();
  could_hold_events_ = tells_attack && !crowd_report_ && !development_label_;
  if (could_hold_events_) {
    actor_cache.phrases.ComputeAll();  // every sentence's actors are looked for
    AnnotatePlaces();
    drafts_.reserve(8);  // a Draft is large: growing from 1 would move them thrice
  }
  ResolvePublication();
  rec.language = doc_.language.empty() ? DetectLanguage(doc_.text) : doc_.language;
  if (published_) rec.published = FormatDay(*published_);
  // The lead's date ("On 2 May 2020, ...") dates events that carry none of their own.
  for (uint32_t si = 0; si < tt_.sentences.size() && si < 6 && could_hold_events_; ++si) {
    const Sentence& s = tt_.sentences[si];
    if (s.headline && published_) continue;  // a page header's date is the page's
    for (const auto& m : DatesOf(si)) {
      ResolvedDate r = Resolve(m, published_);
      if (r.day && published_ &&
          std::abs((std::chrono::sys_days{*published_} - std::chrono::sys_days{*r.day}).count()) <= 7) {
        lead_date_ = r;
        lead_date_span_ = tt_.tokens[m.first].span.Union(tt_.tokens[m.last - 1].span);
        break;
      }
      if (r.day && !published_) {
        lead_date_ = r;
        lead_date_span_ = tt_.tokens[m.first].span.Union(tt_.tokens[m.last - 1].span);
        break;
      }
    }
    if (lead_date_) break;
  }
  Context ctx;
  uint32_t paragraph = UINT32_MAX;
  for (uint32_t si = 0; si < tt_.sentences.size() && !development_label_ && !tells_nothing; ++si) {
    const Sentence& s = tt_.sentences[si];
    if (s.paragraph != paragraph) {
      // A new paragraph keeps the perpetrator and date; the list context survives only a
      // lead-in that ends with a colon ("The breakdown of fatalities was as follows:").
      paragraph = s.paragraph;
      bool lead_in = si > 0 && tt_.sentences[si - 1].last > 0 &&
                     tt_.tokens[tt_.sentences[si - 1].last - 1].punct == ':';
      if (!lead_in && si > 0 && tt_.sentences[si - 1].paragraph != s.paragraph) {
        // keep the kind through consecutive list items
        bool prev_item = sentences_with_drafts_.count(si - 1) > 0;
        if (!prev_item) ctx.casualty_kind.clear();
      }
    }
    SentenceFacts& f = facts[si];
    if (could_hold_events_) {
      f.actors = ActorsOf(si);
      f.places = MentionsIn(si);
      if (terrorists_group_.name.empty()) {
        std::string group = TerroristsGroup(f), area = AreaOf(f);
        if (!group.empty() && !area.empty()) terrorists_group_ = {std::move(group), std::move(area)};
      }
      // "Jisr al-Shughur" (the Bridge of Shughur), "Souq Wadi Barada": a site word inside
      // the name of a place the gazetteer knows is that name, not what was hit.
      std::erase_if(f.sites, [&](const LexMatch& site) {
        return std::any_of(f.places.begin(), f.places.end(), [&](size_t k) {
          const PlaceMention& m = mentions_[k];
          return !m.country_only && m.chosen && site.first < m.last && m.first < site.last;
        });
      });
    }
    if (f.has_time) f.dates = DatesOf(si);
    // "On 3 March 2024": a word of a date is the date, not a cue ("march" is also a
    // demonstration, "may" a modal verb).
    std::erase_if(f.cues, [&](const LexMatch& c) {
      for (const auto& dm : f.dates)
        if (c.first < dm.last && dm.first < c.last) return true;
      return false;
    });
    Assemble(si, f, ctx, s.headline);
  }
  Finish(rec);
  return rec;
}

}  // namespace

DocumentRecord ExtractEvents(const InputDocument& doc, const ExtractResources& res) {
  Assembler a(doc, res);
  return a.Run();
}

}  // namespace harmwatch
