"""The hand-written stubs in kulkija/_core/*.pyi match the compiled module."""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import re
import types
from pathlib import Path

import pytest

import kulkija

STUB_DIR = Path(kulkija.__file__).parent / "_core"
STUB_MODULES = {
    "__init__.pyi": "kulkija._core",
    "core.pyi": "kulkija._core.core",
    "referral.pyi": "kulkija._core.referral",
    "privacy.pyi": "kulkija._core.privacy",
    "fhir.pyi": "kulkija._core.fhir",
    "io.pyi": "kulkija._core.io",
    "calendar.pyi": "kulkija._core.calendar",
    "support.pyi": "kulkija._core.support",
    "eligibility.pyi": "kulkija._core.eligibility",
    "outcomes.pyi": "kulkija._core.outcomes",
    "catalogue.pyi": "kulkija._core.catalogue",
    "matching.pyi": "kulkija._core.matching",
    "workforce.pyi": "kulkija._core.workforce",
    "capacity.pyi": "kulkija._core.capacity",
    "region.pyi": "kulkija._core.region",
    "store.pyi": "kulkija._core.store",
}
# The public module that re-exports each stub's names: the model at the top level, other
# areas as submodules of the package.
PUBLIC_MODULES = {
    "__init__.pyi": "kulkija",
    "core.pyi": "kulkija",
    "referral.pyi": "kulkija",
    "privacy.pyi": "kulkija.privacy",
    "fhir.pyi": "kulkija.fhir",
    "io.pyi": "kulkija.io",
    "calendar.pyi": "kulkija.calendar",
    "support.pyi": "kulkija.support",
    "eligibility.pyi": "kulkija.eligibility",
    "outcomes.pyi": "kulkija.outcomes",
    "catalogue.pyi": "kulkija.catalogue",
    "matching.pyi": "kulkija.matching",
    "workforce.pyi": "kulkija.workforce",
    "capacity.pyi": "kulkija.capacity",
    "region.pyi": "kulkija.region",
    "store.pyi": "kulkija.store",
}
PACKAGE_MODULES = {"core", "referral"}


def public_module(stub: str) -> types.ModuleType:
    return importlib.import_module(PUBLIC_MODULES[stub])


def parse(stub: str) -> ast.Module:
    return ast.parse((STUB_DIR / stub).read_text(encoding="utf-8"), filename=stub)


def top_level(stub: str) -> dict[str, ast.stmt]:
    names: dict[str, ast.stmt] = {}
    for node in parse(stub).body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return names


def public(names: dict[str, ast.stmt]) -> dict[str, ast.stmt]:
    return {n: node for n, node in names.items() if not n.startswith("_") or n == "__version__"}


def classes(stub: str) -> dict[str, ast.ClassDef]:
    return {n: node for n, node in top_level(stub).items() if isinstance(node, ast.ClassDef)}


def stub_classes() -> list[tuple[str, str, ast.ClassDef]]:
    return [(stub, name, node) for stub in STUB_MODULES for name, node in classes(stub).items()]


def class_members(node: ast.ClassDef) -> set[str]:
    members: set[str] = set()
    for item in node.body:
        if isinstance(item, ast.FunctionDef):
            members.add(item.name)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            members.add(item.target.id)
        elif isinstance(item, ast.Assign):
            members.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return {m for m in members if not m.startswith("_")}


def runtime_members(cls: type) -> set[str]:
    own = set(vars(cls))
    if issubclass(cls, enum.Enum):
        own |= set(cls.__members__)
    return {m for m in own if not m.startswith("_")}


