// kulkija._core.privacy: personal identity codes and keyed pseudonyms.
#include <string>
#include <vector>

#include "kulkija/privacy/identity_code.hpp"
#include "register.hpp"

namespace kulkija::python {

namespace {

std::span<const std::byte> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

}  // namespace

void register_privacy(py::module_& m) {
  py::class_<identity_code_facts>(m, "IdentityCodeFacts",
                                  "What a valid personal identity code tells, without the code itself.")
      .def_readonly("birth_date", &identity_code_facts::birth_date, "The birth date the code encodes.")
      .def_readonly("temporary", &identity_code_facts::temporary,
                    "Whether the individual number is in the temporary range 900-999.")
      .def("__repr__",
           [](const identity_code_facts& f) {
             return "<IdentityCodeFacts birth_date=" + format_date(f.birth_date) +
                    " temporary=" + (f.temporary ? "True" : "False") + ">";
           })
      .def("__eq__", [](const identity_code_facts& a, const identity_code_facts& b) { return a == b; },
           py::arg("other"), "Facts are equal when both fields are equal.");

  m.def("check_identity_code", &check_identity_code, py::arg("code"), py::arg("allow_temporary") = false,
        "Checks a Finnish personal identity code (henkilötunnus) and returns what it tells.\n\n"
        "Raises InvalidArgument naming the rule that failed; the message never contains the code.");
  m.def("is_valid_identity_code", &is_valid_identity_code, py::arg("code"), py::arg("allow_temporary") = false,
        "Whether ``code`` is a valid Finnish personal identity code.");

  py::class_<pseudonym_key>(m, "PseudonymKey",
                            "A secret key (32 to 1024 bytes) for keyed pseudonyms by HMAC-SHA256.\n\n"
                            "It cannot be read back, printed or pickled.")
      .def(py::init([](const py::bytes& key) { return pseudonym_key(as_bytes(std::string(key))); }), py::arg("key"),
           "Creates a key from raw bytes.")
      .def_static("from_hex", &pseudonym_key::from_hex, py::arg("hex"), "Creates a key from hexadecimal text.")
      .def(
          "hmac_sha256",
          [](const pseudonym_key& k, const py::bytes& message) {
            const auto mac = k.hmac_sha256(as_bytes(std::string(message)));
            return py::bytes(reinterpret_cast<const char*>(mac.data()), mac.size());
          },
          py::arg("message"), "The HMAC-SHA256 of ``message`` under this key (32 bytes).")
      .def("__repr__", [](const pseudonym_key&) { return std::string("<PseudonymKey (secret)>"); })
      .def("__reduce__", [](const pseudonym_key&) -> py::object {
        throw py::type_error("a PseudonymKey cannot be pickled; load it from the service's secret store");
      }, "Refuses pickling: keys are secrets.");

  m.def(
      "pseudonymise",
      [](const std::string& code, const pseudonym_key& key, const std::string& prefix) {
        return pseudonymise(code, key, prefix).str();
      },
      py::arg("code"), py::arg("key"), py::arg("prefix") = "P-",
      "Turns a personal identity code into a stable keyed pseudonym: ``prefix`` and 32 letters\n"
      "from the first 128 bits of HMAC-SHA256(key, code). Raises InvalidArgument for an invalid code.");

  m.def(
      "pseudonymise_many",
      [](const std::vector<std::string>& codes, const pseudonym_key& key, const std::string& prefix) {
        std::vector<std::string> out(codes.size());
        {
          py::gil_scoped_release release;
          for (std::size_t i = 0; i < codes.size(); ++i) {
            try {
              out[i] = pseudonymise(codes[i], key, prefix).str();
            } catch (const invalid_argument& e) {
              throw invalid_argument(e.id(), "codes[" + std::to_string(i) + "]", e.rule());
            }
          }
        }
        return out;
      },
      py::arg("codes"), py::arg("key"), py::arg("prefix") = "P-",
      "Pseudonymises a sequence of codes (a list, a numpy array of str or a pandas Series) without\n"
      "per-code Python calls. Raises InvalidArgument naming the position of the first invalid code.");
}

}  // namespace kulkija::python
