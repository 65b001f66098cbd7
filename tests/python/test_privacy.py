"""kulkija.privacy against independent oracles: python-stdnum's HETU validator and Python's hmac."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import pickle
import random

import pytest

import kulkija
from kulkija import privacy

stdnum_hetu = pytest.importorskip("stdnum.fi.hetu")

CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = "+-UVWXYABCDEF"
KEY_HEX = "00112233445566778899aabbccddeeff" * 2


def with_check(stem: str) -> str:
    return stem + CHECK[int(stem[:6] + stem[7:10]) % 31]


def random_code(rng: random.Random) -> str:
    """A code-shaped string: mostly valid, some with a bad date, number or check character."""
    stem = f"{rng.randint(0, 35):02d}{rng.randint(0, 13):02d}{rng.randint(0, 99):02d}{rng.choice(SIGNS)}{rng.randint(0, 999):03d}"
    code = with_check(stem)
    if rng.random() < 0.2:
        code = code[:10] + rng.choice(CHECK)
    if rng.random() < 0.1:
        code = code.lower()
    return code


@pytest.mark.parametrize("allow_temporary", [False, True])
def test_validation_agrees_with_stdnum(allow_temporary: bool) -> None:
    rng = random.Random(2023)
    valid = 0
    for _ in range(30000):
        code = random_code(rng)
        expected = stdnum_hetu.is_valid(code, allow_temporary=allow_temporary)
        assert privacy.is_valid_identity_code(code, allow_temporary=allow_temporary) is expected, code
        if expected:
            valid += 1
            facts = privacy.check_identity_code(code, allow_temporary=allow_temporary)
            century = {"+": 1800, "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}.get(code[6].upper(), 1900)
            assert facts.birth_date == dt.date(century + int(code[4:6]), int(code[2:4]), int(code[0:2]))
            assert facts.temporary == (int(code[7:10]) >= 900)
    assert valid > 5000  # the generator must produce valid codes, or the comparison is empty


def test_errors_name_the_rule_and_never_the_code() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        privacy.check_identity_code("131052-308U")
    assert info.value.field == "identity_code"
    assert info.value.id == kulkija.ErrorId.invalid_identity_code
    assert "check character" in str(info.value)
    assert "131052" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_pseudonyms_are_keyed_hmac_sha256() -> None:
    key = privacy.PseudonymKey.from_hex(KEY_HEX)
    code = "131052-308T"
    mac = hmac.new(bytes.fromhex(KEY_HEX), code.encode(), hashlib.sha256).digest()
    assert key.hmac_sha256(b"message") == hmac.new(bytes.fromhex(KEY_HEX), b"message", hashlib.sha256).digest()
    letters = "bcdfghjklmnpqrst"
    expected = "P-" + "".join(letters[b >> 4] + letters[b & 15] for b in mac[:16])
    assert privacy.pseudonymise(code, key) == expected
    assert privacy.pseudonymise(code.lower(), key) == expected
    assert privacy.pseudonymise(code, privacy.PseudonymKey(bytes.fromhex(KEY_HEX))) == expected
    assert privacy.pseudonymise(code, key, prefix="SOITE:").startswith("SOITE:")
    # a pseudonym is a valid client id and works in the model
    client = kulkija.Client(id=expected, birth_year=1952, home=272, languages=["fi"])
    assert client.id == expected


def test_pseudonymise_many_matches_one_by_one_and_names_the_position() -> None:
    rng = random.Random(5)
    codes = [c for c in (random_code(rng) for _ in range(3000)) if stdnum_hetu.is_valid(c, allow_temporary=True)]
    key = privacy.PseudonymKey.from_hex(KEY_HEX)
    assert privacy.pseudonymise_many(codes, key) == [privacy.pseudonymise(c, key) for c in codes]
    np = pytest.importorskip("numpy")
    assert privacy.pseudonymise_many(np.array(codes[:10]), key) == [privacy.pseudonymise(c, key) for c in codes[:10]]
    with pytest.raises(kulkija.InvalidArgument) as info:
        privacy.pseudonymise_many([codes[0], "131052-308U"], key)
    assert info.value.field == "codes[1]"
    assert "131052" not in str(info.value)
    with pytest.raises(TypeError):
        privacy.pseudonymise_many([codes[0], 42], key)  # type: ignore[list-item]


def test_keys_are_secret() -> None:
    key = privacy.PseudonymKey(b"k" * 32)
    assert "k" * 8 not in repr(key)
    with pytest.raises(TypeError):
        pickle.dumps(key)
    with pytest.raises(kulkija.InvalidArgument, match="key: must be 32 to 1024 bytes, got 31"):
        privacy.PseudonymKey(b"k" * 31)
    with pytest.raises(kulkija.InvalidArgument) as info:
        privacy.PseudonymKey.from_hex("zz" * 32)
    assert "zz" not in str(info.value)


def test_identity_codes_never_become_ids_or_goals() -> None:
    code = "131052-308T"
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Client(id=code, birth_year=1952, home=272, languages=["fi"])
    assert code not in str(info.value) and "131052" not in repr(info.value)
    client = kulkija.Client(id="C-1", birth_year=1952, home=272, languages=["fi"])
    with pytest.raises(kulkija.InvalidArgument) as info:
        client.goals = [f"hetu {code}"]
    assert "131052" not in str(info.value)
    assert client.goals == []
    assert dt.date(1952, 10, 13) == privacy.check_identity_code(code).birth_date
