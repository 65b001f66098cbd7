// kulkija: the command-line tool. It parses arguments and formats; the library does the work.
// Exit codes: 0 success, 1 bad data (the message names the file and the line and column or
// the JSON path), 2 bad usage. See docs/cli.md.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "format.hpp"
#include "kulkija/kulkija.hpp"

namespace {

namespace k = kulkija;
namespace fs = std::filesystem;
using namespace kulkija_tool;

constexpr int exit_ok = 0;
constexpr int exit_data = 1;
constexpr int exit_usage = 2;

struct usage_error {
  std::string message;
};

constexpr std::string_view main_help =
    "usage: kulkija <command> [options]\n"
    "\n"
    "The whole wellbeing-referral pipeline on a region's data folder (the bundled sample\n"
    "region when REGION_DIR is left out).\n"
    "\n"
    "commands:\n"
    "  run [REGION_DIR]         screen, match, plan support periods, recommend, compute KPIs;\n"
    "                           write the HTML report, FHIR and CSV outputs (--out DIR)\n"
    "  check [REGION_DIR]       eligibility with reasons: every referral, one (--referral,\n"
    "                           --client), or a clients CSV (--clients FILE --rules FILE)\n"
    "  match [REGION_DIR]       match the referrals waiting for a link worker\n"
    "  deadlines [REGION_DIR]   deadlines and status of the open support periods\n"
    "  queue [REGION_DIR]       the coordinator's queue: accepted referrals waiting for a link\n"
    "                           worker, most urgent first, with the first-contact deadline\n"
    "  recommend [REGION_DIR]   activities of the service catalogue for clients in support\n"
    "  report [REGION_DIR]      the HTML report alone (--out FILE, or stdout)\n"
    "  fhir export [REGION_DIR] the referrals as a FHIR R4 Bundle (--out FILE, or stdout)\n"
    "  fhir import FILE         read a FHIR R4 Bundle; --out DIR writes it as region CSV\n"
    "  validate FILE...         check rule sets, policies, catalogues, link workers, regions\n"
    "  lifecycle                the referral lifecycle's transition table (--format dot)\n"
    "  register init|import|event|queue|export|migrate DB\n"
    "                           the referral register (SQLite): create, import a region folder\n"
    "                           or FHIR Bundle, append an event, the queue, export, migrate\n"
    "  version                  the version\n"
    "\n"
    "options of every command:\n"
    "  --lang fi|sv|en          language of texts and reasons (default en)\n"
    "  --format table|csv|json  output format (default table)\n"
    "  --as-of DATE             the reporting day (default: region.json's as_of)\n"
    "  -h, --help               help (also `kulkija <command> --help`)\n"
    "\n"
    "exit codes: 0 success, 1 bad data (the message names the file and the line and column\n"
    "or the JSON path), 2 bad usage\n";

struct command_help {
  std::string_view usage;
  std::string_view text;
  std::set<std::string> options;  // options with a value, besides --lang, --format, --as-of
  std::set<std::string> flags;
};

const std::map<std::string, command_help>& commands() {
  static const std::map<std::string, command_help> c{
      {"run",
       {"kulkija run [REGION_DIR] [--register DB] [--out DIR] [--stable] [--lang L] [--format F] [--as-of DATE]",
        "Runs the whole pipeline on a region: screens every referral against the rule set in force\n"
        "on its issue day, matches the referrals waiting for a link worker (optimal assignment, or\n"
        "--stable), plans their support periods and the deadlines of every open one, recommends\n"
        "activities, and computes the KPIs. Prints the summary and writes into --out DIR (default:\n"
        "REGION_DIR/../<region folder>-out):\n"
        "  report.html          the report: funnel, wellbeing change, deadlines, caseloads, link\n"
        "                       workers (the ones left out of the matching, and why), the queue\n"
        "  summary.csv screening.csv matches.csv deadlines.csv recommendations.csv\n"
        "  funnel.csv caseloads.csv workers.csv queue.csv\n"
        "  bundle.fhir.json     every referral (with this run's matches) as a FHIR R4 Bundle\n"
        "  region/              the referrals as region CSV (clients, professionals, referrals, events)\n"
        "With --register DB, the clients, professionals and referrals come from the register (the\n"
        "region folder gives the rest: rules, policies, link workers, catalogue, measurements).\n",
        {"--out", "--register"},
        {"--stable"}}},
      {"check",
       {"kulkija check [REGION_DIR] [--referral ID | --client ID]\n"
        "       kulkija check --clients FILE --rules FILE [--on DATE]",
        "Eligibility with the reasons of every criterion that failed, is undetermined or warns.\n"
        "In a region, referrals are screened on their issue day against the region's rule set in\n"
        "force then, with the referrer's assessment (assessments.csv). With --clients, each client of\n"
        "a clients.csv file is screened on --on (default today) against --rules.\n",
        {"--referral", "--client", "--clients", "--rules", "--on"},
        {}}},
      {"match",
       {"kulkija match [REGION_DIR] [--stable]",
        "Matches the referrals waiting for a link worker (accepted, or requested and screened\n"
        "eligible) with the region's link workers (link_workers.csv, training.csv) under its matching\n"
        "policy, maximising the total score (or client-proposing stable matching with --stable). Every\n"
        "match and every client left unmatched comes with its reasons; the table form also lists the\n"
        "link workers left out on the day (training lapsed, supervision overdue, not active) and why.\n",
        {},
        {"--stable"}}},
      {"deadlines",
       {"kulkija deadlines [REGION_DIR] [--referral ID]",
        "The deadlines of every open support period (and of the ones this run's matches would\n"
        "start) on the reporting day: first contact, measurements, no-contact limit, planned end,\n"
        "with the rule each follows, and the period's status and warnings.\n",
        {"--referral"},
        {}}},
      {"queue",
       {"kulkija queue [REGION_DIR]",
        "The coordinating link worker's queue on the reporting day: the accepted referrals not yet\n"
        "assigned, ordered by priority (asap, urgent, routine) and then by waiting time, each with its\n"
        "days waiting, the first-contact deadline of the support policy and whether it is overdue or\n"
        "due soon.\n",
        {},
        {}}},
      {"recommend",
       {"kulkija recommend [REGION_DIR] [--referral ID]",
        "Activities of the region's service catalogue for each client in support, best first,\n"
        "with the reasons (needs, language, distance, cost, times).\n",
        {"--referral"},
        {}}},
      {"report",
       {"kulkija report [REGION_DIR] [--out FILE]",
        "Writes the HTML report of `run` alone: one self-contained file (inline CSS and SVG).\n",
        {"--out"},
        {}}},
      {"fhir",
       {"kulkija fhir export [REGION_DIR] [--out FILE]\n"
        "       kulkija fhir import FILE [--out DIR]",
        "export writes the region's referrals as a FHIR R4 Bundle (ServiceRequest, Task, Patient\n"
        "and Practitioner per referral). import reads a Bundle, lists the referrals, and with --out\n"
        "writes them as a region folder (clients.csv, professionals.csv, referrals.csv, events.csv).\n",
        {"--out"},
        {}}},
      {"validate",
       {"kulkija validate FILE... [--kind KIND]",
        "Checks each file and prints `FILE: ok`, or its errors, one line each, with the position\n"
        "(the line and column, or the JSON path) and the rule it breaks, and goes on with the next\n"
        "file. A CSV file reports every bad row (up to 100, then how many more); malformed CSV\n"
        "(a bad quote) or a missing column stops that file there. A region folder reports every\n"
        "bad row of its record files, link_workers.csv and training.csv, and, once these are\n"
        "clean, the first error of its other files. A JSON file reports its first error. The kind is\n"
        "told from the content: a rule set (criteria), a matching policy (hard, weights), a\n"
        "support policy (first_contact, meetings), an HSDS catalogue (contents), a region.json\n"
        "(as_of, rule_sets), training records (a CSV file with a course column), link workers (another\n"
        "CSV file) or a region folder (every file in it); --kind rules, matching-policy, support-policy,\n"
        "catalogue, link-workers, training, region-config or region says it.\n"
        "Exit code 1 when any file has an error.\n",
        {"--kind"},
        {}}},
      {"lifecycle",
       {"kulkija lifecycle [--format dot|table]",
        "Prints the referral lifecycle's transition table, or its Graphviz graph.\n",
        {},
        {}}},
      {"register",
       {"kulkija register init DB\n"
        "       kulkija register import DB SOURCE [--sharing codes_only|codes_and_text]\n"
        "       kulkija register event DB REFERRAL EVENT --at TIME --role ROLE [--actor ID] [--reason CODE]\n"
        "                              [--link-worker ID] [--note TEXT] [--event-id ID] [--expected-version N]\n"
        "       kulkija register queue DB [--region DIR] [--limit N]\n"
        "       kulkija register export DB --out DIR | --fhir [--out FILE]\n"
        "       kulkija register migrate DB",
        "The referral register, one SQLite file (docs/register.md). init creates it; import adds a\n"
        "region folder's records or a FHIR R4 Bundle (a .json file), in one transaction; event appends\n"
        "one event through the lifecycle's guards (--expected-version defaults to the current version;\n"
        "the event id defaults to REFERRAL-vN, N = expected version + 1, so the same command repeated with\n"
        "the same --expected-version is a duplicate, not a second event); queue prints the coordinator's queue with the support policy of\n"
        "--region (default the sample region) on --as-of (default today); export writes a region folder\n"
        "or, with --fhir, a FHIR Bundle; migrate upgrades a register written by an older kulkija to\n"
        "this one's schema, in one transaction (back it up first; the other commands refuse an older\n"
        "file). Every command is written to the audit log as --who (default kulkija-tool).\n",
        {"--sharing", "--at", "--role", "--actor", "--reason", "--link-worker", "--note", "--event-id",
         "--expected-version", "--region", "--limit", "--out", "--who"},
        {"--fhir"}}},
      {"version", {"kulkija version", "Prints the version.\n", {}, {}}},
  };
  return c;
}

struct options {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  output_format format = output_format::table;
  std::string format_text = "table";
  k::text_language lang = k::text_language::en;
  std::optional<k::date> as_of;
  bool help = false;

