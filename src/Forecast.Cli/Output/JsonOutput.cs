using Google.Protobuf;

namespace Forecast.Cli.Output;

/// <summary>Responses in the proto3 JSON mapping (the same as the HTTP/JSON API): one object, or an array for many series.</summary>
internal static class JsonOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());

    public static void Write<T>(TextWriter writer, IReadOnlyList<T> messages)
        where T : IMessage
    {
        if (messages.Count == 1)
        {
            writer.WriteLine(Formatter.Format(messages[0]));
            return;
        }
        writer.WriteLine("[");
        for (var i = 0; i < messages.Count; i++)
        {
            writer.Write(Formatter.Format(messages[i]));
            writer.WriteLine(i + 1 < messages.Count ? "," : "");
        }
        writer.WriteLine("]");
    }
}