@pytest.mark.parametrize("package", sorted(set(PUBLIC_MODULES.values())))
def test_every_exported_name_is_in_the_stubs(package: str) -> None:
    stubs = [stub for stub, public_name in PUBLIC_MODULES.items() if public_name == package]
    stubbed = set().union(*(public(top_level(stub)) for stub in stubs))
    module = importlib.import_module(package)
    # functions and classes written in Python (pandas helpers, DataFrame wrappers) carry their
    # own annotations and need no stub
    pure = {
        n for n in module.__all__
        if inspect.isfunction(getattr(module, n))
        or (inspect.isclass(getattr(module, n)) and getattr(module, n).__module__ == package)
    }
    missing = set(module.__all__) - PACKAGE_MODULES - stubbed - pure
    assert not missing, f"in {package}.__all__ but not in the stubs: {sorted(missing)}"


def test_every_stub_class_is_exported() -> None:
    for stub, name, _ in stub_classes():
        assert name in public_module(stub).__all__, f"{name} ({stub}) is not exported"


@pytest.mark.parametrize("stub", list(STUB_MODULES))
def test_every_stub_name_exists_at_runtime(stub: str) -> None:
    module = importlib.import_module(STUB_MODULES[stub])
    for name, node in public(top_level(stub)).items():
        assert hasattr(module, name), f"{stub}: {name} is not in {module.__name__}"
        if isinstance(node, ast.ClassDef):
            assert isinstance(getattr(module, name), type)
            assert getattr(public_module(stub), name) is getattr(module, name)


@pytest.mark.parametrize("stub", list(STUB_MODULES))
def test_every_runtime_name_is_in_the_stub(stub: str) -> None:
    module = importlib.import_module(STUB_MODULES[stub])
    runtime = {n for n, v in vars(module).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)}
    stubbed = set(public(top_level(stub)))
    assert runtime <= stubbed, f"{stub} lacks {sorted(runtime - stubbed)}"


def value_classes() -> list[tuple[str, str, ast.ClassDef]]:
    """The stubs' classes but the exceptions, whose attributes are set per instance (see test_core.py)."""
    return [
        (stub, name, node)
        for stub, name, node in stub_classes()
        if not issubclass(getattr(importlib.import_module(STUB_MODULES[stub]), name), BaseException)
    ]


@pytest.mark.parametrize(("stub", "name", "node"), value_classes(), ids=lambda x: x if isinstance(x, str) else "")
def test_class_members_match(stub: str, name: str, node: ast.ClassDef) -> None:
    cls = getattr(importlib.import_module(STUB_MODULES[stub]), name)
    assert class_members(node) == runtime_members(cls)


@pytest.mark.parametrize(("stub", "name", "node"), stub_classes(), ids=lambda x: x if isinstance(x, str) else "")
def test_enum_values_match(stub: str, name: str, node: ast.ClassDef) -> None:
    cls = getattr(importlib.import_module(STUB_MODULES[stub]), name)
    if not issubclass(cls, enum.Enum):
        return
    stubbed = {
        t.id: ast.literal_eval(item.value)
        for item in node.body
        if isinstance(item, ast.Assign)
        for t in item.targets
        if isinstance(t, ast.Name)
    }
    assert stubbed == {m.name: m.value for m in cls}


@pytest.mark.parametrize(("stub", "name", "node"), stub_classes(), ids=lambda x: x if isinstance(x, str) else "")
def test_class_bases_match(stub: str, name: str, node: ast.ClassDef) -> None:
    cls = getattr(importlib.import_module(STUB_MODULES[stub]), name)
    stubbed = [ast.unparse(b).split(".")[-1] for b in node.bases]
    runtime = [b.__name__ for b in cls.__bases__ if b.__name__ not in {"object", "pybind11_object"}]
    assert stubbed == runtime


# ------------------------------------------------------------------ parameter names

SIGNATURE = re.compile(r"^(\w+)\((.*)\) -> .*$")