  [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional(it->second);
  }
};

options parse(const std::vector<std::string>& args) {
  options opt;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      opt.help = true;
      continue;
    }
    if (!a.starts_with("-")) {
      if (opt.command.empty()) {
        opt.command = a;
        if (!commands().contains(a)) throw usage_error{"unknown command '" + a + "'"};
      } else {
        opt.positional.push_back(a);
      }
      continue;
    }
    const command_help* cmd = opt.command.empty() ? nullptr : &commands().at(opt.command);
    if (cmd != nullptr && cmd->flags.contains(a)) {
      opt.flags.insert(a);
      continue;
    }
    const bool common = a == "--lang" || a == "--format" || a == "--as-of";
    if (!common && (cmd == nullptr || !cmd->options.contains(a))) {
      throw usage_error{"unknown option '" + a + "'" + (opt.command.empty() ? "" : " for '" + opt.command + "'")};
    }
    if (i + 1 >= args.size()) throw usage_error{a + " needs a value"};
    const std::string& value = args[++i];
    if (a == "--lang") {
      try {
        opt.lang = k::parse_text_language(value);
      } catch (const k::error&) {
        throw usage_error{"--lang must be fi, sv or en"};
      }
    } else if (a == "--format") {
      opt.format_text = value;
      if (value == "table") {
        opt.format = output_format::table;
      } else if (value == "csv") {
        opt.format = output_format::csv;
      } else if (value == "json") {
        opt.format = output_format::json;
      } else if (!(value == "dot" && opt.command == "lifecycle")) {
        throw usage_error{"--format must be table, csv or json"};
      }
    } else if (a == "--as-of" || a == "--on") {
      try {
        const k::date day = k::parse_date(value);
        if (a == "--as-of") opt.as_of = day;
        opt.values[a] = value;
      } catch (const k::error&) {
        throw usage_error{a + " must be a date YYYY-MM-DD"};
      }
    } else {
      opt.values[a] = value;
    }
  }
  return opt;
}

