// The `shequ` command: a table of subcommands; each one's work is in its own file.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/settings.h"

namespace {

void AddCommonFlags(CLI::App& command, shequ::cli::CommonFlags& flags) {
  command.add_option("--config", flags.config_file, "config file of key = value lines")
      ->check(CLI::ExistingFile);
  command.add_option("--db", flags.database,
                     "database: sqlite:PATH (default sqlite:var/shequ.db) or postgresql://...");
  command.add_option("--key-file", flags.key_file,
                     "key that encrypts personal data at rest (default var/shequ.key)");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace shequ::cli;
  CLI::App app{"shequ (社区): one platform for a community's services and its planners"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "shequ 0.1.0");

  CommonFlags flags;

  auto* serve = app.add_subcommand("serve", "serve the API and the web UI until SIGTERM/SIGINT");
  AddCommonFlags(*serve, flags);
  serve->add_option("--listen", flags.listen, "HOST:PORT to serve on (default 127.0.0.1:8080)");
  serve->add_option("--web-root", flags.web_root, "folder of the built web UI (default web/dist)");

  auto* migrate = app.add_subcommand("migrate", "apply pending database migrations");
  AddCommonFlags(*migrate, flags);

  InitOptions init_options;
  auto* init = app.add_subcommand(
      "init", "create the database and the personal-data key file; --demo adds a demo street");
  AddCommonFlags(*init, flags);
  init->add_flag(
      "--demo", init_options.demo,
      "create the demo street (communities, grids, buildings, residents) and one user per role");
  init->add_option("--demo-password", init_options.demo_password,
                   "password for every demo user (default: random, printed once)");
  init->add_option("--demo-osm", init_options.demo_osm,
                   "OpenStreetMap extract whose wards become the demo communities (default "
                   "../shared/data/monaco-2016.osm.pbf)");
  init->add_option("--demo-scale", init_options.demo_scale,
                   "multiply every demo community's 5,000-12,000 residents by this (0 < F <= 1; "
                   "default 1), for quick test databases");
  init->add_flag("!--no-demo-eldercare", init_options.demo_eldercare,
                 "leave the demo street's eldercare services empty (no canteen, visits, "
                 "volunteers)");

  UserAddOptions user_options;
  auto* user = app.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "create an account; the password is read from stdin or prompted for");
  AddCommonFlags(*user_add, flags);
  user_add->add_option("--login", user_options.login, "login: 3-32 of a-z 0-9 _ . -")->required();
  user_add->add_option("--name", user_options.display_name, "display name (default: the login)");
  user_add
      ->add_option("--role", user_options.role,
                   "admin, street_admin, community_worker, grid_worker, resident, volunteer, "
                   "caregiver, canteen_operator, childcare_operator, courier or planner")
      ->required();
  user_add->add_option("--scope", user_options.scope, "street:ID, community:ID or grid:ID")
      ->required();
  user_add->add_flag("--password-stdin", user_options.password_from_stdin,
                     "read the password from the first line of standard input");

  ImportOsmOptions import_osm_options;
  auto* import = app.add_subcommand("import", "import data from files");
  import->require_subcommand(1);
  auto* import_osm = import->add_subcommand(
      "osm",
      "read an OpenStreetMap extract (walking network, buildings, boundaries, facilities) for "
      "planning; replaces the previous import when it completes");
  AddCommonFlags(*import_osm, flags);
  import_osm->add_option("FILE", import_osm_options.path, "the extract: .osm.pbf or .osm")
      ->required();

  AssessOptions assess_options;
  auto* assess = app.add_subcommand(
      "assess",
      "assess the complete-community checklist on the imported walking network (shequ import osm)");
  AddCommonFlags(*assess, flags);
  assess->add_option("--community", assess_options.community, "one community's id (default: all)");
  // --format and --lang are checked by RunAssess, which refuses others with exit code 2.
  assess->add_option("--format", assess_options.format,
                     "json (default), geojson, or html (a printable report with maps)");
  assess->add_option("--lang", assess_options.lang,
                     "the html report's language: zh (default) or en");
  assess->add_option("--title", assess_options.title,
                     "the html report's heading, e.g. the street's name");
  assess->add_option("--out", assess_options.out, "write to this file instead of stdout");

  CLI11_PARSE(app, argc, argv);

  auto config = LoadSettings(flags);
  if (!config) {
    PrintError(config.error());
    return 2;
  }
  if (serve->parsed()) return RunServe(*config);
  if (migrate->parsed()) return RunMigrate(*config);
  if (init->parsed()) return RunInit(*config, init_options);
  if (user_add->parsed()) return RunUserAdd(*config, user_options);
  if (import_osm->parsed()) return RunImportOsm(*config, import_osm_options);
  if (assess->parsed()) return RunAssess(*config, assess_options);
  return 2;
}
