// The API in-process against a real server on a free loopback port, driven by
// cpp-httplib's client: sessions and roles, reads, review writes, ingest, exports,
// and hostile requests (oversized and malformed bodies, path traversal, SQL in
// filters, missing or forged CSRF tokens, a viewer calling analyst routes).
#include "harmwatch/server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "harmwatch/pipeline/engine.h"
#include "harmwatch/server/accounts.h"
#include "harmwatch/store/store.h"

namespace harmwatch::server {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// UTF-8 to UTF-16 (valid input assumed; the server produced it).
std::u16string Utf16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

// A logged-in client: the session cookie and CSRF token it was given.
struct Login {
  std::string cookie, csrf;
  httplib::Headers Read() const { return {{"Cookie", cookie}}; }
  httplib::Headers Write() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto engine = Engine::Create(HARMWATCH_TEST_DATA_DIR, nullptr);
    ASSERT_TRUE(engine) << engine.error().message();
    engine_ = std::move(*engine);
  }
  static void TearDownTestSuite() { engine_.reset(); }

  void SetUp() override { Start(ServerOptions{}); }
  void TearDown() override { Stop(); }

  void Start(ServerOptions options) {
    dir_ = fs::temp_directory_path() /
           ("hw_server_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(dir_);
    options.db = (dir_ / "test.db").string();
    options.port = 0;
    {
      auto store = OpenSqliteStore(options.db);
      ASSERT_TRUE(store);
    }
    auto accounts = Accounts::Open(options.db);
    ASSERT_TRUE(accounts);
    for (auto [name, role] : {std::pair{"vera", Role::kViewer}, std::pair{"ana", Role::kAnalyst},
                              std::pair{"adam", Role::kAdmin}}) {
      ASSERT_TRUE((*accounts)
                      ->AddUser(name, role, std::string(name) + "-password", "2024-01-01T00:00:00Z")
                      .ok());
    }
    auto server = Server::Create(options, engine_.get());
    ASSERT_TRUE(server) << server.error().message();
    server_ = std::move(*server);
    auto port = server_->Bind();
    ASSERT_TRUE(port);
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_connection_timeout(5);
  }

  void Stop() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Login LogIn(const std::string& name) {
    Json body = {{"name", name}, {"password", name + "-password"}};
    auto r = client_->Post("/api/session", body.dump(), "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    std::string set = r->get_header_value("Set-Cookie");
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    return {set.substr(0, set.find(';')), Json::parse(r->body)["csrf"].get<std::string>()};
  }

  // Posts the example report as analyst `ana`; returns the first incident id.
  std::string IngestExample(const Login& ana) {
    std::string text =
        ReadFile(std::string(HARMWATCH_SOURCE_DIR) + "/examples/idlib-shelling-2024-03.txt");
    auto r = client_->Post("/api/documents?id=idlib-example&published=2024-03-14", ana.Write(),
                           text, "text/plain");
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 201) << r->body;
    Json j = Json::parse(r->body);
    EXPECT_FALSE(j["incident_ids"].empty());
    return j["incident_ids"].empty() ? "" : j["incident_ids"][0].get<std::string>();
  }

  static std::string Escape(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  static std::unique_ptr<Engine> engine_;
  static int counter_;
  fs::path dir_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};
std::unique_ptr<Engine> ServerTest::engine_;
int ServerTest::counter_ = 0;

int ErrorStatus(const httplib::Result& r) {
  if (!r) return -1;
  Json j = Json::parse(r->body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "error body is not JSON: " << r->body;
  if (!j.is_discarded()) {
    EXPECT_TRUE(j.contains("error")) << r->body;
    EXPECT_EQ(j["error"]["status"], r->status);
  }
  return r->status;
}

TEST_F(ServerTest, PageIsServedWithStrictHeaders) {
  auto r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<!doctype html>"), std::string::npos);
  std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  auto js = client_->Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
}

TEST_F(ServerTest, EverythingButThePageNeedsASession) {
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents")), 401);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents/x")), 401);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/timeline")), 401);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/export?format=jsonl")), 401);
  auto s = client_->Get("/api/session");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, 200);
  EXPECT_TRUE(Json::parse(s->body)["user"].is_null());
}