fs::path region_dir(const options& opt, std::size_t index = 0) {
  if (opt.positional.size() > index + 1) throw usage_error{"too many arguments"};
  return opt.positional.size() > index ? fs::path(opt.positional[index]) : fs::path(KULKIJA_SAMPLE_REGION);
}

// The reporting day: --as-of, else the region's own.
k::date as_of(const options& opt, const k::region& region) { return opt.as_of.value_or(region.config.as_of); }

// A text in the tool's three languages.
std::string tr(k::text_language lang, const char* fi, const char* sv, const char* en) {
  return k::localized_text{fi, sv, en}.in(lang);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw k::not_found("file", path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out || !(out << text)) throw k::not_found("writable file", path.string());
}

k::region_result run_with_progress(const k::region& region, const options& opt, k::run_options ro = {}) {
  progress_bar bar;
  ro.stable = opt.flags.contains("--stable");
  ro.lang = opt.lang;
  ro.progress = [&](const std::string& stage, std::size_t done, std::size_t total) { bar.update(stage, done, total); };
  return k::run(region, as_of(opt, region), ro);
}

// ------------------------------------------------------------------------------ commands

k::region load_region_or_register(const options& opt, const fs::path& dir);

int cmd_run(const options& opt) {
  const fs::path dir = region_dir(opt);
  const k::region region = load_region_or_register(opt, dir);
  const k::region_result p = run_with_progress(region, opt);
  fs::path out = opt.get("--out").value_or("");
  if (out.empty()) {
    const fs::path abs = fs::absolute(dir).lexically_normal();
    const fs::path folder = abs.has_filename() ? abs : abs.parent_path();
    out = folder.parent_path() / (folder.filename().string() + "-out");
  }
  fs::create_directories(out);
  const auto [referrals, applied] = k::with_matches(p);
  for (const auto& f : applied.failed) {  // the lifecycle refused a match: said, never skipped silently
    std::cerr << "kulkija: warning: match of " << referrals[f.referral].id().str() << " to " << f.worker.str()
              << " not applied: " << f.reason << '\n';
  }
  write_file(out / "report.html", k::report_html(p));
  for (const auto& [stem, t] : k::report_tables(p)) write_file(out / (stem + ".csv"), render(t, output_format::csv));
  write_file(out / "bundle.fhir.json", k::to_fhir_bundle(referrals));
  k::write_region_csv(out / "region", k::region_records_of(referrals));

  if (opt.format == output_format::table) {
    std::cout << k::shown(region.config.name) << " — " << tr(opt.lang, "raportointipäivä", "rapportdag", "reporting day")
              << ' ' << k::format_date(p.as_of) << "\n\n";
    std::vector<std::pair<std::string, table>> tables{
        {"summary", k::kpi_table(p)}, {"funnel", k::funnel_table(p)}, {"caseloads", k::caseload_table(p)}};
    if (!p.matches.excluded_workers.empty()) tables.emplace_back("excluded_workers", k::excluded_workers_table(p));
    std::cout << render(tables, opt.format);
    std::cout << '\n' << tr(opt.lang, "Tulokset kansiossa", "Resultat i mappen", "Outputs in") << ' '
              << k::shown(out.string())
              << ": report.html, bundle.fhir.json, region/, summary.csv, screening.csv, matches.csv, deadlines.csv, "
                 "recommendations.csv, funnel.csv, caseloads.csv, workers.csv, queue.csv\n";
  } else {
    std::cout << render(k::kpi_table(p), opt.format);
  }
  return exit_ok;
}

