#!/usr/bin/env bash
# Memory and start-up of the service under the demo's load, without the demo's in-process extras: mosquitto and
# two `egw simulate` processes stand in for the broker and the analyzers (a flue-gas CEMS + dust meter on Modbus TCP,
# a wastewater analyzer on RTU over TCP: 3 devices, 29 channels, polled every second), and edge-gateway runs as the
# service with a gateway.json pointing at them. Prints: time from exec to the first readings message at the broker,
# RSS after the steady-state period (and its peak), threads, CPU use over that period, and the SIGTERM stop time.
#
# usage: tests/EdgeGateway.Benchmarks/service-footprint.sh [--seconds N] [--label TEXT] -- COMMAND...
#   e.g. ... -- artifacts/aot/edge-gateway                   (Native AOT)
#        ... -- dotnet artifacts/fd/edge-gateway.dll          (framework-dependent)
# needs: mosquitto, mosquitto_sub (mosquitto-clients), python3, a Release build of egw (built if missing).
# environment (all optional): FOOTPRINT_TRACE=1 prints RSS every 30 s; FOOTPRINT_SMAPS=FILE keeps the gateway's smaps;
#   FOOTPRINT_EGW=PATH/egw.dll runs the simulators from that build instead of this checkout's;
#   FOOTPRINT_RESULT=FILE also writes the figures as key=value lines (binary-footprint.sh reads them).
set -euo pipefail

seconds=60
label=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --label) label="$2"; shift 2 ;;
        --help|-h) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; break ;;
        *) echo "service-footprint: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