TEST_F(ServerTest, WrongPasswordIsRefusedAndLogged) {
  Json body = {{"name", "ana"}, {"password", "not-her-password"}};
  EXPECT_EQ(ErrorStatus(client_->Post("/api/session", body.dump(), "application/json")), 401);
  body = {{"name", "nobody"}, {"password", "whatever-password"}};
  EXPECT_EQ(ErrorStatus(client_->Post("/api/session", body.dump(), "application/json")), 401);
  Login adam = LogIn("adam");
  auto r = client_->Get("/api/audit", adam.Read());
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("login-failed"), std::string::npos);
}

TEST_F(ServerTest, IngestListViewCorrectAndHistory) {
  Login ana = LogIn("ana");
  std::string id = IngestExample(ana);
  ASSERT_FALSE(id.empty());

  auto list = client_->Get("/api/incidents?limit=50", ana.Read());
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  Json l = Json::parse(list->body);
  EXPECT_GE(l["total"].get<int>(), 1);
  EXPECT_FALSE(l["incidents"].empty());

  auto one = client_->Get("/api/incidents/" + Escape(id), ana.Read());
  ASSERT_TRUE(one);
  ASSERT_EQ(one->status, 200) << one->body;
  Json inc = Json::parse(one->body);
  ASSERT_EQ(inc["documents"].size(), 1u);
  const Json& doc = inc["documents"][0];
  EXPECT_EQ(doc["id"], "idlib-example");
  ASSERT_FALSE(doc["evidence"].empty());
  // Spans point at the quoted words, in UTF-16 units as JavaScript slices strings.
  std::u16string text = Utf16(doc["text"].get<std::string>());
  for (const Json& s : doc["evidence"]) {
    size_t start = s["start"], end = s["end"];
    EXPECT_EQ(text.substr(start, end - start), Utf16(s["text"].get<std::string>()));
  }

  Json fix = {{"field", "killed"}, {"value", 5}, {"reason", "hospital list names five"}};
  auto c = client_->Post("/api/incidents/" + Escape(id) + "/corrections", ana.Write(), fix.dump(),
                         "application/json");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, 201) << c->body;
  Json after = Json::parse(client_->Get("/api/incidents/" + Escape(id), ana.Read())->body);
  EXPECT_EQ(after["killed"], 5);
  ASSERT_FALSE(after["history"].empty());
  EXPECT_EQ(after["history"][0]["action"], "correct");
  EXPECT_EQ(after["history"][0]["user"], "ana");

  Json review = {{"status", "confirmed"}, {"reason", "two sources agree"}};
  auto rv = client_->Post("/api/incidents/" + Escape(id) + "/review", ana.Write(), review.dump(),
                          "application/json");
  ASSERT_TRUE(rv);
  EXPECT_EQ(rv->status, 201) << rv->body;
  after = Json::parse(client_->Get("/api/incidents/" + Escape(id), ana.Read())->body);
  EXPECT_EQ(after["review"], "confirmed");

  auto tl = client_->Get("/api/timeline", ana.Read());
  ASSERT_TRUE(tl);
  EXPECT_EQ(tl->status, 200);
  EXPECT_TRUE(Json::parse(tl->body).contains("days"));

  auto doc_r = client_->Get("/api/documents/idlib-example", ana.Read());
  ASSERT_TRUE(doc_r);
  EXPECT_EQ(doc_r->status, 200);

  auto doc_list = client_->Get("/api/documents?limit=10", ana.Read());
  ASSERT_TRUE(doc_list);
  EXPECT_EQ(doc_list->status, 200) << doc_list->body;
  Json docs = Json::parse(doc_list->body);
  EXPECT_EQ(docs["total"], 1);
  ASSERT_EQ(docs["documents"].size(), 1u);
  EXPECT_EQ(docs["documents"][0]["id"], "idlib-example");
  EXPECT_EQ(ErrorStatus(client_->Get("/api/documents?admin1=Idlib", ana.Read())), 400);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/documents?limit=0", ana.Read())), 400);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/documents")), 401);
}