int cmd_check(const options& opt) {
  if (const auto file = opt.get("--clients")) {
    if (!opt.positional.empty()) throw usage_error{"check --clients takes no REGION_DIR"};
    const auto rules_file = opt.get("--rules");
    if (!rules_file) throw usage_error{"check --clients needs --rules FILE"};
    const k::rule_set rs = k::rule_set::load(*rules_file);
    const auto clients = k::read_clients_csv(*file);
    const k::date on = opt.get("--on") ? k::parse_date(*opt.get("--on"))
                                       : boost::gregorian::day_clock::local_day();
    table t(tr(opt.lang, "Kelpoisuus", "Behörighet", "Eligibility"), {"client", "on", "rule_set", "status", "reasons"});
    for (const auto& c : clients) {
      const auto d = rs.evaluate(c, on, opt.lang);
      std::string reasons;
      for (const auto& r : d.reasons()) reasons += (reasons.empty() ? "" : " | ") + r;
      t.add({c.id().str(), k::format_date(on), rs.id() + "@" + rs.version(), std::string(k::to_string(d.status)), reasons});
    }
    std::cout << render(t, opt.format);
    return exit_ok;
  }
  if (opt.get("--rules") || opt.get("--on")) throw usage_error{"--rules and --on go with --clients"};
  const k::region region = k::region::load(region_dir(opt));
  progress_bar bar;
  k::run_options ro;
  ro.lang = opt.lang;
  ro.progress = [&](const std::string& s, std::size_t d, std::size_t n) { bar.update(s, d, n); };
  auto screenings = k::screen(region, as_of(opt, region), ro);
  const auto ref = opt.get("--referral");
  const auto cli = opt.get("--client");
  if (ref || cli) {
    std::erase_if(screenings, [&](const k::screening& s) {
      return (ref && s.ref->id().str() != *ref) || (cli && s.ref->subject().id().str() != *cli);
    });
    if (screenings.empty()) throw k::not_found(ref ? "referral" : "client", ref ? *ref : *cli);
  }
  if (screenings.size() == 1 && opt.format == output_format::table && screenings.front().decided) {
    std::cout << screenings.front().ref->id().str() << ": " << screenings.front().decided->explain() << '\n';
    return exit_ok;
  }
  std::cout << render(k::screening_table(screenings, opt.lang), opt.format);
  return exit_ok;
}

int cmd_match(const options& opt) {
  const k::region region = k::region::load(region_dir(opt));
  const k::region_result p = run_with_progress(region, opt);
  if (opt.format == output_format::table && !p.matches.excluded_workers.empty()) {
    std::cout << render({{"matches", k::matches_table(p)}, {"excluded_workers", k::excluded_workers_table(p)}},
                        opt.format);
  } else {
    std::cout << render(k::matches_table(p), opt.format);
  }
  return exit_ok;
}

int cmd_queue(const options& opt) {
  const k::region region = k::region::load(region_dir(opt));
  // the queue alone: no screening or matching needed
  const auto queue = k::coordinator_queue(region.records.referrals, region.support, as_of(opt, region));
  std::cout << render(k::queue_table(queue, opt.lang), opt.format);
  return exit_ok;
}

int cmd_deadlines(const options& opt) {
  const k::region region = k::region::load(region_dir(opt));
  k::region_result p = run_with_progress(region, opt);
  if (const auto ref = opt.get("--referral")) {
    std::erase_if(p.periods, [&](const k::planned_period& pp) { return pp.ref->id().str() != *ref; });
    if (p.periods.empty()) throw k::not_found("open support period of referral", *ref);
  }
  std::cout << render(k::deadlines_table(p), opt.format);
  return exit_ok;
}

