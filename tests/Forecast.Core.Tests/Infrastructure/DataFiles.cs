using System.Globalization;

namespace Forecast.Core.Tests.Infrastructure;

/// <summary>Real data from ../shared/data next to the repository root; a missing file fails the test with its path.</summary>
internal static class DataFiles
{
    public static string Path(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Forecast.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "repository root (Forecast.sln) not found above " + AppContext.BaseDirectory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory!.FullName, "..", "shared", "data", relative));
        Assert.True(File.Exists(path), $"real data file missing: {path} (see ../shared/data/README.md)");
        return path;
    }

    /// <summary>One numeric column of a CSV file with a header row.</summary>
    public static double[] Column(string relative, string column)
    {
        var lines = File.ReadAllLines(Path(relative));
        var index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, $"column {column} not in {relative}");
        return lines.Skip(1).Select(line => double.Parse(line.Split(',')[index], CultureInfo.InvariantCulture)).ToArray();
    }
}
