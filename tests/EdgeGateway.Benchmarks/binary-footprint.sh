#!/usr/bin/env bash
# Binary sizes and service memory of one or more commits, measured in one run with one command, so a before/after
# pair (e.g. a refactor) is compared on the same machine, load and measuring script. For each commit it checks the
# commit out into a temporary detached worktree, publishes edge-gateway and egw as Native AOT for linux-x64 the way
# .ci/package builds the .deb (Release, -p:PublishAot=true, -p:Version as the package computes it), records the
# binaries' sizes, and runs the service under this checkout's service-footprint.sh (the same script and the same
# simulator build for every commit) with the systemd unit's DOTNET_GCgen0size. All publishes come first, then the
# measurements back to back, so no measurement shares the CPU with a publish of this run.
#
# usage: tests/EdgeGateway.Benchmarks/binary-footprint.sh [--seconds N] [--keep] COMMIT...
#   e.g. tests/EdgeGateway.Benchmarks/binary-footprint.sh f596568 main
#
#   --seconds N   steady-state period of each service run (default 120; see service-footprint.sh)
#   --keep        keep the worktrees, publish logs and measurement logs (printed at the end) for debugging
#   -h, --help    this text
#
# Prints progress on stderr and one markdown table (plus nproc, load averages, the command) on stdout.
# Time on 2 shared cores: ~2 min once (the simulators' build), ~6 min per commit (two AOT publishes: edge-gateway
# ~4.5 min, egw ~1.2 min), then N s + ~10 s per service run: f596568 alone with the default took 10.5 min.
# needs: git, dotnet (.NET 10 SDK), clang and zlib1g-dev (Native AOT), mosquitto, mosquitto-clients, python3.
# exit codes: 0 measured, 1 a publish or a measurement failed, 2 usage (bad option, unknown commit),
#             3 a tool is missing.
set -euo pipefail

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

seconds=120
keep=0
failed=0
commits=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) [ $# -ge 2 ] || { echo "binary-footprint: --seconds needs a value" >&2; exit 2; }
                   seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; commits+=("$@"); break ;;
        -*) echo "binary-footprint: unknown option '$1' (see --help)" >&2; exit 2 ;;
        *) commits+=("$1"); shift ;;
    esac