int cmd_recommend(const options& opt) {
  const k::region region = k::region::load(region_dir(opt));
  if (!region.catalogue) throw k::not_found("service catalogue of the region", region.config.catalogue);
  k::run_options ro;
  ro.only_referral = opt.get("--referral");
  const k::region_result p = run_with_progress(region, opt, ro);
  if (ro.only_referral && p.recommendations.empty()) {
    throw k::not_found("client in support with referral", *ro.only_referral);
  }
  std::cout << render(k::recommendations_table(p), opt.format);
  return exit_ok;
}

int cmd_report(const options& opt) {
  const k::region region = k::region::load(region_dir(opt));
  const std::string html = k::report_html(run_with_progress(region, opt));
  if (const auto out = opt.get("--out")) {
    write_file(*out, html);
  } else {
    std::cout << html;
  }
  return exit_ok;
}

int cmd_fhir(const options& opt) {
  if (opt.positional.empty()) throw usage_error{"fhir needs 'export' or 'import'"};
  const std::string& what = opt.positional.front();
  if (what == "export") {
    const fs::path dir = region_dir(opt, 1);
    const std::string bundle = k::to_fhir_bundle(k::read_referrals_csv(dir));
    if (const auto out = opt.get("--out")) {
      write_file(*out, bundle);
    } else {
      std::cout << bundle;
    }
    return exit_ok;
  }
  if (what != "import") throw usage_error{"fhir needs 'export' or 'import', not '" + what + "'"};
  if (opt.positional.size() != 2) throw usage_error{"fhir import needs one FILE"};
  const fs::path file = opt.positional[1];
  std::vector<k::referral> referrals;
  try {
    referrals = k::from_fhir_bundle(read_file(file));
  } catch (const k::parse_error& e) {
    throw k::parse_error(e.id(), std::string(e.message()), e.line(), e.column(), file.filename().string());
  }
  table t(tr(opt.lang, "Lähetteet", "Remisser", "Referrals"), {"referral", "client", "referrer", "state", "link_worker"});
  for (const auto& r : referrals) {
    const auto w = r.link_worker();
    t.add({r.id().str(), r.subject().id().str(), r.referrer().id().str(), k::label(r.state()).in(opt.lang),
           w ? w->str() : ""});
  }
  if (const auto out = opt.get("--out")) k::write_region_csv(*out, k::region_records_of(referrals));
  std::cout << render(t, opt.format);
  return exit_ok;
}

// validate: the kind of a file, from --kind or its content
std::string kind_of(const fs::path& path, const std::string& text) {
  if (fs::is_directory(path)) return "region";
  if (path.extension() == ".csv") {
    const std::string header = text.substr(0, text.find('\n'));
    return header.find("course") != std::string::npos && header.find("completed_on") != std::string::npos
               ? "training"
               : "link-workers";
  }
  try {
    const auto j = nlohmann::json::parse(text);
    if (j.is_object()) {
      if (j.contains("criteria") || j.contains("rules")) return "rules";
      if (j.contains("hard") || j.contains("weights") || j.contains("excluded_pairs") || j.contains("distance") ||
          j.contains("workforce")) {
        return "matching-policy";
      }
      if (j.contains("first_contact") || j.contains("meetings") || j.contains("length") || j.contains("pauses")) {
        return "support-policy";
      }
      if (j.contains("contents") || j.contains("organizations") || j.contains("services")) return "catalogue";
      if (j.contains("as_of") || j.contains("rule_sets")) return "region-config";
    }
    if (j.is_array()) return "catalogue";
  } catch (const nlohmann::json::exception&) {
    return "json";  // not JSON at all: the library's reader names the line and column
  }
  return "";
}

// Prints `FILE[:LINE:COLUMN]: error: MESSAGE`, the position when `e` is a parse error with one.
void print_error(const std::string& file, const k::error& e) {
  std::cout << k::shown(file);
  if (const auto* p = dynamic_cast<const k::parse_error*>(&e); p != nullptr && p->line() > 0) {
    std::cout << ':' << p->line() << ':' << p->column();
  }
  std::cout << ": error: " << e.what() << '\n';
}

// Prints every error of one CSV file, then how many more were found beyond the limit.
// Returns the number of errors found.
std::size_t print_errors(const std::string& file, const k::csv_diagnostics& d) {
  for (const auto& e : d.errors) print_error(file, e);
  if (d.more_errors > 0) {
    std::cout << k::shown(file) << ": error: and " << d.more_errors << " more "
              << (d.more_errors == 1 ? "error" : "errors") << " (the first " << d.errors.size() << " are shown)\n";
  }
  return d.count();
}

