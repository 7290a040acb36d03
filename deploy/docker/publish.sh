#!/bin/sh
# The one publish command of the server image. The Dockerfile runs it, and a test
# (tests/Forecast.Server.Tests/Deploy/DockerPublishTests) runs it too, so CI proves it succeeds.
# Framework-dependent and portable (no RID, no apphost): the runtime image supplies ASP.NET Core.
# --no-restore: the Dockerfile restores in its own cached layer, and the test runs after the test build.
# Usage: sh deploy/docker/publish.sh OUTPUT_DIRECTORY
set -eu
out="${1:?usage: publish.sh OUTPUT_DIRECTORY}"
dotnet publish src/Forecast.Server/Forecast.Server.csproj \
  --configuration Release \
  --output "$out" \
  --no-restore \
  -p:UseAppHost=false
