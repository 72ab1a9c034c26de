"""config.toml: keys and theme; every problem reported, never fatal."""

from __future__ import annotations

from ldn_tui import paths
from ldn_tui.config import Config, load_config

IDS = ["bookmark", "search", "help", "quit"]


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_the_defaults(tmp_path):
    config = load_config(tmp_path / "nope.toml", IDS)
    assert config.keys == {} and config.theme is None and config.problems == ()


def test_default_location_is_paths_config_file(isolated_home):
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "light"\n', encoding="utf-8")
    assert load_config(known_ids=IDS).theme == "light"


def test_keys_and_theme_are_read(tmp_path):
    config = load_config(write(tmp_path, 'theme = "light"\n[keys]\nbookmark = "k"\nsearch = "slash, ctrl+f"\n'), IDS)
    assert config == Config(keys={"bookmark": "k", "search": "slash,ctrl+f"}, theme="light", path=config.path)


def test_invalid_toml_is_reported_with_the_file_and_defaults_used(tmp_path):
    path = write(tmp_path, "theme = \n")
    config = load_config(path, IDS)
    assert config.keys == {} and config.theme is None
    assert len(config.problems) == 1
    assert str(path) in config.problems[0] and "not valid TOML" in config.problems[0]


def test_bad_values_are_dropped_one_by_one(tmp_path):
    text = 'theme = "blue"\ncolour = 1\n[keys]\nbookmrk = "k"\nsearch = 3\nhelp = "a b"\nquit = "x"\n'
    config = load_config(write(tmp_path, text), IDS)
    assert config.keys == {"quit": "x"}
    assert config.theme is None
    joined = "\n".join(config.problems)
    assert "theme = 'blue'" in joined
    assert "unknown setting 'colour'" in joined
    assert "did you mean 'bookmark'" in joined
    assert "search must be a string" in joined
    assert "'a b' is not a key list" in joined
    assert len(config.problems) == 5


def test_keys_must_be_a_table(tmp_path):
    config = load_config(write(tmp_path, 'keys = "b"\n'), IDS)
    assert config.keys == {} and "must be a table" in config.problems[0]


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff"\n')
    config = load_config(path, IDS)
    assert config.problems and "UTF-8" in config.problems[0]


def test_without_known_ids_any_id_is_accepted(tmp_path):
    assert load_config(write(tmp_path, '[keys]\nwhatever = "w"\n')).keys == {"whatever": "w"}
