#!/bin/sh
# make test's runner: every step of the test, each a make target, in order within its lane and the
# lanes side by side, so that the two cores are never idle while a step remains: one lane's
# single-threaded phases (a link, wasm-opt) leave a core another lane's compiling or browsers use.
# Each step's output is kept in target/test-logs/STEP.log and printed whole when the step ends
# (never interleaved), then a summary names each failed step and each step's time and CPU. Every
# step runs even when one fails: a later one may fail for the same reason, and says so.
#
#   scripts/test-lanes.sh "PRE" "LANE1" "LANE2" ...
#     PRE, one step at a time, runs at the head of LANE1's lane ("PRE LANE1"); in a lane,
#     "after-pre" waits until PRE has ended (the steps after it need what PRE builds), and
#     "after:STEP" until STEP has ended in another lane (e.g. what STEP writes must be complete
#     before it is copied); a lane without either starts at once.
#   TEST_LANES=1   every step in one lane (PRE, then each lane in turn)
set -u
pre=$1
shift
logs=target/test-logs
rm -rf "$logs" && mkdir -p "$logs"
: > "$logs/summary"

# The CPU a step takes, its browsers' renderers included (which `time` does not count: they are
# not the step's waited-for children), where a cgroup v1 cpuacct hierarchy is writable (as root
# on this machine kind): each step runs in a cgroup of its own. Elsewhere the column says "-".
CG_ROOT=/sys/fs/cgroup/cpuacct
# in_cgroup DIR CMD...: CMD with this shell's process moved into DIR first, when DIR exists
in_cgroup() {
  dir=$1
  shift
  if [ -n "$dir" ]; then
    sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$dir" "$@"
  else
    "$@"
  fi
}

# step NAME: runs `make NAME` into its log, prints the log whole, notes its result, time and CPU.
step() {
  start=$(date +%s)
  cg=""
  if [ -w "$CG_ROOT" ] && mkdir "$CG_ROOT/pinghu-test-$$-$1" 2>/dev/null; then cg="$CG_ROOT/pinghu-test-$$-$1"; fi
  if in_cgroup "$cg" ${MAKE:-make} --no-print-directory "$1" > "$logs/$1.log" 2>&1; then result=ok; else result=FAILED; fi
  took=$(( $(date +%s) - start ))
  cpu=-
  if [ -n "$cg" ]; then
    cpu=$(( $(cat "$cg/cpuacct.usage") / 1000000000 ))
    rmdir "$cg" 2>/dev/null || true
  fi
  (
    flock 9
    cat "$logs/$1.log"
    printf '======== %s: %s in %ss (CPU %ss)\n' "$1" "$result" "$took" "$cpu"
    echo "$1 $result $took $cpu" >> "$logs/summary"
  ) 9> "$logs/.print"
  : > "$logs/.done-$1"
}

# lane STEPS: each step in turn; "after-pre" waits for PRE's end, "pre" runs PRE and then says so.
lane() {
  for s in $1; do
    case $s in
      after-pre) while [ ! -e "$logs/.pre-done" ]; do sleep 1; done ;;
      after:*) while [ ! -e "$logs/.done-${s#after:}" ]; do sleep 1; done ;;
      pre) lane "$pre"; : > "$logs/.pre-done" ;;
      *) step "$s" ;;
    esac
  done
}

# disk: what the file system holding target/ has free, and what target/ takes (a CI machine once
# ran out of disk mid-run: the log then says how much there was).
disk() {
  free=$(df -Pk . | awk 'NR == 2 { printf "%.1f GB", $4 / 1048576 }')
  used=$(du -sk target 2>/dev/null | awk '{ printf "%.1f GB", $1 / 1048576 }')
  printf '======== disk %s: %s free, target/ %s\n' "$1" "$free" "${used:-0}"
}
disk "at the start"

started=$(date +%s)
if [ "${TEST_LANES:-}" = 1 ]; then
  lane "pre $(echo "$*" | sed 's/after[-:][^ ]*//g')"
else
  pids=""
  first=1
  for l in "$@"; do
    if [ $first = 1 ]; then l="pre $l"; first=0; fi
    lane "$l" &
    pids="$pids $!"
  done
  # shellcheck disable=SC2086 # a list of process ids
  wait $pids
fi

times=$(awk '{ printf " %s:%ss", $1, $3; if ($4 != "-") printf "/%scpu", $4 }' "$logs/summary")
failed=$(awk '$2 == "FAILED" { printf " %s", $1 }' "$logs/summary" 2>/dev/null)
# Every step must have said how it ended: a step that never reported (its log dir removed under
# it, the runner killed) is a failure, not a pass.
expected=$(for s in $pre "$@"; do echo "$s"; done | tr ' ' '\n' | grep -cv '^after\|^$')
reported=$(wc -l < "$logs/summary" 2>/dev/null || echo 0)
if [ "$reported" -ne "$expected" ]; then failed="$failed (only $reported of $expected steps reported)"; fi
disk "at the end"
printf '\n======== make test: time per step (in %s lanes, so they overlap):%s; in all %ss\n' "$#" "$times" "$(( $(date +%s) - started ))"
if [ -n "$failed" ]; then
  printf '======== make test: FAILED:%s (each step above says which test and why; logs in %s/)\n' "$failed" "$logs"
  exit 1
fi
printf '======== make test: all steps passed\n'
