using Forecast.Server.Grpc;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Core;

namespace Forecast.Server.Tests.Reliability;

public sealed class CancellationStatusMappingTests
{
    [Fact]
    public void ToRpcException_CanceledAfterDeadline_DeadlineExceeded()
    {
        var context = new FakeCallContext(DateTime.UtcNow.AddSeconds(-1));

        Assert.Equal(StatusCode.DeadlineExceeded, StatusMapping.ToRpcException(new OperationCanceledException(), context).StatusCode);
    }

    [Fact]
    public void ToRpcException_CanceledJustBeforeDeadline_DeadlineExceeded()
    {
        // The client's own deadline timer fires first and resets the stream; the server's deadline is a little later.
        var context = new FakeCallContext(DateTime.UtcNow + StatusMapping.DeadlineSkew / 4);

        Assert.Equal(StatusCode.DeadlineExceeded, StatusMapping.ToRpcException(new TaskCanceledException(), context).StatusCode);
    }

    [Fact]
    public void ToRpcException_CanceledLongBeforeDeadline_Cancelled()
    {
        var context = new FakeCallContext(DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(StatusCode.Cancelled, StatusMapping.ToRpcException(new OperationCanceledException(), context).StatusCode);
    }

    [Fact]
    public void ToRpcException_CanceledWithoutDeadline_Cancelled()
    {
        var context = new FakeCallContext(DateTime.MaxValue);

        Assert.Equal(StatusCode.Cancelled, StatusMapping.ToRpcException(new OperationCanceledException(), context).StatusCode);
    }
}
