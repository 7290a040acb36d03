using System.Buffers;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// The spectra of a series' overlap-save block pairs (<see cref="BlockCorrelation"/>), kept so that a second kernel
/// over the same series (e.g. the trend after the whole fit, see <see cref="Ssa.SharedReconstruction"/>) skips the
/// forward transforms. The block layout (size, step, outputs, series length) is recorded and checked before reuse.
/// </summary>
internal sealed class SeriesBlockSpectra
{
    private double[] _spectra = [];
    private int _size;
    private int _step;
    private int _outputs;
    private int _seriesLength;
    private int _stored;

    /// <summary>Whether every block pair of this layout is stored.</summary>
    public bool Matches(int size, int step, int outputs, int seriesLength) =>
        _stored > 0 && _stored == Pairs(step, outputs) && (size, step, outputs, seriesLength) == (_size, _step, _outputs, _seriesLength);

    public void Reset(int size, int step, int outputs, int seriesLength)
    {
        (_size, _step, _outputs, _seriesLength, _stored) = (size, step, outputs, seriesLength, 0);
        var length = 2L * size * Pairs(step, outputs);
        if (_spectra.Length < length)
        {
            Release();
            _spectra = ArrayPool<double>.Shared.Rent((int)length);
        }
    }

    public void Store(int pair, ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary)
    {
        real.CopyTo(_spectra.AsSpan(2 * pair * _size, _size));
        imaginary.CopyTo(_spectra.AsSpan((2 * pair + 1) * _size, _size));
        _stored = pair + 1;
    }

    public void CopyTo(int pair, Span<double> real, Span<double> imaginary)
    {
        _spectra.AsSpan(2 * pair * _size, _size).CopyTo(real);
        _spectra.AsSpan((2 * pair + 1) * _size, _size).CopyTo(imaginary);
    }

    /// <summary>Gives the storage back to the pool; the next use starts afresh.</summary>
    public void Release()
    {
        if (_spectra.Length > 0)
        {
            ArrayPool<double>.Shared.Return(_spectra);
        }
        (_spectra, _stored) = ([], 0);
    }

    private static int Pairs(int step, int outputs) => (outputs + 2 * step - 1) / (2 * step);
}
