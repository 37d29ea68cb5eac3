#!/bin/sh
# seed.sh TO FROM: a cargo target dir (TO) for a build that differs from FROM's only in its policy
# (PINGHU_POLICY) starts with FROM's third-party artifacts, so that only our crates compile there.
#
# Disk: the third-party artifacts are hard links, not copies (they were 1.7 GB a copy, three
# copies per make test; a CI machine ran out of disk on the third). That is safe because cargo
# never writes to a fresh unit's files, and a unit it does rebuild gets new files: rustc writes an
# rlib or rmeta under a temporary name and renames it, the linker unlinks its output first.
#
# Not linked, not copied: every file of this workspace's own packages (pinghu-*, their tests,
# examples and build scripts), which a build with another policy rebuilds anyway. Their build
# script writes the policy's Rust into its OUT_DIR, and cargo rewrites their fingerprints and
# dep-info in place: shared by a link, the two target dirs would read each other's policy.
# Nor `incremental/` (ours only, and per target dir).
#
# Atomic (built under another name, then renamed): two steps of make test may seed one dir at once.
set -eu
to=$1
from=$2
[ -d "$to" ] && exit 0
[ -d "$from" ] || exit 0
echo "seeding $to from $from (third-party artifacts linked; only our crates compile)"
tmp="$to.seed.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
abs_tmp=$(cd "$tmp" && pwd)
(
  cd "$from"
  # A third-party unit's files, at any depth (a cross target's dir, build-std's, sits one level
  # down): deps/lib<crate>-<hash>.{rlib,rmeta,so}, its build script's dir, its fingerprint. Ours
  # are named pinghu[-_]*; test and example binaries are deps/<name>-<hash>, without the lib
  # prefix, and are left out with every .d file (rustc's; cargo keeps its own in the fingerprint).
  find . -name incremental -prune -o \( -type f -o -type l \) -print |
    while IFS= read -r f; do
      case $f in
        */deps/libpinghu_* | */build/pinghu-* | */.fingerprint/pinghu-*) ;;
        */deps/lib* | */build/* | */.fingerprint/*) printf '%s\0' "$f" ;;
      esac
    done | xargs -0 -r cp -lP --parents -t "$abs_tmp"
)
mv -T "$tmp" "$to" 2>/dev/null || rm -rf "$tmp"