// Checks a region folder, printing its errors as `FOLDER/FILE:LINE:COLUMN: error: ...`:
// region.json (its first error), the four record files, link_workers.csv and training.csv
// (every row's error); when these are clean, the rest of the folder as `run` reads it (its
// first error). Returns the number of errors printed; `what` describes a clean region.
std::size_t validate_region(const fs::path& dir, const std::string& name, std::string& what) {
  if (!fs::is_directory(dir)) throw k::not_found("region folder", dir.string());
  std::size_t errors = 0;
  const auto in_dir = [&](const std::string& file) { return (fs::path(name) / file).string(); };
  const auto report = [&](const k::error& e) {
    const auto* p = dynamic_cast<const k::parse_error*>(&e);
    const bool names_file = p != nullptr && !p->path().empty() && !p->path().starts_with('$');
    print_error(names_file ? in_dir(p->path()) : name, e);
    ++errors;
  };
  try {
    (void)k::read_region_config(dir);
  } catch (const k::error& e) {
    report(e);
  }
  try {
    const auto records = k::check_region_csv(dir);
    for (const auto& file : records.files) errors += print_errors(in_dir(file.source), file);
  } catch (const k::error& e) {  // a missing file
    report(e);
  }
  std::vector<k::link_worker> workers;
  if (fs::exists(dir / "link_workers.csv")) {
    auto checked = k::check_link_workers_csv(read_file(dir / "link_workers.csv"), "link_workers.csv");
    errors += print_errors(in_dir("link_workers.csv"), checked.diagnostics);
    workers = std::move(checked.rows);
  }
  if (fs::exists(dir / "training.csv")) {
    const auto checked = k::check_training_csv(read_file(dir / "training.csv"), "training.csv", workers);
    errors += print_errors(in_dir("training.csv"), checked.diagnostics);
  }
  if (errors > 0) return errors;
  try {
    const auto region = k::region::load(dir);
    what = "region " + region.config.name + ", " + std::to_string(region.records.referrals.size()) + " referrals, " +
           std::to_string(region.workers.size()) + " link workers";
  } catch (const k::error& e) {
    report(e);
  }
  return errors;
}

int cmd_validate(const options& opt) {
  if (opt.positional.empty()) throw usage_error{"validate needs at least one FILE"};
  const auto forced = opt.get("--kind");
  static const std::set<std::string> kinds{"rules",        "matching-policy", "support-policy", "catalogue",
                                           "link-workers", "training",        "region-config",  "region"};
  if (forced && !kinds.contains(*forced)) {
    throw usage_error{"--kind must be rules, matching-policy, support-policy, catalogue, link-workers, training, "
                      "region-config or region"};
  }
  int errors = 0;
  for (const auto& name : opt.positional) {
    const fs::path path(name);
    std::string what;
    try {
      if (!fs::exists(path)) throw k::not_found("file", name);
      const std::string text = fs::is_directory(path) ? std::string() : read_file(path);
      const std::string kind = forced ? *forced : kind_of(path, text);
      if (kind == "json") {
        (void)k::rule_set::from_json(text);  // throws the syntax error with its line and column
        what = "JSON";
      } else if (kind == "rules") {
        const auto rs = k::rule_set::from_json(text);
        what = "rule set " + rs.id() + " " + rs.version() + ", " + std::to_string(rs.criteria().size()) + " criteria";
      } else if (kind == "matching-policy") {
        const auto mp = k::matching_policy_from_json(text);
        what = "matching policy " + mp.id + " " + mp.version;
      } else if (kind == "support-policy") {
        const auto sp = k::support_policy_from_json(text);
        what = "support policy " + sp.id + " " + sp.version;
      } else if (kind == "catalogue") {
        const auto imp = k::catalogue_from_hsds(text);
        what = "catalogue, " + std::to_string(imp.catalogue.organisations().size()) + " organisations, " +
               std::to_string(imp.catalogue.activities().size()) + " activities";
        for (const auto& w : imp.warnings) std::cout << k::shown(name) << ": warning: " << w.path << ": " << w.message << '\n';
      } else if (kind == "link-workers") {
        const auto checked = k::check_link_workers_csv(text, path.filename().string());
        if (print_errors(name, checked.diagnostics) > 0) {
          ++errors;
          continue;
        }
        what = std::to_string(checked.rows.size()) + " link workers";
      } else if (kind == "training") {
        const auto checked = k::check_training_csv(text, path.filename().string());
        if (print_errors(name, checked.diagnostics) > 0) {
          ++errors;
          continue;
        }
        what = std::to_string(checked.rows.size()) + " training records";
      } else if (kind == "region-config") {
        const auto config = k::region_config_from_json(text);
        what = "region config " + config.name + ", as of " + k::format_date(config.as_of);
      } else if (kind == "region") {
        if (validate_region(path, name, what) > 0) {
          ++errors;
          continue;
        }
      } else {
        throw k::parse_error(k::error_id::parse_structure,
                             "cannot tell what this file is (a rule set has criteria, a matching policy hard or "
                             "weights, a support policy first_contact, a catalogue contents); give --kind",
                             0, 0, path.filename().string());
      }
      std::cout << k::shown(name) << ": ok (" << k::shown(what) << ")\n";
    } catch (const k::error& e) {
      ++errors;
      print_error(name, e);
    }
  }
  std::cout << errors << (errors == 1 ? " file" : " files") << " with errors\n";
  return errors == 0 ? exit_ok : exit_data;
}

