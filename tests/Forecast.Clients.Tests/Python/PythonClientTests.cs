using Forecast.Clients.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Python;

/// <summary>The Python package under src/python, run by Debian's python3 with its grpcio and protobuf.</summary>
public sealed class PythonClientTests
{
    [Fact]
    public async Task UnitTests_OfTheWrapper_Pass()
    {
        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, ["-m", "unittest", "discover", "-s", "src/python/tests"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("OK", result.Error);
    }

    [Fact]
    public async Task GeneratedStubs_MatchTheProtos()
    {
        // The committed stubs must describe the same contract as protos/: compare the service's method names.
        var script = "import sys; sys.path.insert(0, 'src/python'); from forecast.v1 import forecast_service_pb2 as s; " +
                     "print(','.join(m.name for m in s.DESCRIPTOR.services_by_name['ForecastService'].methods))";

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, ["-c", script]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Forecast.Contracts.V1.ForecastService.Descriptor.Methods.Select(m => m.Name);
        Assert.Equal(string.Join(',', expected), result.Out.Trim());
    }
}
