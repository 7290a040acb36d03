namespace Forecast.Core.Ssa;

/// <summary>
/// Vector forecasting (Golyandina et al. 2001, section 2.3.1). The operator Pi maps a lagged vector's last
/// L-1 coordinates y to the vector of the signal subspace that best continues them:
/// <code>  Pi y = ( V' (V'^T V')^-1 V'^T y ,  a^T y ),   V' = U_r without its last row </code>
/// with (V'^T V')^-1 = I + pi pi^T / (1 - nu^2). Each new lagged vector comes from the previous one; the
/// forecast is the sequence of their last coordinates. For a series of finite rank it equals the recurrent forecast.
/// </summary>
internal static class VectorForecast
{
    public static double[] Continue(ReadOnlySpan<double> reconstructed, SsaBasis basis, int rank, int horizon)
    {
        var windowLength = basis.WindowLength;
        var recurrence = LinearRecurrence.FromBasis(basis, rank);
        var coordinates = new double[rank];
        var lastRow = new double[rank];
        for (var i = 0; i < rank; i++)
        {
            lastRow[i] = basis.Vector(i)[windowLength - 1];
        }
        var scale = recurrence.Verticality < 1.0 - 1e-9 ? 1.0 / (1.0 - recurrence.Verticality) : 0.0;

        var current = reconstructed[^(windowLength - 1)..].ToArray();
        var next = new double[windowLength - 1];
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var piDotC = 0.0;
            for (var i = 0; i < rank; i++)
            {
                coordinates[i] = LinearAlgebra.VectorOps.Dot(basis.Vector(i)[..(windowLength - 1)], current);
                piDotC += lastRow[i] * coordinates[i];
            }
            forecast[h] = LinearAlgebra.VectorOps.Dot(recurrence.Coefficients, current);
            // Projected vector's coordinates 1..L-2 become the next vector's first L-2; its last is the forecast.
            Array.Clear(next);
            for (var i = 0; i < rank; i++)
            {
                var weight = coordinates[i] + lastRow[i] * piDotC * scale;
                LinearAlgebra.VectorOps.AddScaled(next, basis.Vector(i)[..(windowLength - 1)], weight);
            }
            Array.Copy(next, 1, current, 0, windowLength - 2);
            current[windowLength - 2] = forecast[h];
        }
        return forecast;
    }
}