int cmd_lifecycle(const options& opt) {
  if (opt.format_text == "dot") {
    std::cout << k::lifecycle_dot();
    return exit_ok;
  }
  table t("", {"from", "event", "to", "roles", "reason", "guards"});
  for (const auto& row : k::transition_table()) {
    std::string roles, guards;
    for (auto role : row.roles) roles += (roles.empty() ? "" : ",") + std::string(k::to_string(role));
    for (auto guard : row.guards) guards += (guards.empty() ? "" : ",") + std::string(k::to_string(guard));
    t.add({std::string(k::to_string(row.from)), std::string(k::to_string(row.event)), std::string(k::to_string(row.to)),
           roles, std::string(k::to_string(row.reason)), guards});
  }
  std::cout << render(t, opt.format);
  return exit_ok;
}

// ------------------------------------------------------------------------------ register

// The region, with its records from --register DB when given.
k::region load_region_or_register(const options& opt, const fs::path& dir) {
  k::region region = k::region::load(dir);
  if (const auto db = opt.get("--register")) {
    auto reg = k::store::register_db::open(*db, {.create = false});
    region.records = reg.records({opt.get("--who").value_or("kulkija-tool"), k::store::purpose::statistics});
  }
  return region;
}

k::store::accessor tool_accessor(const options& opt, k::store::purpose why) {
  return {opt.get("--who").value_or("kulkija-tool"), why};
}

std::int64_t integer_option(const options& opt, const std::string& name, std::int64_t fallback) {
  const auto v = opt.get(name);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const long long n = std::stoll(*v, &used);
    if (used != v->size() || n < 0) throw std::invalid_argument("");
    return n;
  } catch (const std::exception&) {
    throw usage_error{name + " must be a whole number, 0 or more"};
  }
}