[ $# -gt 0 ] || { echo "service-footprint: no gateway command after --" >&2; exit 2; }
for tool in mosquitto mosquitto_sub python3; do
    command -v "$tool" >/dev/null || { echo "service-footprint: $tool is missing (apt-get install mosquitto mosquitto-clients python3)" >&2; exit 3; }
done

repo="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -n "${FOOTPRINT_EGW:-}" ]; then
    egw="$FOOTPRINT_EGW"
    [ -f "$egw" ] || { echo "service-footprint: FOOTPRINT_EGW=$egw does not exist" >&2; exit 2; }
else
    egw="$repo/src/EdgeGateway.Cli/bin/Release/net10.0/egw.dll"
    [ -f "$egw" ] || dotnet build -c Release "$repo/src/EdgeGateway.Cli" -v q -nologo >/dev/null
fi
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

broker_port=$(free_port); flue_port=$(free_port); water_port=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$broker_port" > "$work/mosquitto.conf"
[ "$(id -u)" = 0 ] && echo "user root" >> "$work/mosquitto.conf"
mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 & pids+=($!)
dotnet "$egw" simulate --profile "$repo/hardware/profiles/cems-flue-gas.json" --profile "$repo/hardware/profiles/particulate-flow.json" --listen "tcp://127.0.0.1:$flue_port" >"$work/sim1.log" 2>&1 & pids+=($!)
dotnet "$egw" simulate --profile "$repo/hardware/profiles/wastewater-cod-nh3n.json" --slave 5 --listen "rtu+tcp://127.0.0.1:$water_port" >"$work/sim2.log" 2>&1 & pids+=($!)
sleep 3

cat > "$work/gateway.json" <<JSON
{
  "gatewayId": "bench",
  "profileDirectories": [ "$repo/hardware/profiles" ],
  "buses": [
    { "name": "flue-gas", "port": "tcp://127.0.0.1:$flue_port", "timeout": "300ms",
      "devices": [ { "name": "cems", "profile": "cems-flue-gas", "slave": 1 }, { "name": "dust", "profile": "particulate-flow", "slave": 2, "hj212": { "exclude": [ "velocity", "temperature", "pressure", "humidity", "flow" ] } } ] },
    { "name": "wastewater", "port": "rtu+tcp://127.0.0.1:$water_port", "timeout": "300ms",
      "devices": [ { "name": "water", "profile": "wastewater-cod-nh3n", "slave": 5 } ] }
  ],
  "outlets": [
    { "name": "DA001", "kind": "flueGas", "devices": [ "cems", "dust" ], "oxygenChannel": "cems.o2", "referenceOxygenPercent": 6, "flowChannel": "cems.flow" },
    { "name": "DW001", "kind": "wastewater", "devices": [ "water" ], "flowChannel": "water.flow" }
  ],
  "uplink": { "broker": "mqtt://127.0.0.1:$broker_port" },
  "storage": { "directory": "$work/state" },
  "logging": { "level": "warning" }
}
JSON

mosquitto_sub -p "$broker_port" -t egw/bench/readings -C 1 >/dev/null & sub=$!
sleep 0.5
start=$(date +%s%N)
"$@" --config "$work/gateway.json" >"$work/gateway.log" 2>&1 & gateway=$!
pids+=($gateway)
wait "$sub"
first_publish_ms=$(( ($(date +%s%N) - start) / 1000000 ))

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$gateway/stat"; }
sleep 5
cpu0=$(cpu); t0=$(date +%s%N)
remaining=$((seconds > 5 ? seconds - 5 : 1))
while [ "$remaining" -gt 0 ]; do
    step=$((remaining < 30 ? remaining : 30)); sleep "$step"; remaining=$((remaining - step))
    [ -n "${FOOTPRINT_TRACE:-}" ] && echo "  ... $((seconds - remaining)) s: RSS $(awk '/^VmRSS/ {print $2}' "/proc/$gateway/status") KiB"
done
cpu1=$(cpu); t1=$(date +%s%N)
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$gateway/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$gateway/status")
threads=$(awk '/^Threads/ {print $2}' "/proc/$gateway/status")
# VmRSS = RssAnon + RssFile + RssShmem: anonymous memory (heaps, stacks) against pages of the binary and libraries.
rss_anon_kb=$(awk '/^RssAnon/ {print $2}' "/proc/$gateway/status")
rss_file_kb=$(awk '/^RssFile/ {print $2}' "/proc/$gateway/status")
rss_shmem_kb=$(awk '/^RssShmem/ {print $2}' "/proc/$gateway/status")
cpu_percent=$(awk -v c="$((cpu1 - cpu0))" -v hz="$ticks" -v ns="$((t1 - t0))" 'BEGIN { printf "%.2f", 100 * (c / hz) / (ns / 1e9) }')

[ -n "${FOOTPRINT_SMAPS:-}" ] && cp "/proc/$gateway/smaps" "$FOOTPRINT_SMAPS"
stop_start=$(date +%s%N)
kill -TERM "$gateway"
set +e; wait "$gateway"; exit_code=$?; set -e
stop_ms=$(( ($(date +%s%N) - stop_start) / 1000000 ))

echo "service-footprint ${label:+($label) }$*"
echo "  first readings message at the broker: ${first_publish_ms} ms after exec"
echo "  after ${seconds} s: RSS $((rss_kb / 1024)).$(( (rss_kb % 1024) * 10 / 1024 )) MiB, peak $((hwm_kb / 1024)).$(( (hwm_kb % 1024) * 10 / 1024 )) MiB, ${threads} threads, CPU ${cpu_percent} % of one core"
echo "  SIGTERM: exit code ${exit_code} after ${stop_ms} ms"
mib() { echo "$(($1 / 1024)).$(( ($1 % 1024) * 10 / 1024 ))"; }
echo "  RSS after ${seconds} s by kind: anonymous $(mib "$rss_anon_kb") MiB, file $(mib "$rss_file_kb") MiB, shmem $(mib "$rss_shmem_kb") MiB"
if [ -n "${FOOTPRINT_RESULT:-}" ]; then
    {
        echo "seconds=$seconds"
        echo "first_publish_ms=$first_publish_ms"
        echo "rss_kb=$rss_kb"
        echo "hwm_kb=$hwm_kb"
        echo "rss_anon_kb=$rss_anon_kb"
        echo "rss_file_kb=$rss_file_kb"
        echo "rss_shmem_kb=$rss_shmem_kb"
        echo "threads=$threads"
        echo "cpu_percent=$cpu_percent"
        echo "exit_code=$exit_code"
        echo "stop_ms=$stop_ms"
    } >"$FOOTPRINT_RESULT"
fi
