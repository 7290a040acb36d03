namespace Forecast.Clients.Tests.Infrastructure;

/// <summary>
/// The project's real data at ../shared/data beside the repository root (see its README). A test that needs it
/// and cannot find it fails with this message instead of passing.
/// </summary>
public static class SharedData
{
    public static string Path(params string[] parts)
    {
        var path = System.IO.Path.Combine([RepositoryRoot.Find(), "..", "shared", "data", .. parts]);
        return File.Exists(path)
            ? System.IO.Path.GetFullPath(path)
            : throw new FileNotFoundException($"Shared data file {path} is missing; the tests read ../shared/data next to the repository.");
    }
}

/// <summary>The repository root: the nearest parent folder of the test binaries holding Forecast.sln.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Forecast.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Forecast.sln above {AppContext.BaseDirectory}.");
    }
}
