namespace OpenData.Generation;

/// <summary>Sampling helpers over a seeded <see cref="Random"/> (deterministic for a given seed and call order).</summary>
internal static class RandomExtensions
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Uniform integer in [min, max] (both inclusive).</summary>
    public static int Between(this Random random, int min, int max) => random.Next(min, max + 1);

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Standard normal deviate (Box-Muller).</summary>
    public static double Normal(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal deviate with the given median and log-space spread, rounded to at least <paramref name="min"/>.</summary>
    public static int LogNormal(this Random random, double median, double sigma, int min = 1)
    {
        var value = median * Math.Exp(sigma * random.Normal());
        return Math.Max(min, (int)Math.Round(Math.Min(value, 100_000)));
    }

    /// <summary>Index drawn from cumulative weights (ascending, last = total).</summary>
    public static int Weighted(this Random random, double[] cumulative)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
            list.Add(total);
        }
        return [.. list];
    }

    public static void Shuffle<T>(this Random random, T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
