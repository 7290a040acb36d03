using Forecast.Clients.Tests.Infrastructure;
using Forecast.Contracts.V1;

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
    public async Task ForecastMany_StreamsOneBatchAndReturnsRowsPerSeries()
    {
        var script = "import math\nfrom forecast_client import ForecastClient\n" +
                     "series = {'up': [10.0 + t for t in range(40)], 'wave': [20 + 5 * math.sin(2 * math.pi * t / 7) for t in range(40)]}\n" +
                     $"with ForecastClient('{Address}') as client:\n" +
                     "    table = client.forecast_many(series, horizon=3, levels=(0.8,))\n" +
                     "print(list(table['series']), list(table.columns))\n";

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, ["-c", script], OnPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("['up', 'up', 'up', 'wave', 'wave', 'wave']", result.Out);
        Assert.Contains("'lower_80', 'upper_80'", result.Out);
    }

    [Fact]
    public async Task Trend_FlagsAPlantedOutlierInItsRow()
    {
        // Six weeks of a weekly wave on a rising line with day 20 raised from about 30 to 200: far beyond the
        // engine's 5 robust SDs, so that row (and only a few, if any, others) is flagged.
        var script = "import math\nfrom forecast_client import ForecastClient\n" +
                     "values = [20 + 0.5 * t + 6 * math.sin(2 * math.pi * t / 7) for t in range(42)]\nvalues[20] = 200\n" +
                     $"with ForecastClient('{Address}') as client:\n" +
                     "    table = client.trend(values, kind='count')\n" +
                     "print(len(table), list(table[table.outlier]['index']))\n";

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, ["-c", script], OnPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("42 [", result.Out);
        Assert.Matches(@"[\[ ]20[,\]]", result.Out); // index 20 is in the list of flagged rows
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
    public async Task GeneratedStubs_DescribeTheSameContractAsTheCSharpBuild()
    {
        // The C# build compiles protos/ afresh; the Python stubs are committed. Equal descriptors (the compiled
        // .proto files, byte for byte) mean nobody changed a .proto without running src/python/generate.sh.
        var files = new[]
        {
            SeriesReflection.Descriptor, ForecastingReflection.Descriptor, AnalysisReflection.Descriptor,
            DetectionReflection.Descriptor, ForecastServiceReflection.Descriptor,
        };
        var script = "import base64, importlib, sys\n" +
                     "for name in sys.argv[1:]:\n" +
                     "    module = importlib.import_module('forecast.v1.' + name + '_pb2')\n" +
                     "    print(module.DESCRIPTOR.name, base64.b64encode(module.DESCRIPTOR.serialized_pb).decode())\n";

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython,
            ["-c", script, .. files.Select(f => Path.GetFileNameWithoutExtension(f.Name))], OnPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        var python = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        Assert.All(files, file => Assert.True(
            python[file.Name] == file.SerializedData.ToBase64(),
            $"src/python's stub for {file.Name} is out of date: run src/python/generate.sh."));
    }
}
