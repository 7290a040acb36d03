using Forecast.Clients.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Python;

/// <summary>The Python package under src/python, run by Debian's python3 with its grpcio and protobuf.</summary>
public sealed class PythonClientTests(KestrelForecastServer server) : IClassFixture<KestrelForecastServer>
{
    private static readonly Dictionary<string, string> OnPath = new() { ["PYTHONPATH"] = "src/python" };

    private string Address => $"{server.GrpcAddress.Host}:{server.GrpcAddress.Port}";

    [Fact]
    public async Task Example_WithoutPandas_PrintsTheSameTablesFromListsOfDicts()
    {
        // sys.modules["pandas"] = None makes `import pandas` fail, as on a machine without it.
        var script = "import sys, runpy; sys.modules['pandas'] = None; " +
                     $"sys.argv = ['forecast_attacks.py', '--server', '{Address}', '--horizon', '5']; " +
                     "runpy.run_path('src/python/examples/forecast_attacks.py', run_name='__main__')";

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, ["-c", script], OnPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("forecast of launched_shahed, next 5 days:", result.Out);
        var lastDate = DateTime.Parse(File.ReadLines(SharedData.Path("ukraine", "attacks_daily_totals.csv")).Last().Split(',')[0]);
        Assert.Contains(lastDate.AddDays(5).ToString("yyyy-MM-dd"), result.Out);
        Assert.DoesNotContain(lastDate.AddDays(6).ToString("yyyy-MM-dd"), result.Out);
    }

    [Fact]
    public async Task BadRequest_RaisesForecastErrorNamingTheField()
    {
        var script = "from forecast_client import ForecastClient, ForecastError\n" +
                     $"with ForecastClient('{Address}') as client:\n" +
                     "    try:\n" +
                     "        client.forecast([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], horizon=0)\n" +
                     "    except ForecastError as error:\n" +
                     "        print(error.code.name, [field for field, _ in error.violations])\n";

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, ["-c", script], OnPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("INVALID_ARGUMENT", result.Out);
        Assert.Contains("'horizon'", result.Out);
    }

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
