#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine with only the .NET SDK it first installs what the tests
# need from Debian's packages (a real redis-server; Python's grpcio and pandas for the Python client tests).
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need_packages+=(redis-server)
/usr/bin/python3 -c "import grpc, google.protobuf" >/dev/null 2>&1 || need_packages+=(python3-grpcio python3-protobuf)
command -v curl >/dev/null 2>&1 || need_packages+=(curl)   # the README's curl snippets are run by a test
# pandas: the Python client returns DataFrames when it is there (and lists of dicts when not); test both paths.
/usr/bin/python3 -c "import pandas" >/dev/null 2>&1 || need_packages+=(python3-pandas)

if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${need_packages[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# A test that hangs is stopped after 5 minutes and named in the output (no dump: the name is what matters),
# so a hang fails the run in minutes instead of holding it until CI's limit.
dotnet test Forecast.sln --configuration Release --blame-hang-timeout 5min --blame-hang-dump-type none "$@"
