"""Accounts and the access log of the dashboard: argon2 hashes, checks on input, an append-only log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeugdmonitor.cli import main
from jeugdmonitor.errors import UserError
from jeugdmonitor.web.accounts import Accounts, pad_voor


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    store = tmp_path / "store.duckdb"
    store.touch()
    return Accounts(store)


def test_password_is_kept_as_argon2id_hash_only(accounts: Accounts) -> None:
    accounts.voeg_toe("anna", "een-lang-wachtwoord", "management", ["gm0147"])
    with sqlite3.connect(accounts.pad) as con:
        (stored,) = con.execute("SELECT hash FROM gebruikers").fetchone()
    assert stored.startswith("$argon2id$")
    assert "een-lang-wachtwoord" not in stored
    assert accounts.pad.read_bytes().find(b"een-lang-wachtwoord") == -1


def test_sign_in_checks_the_password(accounts: Accounts) -> None:
    accounts.voeg_toe("anna", "een-lang-wachtwoord", "management", ["GM0147", "GM0173"])
    found = accounts.controleer("anna", "een-lang-wachtwoord")
    assert found is not None and found.rol.naam == "management" and found.gemeenten == ("GM0147", "GM0173")
    assert accounts.controleer("anna", "een-ander-wachtwoord") is None
    assert accounts.controleer("niemand", "een-lang-wachtwoord") is None


@pytest.mark.parametrize(
    ("naam", "wachtwoord", "rol", "gemeenten", "melding"),
    [
        ("Anna Smit", "een-lang-wachtwoord", "raad", ["GM0147"], "gebruikersnaam"),
        ("anna", "kort", "raad", ["GM0147"], "minstens 10 tekens"),
        ("anna", "een-lang-wachtwoord", "wethouder", ["GM0147"], "onbekende rol"),
        ("anna", "een-lang-wachtwoord", "raad", ["Borne"], "CBS-codes"),
        ("anna", "een-lang-wachtwoord", "raad", [], "CBS-codes"),
    ],
)
def test_bad_accounts_are_refused_in_dutch(
    accounts: Accounts, naam: str, wachtwoord: str, rol: str, gemeenten: list[str], melding: str
) -> None:
    with pytest.raises(UserError, match=melding):
        accounts.voeg_toe(naam, wachtwoord, rol, gemeenten)
    assert accounts.gebruikers() == []


def test_a_name_is_taken_once(accounts: Accounts) -> None:
    accounts.voeg_toe("anna", "een-lang-wachtwoord", "raad", ["GM0147"])
    with pytest.raises(UserError, match="bestaat al"):
        accounts.voeg_toe("anna", "nog-een-wachtwoord", "college", ["GM0147"])


def test_access_log_records_each_pseudonym_once_and_cannot_be_wiped(accounts: Accounts) -> None:
    anna = accounts.voeg_toe("anna", "een-lang-wachtwoord", "consulent", ["GM0147"])
    assert (
        accounts.log(
            anna, "127.0.0.1", "/g/GM0147/werklijsten/bijna_18", "GM0147", ["ab12cd34", "ef56ab78", "ab12cd34"]
        )
        == 2
    )
    regels = accounts.logregels()
    assert [(r.gebruiker, r.rol, r.pseudoniem) for r in regels] == [("anna", "consulent", "ef56ab78"),
                                                                     ("anna", "consulent", "ab12cd34")]  # fmt: skip
    assert accounts.logregels(pseudoniem="ab12cd34")[0].pagina == "/g/GM0147/werklijsten/bijna_18"
    with sqlite3.connect(accounts.pad) as con, pytest.raises(sqlite3.DatabaseError, match="niet worden gewist"):
        con.execute("DELETE FROM toegangslog")


def test_user_add_list_remove_on_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    store.touch()
    runner = CliRunner()
    added = runner.invoke(main, ["user", "add", "piet", "--store", str(store), "--rol", "teamleider", "--gemeente",
                                 "GM0147", "--wachtwoord-stdin"], input="een-lang-wachtwoord\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Account piet toegevoegd: Teamleider, GM0147." in added.output
    listed = runner.invoke(main, ["user", "list", "--store", str(store)])
    assert listed.output.strip() == "piet\tteamleider\tGM0147"
    short = runner.invoke(main, ["user", "add", "kees", "--store", str(store), "--rol", "raad", "--gemeente",
                                 "GM0147", "--wachtwoord-stdin"], input="kort\n")  # fmt: skip
    assert short.exit_code == 1 and "minstens 10 tekens" in short.output
    removed = runner.invoke(main, ["user", "remove", "piet", "--store", str(store)])
    assert removed.exit_code == 0 and Accounts(store).gebruikers() == []
    assert pad_voor(store).name == "store.duckdb.dashboard.sqlite"


def test_session_key_is_made_once_beside_the_store_readable_by_the_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdmonitor.web.app import ENV_SLEUTEL, sessiesleutel

    monkeypatch.delenv(ENV_SLEUTEL, raising=False)
    store = tmp_path / "store.duckdb"
    first = sessiesleutel(store)
    path = tmp_path / "store.duckdb.web.sleutel"
    assert path.stat().st_mode & 0o777 == 0o600
    assert len(first) == 64 and sessiesleutel(store) == first  # 32 random bytes as hex, kept
    monkeypatch.setenv(ENV_SLEUTEL, "uit-de-omgeving")
    assert sessiesleutel(store) == b"uit-de-omgeving"
