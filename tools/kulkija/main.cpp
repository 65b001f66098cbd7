// kulkija: the command-line tool. Exit codes: 0 success, 1 bad data (the message names the
// file, line and column), 2 bad usage.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/kulkija.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_data = 1;
constexpr int exit_usage = 2;

constexpr std::string_view usage_text =
    "usage: kulkija <command> [options]\n"
    "\n"
    "commands:\n"
    "  run [REGION_DIR]            replay every referral of a region and summarise the lifecycle\n"
    "                              (default: the bundled sample region)\n"
    "  lifecycle [--format dot|table]\n"
    "                              print the referral lifecycle's transition table\n"
    "  version                     print the version\n"
    "\n"
    "options:\n"
    "  --lang fi|sv|en             language of labels (default en)\n"
    "  -h, --help                  show this help\n"
    "\n"
    "exit codes: 0 success, 1 bad data (the message names file, line and column), 2 bad usage\n";

struct options {
  std::string command;
  std::vector<std::string> positional;
  std::string format = "table";
  kulkija::text_language lang = kulkija::text_language::en;
};

std::string pad(std::string_view text, std::size_t width) {
  // pad by code points so that ä and ö line up
  std::size_t points = 0;
  for (char c : text) points += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  std::string out(text);
  if (points < width) out.append(width - points, ' ');
  return out;
}

int run_region(const options& opt) {
  const std::filesystem::path dir = opt.positional.empty() ? KULKIJA_SAMPLE_REGION : opt.positional.front();
  const kulkija::region_records records = kulkija::read_region_csv(dir);

  std::cout << "Region: " << dir.filename().string() << " — " << records.clients.size() << " clients, "
            << records.professionals.size() << " referring professionals, " << records.referrals.size()
            << " referrals\n\n";
  std::cout << pad("referral", 10) << pad("client", 10) << pad("referrer", 21) << pad("issued", 12)
            << pad("link worker", 13) << pad("first contact", 15) << "state\n";
  std::map<kulkija::referral_state, std::size_t> by_state;
  for (const auto& r : records.referrals) {
    ++by_state[r.state()];
    const auto issued = r.issued_on();
    const auto worker = r.link_worker();
    const auto contact = r.first_contact_at();
    std::cout << pad(r.id().str(), 10) << pad(r.subject().id().str(), 10)
              << pad(kulkija::to_string(r.referrer().work_sector()), 21)
              << pad(issued ? kulkija::format_date(*issued) : "-", 12) << pad(worker ? worker->str() : "-", 13)
              << pad(contact ? kulkija::format_date(contact->date()) : "-", 15)
              << kulkija::label(r.state()).in(opt.lang) << '\n';
  }
  std::cout << "\nReferrals by state:\n";
  for (const auto& [state, count] : by_state) {
    std::cout << "  " << pad(kulkija::label(state).in(opt.lang), 26) << count << '\n';
  }
  return exit_ok;
}

int print_lifecycle(const options& opt) {
  if (opt.format == "dot") {
    std::cout << kulkija::lifecycle_dot();
    return exit_ok;
  }
  std::cout << pad("from", 18) << pad("event", 16) << pad("to", 18) << pad("roles", 38) << "reason / guards\n";
  for (const auto& row : kulkija::transition_table()) {
    std::string roles, extra(kulkija::to_string(row.reason));
    for (auto role : row.roles) roles += (roles.empty() ? "" : ",") + std::string(kulkija::to_string(role));
    for (auto guard : row.guards) extra += " " + std::string(kulkija::to_string(guard));
    std::cout << pad(kulkija::to_string(row.from), 18) << pad(kulkija::to_string(row.event), 16)
              << pad(kulkija::to_string(row.to), 18) << pad(roles, 38) << extra << '\n';
  }
  return exit_ok;
}

int usage_error(const std::string& message) {
  std::cerr << "kulkija: " << message << "\n\n" << usage_text;
  return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      std::cout << usage_text;
      return exit_ok;
    }
    if (a == "--format" || a == "--lang") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value");
      const std::string& value = args[++i];
      if (a == "--format") {
        if (value != "dot" && value != "table") return usage_error("--format must be dot or table");
        opt.format = value;
      } else {
        try {
          opt.lang = kulkija::parse_text_language(value);
        } catch (const kulkija::error&) {
          return usage_error("--lang must be fi, sv or en");
        }
      }
    } else if (a.starts_with("-")) {
      return usage_error("unknown option '" + a + "'");
    } else if (opt.command.empty()) {
      opt.command = a;
    } else {
      opt.positional.push_back(a);
    }
  }
  try {
    if (opt.command == "run") return run_region(opt);
    if (opt.command == "lifecycle") return print_lifecycle(opt);
    if (opt.command == "version") {
      std::cout << "kulkija " << kulkija::version_string << '\n';
      return exit_ok;
    }
    if (opt.command.empty()) return usage_error("no command given");
    return usage_error("unknown command '" + opt.command + "'");
  } catch (const kulkija::error& e) {
    std::cerr << "kulkija: " << e.what() << '\n';
    return exit_data;
  }
}
