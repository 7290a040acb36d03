using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Forecast.Core.Ssa.Robust;

/// <summary>
/// Additive damped-trend exponential smoothing (Gardner and McKenzie 1985):
/// <code>
///   forecast  f_t = l_{t-1} + phi b_{t-1}
///   level     l_t = f_t + alpha e_t,      trend  b_t = phi b_{t-1} + alpha beta e_t,   e_t = y_t - f_t
///   h steps   y_{n+h} = l_n + (phi + phi^2 + ... + phi^h) b_n
/// </code>
/// The damping keeps the extrapolated trend bounded (it adds at most b phi / (1 - phi)), which is what
/// short yearly and "other" series need. alpha, beta and phi minimise the one-step squared error over a grid.
/// <para>
/// Start by backcasting (Box and Jenkins; Ledolter and Abraham 1984). A start from the first two points
/// (l = y_0, b = y_1 - y_0) is a noisy trend that a small beta hardly corrects and a phi near 1 carries for
/// decades. For every grid point the recursions run forward from that simple start, then backward in time from
/// the smoothed end state down to t = 0, and the forward pass that is scored and forecast starts from the state
/// the backward pass reaches: a start estimated from the whole series, without fitting it as two more free
/// parameters (which overfits short series). The four dampings run side by side in SIMD lanes.
/// </para>
/// </summary>
internal static class DampedTrendForecast
{
    private static readonly double[] Alphas = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99];
    // Five betas: BackcastSumsOfSquares runs one chain per beta.
    private static readonly double[] Betas = [0.01, 0.05, 0.1, 0.2, 0.4];

    /// <summary>The damping grid, one SIMD lane each: the four recursions run side by side.</summary>
    private static readonly Vector256<double> Dampings = Vector256.Create(0.8, 0.9, 0.95, 0.98);

    public static double[] Forecast(ReadOnlySpan<double> series, int horizon)
    {
        var result = new double[horizon];
        if (series.Length < 3)
        {
            Array.Fill(result, series[^1]);
            return result;
        }
        (double Sse, double Alpha, double Beta, double Phi) best = (double.MaxValue, 0.5, 0.1, 0.9);
        Span<Vector256<double>> sums = stackalloc Vector256<double>[Betas.Length];
        foreach (var alpha in Alphas)
        {
            BackcastSumsOfSquares(series, alpha, sums);
            for (var b = 0; b < Betas.Length; b++)
            {
                for (var lane = 0; lane < Vector256<double>.Count; lane++)
                {
                    if (sums[b][lane] < best.Sse)
                    {
                        best = (sums[b][lane], alpha, Betas[b], Dampings[lane]);
                    }
                }
            }
        }
        var (level0, trend0) = BackcastStart(series, best.Alpha, best.Beta, best.Phi);
        Run(series, best.Alpha, best.Beta, best.Phi, level0, trend0, out var level, out var trend);
        double damping = 0, power = 1;
        for (var h = 0; h < horizon; h++)
        {
            power *= best.Phi;
            damping += power;
            result[h] = level + damping * trend;
        }
        return result;
    }

    /// <summary>
    /// The one-step squared-error sums from the backcast start for the four dampings (SIMD lanes) and the five betas
    /// (<see cref="Betas"/>) at once: sums[b][lane]. Per lane the arithmetic is that of <see cref="BackcastStart"/> and
    /// <see cref="Run"/>. Speed (perf): one recursion is a chain of dependent multiply-adds, so a single chain waits on
    /// latency; the five betas are independent chains, interleaved in one pass, and run at the throughput of the core.
    /// </summary>
    private static void BackcastSumsOfSquares(ReadOnlySpan<double> series, double alpha, Span<Vector256<double>> sums)
    {
        var a = Vector256.Create(alpha);
        var ab0 = Vector256.Create(alpha * Betas[0]);
        var ab1 = Vector256.Create(alpha * Betas[1]);
        var ab2 = Vector256.Create(alpha * Betas[2]);
        var ab3 = Vector256.Create(alpha * Betas[3]);
        var ab4 = Vector256.Create(alpha * Betas[4]);
        var start = Vector256.Create(series[0]);
        var slope = Vector256.Create(series[1] - series[0]);
        var (l0, l1, l2, l3, l4) = (start, start, start, start, start);
        var (b0, b1, b2, b3, b4) = (slope, slope, slope, slope, slope);
        for (var t = 1; t < series.Length; t++)
        {
            var y = Vector256.Create(series[t]);
            Step(y, a, ab0, ref l0, ref b0);
            Step(y, a, ab1, ref l1, ref b1);
            Step(y, a, ab2, ref l2, ref b2);
            Step(y, a, ab3, ref l3, ref b3);
            Step(y, a, ab4, ref l4, ref b4);
        }
        Reverse(ref l0, ref b0);
        Reverse(ref l1, ref b1);
        Reverse(ref l2, ref b2);
        Reverse(ref l3, ref b3);
        Reverse(ref l4, ref b4);
        for (var t = series.Length - 1; t >= 0; t--)
        {
            var y = Vector256.Create(series[t]);
            Step(y, a, ab0, ref l0, ref b0);
            Step(y, a, ab1, ref l1, ref b1);
            Step(y, a, ab2, ref l2, ref b2);
            Step(y, a, ab3, ref l3, ref b3);
            Step(y, a, ab4, ref l4, ref b4);
        }
        Reverse(ref l0, ref b0);
        Reverse(ref l1, ref b1);
        Reverse(ref l2, ref b2);
        Reverse(ref l3, ref b3);
        Reverse(ref l4, ref b4);
        var (s0, s1, s2, s3, s4) = (Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.Zero);
        foreach (var value in series)
        {
            var y = Vector256.Create(value);
            s0 += Step(y, a, ab0, ref l0, ref b0);
            s1 += Step(y, a, ab1, ref l1, ref b1);
            s2 += Step(y, a, ab2, ref l2, ref b2);
            s3 += Step(y, a, ab3, ref l3, ref b3);
            s4 += Step(y, a, ab4, ref l4, ref b4);
        }
        (sums[0], sums[1], sums[2], sums[3], sums[4]) = (s0, s1, s2, s3, s4);
    }

    /// <summary>The turn of time at either end of the backcast: the forecast one step on, with the trend's sign flipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reverse(ref Vector256<double> level, ref Vector256<double> trend) => (level, trend) = (level + Dampings * trend, -trend);

    /// <summary>One step of the recursions in every lane; returns the squared one-step errors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Step(Vector256<double> y, Vector256<double> alpha, Vector256<double> alphaBeta, ref Vector256<double> level, ref Vector256<double> trend)
    {
        var damped = Dampings * trend;
        var error = y - (level + damped);
        level += damped + alpha * error;
        trend = damped + alphaBeta * error;
        return error * error;
    }

    /// <summary>
    /// Forward from the first two points, then backward from the smoothed end state to t = 0; the backward pass's
    /// forecast for t = -1, turned forward again (the trend changes sign in reversed time), is the start.
    /// </summary>
    private static (double Level, double Trend) BackcastStart(ReadOnlySpan<double> series, double alpha, double beta, double phi)
    {
        double level = series[0], trend = series[1] - series[0];
        for (var t = 1; t < series.Length; t++)
        {
            StepScalar(series[t], alpha, beta, phi, ref level, ref trend);
        }
        (level, trend) = (level + phi * trend, -trend);
        for (var t = series.Length - 1; t >= 0; t--)
        {
            StepScalar(series[t], alpha, beta, phi, ref level, ref trend);
        }
        return (level + phi * trend, -trend);
    }

    /// <summary>The recursions from the state (l, b) before y_0 to the end state.</summary>
    private static void Run(ReadOnlySpan<double> series, double alpha, double beta, double phi, double level0, double trend0, out double level, out double trend)
    {
        (level, trend) = (level0, trend0);
        foreach (var y in series)
        {
            StepScalar(y, alpha, beta, phi, ref level, ref trend);
        }
    }

    private static void StepScalar(double y, double alpha, double beta, double phi, ref double level, ref double trend)
    {
        var damped = phi * trend;
        var error = y - (level + damped);
        level += damped + alpha * error;
        trend = damped + alpha * beta * error;
    }
}
