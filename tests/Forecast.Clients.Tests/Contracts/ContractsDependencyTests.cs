using System.Text.Json;
using Forecast.Contracts;

namespace Forecast.Clients.Tests.Contracts;

public sealed class ContractsDependencyTests
{
    /// <summary>
    /// Client users install Forecast.Contracts; it must not drag the ASP.NET Core server stack in with it. The test
    /// host's deps.json records the package dependencies the Contracts project resolved, exactly as NuGet would pack them.
    /// </summary>
    [Fact]
    public void ContractsProject_DependsOnClientPackagesOnly()
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, "Forecast.Clients.Tests.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var contracts = target.EnumerateObject().Single(library => library.Name.StartsWith("Forecast.Contracts/", StringComparison.Ordinal)).Value;

        var dependencies = contracts.GetProperty("dependencies").EnumerateObject().Select(dependency => dependency.Name).ToList();

        Assert.Contains("Grpc.Net.ClientFactory", dependencies);
        Assert.DoesNotContain(dependencies, name => name.Contains("AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(typeof(SeriesBuilder).Assembly.GetReferencedAssemblies(), name => name.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
