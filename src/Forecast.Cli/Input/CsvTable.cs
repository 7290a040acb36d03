using System.Text;

namespace Forecast.Cli.Input;

/// <summary>A CSV file as a header and rows of text fields (RFC 4180: commas, quoted fields, doubled quotes).</summary>
internal sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    public static CsvTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"CSV file '{path}' was not found.");
        }
        return Parse(File.ReadLines(path));
    }

    public static CsvTable Parse(IEnumerable<string> lines)
    {
        string[]? header = null;
        var rows = new List<string[]>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = SplitLine(line);
            if (header is null)
            {
                header = [.. fields.Select(f => f.Trim())];
                continue;
            }
            if (fields.Length != header.Length)
            {
                throw new CliException($"CSV line {lineNumber} has {fields.Length} fields; the header has {header.Length}.");
            }
            rows.Add(fields);
        }
        return header is null ? throw new CliException("The CSV file is empty; it needs a header row.") : new CsvTable(header, rows);
    }

    public int ColumnIndex(string name)
    {
        var index = Header.ToList().FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new CliException($"Column '{name}' is not in the CSV; it has: {string.Join(", ", Header)}.");
    }

    private static string[] SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString().TrimEnd('\r'));
        return [.. fields];
    }
}