TEST_F(ServerTest, MergeAndSplitByHand) {
  Login ana = LogIn("ana");
  IngestExample(ana);
  Json all = Json::parse(client_->Get("/api/incidents?sort=id&order=asc", ana.Read())->body);
  ASSERT_GE(all["incidents"].size(), 2u);
  std::string a = all["incidents"][0]["id"], b = all["incidents"][1]["id"];
  Json merge = {{"other", b}, {"reason", "the same strike"}};
  auto r = client_->Post("/api/incidents/" + Escape(a) + "/merge", ana.Write(), merge.dump(),
                         "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents/" + Escape(b), ana.Read())), 404);
  Json merged = Json::parse(client_->Get("/api/incidents/" + Escape(a), ana.Read())->body);
  EXPECT_NE(merged["merges"].back()["reason"].get<std::string>().find("the same strike"),
            std::string::npos);
  EXPECT_EQ(merged["history"][0]["action"], "merge");
  // Both events are from one document: splitting it out would empty the incident.
  Json split = {{"doc_id", "idlib-example"}, {"reason", "r"}};
  EXPECT_EQ(ErrorStatus(client_->Post("/api/incidents/" + Escape(a) + "/split", ana.Write(),
                                      split.dump(), "application/json")),
            400);
  EXPECT_EQ(
      ErrorStatus(client_->Post("/api/incidents/" + Escape(a) + "/merge", ana.Write(),
                                Json({{"other", a}, {"reason", "r"}}).dump(), "application/json")),
      400);
  EXPECT_EQ(ErrorStatus(client_->Post("/api/incidents/" + Escape(a) + "/merge", ana.Write(),
                                      Json({{"other", "nope"}, {"reason", "r"}}).dump(),
                                      "application/json")),
            404);
}

TEST_F(ServerTest, IngestsHtmlAndJsonRecords) {
  Login ana = LogIn("ana");
  std::string text =
      ReadFile(std::string(HARMWATCH_SOURCE_DIR) + "/examples/idlib-shelling-2024-03.txt");
  std::string html = "<html><head><title>Shelling</title><script>evil()</script></head><body><p>" +
                     text.substr(text.find("IDLIB")) + "</p></body></html>";
  auto r = client_->Post("/api/documents?id=as-html&published=2024-03-14", ana.Write(), html,
                         "text/html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_FALSE(Json::parse(r->body)["incident_ids"].empty());
  Json record = {{"id", "as-json"},
                 {"published", "2024-03-14"},
                 {"source", "Test Wire"},
                 {"text", text.substr(text.find("IDLIB"))}};
  r = client_->Post("/api/documents", ana.Write(), record.dump(), "application/json");
  ASSERT_TRUE(r);
  // The same text as the HTML one: stored, linked as a copy, not a second source.
  EXPECT_TRUE(r->status == 201 || r->status == 200) << r->body;
  auto doc = client_->Get("/api/documents/as-json", ana.Read());
  ASSERT_TRUE(doc);
  EXPECT_EQ(Json::parse(doc->body)["source"], "Test Wire");
  // The same id with other bytes is a conflict, and the stored one is kept.
  r = client_->Post("/api/documents?id=as-html", ana.Write(), "A different report.", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_EQ(ErrorStatus(client_->Post("/api/documents?published=14/03/2024", ana.Write(), text,
                                      "text/plain")),
            400);
  EXPECT_EQ(ErrorStatus(client_->Post("/api/documents", ana.Write(), text, "application/pdf")),
            415);
}

TEST_F(ServerTest, FiltersAndPaging) {
  Login ana = LogIn("ana");
  IngestExample(ana);
  Json all = Json::parse(client_->Get("/api/incidents", ana.Read())->body);
  size_t total = all["total"];
  ASSERT_GE(total, 2u);
  Json page = Json::parse(
      client_->Get("/api/incidents?limit=1&offset=1&sort=id&order=asc", ana.Read())->body);
  EXPECT_EQ(page["incidents"].size(), 1u);
  EXPECT_EQ(page["total"], total);
  Json none = Json::parse(client_->Get("/api/incidents?from=2030-01-01", ana.Read())->body);
  EXPECT_EQ(none["total"], 0);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents?from=yesterday", ana.Read())), 400);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents?bbox=1,2,3", ana.Read())), 400);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents?limit=0", ana.Read())), 400);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents?colour=red", ana.Read())), 400);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents/no-such-incident", ana.Read())), 404);
}

