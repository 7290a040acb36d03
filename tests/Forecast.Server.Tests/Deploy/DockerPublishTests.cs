using System.Diagnostics;
using Forecast.Server.Tests.Infrastructure;

namespace Forecast.Server.Tests.Deploy;

/// <summary>
/// The image's build step, run for real: the Dockerfile publishes with deploy/docker/publish.sh, and so does
/// this test, so CI (which has no Docker engine) proves the exact publish succeeds. After the test run's own
/// Release build the publish is incremental (seconds), not a second full build.
/// </summary>
public sealed class DockerPublishTests
{
    private const string PublishStep = "sh deploy/docker/publish.sh /app";

    [Fact]
    public void Dockerfile_BuildStage_PublishesWithTheTestedScript()
    {
        var dockerfile = Dockerfile.Parse(RepositoryFiles.Read("deploy/docker/Dockerfile"));

        Assert.Contains(PublishStep, dockerfile.All("RUN"));
        Assert.Contains("--from=build /app .", dockerfile.All("COPY"));
        Assert.Contains("dotnet publish src/Forecast.Server/Forecast.Server.csproj", RepositoryFiles.Read("deploy/docker/publish.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishScript_Run_ProducesTheServerTheImageStarts()
    {
        var output = Directory.CreateTempSubdirectory("forecast-publish-");
        try
        {
            var start = new ProcessStartInfo("sh")
            {
                ArgumentList = { "deploy/docker/publish.sh", output.FullName },
                WorkingDirectory = RepositoryFiles.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // Not inherited from the test host: a nested build must not think it runs under `dotnet test`.
            start.Environment.Remove("MSBuildExtensionsPath");
            start.Environment.Remove("MSBUILD_EXE_PATH");
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, $"publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            Assert.True(File.Exists(Path.Combine(output.FullName, "Forecast.Server.dll")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "Forecast.Server.runtimeconfig.json")));
            // The collector settings the performance numbers were measured with travel in the image.
            var gc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "Forecast.Server.runtimeconfig.json")))
                .RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
            Assert.True(gc.GetProperty("System.GC.Server").GetBoolean());
            Assert.Equal(0, gc.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
            Assert.Equal(2_097_152, gc.GetProperty("System.GC.LOHThreshold").GetInt32());
            Assert.False(File.Exists(Path.Combine(output.FullName, "Forecast.Server")), "no native apphost: the image runs `dotnet Forecast.Server.dll`");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
