#!/usr/bin/env python3
"""Checks the GitHub Actions workflow, which cannot run here, as far as it can be checked
without GitHub:
- it parses as YAML (PyYAML, python3-yaml) into a workflow: name, triggers, jobs;
- every job has runs-on, a timeout within CI's 90 minutes, and steps that each either run a
  command or use an action pinned to a version (a local action's folder exists);
- every ${{ env.X }} and ${{ matrix.X }} it uses is defined where it is used;
- every file in the repository it names (scripts, checkers; also through matrix values) exists;
- what issue 12 asks of it: Debian 12 and Debian 13 containers running the test scripts;
  Windows with MSVC 2022 and Qt 6.8 from jurplel/install-qt-action with the modules the build
  needs, an NSIS installer uploaded; macOS with Qt 6.8 and a DMG uploaded.

--self-test also checks that broken copies of the workflow are refused (a missing script, a
step with neither run nor uses, an undefined matrix key, YAML that does not parse...), so the
checker is known to be able to fail.

Usage: check_ci_workflow.py SOURCE_DIR WORKFLOW [--self-test]
"""

import re
import sys
from pathlib import Path

import yaml

# Paths into the repository: a relative path with a folder and a file extension, or .ci/run.
REPO_PATH = re.compile(
    r"(?<![\w$.{}/-])((?:\.?[\w-]+/)+[\w-]+(?:\.[\w-]+)*\.(?:sh|py|cmake|ps1|bat|yml|yaml|json)"
    r"|\.ci/run)\b")
EXPRESSION = re.compile(r"\$\{\{\s*(env|matrix)\.([\w-]+)\s*\}\}")
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[\w.-]+$")
QT_MODULES = {"qtwebengine", "qtnetworkauth", "qthttpserver", "qtwebsockets"}
MAX_MINUTES = 90


