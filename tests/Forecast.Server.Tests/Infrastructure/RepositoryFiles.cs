namespace Forecast.Server.Tests.Infrastructure;

/// <summary>Files of the repository checkout the tests run from (found by walking up to Forecast.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Forecast.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Forecast.sln not found above {AppContext.BaseDirectory}.");
    }
}
