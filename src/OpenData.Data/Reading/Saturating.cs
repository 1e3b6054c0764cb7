namespace OpenData.Data.Reading;

/// <summary>
/// Arithmetic on counts of work and prices that stops at <see cref="long.MaxValue"/> instead of wrapping: a query's
/// rows multiply down its nesting, and a price must never turn small by overflowing.
/// </summary>
public static class Saturating
{
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Times(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;
}
