#!/bin/sh
# make test's runner: every step of the test, each a make target, in order within its lane and the
# lanes side by side, so that one lane's compiling fills the cores another leaves idle while its
# browsers wait on pages. Each step's output is kept in target/test-logs/STEP.log and printed whole
# when the step ends (never interleaved), then a summary names each failed step and each step's
# time. Every step runs even when one fails: a later one may fail for the same reason, and says so.
#
#   scripts/test-lanes.sh "PRE" "LANE1" "LANE2" ...   PRE first, one step at a time; then the lanes
#   TEST_LANES=1                                       every step in one lane (PRE, then each lane in turn)
set -u
pre=$1
shift
logs=target/test-logs
rm -rf "$logs" && mkdir -p "$logs"
: > "$logs/summary"

# step NAME: runs `make NAME` into its log, prints the log whole, notes its result and time.
step() {
  start=$(date +%s)
  if ${MAKE:-make} --no-print-directory "$1" > "$logs/$1.log" 2>&1; then result=ok; else result=FAILED; fi
  took=$(( $(date +%s) - start ))
  (
    flock 9
    cat "$logs/$1.log"
    printf '======== %s: %s in %ss\n' "$1" "$result" "$took"
    echo "$1 $result $took" >> "$logs/summary"
  ) 9> "$logs/.print"
}

lane() {
  for s in $1; do step "$s"; done
}

started=$(date +%s)
lane "$pre"
if [ "${TEST_LANES:-}" = 1 ]; then
  lane "$*"
else
  pids=""
  for l in "$@"; do
    lane "$l" &
    pids="$pids $!"
  done
  # shellcheck disable=SC2086 # a list of process ids
  wait $pids
fi

times=$(awk '{ printf " %s:%ss", $1, $3 }' "$logs/summary")
failed=$(awk '$2 == "FAILED" { printf " %s", $1 }' "$logs/summary")
printf '\n======== make test: time per step (in %s lanes, so they overlap):%s; in all %ss\n' "$#" "$times" "$(( $(date +%s) - started ))"
if [ -n "$failed" ]; then
  printf '======== make test: FAILED:%s (each step above says which test and why; logs in %s/)\n' "$failed" "$logs"
  exit 1
fi
printf '======== make test: all steps passed\n'
