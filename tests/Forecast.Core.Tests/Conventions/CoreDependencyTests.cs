using Forecast.Core;

namespace Forecast.Core.Tests.Conventions;

/// <summary>Core is pure numerics: it may reference the base library and nothing else.</summary>
public sealed class CoreDependencyTests
{
    [Fact]
    public void CoreAssembly_References_OnlyTheBaseLibrary()
    {
        var references = typeof(EngineVersion).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var foreign = references.Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard").ToList();

        Assert.Empty(foreign);
        Assert.DoesNotContain(references, name => name.Contains("AspNetCore", StringComparison.Ordinal) || name.Contains("Grpc", StringComparison.Ordinal));
    }
}