def runtime_parameters(function: object) -> list[list[str]]:
    """The parameter names of each overload, from pybind11's signature lines (or, for a
    function written in Python and attached to a compiled class, from its signature)."""
    if inspect.isfunction(function):
        names: list[str] = []
        for p in inspect.signature(function).parameters.values():
            if p.kind is p.KEYWORD_ONLY and "*" not in names:
                names.append("*")
            names.append(p.name)
        return [names]
    overloads = []
    for line in (inspect.getdoc(function) or "").splitlines():
        line = re.sub(r"^\d+\. ", "", line)
        match = SIGNATURE.match(line)
        if match:
            arguments = re.sub(r"<[^<>]*>", "", match.group(2))  # drop default values' reprs
            overloads.append([n for n in re.findall(r"(?:^|, )(\w+|\*)(?=: |,|$)", arguments) if n != "self"])
    return overloads


def stub_parameters(node: ast.FunctionDef) -> list[str]:
    a = node.args
    names = [p.arg for p in a.posonlyargs + a.args] + (["*"] if a.kwonlyargs else []) + [p.arg for p in a.kwonlyargs]
    return [n for n in names if n != "self"]


def stub_functions() -> list[tuple[str, str, str, list[ast.FunctionDef]]]:
    """(stub, owner class or "", function name, its overloads) for functions and methods."""
    found: dict[tuple[str, str | None, str], list[ast.FunctionDef]] = {}
    for stub in STUB_MODULES:
        for node in parse(stub).body:
            if isinstance(node, ast.FunctionDef):
                found.setdefault((stub, None, node.name), []).append(node)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    decorators = {ast.unparse(d) for d in getattr(item, "decorator_list", [])}
                    if isinstance(item, ast.FunctionDef) and not decorators & {"property"} and not any(
                        d.endswith(".setter") for d in decorators
                    ):
                        if item.name.startswith("__") and item.name != "__init__":
                            continue
                        found.setdefault((stub, node.name, item.name), []).append(item)
    return [(stub, owner or "", name, nodes) for (stub, owner, name), nodes in found.items()]


@pytest.mark.parametrize(
    ("stub", "owner", "name", "nodes"), stub_functions(), ids=lambda x: x if isinstance(x, str) and x else ""
)
def test_parameter_names_match(stub: str, owner: str, name: str, nodes: list[ast.FunctionDef]) -> None:
    scope = importlib.import_module(STUB_MODULES[stub])
    if owner:
        scope = getattr(scope, owner)
    function = getattr(scope, name)
    if isinstance(scope, type) and issubclass(scope, enum.Enum) and name == "parse":
        function = vars(scope)["parse"].__func__
    runtime = runtime_parameters(function)
    if owner and inspect.isfunction(function):
        runtime = [r[1:] for r in runtime]  # a Python function attached as a method: drop its first parameter
    assert runtime, f"no signature found for {owner}.{name}"
    stubbed = {tuple(stub_parameters(n)) for n in nodes}
    assert stubbed == {tuple(r) for r in runtime}


# ------------------------------------------------------------------ docstrings


def described(doc: str | None) -> bool:
    """Whether a docstring says more than pybind11's signature lines."""
    lines = [line for line in (doc or "").splitlines() if line.strip()]
    prose = [
        line for line in lines
        if not SIGNATURE.match(re.sub(r"^\d+\. ", "", line)) and line != "Overloaded function."
    ]
    return bool(prose)


def public_api() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for name in kulkija.__all__:
        value = getattr(kulkija, name)
        if isinstance(value, str):
            continue
        found.append((name, value))
        if isinstance(value, type) and not issubclass(value, BaseException):
            for member, attribute in vars(value).items():
                if member.startswith("_") and member != "__init__":
                    continue
                if isinstance(attribute, (property, staticmethod)) or callable(attribute):
                    if isinstance(value, enum.EnumMeta) and member in value.__members__:
                        continue
                    found.append((f"{name}.{member}", attribute))
    return found


@pytest.mark.parametrize(("name", "value"), public_api(), ids=lambda x: x if isinstance(x, str) else "")
def test_everything_has_a_docstring(name: str, value: object) -> None:
    if isinstance(value, staticmethod):
        value = value.__func__
    assert described(getattr(value, "__doc__", None)), f"{name} has no docstring"
