namespace OpenData.Generation;

/// <summary>Consecutive legislatures covering the whole period, the last one open (no end date).</summary>
internal static class LegislatureBuilder
{
    public static List<Legislature> Build(Random random, int periodStart)
    {
        var starts = new List<int> { Days.CurrentLegislatureStart };
        while (starts[^1] > periodStart)
        {
            var next = Days.ToDate(starts[^1]);
            // Mostly full five-year terms; now and then a dissolution cuts one short.
            var years = random.Chance(0.15) ? random.Between(2, 4) : 5;
            var start = next.AddYears(-years).AddDays(random.Between(-20, 20));
            starts.Add(start.DayNumber);
        }
        starts.Reverse();

        var count = starts.Count;
        var firstNumber = count <= 17 ? 18 - count : 1;
        var legislatures = new List<Legislature>(count);
        for (var i = 0; i < count; i++)
        {
            var end = i == count - 1 ? Days.None : starts[i + 1] - 1;
            legislatures.Add(new Legislature(firstNumber + i, starts[i], end));
        }
        return legislatures;
    }

    public static string Label(int number) =>
        number == 1 ? "1ère législature" : number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ème législature";
}