done
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "binary-footprint: --seconds must be a whole number of seconds above 0, not '$seconds'" >&2; exit 2; }
[ ${#commits[@]} -gt 0 ] || { echo "binary-footprint: no commit given (see --help)" >&2; exit 2; }

missing=()
for tool in git dotnet clang mosquitto mosquitto_sub python3 timeout awk; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
# ILCompiler links with -lz; the header is the simplest sign of zlib1g-dev (as in .ci/package).
[ -e /usr/include/zlib.h ] || missing+=("zlib1g-dev (/usr/include/zlib.h)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "binary-footprint: missing: ${missing[*]}" >&2
    echo "  apt-get install git clang zlib1g-dev mosquitto mosquitto-clients python3 coreutils, and the .NET 10 SDK" >&2
    exit 3
fi

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
footprint="$here/service-footprint.sh"
[ -f "$footprint" ] || { echo "binary-footprint: $footprint is missing" >&2; exit 3; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Resolve every commit before building anything: a typo fails in a second, not after twenty minutes.
shas=()
for c in "${commits[@]}"; do
    sha="$(git -C "$repo" rev-parse --verify --quiet "$c^{commit}")" \
        || { echo "binary-footprint: '$c' is not a commit in $repo" >&2; exit 2; }
    shas+=("$sha")
done

say() { printf '== %s\n' "$*" >&2; }
elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

work="$(mktemp -d /tmp/binary-footprint.XXXXXX)"
worktrees=()
cleanup() {
    local rc=$? wt
    trap - EXIT INT TERM
    if [ "$keep" = 1 ]; then
        [ ${#worktrees[@]} -gt 0 ] && say "kept worktrees: ${worktrees[*]} (remove with: git worktree remove --force DIR)"
        say "kept logs and builds in $work"
    else
        for wt in "${worktrees[@]}"; do
            git -C "$repo" worktree remove --force "$wt" >/dev/null 2>&1 \
                || say "could not remove the worktree $wt (git worktree remove --force $wt)"
        done
        if [ "$failed" = 1 ]; then
            say "kept the logs in $work (the worktrees are removed; --keep keeps them too)"
        else
            rm -rf "$work"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_started=$SECONDS
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# The systemd unit's gen0 budget, from this checkout's unit (NativeAOT reads it only from the environment).
gen0="$(sed -n 's/^Environment=DOTNET_GCgen0size=\([0-9A-Fa-f]*\).*/\1/p' "$repo/systemd/edge-gateway.service" | head -n1)"
gen0="${gen0:-400000}"

# The simulators (`egw simulate`, run with `dotnet`) come from this checkout, built once into $work, so every commit
# is measured against the same load generator and nothing is written into this checkout's bin/ and obj/.
say "building the simulators (egw, Release, framework-dependent) from $repo"
if ! dotnet build -c Release "$repo/src/EdgeGateway.Cli/EdgeGateway.Cli.csproj" --artifacts-path "$work/simulator" \
        -nologo >"$work/simulator.build.log" 2>&1; then
    tail -n 30 "$work/simulator.build.log" >&2
    echo "binary-footprint: building egw for the simulators failed (log: $work/simulator.build.log)" >&2
    failed=1; exit 1
fi
simulator_egw="$(find "$work/simulator/bin/EdgeGateway.Cli" -name egw.dll -print -quit)"
[ -n "$simulator_egw" ] || { echo "binary-footprint: no egw.dll under $work/simulator/bin" >&2; failed=1; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# Publishes, one commit after another.
declare -A publish_seconds version_of
publish() { # worktree project name version -> $worktree/artifacts/package-build/linux-x64/<name>, as .ci/package
    local wt="$1" project="$2" name="$3" version="$4" short="$5"
    local dest="$wt/artifacts/package-build/linux-x64/$name" log="$work/$short-$name.publish.log" started=$SECONDS
    say "$short: dotnet publish $project -c Release -r linux-x64 -p:Version=$version -p:PublishAot=true"
    if ! (cd "$wt" && dotnet publish "$project" -c Release -r linux-x64 -p:Version="$version" -p:PublishAot=true \
            --artifacts-path "$wt/artifacts/package-build/dotnet" -o "$dest") >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "binary-footprint: publishing $name of $short failed (log: $log)" >&2
        failed=1; exit 1
    fi
    grep -E 'warning (IL|NETSDK)' "$log" | sort -u | head -n 20 >&2 || true
    [ -x "$dest/$name" ] || { echo "binary-footprint: $dest/$name is missing after the publish" >&2; failed=1; exit 1; }
    say "$short: published $name in $(elapsed $((SECONDS - started)))"
}

for i in "${!shas[@]}"; do
    sha="${shas[$i]}"
    short="$(git -C "$repo" rev-parse --short "$sha")"
    wt="$work/wt-$i-$short"
    started=$SECONDS
    say "$short: git worktree add --detach $wt"
    git -C "$repo" worktree add --detach "$wt" "$sha" >/dev/null 2>&1 \
        || { echo "binary-footprint: git worktree add --detach $wt $sha failed" >&2; exit 1; }
    worktrees+=("$wt")
    # The version as .ci/package computes it: a vX.Y.Z tag on the commit, else the project's <Version>.
    tag="$(git -C "$wt" describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null || true)"
    if [ -n "$tag" ]; then
        version="${tag#v}"
    else
        version="$(cd "$wt" && dotnet msbuild src/EdgeGateway/EdgeGateway.csproj -getProperty:Version 2>/dev/null | tr -d '[:space:]' || true)"
        [ -n "$version" ] || version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$wt/Directory.Build.props" | head -n1)"
    fi
    version_of[$i]="$version"
    publish "$wt" src/EdgeGateway/EdgeGateway.csproj edge-gateway "$version" "$short"
    publish "$wt" src/EdgeGateway.Cli/EdgeGateway.Cli.csproj egw "$version" "$short"
    publish_seconds[$i]=$((SECONDS - started))
done

# ---------------------------------------------------------------------------------------------------------
# Measurements, back to back.
declare -A measure_seconds load_before load_after
for i in "${!shas[@]}"; do
    sha="${shas[$i]}"
    short="$(git -C "$repo" rev-parse --short "$sha")"
    wt="$work/wt-$i-$short"
    binary="$wt/artifacts/package-build/linux-x64/edge-gateway/edge-gateway"
    started=$SECONDS
    load_before[$i]="$(cut -d' ' -f1 /proc/loadavg)"
    say "$short: DOTNET_GCgen0size=$gen0 service-footprint.sh --seconds $seconds -- edge-gateway ($seconds s + ~15 s)"
    # A gateway that never publishes would leave service-footprint.sh waiting for the first message forever.
    if ! DOTNET_GCgen0size="$gen0" FOOTPRINT_TRACE=1 FOOTPRINT_EGW="$simulator_egw" FOOTPRINT_RESULT="$work/$i.result" \
            timeout --kill-after=10 $((seconds + 180)) \
            bash "$footprint" --seconds "$seconds" --label "$short" -- "$binary" 2>&1 \
            | tee "$work/$i.footprint.log" | sed -u 's/^/   /' >&2; then
        echo "binary-footprint: the service run of $short failed or timed out (log: $work/$i.footprint.log)" >&2
        failed=1; exit 1
    fi
    [ -s "$work/$i.result" ] || { echo "binary-footprint: service-footprint.sh wrote no figures for $short" >&2; failed=1; exit 1; }
    load_after[$i]="$(cut -d' ' -f1 /proc/loadavg)"
    measure_seconds[$i]=$((SECONDS - started))
done
load_at_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------------------------
# The table.
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }                   # decimal MB, as the docs give sizes
# KiB -> MiB cut to one decimal the way service-footprint.sh prints it, so the table agrees with its log and the
# figures already in docs/benchmarks.md.
mib() { echo "$(($1 / 1024)).$(( ($1 % 1024) * 10 / 1024 ))"; }
bytes() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }                           # 15521296 -> 15,521,296
size_cell() { local s; s=$(stat -c %s "$1"); echo "$(mb "$s") ($(bytes "$s") B)"; }
libs_cell() { # the native libraries published beside a binary: name size, ...
    local dir="$1" f out=""
    for f in "$dir"/*.so; do
        [ -e "$f" ] || continue
        out+="${out:+, }$(basename "$f") $(awk -v b="$(stat -c %s "$f")" 'BEGIN { if (b >= 1e6) printf "%.1f MB", b / 1e6; else printf "%.0f kB", b / 1e3 }')"
    done
    echo "${out:-none}"
}
value() { sed -n "s/^$2=//p" "$1"; }

echo "| commit | edge-gateway | egw | native libs beside edge-gateway | RSS after ${seconds} s (peak) | anonymous / file | CPU | threads | first readings message | load (1 min) before → after |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
for i in "${!shas[@]}"; do
    sha="${shas[$i]}"
    short="$(git -C "$repo" rev-parse --short "$sha")"
    subject="$(git -C "$repo" log -1 --format=%s "$sha")"
    [ ${#subject} -le 60 ] || subject="${subject:0:57}..."
    subject="${subject//|/\\|}"
    pub="$work/wt-$i-$short/artifacts/package-build/linux-x64"
    r="$work/$i.result"
    printf '| %s %s | %s | %s | %s | %s MiB (%s) | %s / %s MiB | %s %% | %s | %s s | %s → %s |\n' \
        "$short" "$subject" \
        "$(size_cell "$pub/edge-gateway/edge-gateway")" "$(size_cell "$pub/egw/egw")" "$(libs_cell "$pub/edge-gateway")" \
        "$(mib "$(value "$r" rss_kb)")" "$(mib "$(value "$r" hwm_kb)")" \
        "$(mib "$(value "$r" rss_anon_kb)")" "$(mib "$(value "$r" rss_file_kb)")" \
        "$(value "$r" cpu_percent)" "$(value "$r" threads)" \
        "$(awk -v ms="$(value "$r" first_publish_ms)" 'BEGIN { printf "%.2f", ms / 1000 }')" \
        "${load_before[$i]}" "${load_after[$i]}"
done
echo
echo "nproc $(nproc) ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)); load average $load_at_start at the start," \
     "$load_at_end at the end; $(date -u '+%Y-%m-%d %H:%M UTC'); .NET SDK $(dotnet --version)."
echo "Measured with: DOTNET_GCgen0size=$gen0 tests/EdgeGateway.Benchmarks/service-footprint.sh --seconds $seconds -- <commit's edge-gateway>" \
     "(run by tests/EdgeGateway.Benchmarks/binary-footprint.sh --seconds $seconds ${commits[*]})."
for i in "${!shas[@]}"; do
    short="$(git -C "$repo" rev-parse --short "${shas[$i]}")"
    echo "$short (version ${version_of[$i]}): publishes $(elapsed "${publish_seconds[$i]}"), service run $(elapsed "${measure_seconds[$i]}")."
done
say "done in $(elapsed $((SECONDS - run_started)))"
