namespace Forecast.Benchmarks.Accuracy;

/// <summary>
/// Finds the shared real data: $FORECAST_SHARED_DATA when set, else ../shared/data beside the
/// repository root (the folder holding Forecast.sln, found by walking up from the working directory
/// and from the binary). Missing data is an error with the places looked in, never a silent pass.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "FORECAST_SHARED_DATA";

    public static string Folder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnvironment} is not a folder.");
        }
        var tried = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(folder.FullName, "Forecast.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "data"));
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                    tried.Add(candidate);
                    break;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"The shared data folder was not found (looked in: {string.Join(", ", tried.DefaultIfEmpty("no Forecast.sln above the working directory"))}). " +
            $"Set {EnvironmentVariable} to the folder holding m4-hourly/ and m3/.");
    }

    public static string File(params string[] parts)
    {
        var path = Path.Combine([Folder(), .. parts]);
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"Shared data file missing: {path}", path);
    }
}
