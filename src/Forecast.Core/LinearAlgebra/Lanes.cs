using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Forecast.Core.LinearAlgebra;

/// <summary>
/// One vector of doubles of a fixed width, with the arithmetic the FFT's sweeps use, so a sweep is written once and
/// compiled for 256-bit (<see cref="Lanes256"/>) and 512-bit (<see cref="Lanes512"/>) vectors: the JIT compiles a
/// generic method separately for each struct argument and inlines these members, so each width gets its own code.
/// The operators are the vectors' own, lane by lane, so both widths give the same bits.
/// </summary>
internal interface ILanes<TSelf> : IAdditionOperators<TSelf, TSelf, TSelf>, ISubtractionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>, IUnaryNegationOperators<TSelf, TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    static abstract TSelf Broadcast(double value);

    static abstract TSelf Load(ref double source, nuint at);

    /// <summary>The Count values from <paramref name="at"/> in reverse order (the mirrored positions of a block).</summary>
    static abstract TSelf LoadReversed(ref double source, nuint at);

    void Store(ref double target, nuint at);

    /// <summary>Stores the lanes in reverse order from <paramref name="at"/>.</summary>
    void StoreReversed(ref double target, nuint at);
}

/// <summary>Four doubles (AVX2).</summary>
internal readonly struct Lanes256(Vector256<double> value) : ILanes<Lanes256>
{
    private readonly Vector256<double> _value = value;

    public static int Count => Vector256<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Broadcast(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref double source, nuint at) => new(Vector256.LoadUnsafe(ref source, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LoadReversed(ref double source, nuint at) => new(Avx2.Permute4x64(Vector256.LoadUnsafe(ref source, at), 0b00_01_10_11));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double target, nuint at) => _value.StoreUnsafe(ref target, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreReversed(ref double target, nuint at) => Avx2.Permute4x64(_value, 0b00_01_10_11).StoreUnsafe(ref target, at);

    public static Lanes256 operator +(Lanes256 left, Lanes256 right) => new(left._value + right._value);

    public static Lanes256 operator -(Lanes256 left, Lanes256 right) => new(left._value - right._value);

    public static Lanes256 operator *(Lanes256 left, Lanes256 right) => new(left._value * right._value);

    public static Lanes256 operator -(Lanes256 value) => new(-value._value);
}

/// <summary>Eight doubles (AVX-512).</summary>
internal readonly struct Lanes512(Vector512<double> value) : ILanes<Lanes512>
{
    private static readonly Vector512<long> Reversal = Vector512.Create(7L, 6, 5, 4, 3, 2, 1, 0);

    private readonly Vector512<double> _value = value;

    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Broadcast(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double source, nuint at) => new(Vector512.LoadUnsafe(ref source, at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LoadReversed(ref double source, nuint at) => new(Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref source, at), Reversal));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double target, nuint at) => _value.StoreUnsafe(ref target, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreReversed(ref double target, nuint at) => Avx512F.PermuteVar8x64(_value, Reversal).StoreUnsafe(ref target, at);

    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left._value + right._value);

    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left._value - right._value);

    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left._value * right._value);

    public static Lanes512 operator -(Lanes512 value) => new(-value._value);
}
