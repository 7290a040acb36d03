#!/usr/bin/env bash
# Soak test (bounded, loopback only; not part of the test suite).
# Starts redis-server and the Release server on free 127.0.0.1 ports, drives a fixed Forecast request rate
# for a duration, kills Redis (SIGKILL) halfway and restarts it 10 s later, then prints requests sent and
# failed, p50/p99 latency, and the server's resident memory (RSS) after warm-up and at the end.
# Target: 0 failed requests (the cache never fails a call), memory flat.
#
#   scripts/soak.sh [--duration 10m] [--rate 20]
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10m
rate=20
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    *) echo "usage: $0 [--duration 10m] [--rate 20]" >&2; exit 2 ;;
  esac
done
seconds() { case "$1" in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac; }
total=$(seconds "$duration")
(( total >= 30 )) || { echo "--duration must be at least 30s" >&2; exit 2; }

command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install redis-server)" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
rss_mib() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

redis_port=$(free_port); grpc_port=$(free_port); management_port=$(free_port)
work=$(mktemp -d)
redis_pid=""; server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server did not start" >&2; exit 1
}

echo "Building (Release)..."
dotnet build src/Forecast.Server -c Release -v q -nologo >/dev/null
dotnet build tests/Forecast.Benchmarks -c Release -v q -nologo >/dev/null

start_redis
echo "redis-server on 127.0.0.1:$redis_port (pid $redis_pid)"

# Run from the build output, as a deployment does, so appsettings.json is the content root's.
server_dir="$PWD/src/Forecast.Server/bin/Release/net10.0"
ASPNETCORE_ENVIRONMENT=Production \
Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc_port" \
Kestrel__Endpoints__Grpc__Protocols=Http2 \
Kestrel__Endpoints__Management__Url="http://127.0.0.1:$management_port" \
Observability__ManagementPort="$management_port" \
Redis__Configuration="127.0.0.1:$redis_port" \
Logging__LogLevel__Default=Warning \
  dotnet exec --runtimeconfig "$server_dir/Forecast.Server.runtimeconfig.json" "$server_dir/Forecast.Server.dll" --contentRoot "$server_dir" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$management_port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$management_port/healthz" >/dev/null || { echo "server did not start:"; tail -20 "$work/server.log"; exit 1; }
echo "server on 127.0.0.1:$grpc_port (pid $server_pid), RSS at start $(rss_mib "$server_pid") MiB"

dotnet tests/Forecast.Benchmarks/bin/Release/net10.0/Forecast.Benchmarks.dll soak \
  --address "http://127.0.0.1:$grpc_port" --rate "$rate" --duration "${total}s" >"$work/driver.log" 2>&1 &
driver_pid=$!

# RSS after warm-up (up to 20 s of load: JIT, connection pools, caches) is the baseline for "flat".
warm=$(( total / 4 < 20 ? total / 4 : 20 ))
sleep "$warm"
rss_warm=$(rss_mib "$server_pid")
echo "RSS after ${warm} s warm-up: $rss_warm MiB"
sleep $(( total / 2 - warm ))
echo "[$(date -u +%T)] killing redis-server (SIGKILL)"
kill -9 "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
sleep 10
start_redis
echo "[$(date -u +%T)] redis-server restarted (pid $redis_pid), RSS $(rss_mib "$server_pid") MiB"

driver_status=0
wait "$driver_pid" || driver_status=$?
rss_end=$(rss_mib "$server_pid")
cat "$work/driver.log"
echo "server RSS:      after ${warm} s warm-up $rss_warm MiB, at end $rss_end MiB"
grep -c '"LogLevel":"Error"' "$work/server.log" | xargs echo "server error log lines:"
exit "$driver_status"
