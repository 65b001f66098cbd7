"""The rule language, rule sets, explained decisions and batch evaluation (kulkija._core.eligibility)."""

import datetime
import enum
import os
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from .core import _TextLanguageLike, TextLanguage
from .io import ArrowData

_FieldSpec: TypeAlias = str | tuple[str, list[str]]

# Arrow data: any object with __arrow_c_stream__ or __arrow_c_array__ (pyarrow, polars, ...)
_ArrowData: TypeAlias = Any

class Truth(enum.Enum):
    """A truth value of three-valued (Kleene) logic."""

    no = 0
    yes = 1
    unknown = 2

class DecisionStatus(enum.Enum):
    """The overall outcome of a decision; the values are the batch status codes."""

    eligible = 0
    not_eligible = 1
    undetermined = 2

class CriterionKind(enum.Enum):
    """What a criterion does to the decision."""

    inclusion = 0
    exclusion = 1
    warning = 2

class CriterionOutcome(enum.Enum):
    """The outcome of one criterion."""

    failed = 0
    undetermined = 1
    warning = 2
    passed = 3

class Schema:
    """The typed fields that rules may refer to."""

    def __init__(self, fields: Mapping[str, _FieldSpec]) -> None: ...
    @property
    def fields(self) -> dict[str, _FieldSpec]: ...
    def __len__(self) -> int: ...
    def __contains__(self, name: str) -> bool: ...
    def __eq__(self, other: object) -> bool: ...

def client_schema() -> Schema: ...

class Evaluation:
    """The result of evaluating an expression on one record."""

    @property
    def value(self) -> Truth: ...
    @property
    def undetermined_fields(self) -> list[str]: ...
    @property
    def notes(self) -> list[str]: ...

class Expression:
    """A parsed, type-checked rule."""

    @property
    def source(self) -> str: ...
    @property
    def fields(self) -> list[str]: ...
    @property
    def schema(self) -> Schema: ...
    def evaluate(self, subject: Mapping[str, Any] | Any, *, on: datetime.date | None = None, **facts: Any) -> Evaluation: ...
    def evaluate_columns(
        self,
        columns: Mapping[str, npt.ArrayLike] | _ArrowData,
        masks: Mapping[str, npt.ArrayLike] | None = None,
        *,
        threads: int = 1,
        to_numpy: bool = False,
    ) -> npt.NDArray[np.uint8] | ArrowData: ...
    def select(
        self,
        columns: Mapping[str, npt.ArrayLike] | _ArrowData,
        masks: Mapping[str, npt.ArrayLike] | None = None,
        *,
        threads: int = 1,
        to_numpy: bool = False,
    ) -> npt.NDArray[np.bool_] | ArrowData: ...
    def __eq__(self, other: object) -> bool: ...

def batch_instruction_set() -> str: ...
def parse(text: str, schema: Schema | None = None, rules: Mapping[str, Expression] | None = None) -> Expression: ...

class CriterionResult:
    """One criterion's part of a decision."""

    @property
    def criterion_id(self) -> str: ...
    @property
    def position(self) -> int: ...
    @property
    def kind(self) -> CriterionKind: ...
    @property
    def value(self) -> Truth: ...
    @property
    def outcome(self) -> CriterionOutcome: ...
    @property
    def reason(self) -> str: ...
    @property
    def undetermined_fields(self) -> list[str]: ...
    @property
    def notes(self) -> list[str]: ...

class Decision:
    """An explained eligibility decision."""

    @property
    def status(self) -> DecisionStatus: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def rule_set_id(self) -> str: ...
    @property
    def rule_set_version(self) -> str: ...
    @property
    def decided_on(self) -> datetime.date: ...
    @property
    def language(self) -> TextLanguage: ...
    @property
    def results(self) -> list[CriterionResult]: ...
    @property
    def reasons(self) -> list[str]: ...
    @property
    def warnings(self) -> list[str]: ...
    def explain(self) -> str: ...

class Criterion:
    """One criterion of a rule set."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> CriterionKind: ...
    @property
    def condition(self) -> Expression: ...
    @property
    def reason(self) -> dict[str, str]: ...

class RuleSet:
    """A versioned set of eligibility criteria for one region."""

    @staticmethod
    def from_json(source: str | os.PathLike[str], schema: Schema | None = None) -> RuleSet: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def valid_from(self) -> datetime.date: ...
    @property
    def valid_to(self) -> datetime.date | None: ...
    @property
    def schema(self) -> Schema: ...
    @property
    def rules(self) -> dict[str, Expression]: ...
    @property
    def criteria(self) -> list[Criterion]: ...
    @property
    def batch_fields(self) -> list[str]: ...
    def in_force_on(self, day: datetime.date) -> bool: ...
    def evaluate(
        self, subject: Mapping[str, Any] | Any, *, on: datetime.date, lang: _TextLanguageLike = ..., **facts: Any
    ) -> Decision: ...
    def evaluate_columns(
        self,
        columns: Mapping[str, npt.ArrayLike] | _ArrowData,
        masks: Mapping[str, npt.ArrayLike] | None = None,
        *,
        threads: int = 1,
        on: datetime.date | None = None,
        to_numpy: bool = False,
    ) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int32]] | tuple[ArrowData, ArrowData]: ...
    def evaluate_frame(self, df: Any, *, on: datetime.date | None = None, threads: int = 1) -> Any: ...
    def evaluate_arrow(self, data: _ArrowData, *, on: datetime.date | None = None, threads: int = 1) -> Any: ...

class RuleSetCollection:
    """Versions of rule sets; picks the one in force on a day."""

    def __init__(self) -> None: ...
    def add(self, rule_set: RuleSet) -> None: ...
    def in_force(self, id: str, on: datetime.date) -> RuleSet: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[RuleSet]: ...
