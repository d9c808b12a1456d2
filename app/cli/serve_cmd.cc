// `harmwatch serve` (the API and the analysts' page) and `harmwatch user add`.
#include <csignal>
#include <iostream>
#include <memory>
#include <string>

#include "cli_common.h"
#include "commands.h"
#include "harmwatch/incidents/incidents.h"
#include "harmwatch/server/accounts.h"
#include "harmwatch/server/server.h"
#include "harmwatch/store/store.h"

namespace harmwatch::cli {
namespace {

server::Server* g_running = nullptr;  // for the signal handler

struct ServeArgs {
  server::ServerOptions options;
  std::vector<std::string> gazetteers;
  std::string data_dir;
};

int RunServe(ServeArgs& a) {
  // The engine extracts reports POSTed to /api/documents.
  std::unique_ptr<Engine> engine = OpenEngine(a.data_dir, a.gazetteers);
  if (!engine) return 1;
  auto server = server::Server::Create(a.options, engine.get());
  if (!server) {
    std::cerr << "harmwatch: " << server.error().message() << "\n";
    return 1;
  }
  auto port = (*server)->Bind();
  if (!port) {
    std::cerr << "harmwatch: " << port.error().message() << "\n";
    return 1;
  }
  std::cerr << "harmwatch: serving " << a.options.db << " on http://" << a.options.bind << ":"
            << *port << "/" << (a.options.public_read ? " (public read)" : "") << "\n";
  g_running = server->get();
  auto stop = [](int) {
    if (g_running) g_running->Stop();
  };
  std::signal(SIGINT, stop);
  std::signal(SIGTERM, stop);
  Status st = (*server)->Run();
  g_running = nullptr;
  if (!st.ok()) {
    std::cerr << "harmwatch: " << st.message() << "\n";
    return 1;
  }
  return 0;
}

struct UserArgs {
  std::string db = "harmwatch.db", name, role;
  bool password_stdin = false;
};

int RunUserAdd(const UserArgs& a) {
  if (!a.password_stdin) {
    std::cerr << "harmwatch: give the password on stdin (--password-stdin), never as an argument\n";
    return 2;
  }
  auto role = server::ParseRole(a.role);
  if (!role) {
    std::cerr << "harmwatch: --role: expected viewer, analyst or admin, got '" << a.role << "'\n";
    return 2;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  {
    auto store = OpenSqliteStore(a.db);  // creates and migrates
    if (!store) {
      std::cerr << "harmwatch: " << store.error().message() << "\n";
      return 1;
    }
  }
  auto accounts = server::Accounts::Open(a.db);
  if (!accounts) {
    std::cerr << "harmwatch: " << accounts.error().message() << "\n";
    return 1;
  }
  std::string now = incidents::NowUtc();
  Status st = (*accounts)->AddUser(a.name, *role, password, now);
  if (!st.ok()) {
    std::cerr << "harmwatch: " << st.message() << "\n";
    return 1;
  }
  (void)(*accounts)->Log(now, "-", "add-user", a.name, a.role + " (command line)");
  std::cerr << "harmwatch: added " << a.role << " " << a.name << " to " << a.db << "\n";
  return 0;
}

}  // namespace

void RegisterServe(CLI::App& app, int& exit_code) {
  {
    auto a = std::make_shared<ServeArgs>();
    a->options.db = "harmwatch.db";
    a->data_dir = DataDir();
    CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API and the analysts' page");
    cmd->add_option("--db", a->options.db, "Database file (created when missing)")
        ->capture_default_str();
    cmd->add_option("--bind", a->options.bind, "Address to listen on")->capture_default_str();
    cmd->add_option("--port", a->options.port, "Port (0: any free one)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    cmd->add_flag("--public-read", a->options.public_read,
                  "Let anyone read without logging in (writes still need a session)");
    cmd->add_option("--gazetteer", a->gazetteers, "Extra gazetteer layer for posted reports");
    cmd->add_option("--data-dir", a->data_dir, "Lexicons and actor tables")->capture_default_str();
    cmd->add_option("--rate", a->options.rate_per_second, "Requests per second per client")
        ->capture_default_str();
    cmd->callback([a, &exit_code] { exit_code = RunServe(*a); });
  }
  {
    CLI::App* user = app.add_subcommand("user", "Manage the web server's accounts");
    user->require_subcommand(1);
    auto a = std::make_shared<UserArgs>();
    CLI::App* add = user->add_subcommand("add", "Create a user (password read from stdin)");
    add->add_option("--db", a->db, "Database file")->capture_default_str();
    add->add_option("--name", a->name, "User name")->required();
    add->add_option("--role", a->role, "viewer, analyst or admin")->required();
    add->add_flag("--password-stdin", a->password_stdin, "Read the password from stdin");
    add->callback([a, &exit_code] { exit_code = RunUserAdd(*a); });
  }
}

}  // namespace harmwatch::cli
