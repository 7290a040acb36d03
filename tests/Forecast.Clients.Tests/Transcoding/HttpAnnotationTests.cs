using Forecast.Contracts.V1;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Forecast.Clients.Tests.Transcoding;

public sealed class HttpAnnotationTests
{
    public static TheoryData<string> UnaryMethods() =>
        [.. ForecastService.Descriptor.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(UnaryMethods))]
    public void UnaryRpc_HasPostRouteUnderV1WithWholeBody(string methodName)
    {
        var method = ForecastService.Descriptor.FindMethodByName(methodName);

        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);

        Assert.NotNull(rule);
        Assert.StartsWith("/v1/", rule.Post);
        Assert.Equal("*", rule.Body);
    }

    [Fact]
    public void StreamingRpcs_HaveNoHttpRoute()
    {
        var streaming = ForecastService.Descriptor.Methods.Where(m => m.IsClientStreaming || m.IsServerStreaming).ToList();

        Assert.Equal(["ForecastBatch", "Monitor"], streaming.Select(m => m.Name));
        Assert.All(streaming, m => Assert.Null(m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)));
    }

    [Fact]
    public void Routes_AreDistinct()
    {
        var routes = ForecastService.Descriptor.Methods
            .Select(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)?.Post)
            .OfType<string>()
            .ToList();

        Assert.Equal(5, routes.Count);
        Assert.Equal(routes.Count, routes.Distinct().Count());
    }
}
