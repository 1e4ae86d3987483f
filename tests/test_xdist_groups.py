"""The work units `make test` hands pytest-xdist (tests/conftest.py): a corpus file's tests on one
worker, whatever module holds them, so the file is verified once; a module with a costly fixture
on one worker; everything else a test of its own."""

from conftest import CORPUS, group_of, pytest_xdist_make_scheduler

PUBLISHED = "tests/test_verify_published.py::test_planted_mistake_is_named_or_not_checked_never_correct"


def test_a_corpus_file_is_one_unit_in_every_module_that_runs_it():
    units = {
        group_of(f"{PUBLISHED}[prince_udl_backprop-1]"),
        group_of("tests/test_verify_published.py::test_every_statement_is_read[prince_udl_backprop]"),
        group_of(
            "tests/test_verify_messages_clean.py::test_corpus_messages[prince_udl_backprop-strict-noat]"
        ),
        group_of("tests/test_verify_published_bare.py::test_the_network_alone[prince_udl_backprop]"),
    }
    assert units == {"corpus:prince_udl_backprop"}


def test_a_file_whose_name_opens_another_is_not_merged_with_it():
    assert {"grosse_error_signals", "grosse_error_signals_card"} <= CORPUS
    assert group_of(f"{PUBLISHED}[grosse_error_signals_card-0]") == "corpus:grosse_error_signals_card"
    assert group_of(f"{PUBLISHED}[grosse_error_signals-0]") == "corpus:grosse_error_signals"


def test_every_corpus_file_has_its_unit():
    assert len(CORPUS) >= 15
    assert all(group_of(f"{PUBLISHED}[{name}-0]") == f"corpus:{name}" for name in CORPUS)


def test_costly_fixture_modules_are_one_unit_and_other_tests_their_own():
    browser = "tests/test_sheet_html_browser.py::test_every_formula_typesets_without_errors"
    assert group_of(f"{browser}[seed]") == group_of(f"{browser}[deep]") == "test_sheet_html_browser.py"
    for other in ("tests/test_module.py::test_module_command_line", f"tests/test_sheet.py::test_x[{'seed'}]"):
        assert group_of(other) == other


def test_the_scheduler_splits_by_these_units_only_under_loadgroup(pytestconfig, monkeypatch):
    monkeypatch.setattr(pytestconfig.option, "tx", ["2*popen"], raising=False)
    monkeypatch.setattr(pytestconfig.option, "dist", "load", raising=False)
    assert pytest_xdist_make_scheduler(pytestconfig, None) is None  # another --dist: xdist's own
    monkeypatch.setattr(pytestconfig.option, "dist", "loadgroup", raising=False)
    scheduler = pytest_xdist_make_scheduler(pytestconfig, None)
    for nodeid in (f"{PUBLISHED}[prince_udl_backprop-1]", "tests/test_module.py::test_module_command_line"):
        assert scheduler._split_scope(nodeid) == group_of(nodeid)
