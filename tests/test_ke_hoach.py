"""The plan as a document: the example is the whole seed plan, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from baocao.checks.pipeline import PLAN, check_source
from baocao.cli import main

from .conftest import EXAMPLES, FIXTURES, PLAN_SOURCE

EXAMPLE_PLAN = EXAMPLES / "ke-hoach-2023-2024.yaml"

TYPOS = {
    "đầuu": "đầu",
    "Viêt Nam": "Việt Nam",
    "đặ được": "đạt được",
    "phần mền": "phần mềm",
    "Vân động": "Vận động",
    "Đỏi mới": "Đổi mới",
    "hoạt dộng": "hoạt động",
    "Nghi quyết": "Nghị quyết",
    "kiếu nại": "khiếu nại",
    "kiểm tra, công tác quản lý": "kiểm tra công tác quản lý",
    "2023- 2024": "2023-2024",
    "cơ sở,dưới": "cơ sở, dưới",
    "CB,GV,CNV": "CB, GV, CNV",
    "cá nhân ,Tổ": "cá nhân, Tổ",
}
"""The seed's evident typos, as the example corrects them."""

HEADINGS = {
    "I- MỤC ĐÍCH, YÊU CẦU:",
    "1. Mục đích:",
    "2. Yêu cầu:",
    "III. Nhiệm vụ, giải pháp trọng tâm",
}
"""Fixed headings of a plan: printed by the document itself, not written in the plan file."""

NUMBER = re.compile(r"^(?:[IVX]+[.-]|\d+\.|-)\s+")
"""«II. », «1. », «- »: numbers and bullets the document prints, not typed in the plan file."""


def seed_sentences() -> list[str]:
    """Every sentence of the seed plan in its order, typos corrected, end punctuation dropped.

    End punctuation goes because list items are written without it (baocao
    adds «;» and «.»), and missing full stops are among the corrections.
    """
    sentences = []
    for line in PLAN_SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line in HEADINGS:
            continue
        for typo, fixed in TYPOS.items():
            line = line.replace(typo, fixed)
        for sentence in re.split(r"(?<=\.)\s+", NUMBER.sub("", line)):
            sentences.append(sentence.rstrip(" .;:"))
    return sentences


def texts(value: Any) -> Iterator[str]:
    """The text values of a YAML document, in its order."""
    if isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)
    elif isinstance(value, str):
        yield value


def test_the_example_plan_has_every_sentence_of_the_seed_in_its_order():
    text = "\n".join(texts(yaml.safe_load(EXAMPLE_PLAN.read_text(encoding="utf-8"))))
    sentences = seed_sentences()
    assert len(sentences) > 60  # the whole plan (67 sentences), not its 19 targets only
    at = 0
    for sentence in sentences:
        found = text.find(sentence, at)
        assert found >= 0, f"not in the example, or out of order: {sentence!r}"
        at = found + len(sentence)


def test_every_listed_typo_is_in_the_seed_and_corrected_in_the_example():
    seed = PLAN_SOURCE.read_text(encoding="utf-8")
    example = EXAMPLE_PLAN.read_text(encoding="utf-8")
    body = example[example.index("\nvan_ban:") :]  # the values, not the comments listing typos
    for typo, fixed in TYPOS.items():
        assert typo in seed, typo
        assert typo not in body and fixed in body, typo


def test_the_example_plan_is_the_whole_document():
    checked = check_source(EXAMPLE_PLAN)
    assert checked.kind is PLAN and checked.problems == []
    plan = checked.model
    assert plan.van_ban is not None and plan.van_ban.ky_hieu == "KH-CĐCS"
    assert plan.mo_dau is not None and len(plan.mo_dau.splitlines()) == 2
    assert (len(plan.muc_dich), len(plan.yeu_cau), len(plan.chi_tieu)) == (4, 3, 19)
    assert [len(group.noi_dung.splitlines()) for group in plan.nhiem_vu] == [3, 3, 2, 4, 2, 2, 3]
    assert plan.ket_luan is not None and plan.ket_luan.endswith("./.")


def test_a_plan_with_only_its_targets_stays_valid():
    checked = check_source(FIXTURES / "ke-hoach.yaml")
    assert checked.kind is PLAN and checked.ok
    assert checked.model.van_ban is None and checked.model.nhiem_vu == []


def test_validate_names_the_example_plan_a_plan(runner):
    result = runner.invoke(main, ["validate", str(EXAMPLE_PLAN), str(EXAMPLES / "hk1.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{EXAMPLE_PLAN} (tệp kế hoạch): hợp lệ.",
        f"{EXAMPLES / 'hk1.yaml'}: hợp lệ.",
    ]


def test_a_mistake_in_the_plan_document_is_located(tmp_path, runner):
    text = EXAMPLE_PLAN.read_text(encoding="utf-8").replace("  so: 1 ", "  so: mười hai ")
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("  so: mười hai"))
    assert result.stderr.startswith(f"{path}:{line}:7: van_ban.so: phải là một số nguyên")
