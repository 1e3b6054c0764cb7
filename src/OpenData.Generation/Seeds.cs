using System.Globalization;

namespace OpenData.Generation;

/// <summary>Independent, reproducible random streams and identifiers derived from the user's seed.</summary>
internal static class Seeds
{
    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit value from any input.</summary>
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>A seed for the given stream (texts, answers, one common answer...).</summary>
    public static int Derive(int seed, long stream) => (int)(Mix(((ulong)(uint)seed << 32) ^ Mix((ulong)stream)) & 0x7FFF_FFFF);

    /// <summary>A version-4-shaped UUID that depends only on the seed and the question index.</summary>
    public static string Uuid(int seed, int index)
    {
        var high = Mix(((ulong)(uint)seed << 32) ^ (uint)index ^ 0x5555_0000_0000_0000UL);
        var low = Mix(high ^ 0xA5A5_A5A5_A5A5_A5A5UL);
        high = (high & 0xFFFF_FFFF_FFFF_0FFFUL) | 0x0000_0000_0000_4000UL;
        low = (low & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL;
        var h = high.ToString("x16", CultureInfo.InvariantCulture);
        var l = low.ToString("x16", CultureInfo.InvariantCulture);
        return $"{h[..8]}-{h[8..12]}-{h[12..]}-{l[..4]}-{l[4..]}";
    }

    /// <summary>The 63-character key of pg_dump's <c>\restrict</c> line.</summary>
    public static string RestrictKey(int seed)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(Derive(seed, 3));
        return string.Create(63, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }
}
