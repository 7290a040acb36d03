using System.Numerics;
using Forecast.Core.LinearAlgebra;

namespace Forecast.Core.Tests.LinearAlgebra;

/// <summary>
/// y T for an upper triangular complex T: the register-blocked route against the row-by-row reference, bit for bit (the
/// readout rows of the root stabilisation are built by repeated products, so any difference would compound), and the
/// reference against a plain complex sum (tolerance 1e-13 of the sum of |y_i| |T_ik|: a few dozen roundings).
/// </summary>
public sealed class TriangularRowProductTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(30)]
    public void Multiply_SameBitsAsTheRowByRowSum(int rank)
    {
        var random = new Random(rank);
        var stride = TriangularRowProduct.PaddedStride(rank);
        var (real, imaginary) = UpperTriangular(rank, stride, random);
        // Mixed signs and magnitudes, zeros and a negative zero: the masked lanes must not change any sum's bits.
        var rowReal = Enumerable.Range(0, rank).Select(i => i % 5 == 4 ? 0.0 : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray();
        var rowImaginary = Enumerable.Range(0, rank).Select(i => i % 3 == 2 ? -0.0 : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray();
        var fastReal = new double[rank];
        var fastImaginary = new double[rank];
        var plainReal = new double[rank];
        var plainImaginary = new double[rank];

        TriangularRowProduct.Multiply(rowReal, rowImaginary, real, imaginary, rank, stride, fastReal, fastImaginary);
        TriangularRowProduct.MultiplyByRows(rowReal, rowImaginary, real, imaginary, rank, stride, plainReal, plainImaginary);

        for (var k = 0; k < rank; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(plainReal[k]), BitConverter.DoubleToInt64Bits(fastReal[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(plainImaginary[k]), BitConverter.DoubleToInt64Bits(fastImaginary[k]));
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(17)]
    public void MultiplyByRows_IsTheComplexProduct(int rank)
    {
        var random = new Random(100 + rank);
        var stride = TriangularRowProduct.PaddedStride(rank);
        var (real, imaginary) = UpperTriangular(rank, stride, random);
        var row = Enumerable.Range(0, rank).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5)).ToArray();
        var resultReal = new double[rank];
        var resultImaginary = new double[rank];

        TriangularRowProduct.Multiply(row.Select(z => z.Real).ToArray(), row.Select(z => z.Imaginary).ToArray(), real, imaginary, rank, stride,
            resultReal, resultImaginary);

        for (var k = 0; k < rank; k++)
        {
            var expected = Complex.Zero;
            var scale = 0.0;
            for (var i = 0; i <= k; i++)
            {
                var entry = new Complex(real[i * stride + k], imaginary[i * stride + k]);
                expected += row[i] * entry;
                scale += Complex.Abs(row[i]) * Complex.Abs(entry);
            }
            Assert.Equal(expected.Real, resultReal[k], 1e-13 * scale);
            Assert.Equal(expected.Imaginary, resultImaginary[k], 1e-13 * scale);
        }
    }

    [Fact]
    public void Multiply_StrideNotPadded_Throws()
    {
        var matrix = new double[5 * 5];

        Assert.Throws<ArgumentException>(() => TriangularRowProduct.Multiply(new double[5], new double[5], matrix, matrix, 5, 5, new double[5], new double[5]));
    }

    /// <summary>Random upper triangle by rows of the padded stride, zeros below the diagonal and in the padding.</summary>
    private static (double[] Real, double[] Imaginary) UpperTriangular(int rank, int stride, Random random)
    {
        var real = new double[rank * stride];
        var imaginary = new double[rank * stride];
        for (var i = 0; i < rank; i++)
        {
            for (var k = i; k < rank; k++)
            {
                real[i * stride + k] = random.NextDouble() - 0.5;
                imaginary[i * stride + k] = random.NextDouble() - 0.5;
            }
        }
        return (real, imaginary);
    }
}
