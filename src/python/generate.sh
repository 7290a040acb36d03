#!/usr/bin/env bash
# Regenerates the Python stubs from protos/ with Debian's protoc and gRPC Python plugin
# (apt-get install protobuf-compiler protobuf-compiler-grpc). The output is committed, so users need
# only grpcio and protobuf; regenerate after changing a .proto.
set -euo pipefail
cd "$(dirname "$0")"
root=../../protos
# google/protobuf/*.proto (well-known types): Debian's libprotobuf-dev, or the copy in the Grpc.Tools NuGet
# package that `dotnet build` restores.
wkt=/usr/include
if [ ! -f "$wkt/google/protobuf/timestamp.proto" ]; then
  wkt=$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/grpc.tools/*/build/native/include | tail -1)
fi
rm -rf forecast google
protoc -I "$root" -I "$wkt" \
  --python_out=. \
  --grpc_out=. --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin \
  "$root"/forecast/v1/*.proto "$root"/google/api/*.proto "$root"/google/rpc/*.proto
# Generated gRPC modules exist only for files with services.
for f in $(find forecast google -name '*_pb2_grpc.py'); do grep -q '^class ' "$f" || rm "$f"; done
touch forecast/__init__.py forecast/v1/__init__.py
