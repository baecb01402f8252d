"""department_key: one name per department, whatever a year's title or a publication calls it."""

from __future__ import annotations

import csv
import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from budgetx.normalize.departments import department_key
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        # the party committee's office, as three years of Jiangsu's titles print it
        ("中共江苏省委办公厅", "中国共产党江苏省委员会办公厅"),
        ("中国共产党江苏省委员会办公厅", "中国共产党江苏省委员会办公厅"),
        ("江苏省委办公厅", "中国共产党江苏省委员会办公厅"),
        ("中共上海市普陀区委社会工作部", "中国共产党上海市普陀区委员会社会工作部"),
        # years and stage words before or after the name
        ("2026年度福州市财政局", "福州市财政局"),
        ("福州市财政局2026年部门预算公开", "福州市财政局"),
        ("江苏省委办公厅2017年预算公开表格", "中国共产党江苏省委员会办公厅"),
        ("上海市普陀区财政局2024年度部门决算", "上海市普陀区财政局"),
        ("24年上海市普陀区财政局", "上海市普陀区财政局"),
        # the department's own unit shares the department's key
        ("苏州市自然资源和规划局（本级）", "苏州市自然资源和规划局"),
        ("无锡市交通运输局 (本级)", "无锡市交通运输局"),
        ("某市某局机关本级", "某市某局"),
        # full-width, spaces, a leading code
        ("上海市　普陀区 财政局", "上海市普陀区财政局"),
        ("ＡＢＣ市财政局", "ABC市财政局"),
        ("507-湖州市卫生健康委员会", "湖州市卫生健康委员会"),
        # abbreviations written out
        ("江苏省政协办公厅", "中国人民政治协商会议江苏省委员会办公厅"),
        ("江苏省人大常委会办公厅", "江苏省人民代表大会常务委员会办公厅"),
        ("江苏省人大办公厅", "江苏省人民代表大会常务委员会办公厅"),
        ("江苏省检察院", "江苏省人民检察院"),
        ("普陀区政府办公室", "普陀区人民政府办公室"),
        ("上海市卫健委", "上海市卫生健康委员会"),
        ("某市发改委", "某市发展和改革委员会"),
        # names that are already whole stay as they are
        ("上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府万里街道办事处"),
        ("上海市普陀区商务委员会", "上海市普陀区商务委员会"),
        ("江苏省人民检察院", "江苏省人民检察院"),
        ("中国人民大学", "中国人民大学"),
        # nothing to name
        (None, None),
        ("", None),
        ("2026年度部门预算公开", None),
    ],
)
def test_department_key(printed, key):
    assert department_key(printed) == key


def test_different_departments_keep_different_keys():
    names = ["江苏省委办公厅", "江苏省政协办公厅", "江苏省人大常委会办公厅", "江苏省人民政府办公厅", "江苏省纪委"]
    assert len({department_key(n) for n in names}) == len(names)


def test_a_key_already_written_out_is_not_expanded_again():
    """Regression: 中国共产党 before a committee's full name was read as a short 市委 again."""
    assert department_key("市委区委") == department_key(department_key("市委区委"))
    assert department_key("中国共产党江苏省委员会办公厅") == "中国共产党江苏省委员会办公厅"


@example("市委区委")
@given(st.text(alphabet="中共江苏省市区委政协人大常会办公厅局（）() 2026年度部门单位预算决算公开表本级", max_size=20))
def test_the_key_of_a_key_is_itself(name):
    key = department_key(name)
    assert key is None or department_key(key) == key


def test_every_corpus_department_has_one_key_and_no_two_collide(corpus):
    """The printed names of every corpus document (hand-read on its cover, tests/fixtures/corpus_metadata.json),
    grouped by the department MANIFEST.tsv files it under (where it names one): one key per department across years, stages
    and publications (a unit's （本级） publication with its department), and never the same key for two."""
    printed = json.loads((FIXTURES / "corpus_metadata.json").read_text(encoding="utf-8"))["documents"]
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as f:
        manifest = {row["file"]: row for row in csv.DictReader(f, delimiter="\t")}
    keys: dict[str, set[str | None]] = {}
    for file, meta in printed.items():
        # MANIFEST leaves the department of its later additions blank: the printed name stands for itself
        filed = manifest.get(file, {}).get("department") or meta.get("department") or ""
        if not meta.get("department") or "template" in filed:
            continue
        # MANIFEST notes a unit's own part and its supervising department in brackets: the same unit
        department = re.sub(r"\s*\((本级|主管[^)]*)\)$", "", filed)
        keys.setdefault(department, set()).add(department_key(meta["department"]))
    assert len(keys) >= 30
    split = {d: k for d, k in keys.items() if len(k) != 1}
    assert not split, f"one department, several keys: {split}"
    owners: dict[str | None, list[str]] = {}
    for department, (key,) in keys.items():
        owners.setdefault(key, []).append(department)
    collisions = {k: d for k, d in owners.items() if len(d) > 1}
    assert not collisions, f"one key, several departments: {collisions}"
    assert keys["中共江苏省委办公厅"] == {"中国共产党江苏省委员会办公厅"}
