using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Forecast.Server.Tests.Reliability;

/// <summary>
/// Finds NaN and Infinity anywhere in a response, except where the contract documents NaN
/// (analysis.proto: a Backtest's missing actuals, and accuracy metrics that are undefined).
/// </summary>
public static class FiniteResponse
{
    /// <summary>Fields documented to carry NaN (never Infinity).</summary>
    private static readonly HashSet<string> DocumentedNaN =
    [
        "forecast.v1.BacktestOrigin.actual",
        "forecast.v1.Accuracy.smape", "forecast.v1.Accuracy.mase", "forecast.v1.Accuracy.mae", "forecast.v1.Accuracy.rmse",
        "forecast.v1.IntervalScore.coverage", "forecast.v1.IntervalScore.msis",
    ];

    /// <summary>Paths of the offending values, e.g. "intervals[0].upper[3] = Infinity"; empty when all are finite.</summary>
    public static List<string> Violations(IMessage message)
    {
        var found = new List<string>();
        Walk(message, "", found);
        return found;
    }

    private static void Walk(IMessage message, string path, List<string> found)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    Check(field, item, $"{fieldPath}[{index++}]", found);
                }
            }
            else
            {
                Check(field, value, fieldPath, found);
            }
        }
    }

    private static void Check(FieldDescriptor field, object? value, string path, List<string> found)
    {
        switch (value)
        {
            case IMessage nested:
                Walk(nested, path, found);
                break;
            case double number when !double.IsFinite(number):
                if (!(double.IsNaN(number) && DocumentedNaN.Contains(field.FullName)))
                {
                    found.Add($"{path} = {number}");
                }
                break;
            case float single when !float.IsFinite(single):
                found.Add($"{path} = {single}");
                break;
        }
    }
}