int cmd_register(const options& opt) {
  namespace st = k::store;
  if (opt.positional.size() < 2) throw usage_error{"register needs a subcommand and DB"};
  const std::string& what = opt.positional[0];
  const fs::path file = opt.positional[1];
  const std::vector<std::string> rest(opt.positional.begin() + 2, opt.positional.end());
  if (what == "init") {
    if (!rest.empty()) throw usage_error{"register init takes only DB"};
    if (fs::exists(file)) throw usage_error{"register init: " + k::shown(file.string()) + " exists already"};
    auto db = st::register_db::open(file);
    std::cout << k::shown(file.string()) << ": register created (schema version " << db.schema_version() << ")\n";
    return exit_ok;
  }
  if (what == "import") {
    if (rest.size() != 1) throw usage_error{"register import needs DB and one SOURCE"};
    const fs::path source = rest[0];
    const auto sharing = st::parse_sharing_level(opt.get("--sharing").value_or("codes_only"));
    auto db = st::register_db::open(file, {.create = false});
    const auto by = tool_accessor(opt, st::purpose::administration);
    st::import_summary s;
    if (fs::is_directory(source)) {
      s = st::import_region_folder(db, source, sharing, by);
    } else {
      try {
        s = st::import_fhir_bundle(db, read_file(source), sharing, by);
      } catch (const k::parse_error& e) {
        throw k::parse_error(e.id(), std::string(e.message()), e.line(), e.column(), source.filename().string());
      }
    }
    std::cout << k::shown(source.string()) << ": " << s.referrals << " referrals added, " << s.link_workers
              << " link workers\n";
    return exit_ok;
  }
  if (what == "event") {
    if (rest.size() != 2) throw usage_error{"register event needs DB, REFERRAL and EVENT"};
    const auto at = opt.get("--at");
    const auto role = opt.get("--role");
    if (!at || !role) throw usage_error{"register event needs --at and --role"};
    k::lifecycle_event e{k::parse_referral_event(rest[1]), k::parse_timestamp(*at),
                         {k::parse_actor_role(*role), opt.get("--actor").value_or("")}, std::nullopt, std::nullopt,
                         opt.get("--note").value_or("")};
    if (const auto r = opt.get("--reason")) e.reason = k::parse_reason_code(*r);
    if (const auto w = opt.get("--link-worker")) e.link_worker = k::link_worker_id{*w};
    auto db = st::register_db::open(file, {.create = false});
    const k::referral_id id{rest[0]};
    const auto current = db.summary(id).version;
    const auto expected = integer_option(opt, "--expected-version", current);
    const std::string event_id = opt.get("--event-id").value_or(id.str() + "-v" + std::to_string(expected + 1));
    const auto r = db.append(id, event_id, e, expected, tool_accessor(opt, st::purpose::care));
    std::cout << id.str() << ": " << (r.status == st::append_status::appended ? "appended " : "duplicate, unchanged: ")
              << event_id << "; version " << r.version << ", " << k::to_string(r.state) << '\n';
    return exit_ok;
  }
  if (what == "queue") {
    if (!rest.empty()) throw usage_error{"register queue takes only DB"};
    const k::region region = k::region::load(opt.get("--region").value_or(KULKIJA_SAMPLE_REGION));
    const auto today = boost::gregorian::day_clock::universal_day();
    auto db = st::register_db::open(file, {.create = false});
    const auto queue = db.queue(region.support, opt.as_of.value_or(today), k::finnish_calendar{},
                                static_cast<std::size_t>(integer_option(opt, "--limit", 100)),
                                tool_accessor(opt, st::purpose::coordination));
    std::cout << render(k::queue_table(queue, opt.lang), opt.format);
    return exit_ok;
  }
  if (what == "export") {
    if (!rest.empty()) throw usage_error{"register export takes only DB"};
    auto db = st::register_db::open(file, {.create = false});
    const auto by = tool_accessor(opt, st::purpose::administration);
    if (opt.flags.contains("--fhir")) {
      const std::string bundle = st::export_fhir_bundle(db, by);
      if (const auto out = opt.get("--out")) {
        write_file(*out, bundle);
      } else {
        std::cout << bundle;
      }
      return exit_ok;
    }
    const auto out = opt.get("--out");
    if (!out) throw usage_error{"register export needs --out DIR (or --fhir)"};
    st::export_region_folder(db, *out, by);
    std::cout << k::shown(*out) << ": clients.csv, professionals.csv, referrals.csv, events.csv"
              << (db.link_workers().empty() ? "" : ", link_workers.csv, training.csv") << '\n';
    return exit_ok;
  }
  if (what == "migrate") {
    if (!rest.empty()) throw usage_error{"register migrate takes only DB"};
    auto db = st::register_db::open(file, {.create = false, .migrate = true});
    if (const auto from = db.migrated_from()) {
      std::cout << k::shown(file.string()) << ": migrated from schema version " << *from << " to "
                << db.schema_version() << '\n';
    } else {
      std::cout << k::shown(file.string()) << ": schema version " << db.schema_version() << " already, unchanged\n";
    }
    return exit_ok;
  }
  throw usage_error{"register needs init, import, event, queue, export or migrate, not '" + what + "'"};
}

int dispatch(const options& opt) {
  const std::string& c = opt.command;
  if (c == "run") return cmd_run(opt);
  if (c == "check") return cmd_check(opt);
  if (c == "match") return cmd_match(opt);
  if (c == "deadlines") return cmd_deadlines(opt);
  if (c == "queue") return cmd_queue(opt);
  if (c == "recommend") return cmd_recommend(opt);
  if (c == "report") return cmd_report(opt);
  if (c == "fhir") return cmd_fhir(opt);
  if (c == "validate") return cmd_validate(opt);
  if (c == "lifecycle") return cmd_lifecycle(opt);
  if (c == "register") return cmd_register(opt);
  if (!opt.positional.empty()) throw usage_error{"version takes no arguments"};
  std::cout << "kulkija " << k::version_string << '\n';
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  try {
    opt = parse(std::vector<std::string>(argv + 1, argv + argc));
    if (opt.help) {
      if (opt.command.empty()) {
        std::cout << main_help;
      } else {
        const auto& h = commands().at(opt.command);
        std::cout << "usage: " << h.usage << "\n\n" << h.text << "\n" << "common options: --lang fi|sv|en, --format table|csv|json, "
                  << "--as-of DATE, -h/--help\nexit codes: 0 success, 1 bad data, 2 bad usage\n";
      }
      return exit_ok;
    }
    if (opt.command.empty()) throw usage_error{"no command given"};
    return dispatch(opt);
  } catch (const usage_error& e) {
    std::cerr << "kulkija: " << e.message << "\n";
    if (!opt.command.empty() && commands().contains(opt.command)) {
      std::cerr << "usage: " << commands().at(opt.command).usage << "\n(kulkija " << opt.command << " --help for more)\n";
    } else {
      std::cerr << '\n' << main_help;
    }
    return exit_usage;
  } catch (const k::error& e) {
    std::cerr << "kulkija: " << e.what() << '\n';
    return exit_data;
  } catch (const fs::filesystem_error& e) {
    std::cerr << "kulkija: " << e.code().message() << ": " << e.path1().string() << '\n';
    return exit_data;
  }
}
