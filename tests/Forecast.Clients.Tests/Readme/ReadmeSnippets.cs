using System.Text.RegularExpressions;
using Forecast.Clients.Tests.Infrastructure;

namespace Forecast.Clients.Tests.Readme;

/// <summary>The fenced code blocks of README.md's "Use it" section.</summary>
public static partial class ReadmeSnippets
{
    public sealed record Block(string Language, string Code)
    {
        public IReadOnlyList<string> Lines => [.. Code.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l))];

        public override string ToString() => $"```{Language}\n{Code}```";
    }

    public static IReadOnlyList<Block> UseItSection()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var start = readme.IndexOf("\n## Use it\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Use it' section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. Fence().Matches(section).Select(m => new Block(m.Groups["lang"].Value, m.Groups["code"].Value))];
    }

    [GeneratedRegex(@"^```(?<lang>\w+)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
