"""Whatever bytes or YAML documents the loader is fed, it returns content or a content error
listing positions, never another exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_tui.content import ContentInvalid, Issue, load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
TARGETS = ["chapters/10-basics.yaml", "references.yaml", "glossary.yaml", "sources.yaml"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["single", "rct", "src:001", "younger2013", "___", "c1", "yes", "2013-02-30"]),
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "id",
            "title",
            "kind",
            "cards",
            "chapter",
            "quiz",
            "claims",
            "choices",
            "correct",
            "why",
            "type",
            "items",
            "answers",
            "sources",
            "evidence",
            "references",
            "glossary",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def _fresh(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("c") / "content"
    shutil.copytree(MINI, root)
    return root


def _assert_loads_or_reports(root: Path) -> None:
    try:
        load_content(root, use_cache=False)
    except ContentInvalid as exc:
        assert exc.issues, "ContentInvalid without issues"
        for issue in exc.issues:
            assert isinstance(issue, Issue)
            assert issue.file.startswith(str(root))
            assert issue.line >= 0
            assert issue.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=documents, target=st.sampled_from(TARGETS))
def test_any_yaml_document(tmp_path_factory, data, target):
    root = _fresh(tmp_path_factory)
    (root / target).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _assert_loads_or_reports(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300), target=st.sampled_from(TARGETS))
def test_any_byte_string(tmp_path_factory, raw, target):
    root = _fresh(tmp_path_factory)
    (root / target).write_bytes(raw)
    _assert_loads_or_reports(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n ?,%@`\t0.")), max_size=120))
def test_yaml_shaped_text(tmp_path_factory, text):
    root = _fresh(tmp_path_factory)
    (root / "chapters/10-basics.yaml").write_text(text, encoding="utf-8")
    _assert_loads_or_reports(root)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=2000), junk=st.text(max_size=10))
def test_a_valid_file_cut_anywhere(tmp_path_factory, cut, junk):
    root = _fresh(tmp_path_factory)
    path = root / "chapters/20-evidence.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:cut] + junk + text[cut + len(junk) :], encoding="utf-8")
    _assert_loads_or_reports(root)
