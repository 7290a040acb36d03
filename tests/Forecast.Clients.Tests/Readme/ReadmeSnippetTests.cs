using System.Text.Json;
using System.Text.RegularExpressions;
using Forecast.Clients.Tests.Infrastructure;
using Forecast.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Forecast.Clients.Tests.Readme;

/// <summary>
/// Every fenced block of README.md's "Use it" section runs against a real server (Kestrel on loopback ports):
/// shell blocks with bash, the Python block with Debian's python3, the C# block compiled as
/// <see cref="ReadmeCSharpSnippet"/>, CLI lines through the CLI itself. grpcurl is not packaged for Debian 12,
/// so a stand-in records the arguments bash expanded and the test replays each call as grpcurl would: the
/// method named on the line, the JSON body parsed with the proto3 JSON mapping, sent over gRPC.
/// </summary>
public sealed partial class ReadmeSnippetTests(KestrelForecastServer server) : IClassFixture<KestrelForecastServer>
{
    private const string ReadmeGrpcAddress = "localhost:5080";
    private const string ReadmeJsonAddress = "http://localhost:5081";

    private string GrpcHostPort => $"{server.GrpcAddress.Host}:{server.GrpcAddress.Port}";

    [Fact]
    public void EveryBlock_IsOneThisTestRuns()
    {
        var blocks = ReadmeSnippets.UseItSection();

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.True(Classify(block) != BlockKind.Unknown, $"No test exercises this README block:\n{block}"));
        foreach (var kind in Enum.GetValues<BlockKind>().Where(k => k != BlockKind.Unknown))
        {
            Assert.Contains(blocks, b => Classify(b) == kind);
        }
    }

    [Fact]
    public void ServerBlock_PortsMatchAppSettings()
    {
        var block = Single(BlockKind.Server);
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "src/Forecast.Server/appsettings.json")));
        var endpoints = settings.RootElement.GetProperty("Kestrel").GetProperty("Endpoints");

        Assert.Equal(["dotnet run --project src/Forecast.Server"], block.Lines);
        Assert.Equal("http://0.0.0.0:5080", endpoints.GetProperty("Grpc").GetProperty("Url").GetString());
        Assert.Equal("Http2", endpoints.GetProperty("Grpc").GetProperty("Protocols").GetString());
        Assert.Equal("http://0.0.0.0:5081", endpoints.GetProperty("Json").GetProperty("Url").GetString());
        Assert.Equal("Http1", endpoints.GetProperty("Json").GetProperty("Protocols").GetString());
    }

    [Fact]
    public async Task CurlBlock_EveryUnaryRpcAnswersJson()
    {
        var block = Single(BlockKind.Curl);
        var script = block.Code.Replace(ReadmeJsonAddress, server.JsonAddress.ToString().TrimEnd('/'));

        var result = await RunBashAsync(script);

        Assert.True(result.ExitCode == 0, result.ToString());
        var curlCalls = block.Lines.Count(l => l.StartsWith("curl ", StringComparison.Ordinal));
        Assert.Equal(5, curlCalls);
        Assert.Equal(curlCalls, Regex.Matches(result.Out, "\"seriesName\":\\s*\"demo\"").Count);
    }

    [Fact]
    public async Task GrpcurlBlock_EachCallSucceedsOverGrpc()
    {
        var block = Single(BlockKind.Grpcurl);
        var recordings = Directory.CreateTempSubdirectory("grpcurl-calls");

        var result = await RunBashAsync(block.Code, ("GRPCURL_RECORDINGS", recordings.FullName));

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = recordings.GetFiles().OrderBy(f => int.Parse(f.Name)).Select(f => File.ReadAllText(f.FullName).Split('\0')[..^1]).ToList();
        Assert.Equal(block.Lines.Count(l => l.StartsWith("grpcurl ", StringComparison.Ordinal)), calls.Count);
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        foreach (var arguments in calls)
        {
            var response = await ReplayGrpcurlAsync(channel, arguments);
            Assert.Equal("demo", response.Descriptor.FindFieldByName("series_name")?.Accessor.GetValue(response));
        }
        recordings.Delete(recursive: true);
    }

    [Fact]
    public async Task CSharpBlock_IsTheCompiledSnippetAndPrintsTheForecast()
    {
        var block = Single(BlockKind.CSharp);
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests/Forecast.Clients.Tests/Readme/ReadmeCSharpSnippet.cs"));
        var compiled = Regex.Match(source, @"// README-BEGIN\n(?<code>.*?)\n\s*// README-END", RegexOptions.Singleline).Groups["code"].Value;
        var usings = block.Lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) && l.EndsWith(';')).ToList();

        Assert.All(usings, u => Assert.Contains(u, source));
        Assert.Equal(
            Normalize(string.Join('\n', block.Lines.Skip(usings.Count))).Replace("\"http://localhost:5080\"", "address"),
            Normalize(compiled));

        var output = await ReadmeCSharpSnippet.RunAsync(server.GrpcAddress.ToString());

        // 42 daily points from 2025-01-01: the 7 forecast days are 2025-02-12 .. 2025-02-18. (Console output of
        // tests running in parallel may land in the same capture, so the lines are picked by their shape.)
        var lines = Regex.Matches(output, @"^2025-02-\d\d -?\d+\.\d \[-?\d+\.\d, -?\d+\.\d\]$", RegexOptions.Multiline).Select(m => m.Value).ToList();
        Assert.Equal(7, lines.Count);
        Assert.StartsWith("2025-02-12 ", lines[0]);
        Assert.StartsWith("2025-02-18 ", lines[^1]);
    }

    [Fact]
    public async Task PythonBlock_PrintsForecastAndSpikeTables()
    {
        var block = Single(BlockKind.Python);
        var script = Path.Combine(Directory.CreateTempSubdirectory("readme-python").FullName, "snippet.py");
        await File.WriteAllTextAsync(script, block.Code.Replace(ReadmeGrpcAddress, GrpcHostPort));

        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, [script],
            new Dictionary<string, string> { ["PYTHONPATH"] = "src/python" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("lower_80", result.Out);
        Assert.Contains("upper_95", result.Out);
        Assert.Contains("2025-02-01", result.Out); // first forecast date: the day after the 31 January observations
        File.Delete(script);
    }

    [Fact]
    public async Task PythonExampleBlock_ForecastsTheAttacksData()
    {
        var block = Single(BlockKind.PythonExample);

        var result = await RunBashAsync(block.Code.Replace(ReadmeGrpcAddress, GrpcHostPort));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("forecast of launched_shahed, next 14 days:", result.Out);
        Assert.Contains("change points:", result.Out);
    }

    [Fact]
    public async Task CliBlock_EveryCommandSucceeds()
    {
        var block = Single(BlockKind.Cli);
        var output = Directory.CreateTempSubdirectory("readme-cli");

        foreach (var line in block.Lines)
        {
            var arguments = line["dotnet run --project src/Forecast.Cli -- ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), a))
                    : a.EndsWith(".png", StringComparison.Ordinal) ? Path.Combine(output.FullName, a)
                    : a)
                .Concat(["--server", server.GrpcAddress.ToString()])
                .ToArray();

            var result = await CliHarness.RunAsync(arguments);

            Assert.True(result.ExitCode == 0, $"{line}\nexit {result.ExitCode}\n{result.Out}\n{result.Status}");
            if (arguments.Contains("--json"))
            {
                using var json = JsonDocument.Parse(result.Json);
            }
            else
            {
                Assert.Contains("launched_", result.Out);
            }
            foreach (var png in arguments.Where(a => a.EndsWith(".png", StringComparison.Ordinal)))
            {
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
            }
        }
        output.Delete(recursive: true);
    }

    private enum BlockKind
    {
        Unknown,
        Server,
        Grpcurl,
        Curl,
        CSharp,
        Python,
        PythonExample,
        Cli,
    }

    private static BlockKind Classify(ReadmeSnippets.Block block) => block switch
    {
        { Language: "csharp" } => BlockKind.CSharp,
        { Language: "python" } => BlockKind.Python,
        { Language: "bash" } when block.Lines.SequenceEqual(["dotnet run --project src/Forecast.Server"]) => BlockKind.Server,
        { Language: "bash" } when block.Lines.Any(l => l.StartsWith("grpcurl ", StringComparison.Ordinal)) => BlockKind.Grpcurl,
        { Language: "bash" } when block.Lines.Any(l => l.StartsWith("curl ", StringComparison.Ordinal)) => BlockKind.Curl,
        { Language: "bash" } when block.Lines.All(l => l.StartsWith("dotnet run --project src/Forecast.Cli -- ", StringComparison.Ordinal)) => BlockKind.Cli,
        { Language: "bash" } when block.Lines.All(l => l.Contains("python3 src/python/examples/", StringComparison.Ordinal)) => BlockKind.PythonExample,
        _ => BlockKind.Unknown,
    };

    private static ReadmeSnippets.Block Single(BlockKind kind) =>
        Assert.Single(ReadmeSnippets.UseItSection(), b => Classify(b) == kind);

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>
    /// Runs a README shell block with bash. `python3` is Debian's (it has grpcio); `grpcurl` is a stand-in that
    /// records its arguments, NUL-separated, one numbered file per call.
    /// </summary>
    private static async Task<ExternalProcess.Result> RunBashAsync(string script, params (string Name, string Value)[] environment)
    {
        var bin = Directory.CreateTempSubdirectory("readme-bin");
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin.FullName, "python3"), ExternalProcess.DebianPython);
            var grpcurl = Path.Combine(bin.FullName, "grpcurl");
            await File.WriteAllTextAsync(grpcurl,
                "#!/usr/bin/env bash\nn=$(ls \"$GRPCURL_RECORDINGS\" | wc -l)\nprintf '%s\\0' \"$@\" > \"$GRPCURL_RECORDINGS/$n\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(grpcurl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var variables = environment.ToDictionary(e => e.Name, e => e.Value);
            variables["PATH"] = $"{bin.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
            return await ExternalProcess.RunAsync("/bin/bash", ["-euo", "pipefail", "-c", script], variables);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    /// <summary>What grpcurl does with `-plaintext -d JSON ADDRESS SERVICE/METHOD`: JSON to protobuf, a unary call, protobuf back.</summary>
    private static async Task<IMessage> ReplayGrpcurlAsync(GrpcChannel channel, string[] arguments)
    {
        var data = arguments[Array.IndexOf(arguments, "-d") + 1];
        var fullMethod = arguments[^1];
        Assert.Equal(ReadmeGrpcAddress, arguments[^2]);
        Assert.Contains("-plaintext", arguments);
        var slash = fullMethod.LastIndexOf('/');
        Assert.Equal(ForecastService.Descriptor.FullName, fullMethod[..slash]);
        var method = ForecastService.Descriptor.FindMethodByName(fullMethod[(slash + 1)..])
            ?? throw new InvalidOperationException($"README calls unknown method {fullMethod}.");

        var request = JsonParser.Default.Parse(data, method.InputType);
        var call = new Method<IMessage, IMessage>(
            MethodType.Unary, ForecastService.Descriptor.FullName, method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), method.InputType.Parser.ParseFrom),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), method.OutputType.Parser.ParseFrom));
        return await channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(), request);
    }
}
