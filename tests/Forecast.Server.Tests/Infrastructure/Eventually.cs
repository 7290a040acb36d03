namespace Forecast.Server.Tests.Infrastructure;

/// <summary>Polls for a state that background work reaches (a breaker closing, calls completing).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeoutSeconds} s waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
