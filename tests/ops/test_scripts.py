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


def services_sandbox(tmp_path, *, postgres_starts=True):
    """.ci/run with stand-ins for scripts/test and the PostgreSQL/Redis commands, both down."""
    state = tmp_path / "state"
    state.mkdir()
    box = sandbox(
        tmp_path,
        {
            "scripts/test": f'echo "DATABASE_URL=${{DATABASE_URL:-}} BROKER=${{CELERY_BROKER_URL:-}}" >>{state}/runs\n',
            "bin/pg_isready": f"[ -e {state}/pg ] && echo accepting || exit 2\n",
            "bin/pg_ctlcluster": (
                f'echo "$@" >{state}/pg_ctlcluster\n'
                + (f"touch {state}/pg\n" if postgres_starts else "")
            ),
            "bin/redis-cli": f"[ -e {state}/redis ] && echo PONG || exit 1\n",
            "bin/redis-server": f'echo "$@" >{state}/redis-server; touch {state}/redis\n',
        },
    )
    env = {**os.environ, "PATH": f"{box / 'bin'}:{os.environ['PATH']}", "WAIT_SECONDS": "2"}
    env["DATABASE_URL"] = "sqlite:///somewhere-else.sqlite3"  # the first run ignores it
    return box, state, env


@pytest.mark.skipif(not Path("/etc/postgresql").is_dir(), reason="Debian PostgreSQL layout")
def test_ci_run_starts_postgresql_and_redis_then_runs_the_suite_on_them(tmp_path):
    box, state, env = services_sandbox(tmp_path)

    done = subprocess.run([box / ".ci/run"], capture_output=True, text=True, env=env, timeout=60)

    assert done.returncode == 0, done.stderr
    assert (state / "runs").read_text().splitlines() == [
        "DATABASE_URL= BROKER=",
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanshe BROKER=redis://127.0.0.1:6379/0",
    ]
    assert (state / "pg_ctlcluster").read_text().split()[0] == "--skip-systemctl-redirect"
    assert (state / "pg_ctlcluster").read_text().split()[2:] == ["main", "start"]
    assert "--daemonize yes" in (state / "redis-server").read_text()


@pytest.mark.skipif(not Path("/etc/postgresql").is_dir(), reason="Debian PostgreSQL layout")
def test_ci_run_gives_up_with_a_message_when_postgresql_does_not_come_up(tmp_path):
    box, state, env = services_sandbox(tmp_path, postgres_starts=False)

    done = subprocess.run([box / ".ci/run"], capture_output=True, text=True, env=env, timeout=60)

    assert done.returncode != 0
    assert "PostgreSQL did not answer within 2s" in done.stderr
    assert len((state / "runs").read_text().splitlines()) == 1  # only the SQLite run
