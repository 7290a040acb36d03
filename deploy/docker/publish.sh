#!/bin/sh
# The one publish command of the server image. The Dockerfile runs it, and a test
# (tests/Forecast.Server.Tests/Deploy/DockerPublishTests) runs it too, so CI proves it succeeds.
# Framework-dependent and portable (no RID, no apphost): the runtime image supplies ASP.NET Core.
# Usage: sh deploy/docker/publish.sh OUTPUT_DIRECTORY
set -eu
out="${1:?usage: publish.sh OUTPUT_DIRECTORY}"
dotnet publish src/Forecast.Server/Forecast.Server.csproj \
  --configuration Release \
  --output "$out" \
  -p:UseAppHost=false
