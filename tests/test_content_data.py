"""Content is data: the wizards' excerpts and the labels live in corpus/planning, cited by id, and no Python holds the report."""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from assistant.corpus import load_corpus, load_translations, packaged_corpus_dir
from assistant.corpus.build import build_corpus
from assistant.errors import CorpusError
from assistant.labels import GROUPS, label, label_catalogue, labels
from assistant.planning import excerpt_advice, planning_content, render_markdown, FourPPlan
from assistant.corpus.passages import passage_texts
from assistant.corpus.planning_content import check_planning, load_planning
from assistant.planning.sources import _index

ROOT = Path(__file__).resolve().parent.parent
RUN = 12  # words in a row: a clause of the report, well under a sentence
LONG = 300  # characters of Danish prose: content (a paragraph), not a UI message


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _report_runs() -> set[tuple[str, ...]]:
    """Every run of RUN words in the report's Danish text and in its English renderings."""
    corpus_dir = packaged_corpus_dir()
    texts = [t for texts in passage_texts(load_corpus(corpus_dir)).values() for t in texts]
    translations = load_translations(corpus_dir)
    texts += list(translations.texts.values())
    runs: set[tuple[str, ...]] = set()
    for text in texts:
        words = _words(text)
        runs.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    return runs


def _literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (f-strings by their constant parts), without docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _danish_prose(text: str) -> bool:
    """Danish sentences, not a regex or a word list."""
    return bool(re.search(r"[æøå]|\b(og|det|der|ikke|som|skal)\b", text, re.I)) and "|" not in text and re.search(r"[.!?]\s+[A-ZÆØÅ]", text) is not None


def _python_files() -> list[Path]:
    return sorted(p for folder in ("assistant", "ui") for p in (ROOT / folder).rglob("*.py"))


