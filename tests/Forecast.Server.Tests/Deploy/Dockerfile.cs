using System.Text.RegularExpressions;

namespace Forecast.Server.Tests.Deploy;

/// <summary>The instructions of deploy/docker/Dockerfile (continuation lines joined), for consistency tests.</summary>
public sealed partial class Dockerfile(IReadOnlyList<(string Instruction, string Arguments)> lines)
{
    public IReadOnlyList<(string Instruction, string Arguments)> Lines { get; } = lines;

    public static Dockerfile Parse(string text)
    {
        var joined = ContinuationPattern().Replace(text, " ");
        var lines = joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2) is [var instruction, var arguments] ? (instruction.ToUpperInvariant(), arguments.Trim()) : (line.ToUpperInvariant(), ""))
            .ToList();
        return new Dockerfile(lines);
    }

    public IEnumerable<string> All(string instruction) => Lines.Where(l => l.Instruction == instruction).Select(l => l.Arguments);

    /// <summary>Instructions of the last stage (the image that ships).</summary>
    public Dockerfile FinalStage()
    {
        var start = Lines.Select((line, index) => (line, index)).Last(x => x.line.Instruction == "FROM").index;
        return new Dockerfile(Lines.Skip(start).ToList());
    }

    public IReadOnlyList<int> ExposedPorts() =>
        All("EXPOSE").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public string Label(string name) =>
        LabelPattern(name).Match(string.Join(' ', All("LABEL"))) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No LABEL {name}.");

    private static Regex LabelPattern(string name) => new($"{Regex.Escape(name)}=\"([^\"]*)\"");

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuationPattern();
}
