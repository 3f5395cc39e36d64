#!/usr/bin/env bash
# Mutation score of the tests over the monthly processes, the levers, the dated events and the indicators
# (mutmut 3; the configuration is [tool.mutmut] in pyproject.toml). Not run in CI: it is CPU heavy.
#
#   benchmarks/mutation.sh                      every mutant against the fast suite (tests not marked slow)
#   benchmarks/mutation.sh --quick              every mutant against the rule tests only (tests/levers,
#                                               tests/processes, tests/events, tests/world,
#                                               tests/test_indicators.py; not the tests in tests/events of
#                                               the validate and compare commands, whole studies that
#                                               are no rule's test)
#   benchmarks/mutation.sh [--quick] 'enrolsim.levers.*'   only the mutants whose names match
#
# It works in a copy of the working tree (tracked and untracked files, not ignored ones) in
# $MUTATION_DIR (default /tmp/enrolsim-mutation), so mutmut's mutants/ folder never lands in the
# repository, and runs niced. It prints the score (killed and timed out over all mutants checked;
# a mutant no test reaches counts as a survivor) and every surviving mutant with its diff.
# mutmut itself: .venv/bin/pip install "mutmut>=3.8".
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
VENV=${ENROLSIM_VENV:-$REPO/.venv}
WORK=${MUTATION_DIR:-/tmp/enrolsim-mutation}
quick=0
if [ "${1:-}" = "--quick" ]; then
    quick=1
    shift
fi
if ! "$VENV/bin/python" -c "import mutmut" 2>/dev/null; then
    echo "mutation.sh: mutmut is not installed: $VENV/bin/pip install 'mutmut>=3.8'" >&2
    exit 2
fi

rm -rf "$WORK"
mkdir -p "$WORK"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$WORK"
else
    tar --exclude=.venv --exclude=mutants --exclude=results -cf - . | tar -xf - -C "$WORK"
fi
cd "$WORK"
if [ "$quick" = 1 ]; then
    rule_tests=$(for t in tests/levers tests/processes tests/events tests/world tests/test_indicators.py; do [ -e "$t" ] && printf '"%s", ' "$t"; done)
    commands=$(for t in tests/events/test_validate_history.py tests/events/test_compare_from_month.py; do [ -e "$t" ] && printf '"--ignore", "%s", ' "$t"; done)
    sed -i "s|^pytest_add_cli_args_test_selection = .*|pytest_add_cli_args_test_selection = [${rule_tests}${commands}\"-m\", \"not slow\"]|" pyproject.toml
fi
grep '^pytest_add_cli_args_test_selection' pyproject.toml

export PATH="$VENV/bin:$PATH"
start=$(date +%s)
nice -n 10 mutmut run "$@" || true
echo "mutmut ran for $(( ($(date +%s) - start) / 60 )) minutes in $WORK"

mutmut results --all true | python3 -c '
import collections, sys
status = {}
for line in sys.stdin:
    name, sep, what = line.strip().rpartition(": ")
    if sep:
        status[name] = what
counts = collections.Counter(status.values())
checked = sum(n for s, n in counts.items() if s not in ("not checked", "skipped"))
caught = counts["killed"] + counts["timeout"] + counts["caught by type check"]
print()
print("mutants:", ", ".join(f"{n} {s}" for s, n in counts.most_common()))
if checked:
    print(f"mutation score: {caught} of {checked} caught = {caught / checked:.1%}")
survivors = sorted(n for n, s in status.items() if s in ("survived", "no tests", "suspicious"))
print(f"surviving mutants ({len(survivors)}):")
print("\n".join("  " + n + "  (" + status[n] + ")" for n in survivors))
open("survivors.txt", "w").write("\n".join(survivors) + ("\n" if survivors else ""))
'
while read -r name; do
    [ -n "$name" ] && mutmut show "$name"
done <survivors.txt