def strings(node):
    """Every string in a parsed YAML tree, keys included."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(key)
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


def check_workflow(source: Path, text: str) -> list[str]:
    failures: list[str] = []

    def check(condition, message: str) -> None:
        if not condition:
            failures.append(message)

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return [f"not valid YAML: {error}"]
    if not isinstance(doc, dict):
        return ["the workflow is not a mapping"]
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean true.
    triggers = doc.get("on", doc.get(True))
    check(isinstance(doc.get("name"), str), "no workflow name")
    check(triggers, "no triggers (on:)")
    jobs = doc.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return failures + ["no jobs"]
    top_env = set((doc.get("env") or {}).keys())

    for job_id, job in jobs.items():
        where = f"job {job_id}"
        if not isinstance(job, dict):
            failures.append(f"{where} is not a mapping")
            continue
        check(job.get("runs-on"), f"{where} has no runs-on")
        minutes = job.get("timeout-minutes")
        check(isinstance(minutes, int) and 0 < minutes <= MAX_MINUTES,
              f"{where}: timeout-minutes must be 1..{MAX_MINUTES}, is {minutes!r}")
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            check(need in jobs, f"{where} needs unknown job {need}")
        container = job.get("container")
        if container is not None:
            check(isinstance(container, dict) and container.get("image"),
                  f"{where}: container without image")
        steps = job.get("steps")
        if not isinstance(steps, list) or not steps:
            failures.append(f"{where} has no steps")
            steps = []
        for index, step in enumerate(steps):
            at = f"{where} step {index + 1}"
            if not isinstance(step, dict):
                failures.append(f"{at} is not a mapping")
                continue
            has_run, has_uses = "run" in step, "uses" in step
            check(has_run != has_uses, f"{at} must have exactly one of run and uses")
            if has_run:
                check(isinstance(step["run"], str) and step["run"].strip(), f"{at}: empty run")
            if has_uses:
                uses = str(step["uses"])
                if uses.startswith("./"):
                    check((source / uses).is_dir(), f"{at}: local action {uses} not found")
                else:
                    check(PINNED_ACTION.match(uses), f"{at}: action {uses} not pinned (@ref)")

        # Expressions: env keys from the workflow, the job or the step; matrix keys from every
        # include entry (or from the matrix axes).
        env = top_env | set((job.get("env") or {}).keys())
        for step in steps:
            if isinstance(step, dict):
                env |= set((step.get("env") or {}).keys())
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        includes = matrix.get("include") or []
        axes = {key for key in matrix if key not in ("include", "exclude")}
        matrix_keys = set(axes)
        if includes:
            common = set.intersection(*(set(entry) for entry in includes))
            matrix_keys |= common
        for value in strings(job):
            for kind, key in EXPRESSION.findall(value):
                if kind == "env":
                    check(key in env, f"{where} uses undefined env.{key}")
                else:
                    check(key in matrix_keys, f"{where} uses matrix.{key}, not set in every entry")

    # Every file the workflow names, wherever it names it (run lines, matrix values, inputs).
    named = set()
    for value in strings(doc):
        named.update(REPO_PATH.findall(value))
    check(named, "the workflow names no script at all")
    for path in sorted(named):
        check((source / path).is_file(), f"names {path}, which is not in the repository")

    # What the workflow is for.
    by_runner = {job_id: str(job.get("runs-on", "")) for job_id, job in jobs.items()
                 if isinstance(job, dict)}
    images, linux_runs = set(), set()
    for job in jobs.values():
        if not isinstance(job, dict):
            continue
        container = job.get("container") or {}
        entries = ((job.get("strategy") or {}).get("matrix") or {}).get("include") or [{}]
        for entry in entries:
            image = str(container.get("image", "")).replace("${{ matrix.image }}",
                                                             str(entry.get("image", "")))
            if image:
                images.add(image)
                for step in job.get("steps") or []:
                    run = str(step.get("run", "")) if isinstance(step, dict) else ""
                    run = run.replace("${{ matrix.script }}", str(entry.get("script", "")))
                    linux_runs.add((image, run))
    for image, script in (("debian:12", "scripts/test.sh"),
                          ("debian:13", "scripts/test-debian13.sh")):
        check(any(i == image and script in run for i, run in linux_runs),
              f"no {image} container runs {script}")

    def job_on(prefix: str):
        found = [jobs[j] for j, runner in by_runner.items() if runner.startswith(prefix)]
        check(found, f"no job runs on {prefix}*")
        return found[0] if found else {"steps": []}

    def uses(job, action: str) -> list[dict]:
        return [s for s in job.get("steps") or [] if isinstance(s, dict)
                and str(s.get("uses", "")).startswith(action + "@")]

    for prefix, artifact in (("windows-", ".exe"), ("macos-", ".dmg")):
        job = job_on(prefix)
        qt = uses(job, "jurplel/install-qt-action")
        check(qt, f"the {prefix}* job does not install Qt with jurplel/install-qt-action")
        for step in qt:
            inputs = step.get("with") or {}
            version = str(inputs.get("version", ""))
            version = version.replace("${{ env.QT_VERSION }}", str(doc.get("env", {})
                                                                   .get("QT_VERSION", "")))
            check(version.startswith("6.8"), f"{prefix}* job: Qt {version}, not 6.8")
            missing = QT_MODULES - set(str(inputs.get("modules", "")).split())
            check(not missing, f"{prefix}* job: Qt modules missing: {sorted(missing)}")
            if prefix == "windows-":
                check("msvc2022" in str(inputs.get("arch", "")),
                      "the Windows job's Qt is not the MSVC 2022 build")
        uploads = uses(job, "actions/upload-artifact")
        check(any(str((s.get("with") or {}).get("path", "")).endswith(artifact)
                  for s in uploads), f"the {prefix}* job uploads no {artifact}")
    return failures


SELF_TESTS = [
    # (what is broken, replace this, with that, expected failure text)
    ("a missing script", "scripts/test.sh", "scripts/no-such-test.sh",
     "names scripts/no-such-test.sh, which is not in the repository"),
    ("a missing checker", "installer/ci/check_deployed.py", "installer/ci/gone.py",
     "names installer/ci/gone.py"),
    ("a step with neither run nor uses", "      - uses: actions/checkout@v4\n",
     "      - name: nothing\n", "must have exactly one of run and uses"),
    ("an unpinned action", "actions/checkout@v4", "actions/checkout", "not pinned"),
    ("an undefined matrix key", "${{ matrix.script }}", "${{ matrix.scrpit }}",
     "uses matrix.scrpit"),
    ("an undefined env key", "${{ env.QT_VERSION }}", "${{ env.QT_VERSON }}",
     "uses undefined env.QT_VERSON"),
    ("a job without runs-on", "runs-on: windows-2022", "runs-from: windows-2022",
     "has no runs-on"),
    ("a missing Qt module", "qthttpserver ", "", "Qt modules missing"),
    ("no Debian 13 container", "image: debian:13", "image: debian:14", "no debian:13"),
    ("broken YAML", "jobs:\n", "jobs:\n  - [\n", "not valid YAML"),
]


def main() -> int:
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--self-test"):
        print(__doc__, file=sys.stderr)
        return 2
    source, workflow = Path(sys.argv[1]), Path(sys.argv[2])
    text = workflow.read_text(encoding="utf-8")
    failures = check_workflow(source, text)
    for failure in failures:
        print(f"FAIL: {workflow}: {failure}", file=sys.stderr)
    if len(sys.argv) == 4:
        for what, old, new, expected in SELF_TESTS:
            if old not in text:
                failures.append(f"self-test '{what}': {old!r} not in the workflow")
                print(f"FAIL: self-test '{what}': {old!r} not in the workflow", file=sys.stderr)
                continue
            found = check_workflow(source, text.replace(old, new, 1))
            if not any(expected in f for f in found):
                failures.append(what)
                print(f"FAIL: self-test: {what} was not refused with '{expected}' "
                      f"(got {found})", file=sys.stderr)
    if not failures:
        print(f"check_ci_workflow: {workflow} is well formed"
              + (f"; {len(SELF_TESTS)} broken copies refused" if len(sys.argv) == 4 else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