TEST_F(ServerTest, SqlInFilterValuesIsJustText) {
  Login ana = LogIn("ana");
  IngestExample(ana);
  for (std::string evil : {"' OR 1=1 --", "x'); DROP TABLE incidents; --",
                           "%' UNION SELECT name, password_hash FROM users --"}) {
    for (std::string name : {"actor", "admin1", "text"}) {
      auto r = client_->Get("/api/incidents?" + name + "=" + Escape(evil), ana.Read());
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << name << "=" << evil << ": " << r->body;
      EXPECT_EQ(Json::parse(r->body)["total"], 0) << name << "=" << evil;
    }
    EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents?type=" + Escape(evil), ana.Read())), 400);
    EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents?min_killed=" + Escape(evil), ana.Read())),
              400);
  }
  // Still all there.
  Json all = Json::parse(client_->Get("/api/incidents", ana.Read())->body);
  EXPECT_GE(all["total"].get<int>(), 1);
}

TEST_F(ServerTest, WritesNeedTheCsrfToken) {
  Login ana = LogIn("ana");
  std::string id = IngestExample(ana);
  Json fix = {{"field", "killed"}, {"value", 1}, {"reason", "r"}};
  std::string path = "/api/incidents/" + Escape(id) + "/corrections";
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Read(), fix.dump(), "application/json")), 403);
  httplib::Headers forged = {{"Cookie", ana.cookie}, {"X-CSRF-Token", std::string(64, 'a')}};
  EXPECT_EQ(ErrorStatus(client_->Post(path, forged, fix.dump(), "application/json")), 403);
  // Another session's token does not fit this one.
  Login other = LogIn("adam");
  httplib::Headers crossed = {{"Cookie", ana.cookie}, {"X-CSRF-Token", other.csrf}};
  EXPECT_EQ(ErrorStatus(client_->Post(path, crossed, fix.dump(), "application/json")), 403);
  // No cookie at all.
  EXPECT_EQ(ErrorStatus(
                client_->Post(path, {{"X-CSRF-Token", ana.csrf}}, fix.dump(), "application/json")),
            401);
  Json after = Json::parse(client_->Get("/api/incidents/" + Escape(id), ana.Read())->body);
  EXPECT_TRUE(after["corrections"].empty());
}

TEST_F(ServerTest, ViewerCannotEditAndAnalystCannotAdminister) {
  Login ana = LogIn("ana");
  std::string id = IngestExample(ana);
  Login vera = LogIn("vera");
  Json fix = {{"field", "killed"}, {"value", 1}, {"reason", "r"}};
  EXPECT_EQ(ErrorStatus(client_->Post("/api/incidents/" + Escape(id) + "/corrections", vera.Write(),
                                      fix.dump(), "application/json")),
            403);
  Json review = {{"status", "rejected"}, {"reason", "r"}};
  EXPECT_EQ(ErrorStatus(client_->Post("/api/incidents/" + Escape(id) + "/review", vera.Write(),
                                      review.dump(), "application/json")),
            403);
  EXPECT_EQ(ErrorStatus(client_->Post("/api/documents", vera.Write(), "text", "text/plain")), 403);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/export?format=jsonl", ana.Read())), 403);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/users", ana.Read())), 403);
  Json user = {{"name", "eve"}, {"role", "admin"}, {"password", "eve-password"}};
  EXPECT_EQ(ErrorStatus(client_->Post("/api/users", ana.Write(), user.dump(), "application/json")),
            403);
  // The viewer can read.
  auto r = client_->Get("/api/incidents/" + Escape(id), vera.Read());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, MalformedBodiesAreRefused) {
  Login ana = LogIn("ana");
  std::string id = IngestExample(ana);
  std::string path = "/api/incidents/" + Escape(id) + "/corrections";
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Write(), "{\"field\": ", "application/json")), 400);
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Write(), "[1,2]", "application/json")), 400);
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Write(), "{\"field\": 7, \"value\": 1}",
                                      "application/json")),
            400);
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Write(), "field=killed",
                                      "application/x-www-form-urlencoded")),
            415);
  Json bad_field = {{"field", "password"}, {"value", "x"}, {"reason", "r"}};
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Write(), bad_field.dump(), "application/json")),
            400);
  Json bad_value = {{"field", "killed"}, {"value", "many"}, {"reason", "r"}};
  EXPECT_EQ(ErrorStatus(client_->Post(path, ana.Write(), bad_value.dump(), "application/json")),
            400);
  EXPECT_EQ(ErrorStatus(client_->Post("/api/session", "{not json", "application/json")), 400);
  EXPECT_EQ(ErrorStatus(
                client_->Post("/api/documents", ana.Write(), "{\"text\": 3}", "application/json")),
            400);
  EXPECT_EQ(ErrorStatus(client_->Post("/api/documents", ana.Write(), std::string("\0\1\2binary", 9),
                                      "text/plain")),
            400);
}