def test_no_python_file_holds_report_text():
    runs = _report_runs()
    assert len(runs) > 10000
    found = []
    for path in _python_files():
        for line, text in _literals(path):
            words = _words(text)
            if any(tuple(words[i : i + RUN]) in runs for i in range(len(words) - RUN + 1)):
                found.append(f"{path.relative_to(ROOT)}:{line}: report text {text[:60]!r}")
            elif len(text) > LONG and _danish_prose(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {len(text)} characters of Danish {text[:60]!r}")
    assert not found, "\n".join(found)


def test_the_scan_finds_report_text_in_a_module(tmp_path):
    excerpt = planning_content().excerpt("motive.kvalitet").da
    module = tmp_path / "m.py"
    module.write_text(f'"""Doc."""\nADVICE = {excerpt!r}\n', encoding="utf-8")
    runs = _report_runs()
    words = _words(_literals(module)[0][1])
    assert any(tuple(words[i : i + RUN]) in runs for i in range(len(words) - RUN + 1))
    assert _danish_prose(excerpt) and len(excerpt) > LONG


# -- the planning content ----------------------------------------------------------------------------------
def test_every_cited_id_exists_and_every_excerpt_is_verbatim():
    content = planning_content()
    assert check_planning(content, passage_texts(_index().corpus)) == []
    assert len(content.excerpts) > 100 and all(name in content.excerpts for _, name in content.references())
    used = {name for _, name in content.references()}
    assert set(content.excerpts) == used, set(content.excerpts) - used  # no excerpt nobody shows


def _copy_corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(packaged_corpus_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_loader_names_an_excerpt_id_that_does_not_exist(tmp_path):
    corpus_dir = _copy_corpus(tmp_path)
    _edit(corpus_dir / "planning" / "wizards.yaml", lambda d: d["wizards"]["fourp"]["steps"]["pointe"]["advice"].append("fourp.pointe.nope"))
    with pytest.raises(CorpusError, match=r"wizards\.fourp\.pointe -> fourp\.pointe\.nope"):
        load_planning(corpus_dir)
    _edit(corpus_dir / "planning" / "wizards.yaml", lambda d: d["wizards"]["fourp"]["steps"]["pointe"]["advice"].pop())
    _edit(corpus_dir / "planning" / "culture.yaml", lambda d: d["statements"][0].update({"type": "old_public_management"}))
    with pytest.raises(CorpusError, match="statement pa-1 -> type old_public_management"):
        load_planning(corpus_dir)
    _edit(corpus_dir / "planning" / "culture.yaml", lambda d: d["statements"][0].update({"type": "public_administration"}))
    assert load_planning(corpus_dir) == planning_content()


def test_the_build_fails_on_an_unknown_passage_or_a_text_not_in_it(tmp_path):
    corpus_dir = _copy_corpus(tmp_path)
    build_corpus(corpus_dir)  # the copy builds as it is

    def damage(data: dict) -> None:
        data["excerpts"]["motive.kvalitet"]["source"] = "del-9.nowhere.p01"
        data["excerpts"]["signal.green_light"]["da"] = "Ledelsen giver grønt lys til alt."
        framing = data["excerpts"]["identity.faglig_ekspert.framing"]  # cut to its second sentence: "Som sådan kan de ..."
        framing["da"] = framing["da"].split(". ", 1)[1]
        framing.pop("en", None)

    _edit(corpus_dir / "planning" / "excerpts.yaml", damage)
    with pytest.raises(CorpusError) as error:
        build_corpus(corpus_dir)
    assert "motive.kvalitet: unknown source id 'del-9.nowhere.p01'" in str(error.value)
    assert "signal.green_light: its Danish text does not occur in del-3.strukturer.p07" in str(error.value)
    assert "identity.faglig_ekspert.framing: it opens leaning on a sentence it leaves out" in str(error.value)


def test_documents_cite_excerpts_by_names_that_exist():
    source = (ROOT / "assistant" / "planning" / "documents.py").read_text(encoding="utf-8")
    names = re.findall(r"excerpt_advice\(\"([a-z_.]+)\"\)", source) + re.findall(r"\"((?:culture|priorities)\.[a-z_]+)\"", source)
    assert len(set(names)) >= 6
    for name in names:
        assert excerpt_advice(name).text
    assert "[:" not in re.sub(r"line\[:limit\]", "", source) and "[1:]" not in source and "[-" not in source


@pytest.mark.parametrize(("wizard", "step", "kind"), [("priorities", "niveauer", "priorities"), ("culture", "diskussion", "culture"),
                                                    ("evaluation", "reaktion", "evaluation"), ("priorities", "signaler", "priorities")])
def test_reordering_a_step_in_the_data_changes_no_document(monkeypatch, wizard, step, kind):
    """Documents pick excerpts by name: reversing a step's advice in the data changes at most the order of what a memo cites."""
    from assistant.planning import content as content_module

    before = render_markdown(kind, {"library": "KB", "areas": [{"area": "A", "target_level": "udvidet", "staff": 2}]} if kind == "priorities" else {})
    original = planning_content()
    steps = dict(original.wizards[wizard].steps)
    steps[step] = steps[step].model_copy(update={"advice": tuple(reversed(steps[step].advice))})
    wizards = {**original.wizards, wizard: original.wizards[wizard].model_copy(update={"steps": steps})}
    monkeypatch.setattr(content_module, "planning_content", lambda: original.model_copy(update={"wizards": wizards}))
    assert content_module.step_advice(wizard, step)[0] == excerpt_advice(original.wizards[wizard].steps[step].advice[-1])
    after = render_markdown(kind, {"library": "KB", "areas": [{"area": "A", "target_level": "udvidet", "staff": 2}]} if kind == "priorities" else {})
    assert _cited(after) == _cited(before) and len(_cited(before)) > 5


def _cited(markdown: str) -> set[str]:
    """The excerpts a document quotes in its source list, and its cited bullets without their numbers."""
    excerpts = set(re.findall(r"»([^«]*)«", markdown))
    bullets = {re.sub(r"\s*\[\d+\]", "", line) for line in markdown.splitlines() if line.startswith("- ") and not line.startswith("- [")}
    return excerpts | bullets


def test_no_import_cycle_inside_planning():
    folder = ROOT / "assistant" / "planning"
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        if path.stem == "__init__":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {n.module for n in tree.body if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module}
    seen: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        assert seen.get(node) != 1, " -> ".join(trail + [node])
        if seen.get(node) == 2:
            return
        seen[node] = 1
        for dep in graph.get(node, ()):
            visit(dep, trail + [node])
        seen[node] = 2

    for module in graph:
        visit(module, [])
    assert "content" not in graph["advice"] and "advice" in graph["content"]


def test_planning_modules_stay_small():
    for path in (ROOT / "assistant" / "planning").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name


# -- the label catalogue -----------------------------------------------------------------------------------
def test_every_label_has_both_languages_and_one_meaning():
    catalogue = label_catalogue()
    meaning: dict[str, tuple[str, str]] = {}
    for group in GROUPS:
        for value, text in labels(group).items():
            assert text.da.strip() and text.en.strip(), (group, value)
            if group != "attributions":
                assert meaning.setdefault(value, (text.da, text.en)) == (text.da, text.en), value
    assert catalogue.find("begge") is not None and label("begge", "en") == "Both formal and informal"
    assert label("reaktion", "da") == "Umiddelbar reaktion" and label("nothing-like-it", "en") == "nothing-like-it"
    with pytest.raises(ValueError):
        labels("colours")


def test_the_ui_documents_composer_and_eval_share_the_catalogue():
    from ui.i18n import LABELS

    for group in ("choices", "levels", "speakers", "parts", "kinds"):
        for value, text in labels(group).items():
            assert LABELS[value] == text
    markdown = render_markdown("fourp", FourPPlan(partners=["studenterorganisationer"], motives=["legitimitet"]), "en")
    assert "Student organisations" in markdown and "Legitimacy" in markdown
    for path in ("assistant/compose.py", "eval/run.py", "assistant/planning/outline.py", "ui/i18n.py"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "project participant" not in text.lower() and '"Colleague"' not in text, path


def test_the_documents_own_words_are_named_in_the_data_and_all_used():
    source = "".join((ROOT / "assistant" / "planning" / name).read_text(encoding="utf-8") for name in ("documents.py", "outline.py"))
    used = set(re.findall(r"""\.t\(\s*["']([a-z_0-9]+)["']""", source)) | set(re.findall(r"""["']([a-z_0-9]+)["'] if \w""", source))
    used |= set(re.findall(r"""else ["']([a-z_0-9]+)["']\)""", source)) | {f"title_{kind}" for kind in planning_content().wizards}
    texts = planning_content().document_texts
    assert used == set(texts), (used - set(texts), set(texts) - used)
    assert all(text.da != text.en for text in texts.values() if " " in text.da)  # every phrase is translated
    assert '.t("' not in re.sub(r"""\.t\("[a-z_0-9]+"(, \w+=[^)]*)?\)""", "", source)  # no (Danish, English) pairs left in code


def test_table_rows_and_columns_are_named_and_checked():
    content = planning_content()
    table = content.identity.table.model_copy(update={"value": "Professionel dyd"})
    broken = content.model_copy(update={"identity": content.identity.model_copy(update={"table": table})})
    assert check_planning(broken, passage_texts(_index().corpus)) == ["tabel-4 has no row or column 'Professionel dyd'"]
    from assistant.planning.sources import table_cell

    assert table_cell("tabel-6", "Organisatoriske værdier", "New Public Governance") == ["Inddragelse", "Ejerskab"]
    with pytest.raises(KeyError, match="no row 'Professionel dyd'"):
        table_cell("tabel-4", "Professionel dyd", "Faglig ekspert")


def test_the_build_fails_on_a_malformed_label_catalogue(tmp_path):
    corpus_dir = _copy_corpus(tmp_path)
    _edit(corpus_dir / "planning" / "labels.yaml", lambda d: d["choices"].update({"begge": {"da": "Begge"}}))
    with pytest.raises(CorpusError, match="labels.yaml is not a valid label catalogue"):
        build_corpus(corpus_dir)


@pytest.mark.parametrize(("speaker", "da", "en"), [("kollega", "En kollega", "A colleague"), ("leder", "En leder", "A manager"),
                                                 (None, "En deltager", "A participant")])
def test_the_composer_attributes_quotes_from_the_catalogue(speaker, da, en):
    from assistant.chunking import Chunk
    from assistant.compose import Unit, render_units

    chunk = Chunk(id="del-2.x.q01", text="Tid er vigtigt.", kind="quote", section_id="del-2.x", section="S", part="del-2",
                  heading="H", speaker=speaker, english="Time matters.")
    unit = Unit(part="quote", text="Tid er vigtigt.", chunk=chunk, score=1.0, stems=frozenset(), english="Time matters.")
    assert f"- {da}: ”Tid er vigtigt.” [1]" in render_units([unit], "da", {chunk.id: 1})
    assert f"- {en} (translated): “Time matters.” [1]" in render_units([unit], "en", {chunk.id: 1})
    assert labels("attributions")[speaker or "deltager"].get("da") == da


def test_every_problem_a_model_names_is_in_the_data_and_all_are_used():
    source = (ROOT / "assistant" / "planning" / "models.py").read_text(encoding="utf-8")
    used = set(re.findall(r"""_problem\(\s*"([a-z_.]+)\"""", source))
    assert used == set(planning_content().problems) and len(used) > 20
    from assistant.planning import EvaluationPlan, FourPPlan, PrioritisationDraft

    mismatch = FourPPlan(focus="designudvikling", product_kind="koncept")
    assert "Produkt: udviklingsfokus «designudvikling» fører til «design/prototype», ikke «koncept» (tabel 2)." in mismatch.problems()
    assert "Product: the focus “Design development” leads to “Design/prototype”, not “Concept” (table 2)." in mismatch.problems("en")
    draft = PrioritisationDraft(areas=[{"area": "Kurser {x}", "staff": 0, "timing": "Q1"}])
    assert "Området «Kurser {x}» har ingen medarbejdere tilknyttet." in draft.problems()  # the user's braces stay text
    plan = EvaluationPlan.model_validate({"levels": {"adfaerd": {"questions": [], "method": "", "timing": "x"}}})
    assert "Ændret adfærd: skriv, hvilken metode I vil bruge." in plan.problems() and "Changed behaviour: write which method you will use." in plan.problems("en")
