using Forecast.Contracts.V1;
using Forecast.Core.Ssa.Analysis;

namespace Forecast.Server.Grpc.Mapping;

/// <summary>DecomposeRequest -> <see cref="SsaDecompositionOptions"/>, and <see cref="SsaDecomposition"/> -> DecomposeResponse.</summary>
public static class DecomposeMapping
{
    public static SsaDecompositionOptions ToOptions(DecomposeRequest request) => new(request.WindowLength, request.Components);

    public static DecomposeResponse ToResponse(string seriesName, SsaDecomposition decomposition)
    {
        var response = new DecomposeResponse
        {
            SeriesName = seriesName,
            WindowLength = decomposition.WindowLength,
            EigenvalueShares = { decomposition.EigenvalueShares },
            SeasonalPeriod = decomposition.SeasonalPeriod,
            Trend = { decomposition.Trend },
            Seasonal = { decomposition.Seasonal },
            Residual = { decomposition.Residual },
        };
        for (var k = 0; k < decomposition.Components.Length; k++)
        {
            response.Components.Add(new Component
            {
                Index = k,
                Share = decomposition.EigenvalueShares[k],
                Values = { decomposition.Components[k] },
            });
        }
        if (decomposition.WCorrelation is { } matrix)
        {
            var size = matrix.GetLength(0);
            var wCorrelation = new SymmetricMatrix { Size = size };
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j < size; j++)
                {
                    wCorrelation.Values.Add(matrix[i, j]);
                }
            }
            response.WCorrelation = wCorrelation;
        }
        return response;
    }
}
