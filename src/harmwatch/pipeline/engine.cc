#include "harmwatch/pipeline/engine.h"

#include <atomic>

#include "harmwatch/extract/actors.h"
#include "harmwatch/extract/events.h"
#include "harmwatch/geo/gazetteer.h"
#include "harmwatch/lexicon/lexicon.h"
#include "harmwatch/text/fold.h"

namespace harmwatch {

struct Engine::Resources {
  Lexicon lexicon;
  ActorTable actors;
  std::shared_ptr<const Gazetteer> gazetteer;
  uint64_t id = NextId();

  static uint64_t NextId() {
    static std::atomic<uint64_t> next{0};
    return ++next;
  }
};

Engine::Engine(std::unique_ptr<Resources> resources) : resources_(std::move(resources)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Create(const EngineOptions& options) {
  auto gaz = Gazetteer::Open(options.gazetteer_paths);
  if (!gaz) return Err(gaz.error());
  return Create(options.data_dir, std::shared_ptr<const Gazetteer>(std::move(*gaz)));
}

Result<std::unique_ptr<Engine>> Engine::Create(const std::string& data_dir,
                                               std::shared_ptr<const Gazetteer> gazetteer) {
  auto res = std::make_unique<Resources>();
  // Every language's lexicons go into one matcher: folded Arabic and English
  // phrases never collide, and a report that mixes them still matches both.
  for (const char* lang : {"en", "ar"}) {
    std::string dir = data_dir + "/lexicons/" + lang;
    Status s = res->lexicon.AddDirectory(dir);
    if (!s.ok() && std::string(lang) == "en") return Err(s);
  }
  HW_RETURN_IF_ERROR(res->actors.Load(data_dir + "/actors"));
  if (!gazetteer) {
    auto empty = Gazetteer::Open({});
    if (!empty) return Err(empty.error());
    gazetteer = std::shared_ptr<const Gazetteer>(std::move(*empty));
  }
  res->gazetteer = std::move(gazetteer);
  FoldForMatch("\u00e9");  // builds the folding table now, not inside the first document
  return std::unique_ptr<Engine>(new Engine(std::move(res)));
}

DocumentRecord Engine::Extract(const InputDocument& doc) const {
  ExtractResources r{&resources_->lexicon, &resources_->actors, resources_->gazetteer.get(),
                     resources_->id};
  return ExtractEvents(doc, r);
}

const Gazetteer& Engine::gazetteer() const { return *resources_->gazetteer; }

}  // namespace harmwatch
