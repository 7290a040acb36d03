namespace Forecast.Benchmarks.Detection;

/// <summary>Finds ../shared/data (relative to the repository root) from wherever the runner starts.</summary>
internal static class SharedData
{
    public static string Folder(string name)
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Forecast.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", name));
                return Directory.Exists(folder)
                    ? folder
                    : throw new DirectoryNotFoundException($"The shared data folder {folder} is missing; see ../shared/data/README.md.");
            }
        }
        throw new DirectoryNotFoundException("Run from inside the repository: Forecast.sln was not found above the current directory.");
    }
}
