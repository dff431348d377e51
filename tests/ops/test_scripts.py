"""The set-up scripts and documents: what a new user and the operator rely on.

These run the real scripts with stand-ins for the slow parts (pip, Django, pytest), so
they check the shell logic itself: argument passing, exit codes, cleaning up processes.
"""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from marketplace import demo

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ["scripts/setup", "scripts/site", "scripts/test", "scripts/screenshot",
           "scripts/deploy-check", ".ci/run"]  # fmt: skip


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_are_executable_bash_without_syntax_errors(script):
    path = ROOT / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    assert path.read_text().startswith("#!/usr/bin/env bash\n")
    subprocess.run(["bash", "-n", str(path)], check=True)


def test_readme_starts_with_one_code_block_site_first_then_tests():
    text = readme()
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", text, flags=re.S)
    first = blocks[0]
    commands = [line.split("#")[0].strip() for line in first.splitlines() if line.strip()]
    assert commands == ["scripts/site", "scripts/test"]
    assert text.index(first) < text.index("## ")  # right after the description


def test_readme_lists_every_demo_login():
    text = readme()
    usernames = ["admin"] + [username for username, *_ in demo.USERS]
    missing = [u for u in usernames if f"`{u}`" not in text and f"`{u}` …" not in text]
    # evaluator2..4 are given as the range `evaluator` … `evaluator5`
    missing = [u for u in missing if not re.fullmatch(r"evaluator[2-4]", u)]
    assert missing == []
    assert demo.DEMO_PASSWORD in text


def test_readme_documents_every_environment_variable_the_settings_read():
    settings_py = (ROOT / "marketplace" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_py))
    assert {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "CONN_MAX_AGE"} <= names
    text = readme()
    assert sorted(n for n in names if f"`{n}`" not in text) == []


def test_process_definitions_use_the_project_entry_points():
    procfile = (ROOT / "Procfile").read_text()
    assert "gunicorn marketplace.wsgi" in procfile
    assert "celery -A marketplace worker" in procfile
    assert "celery -A marketplace beat" in procfile
    units = {p.name: p.read_text() for p in (ROOT / "deploy").glob("*.service")}
    assert sorted(units) == ["sanshe-beat.service", "sanshe-web.service", "sanshe-worker.service"]
    for text in units.values():
        assert "EnvironmentFile=/etc/sanshe/env" in text
        assert re.search(r"^ExecStart=/srv/sanshe/\.venv/bin/(gunicorn|celery) ", text, re.M)


def test_screenshot_without_arguments_prints_its_usage():
    done = subprocess.run([ROOT / "scripts/screenshot"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "URL OUT.png [WIDTH]" in done.stderr


# --- .ci/run and scripts/site with stand-ins --------------------------------------------


def sandbox(tmp_path, files: dict[str, str]) -> Path:
    """A copy of the real scripts next to stand-in executables."""
    for script in ["scripts/site", ".ci/run"]:
        (tmp_path / script).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / script, tmp_path / script)
    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/usr/bin/env bash\n" + body)
        path.chmod(0o755)
    return tmp_path


@pytest.mark.parametrize(("pytest_exit", "message"), [(5, "collected no tests"), (1, "failed")])
def test_ci_run_fails_when_the_suite_fails_or_finds_no_tests(tmp_path, pytest_exit, message):
    box = sandbox(tmp_path, {"scripts/test": f"exit {pytest_exit}\n"})

    done = subprocess.run([box / ".ci/run"], capture_output=True, text=True, timeout=30)

    assert done.returncode != 0
    assert message in done.stderr
    assert "PostgreSQL" not in done.stdout  # stopped at the first failure


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_site_stops_the_scheduler_and_the_server_when_it_is_stopped(tmp_path, stop):
    # The stand-in python records each background process and then waits like the real one.
    box = sandbox(
        tmp_path,
        {
            "scripts/setup": "exit 0\n",
            ".venv/bin/python": (
                'case "$2" in\n'
                "  seed_demo) exit 0 ;;\n"
                '  run_scheduled|runserver) echo $$ >"$(dirname "$0")/../../$2.pid";'
                " exec sleep 300 ;;\n"
                "esac\n"
            ),
        },
    )
    site = subprocess.Popen([box / "scripts/site"], stdout=subprocess.DEVNULL)
    pidfiles = [box / "run_scheduled.pid", box / "runserver.pid"]
    deadline = time.monotonic() + 20
    while not all(p.exists() and p.read_text().strip() for p in pidfiles):
        assert time.monotonic() < deadline, "scripts/site did not start both processes"
        time.sleep(0.1)
    children = [int(p.read_text()) for p in pidfiles]

    site.send_signal(stop)
    assert site.wait(timeout=20) != 0

    for pid in children:
        deadline = time.monotonic() + 10
        while alive(pid):
            assert time.monotonic() < deadline, f"process {pid} survived scripts/site"
            time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by its parent) counts as stopped
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[-1][0] != "Z"