TEST_F(ServerTest, OversizedBodiesAreRefused) {
  Stop();
  ServerOptions small;
  small.max_body_bytes = 1024;
  Start(small);
  Login ana = LogIn("ana");
  auto r = client_->Post("/api/documents", ana.Write(), std::string(4096, 'a'), "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, NoPathTraversal) {
  for (std::string path :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
        "/web/../CMakeLists.txt", "/app.js/../../secret", "/nonexistent.js"}) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " -> " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos);
  }
}

TEST_F(ServerTest, TooManyRequestsGet429) {
  Stop();
  ServerOptions slow;
  slow.rate_per_second = 1;
  slow.rate_burst = 5;
  Start(slow);
  int refused = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = client_->Get("/");
    ASSERT_TRUE(r);
    if (r->status == 429) ++refused;
  }
  EXPECT_GE(refused, 10);
}

TEST_F(ServerTest, PasswordGuessingIsSlowedDown) {
  Stop();
  ServerOptions strict;
  strict.logins_per_second = 0.01;  // independent of how long argon2 takes here
  strict.login_burst = 3;
  Start(strict);
  Json guess = {{"name", "ana"}, {"password", "guess-password"}};
  int refused = 0, wrong = 0;
  for (int i = 0; i < 20; ++i) {
    int status = ErrorStatus(client_->Post("/api/session", guess.dump(), "application/json"));
    if (status == 429) ++refused;
    if (status == 401) ++wrong;
  }
  EXPECT_GE(refused, 16);
  EXPECT_GE(wrong, 3);
}

TEST_F(ServerTest, QueriesMatchingTooManyAreRefused) {
  Stop();
  ServerOptions narrow;
  narrow.max_matching = 2;
  Start(narrow);
  Login ana = LogIn("ana");
  IngestExample(ana);  // four incidents
  auto r = client_->Get("/api/incidents", ana.Read());
  EXPECT_EQ(ErrorStatus(r), 400);
  EXPECT_NE(r->body.find("narrow the dates or the box"), std::string::npos);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/timeline", ana.Read())), 400);
  auto narrowed = client_->Get("/api/incidents?text=nothing-has-this-word", ana.Read());
  ASSERT_TRUE(narrowed);
  EXPECT_EQ(narrowed->status, 200) << narrowed->body;
}

TEST_F(ServerTest, PublicReadLetsAnyoneReadButNotWrite) {
  Stop();
  ServerOptions open;
  open.public_read = true;
  Start(open);
  auto r = client_->Get("/api/incidents");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/export?format=jsonl")), 401);
  EXPECT_EQ(ErrorStatus(client_->Post("/api/documents", "text", "text/plain")), 401);
}

TEST_F(ServerTest, AdminExportsAndAddsUsers) {
  Login ana = LogIn("ana");
  IngestExample(ana);
  Login adam = LogIn("adam");
  for (std::string f : {"jsonl", "acled-csv", "geojson"}) {
    auto r = client_->Get("/api/export?format=" + f, adam.Read());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << f << ": " << r->body;
    EXPECT_FALSE(r->body.empty());
  }
  EXPECT_EQ(ErrorStatus(client_->Get("/api/export?format=xml", adam.Read())), 400);
  Json user = {{"name", "newbie"}, {"role", "viewer"}, {"password", "newbie-password"}};
  auto r = client_->Post("/api/users", adam.Write(), user.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(ErrorStatus(client_->Post("/api/users", adam.Write(), user.dump(), "application/json")),
            400);
  Json shortpw = {{"name", "x"}, {"role", "viewer"}, {"password", "short"}};
  EXPECT_EQ(
      ErrorStatus(client_->Post("/api/users", adam.Write(), shortpw.dump(), "application/json")),
      400);
  auto log = client_->Get("/api/audit", adam.Read());
  ASSERT_TRUE(log);
  EXPECT_NE(log->body.find("export"), std::string::npos);
  EXPECT_NE(log->body.find("add-user"), std::string::npos);
}

TEST_F(ServerTest, LogoutEndsTheSession) {
  Login ana = LogIn("ana");
  auto r = client_->Delete("/api/session", ana.Write());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(ErrorStatus(client_->Get("/api/incidents", ana.Read())), 401);
}

}  // namespace
}  // namespace harmwatch::server
