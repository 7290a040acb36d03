using YamlDotNet.RepresentationModel;

namespace Forecast.Server.Tests.Deploy;

/// <summary>A parsed YAML document with path navigation ("spec.template.spec.containers"), for manifest tests.</summary>
public sealed class Manifest(string file, YamlNode root)
{
    public string File { get; } = file;

    public YamlNode Root { get; } = root;

    public string Kind => Scalar("kind");

    public string Name => Scalar("metadata.name");

    public static IReadOnlyList<Manifest> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        return stream.Documents.Select(document => new Manifest(Path.GetFileName(path), document.RootNode)).ToList();
    }

    public YamlNode? Find(string path) => Find(Root, path);

    public string Scalar(string path) => ScalarOf(Root, path);

    public static YamlNode? Find(YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (var step in path.Split('.'))
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(step), out current))
            {
                return null;
            }
        }
        return current;
    }

    public static string ScalarOf(YamlNode node, string path) =>
        (Find(node, path) as YamlScalarNode)?.Value ?? throw new Xunit.Sdk.XunitException($"Missing scalar '{path}'.");

    public static IReadOnlyList<YamlNode> Sequence(YamlNode node, string path) =>
        (Find(node, path) as YamlSequenceNode)?.Children.ToList() ?? throw new Xunit.Sdk.XunitException($"Missing list '{path}'.");

    public static IReadOnlyDictionary<string, string> Map(YamlNode node, string path) =>
        (Find(node, path) as YamlMappingNode)?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "")
        ?? throw new Xunit.Sdk.XunitException($"Missing mapping '{path}'.");
}
