namespace OpenData.Generation;

/// <summary>Dates are carried as <see cref="DateOnly.DayNumber"/> ints: compact, and formatted without culture.</summary>
internal static class Days
{
    /// <summary>"No date" (day 0 is 0001-01-01, never generated).</summary>
    public const int None = 0;

    /// <summary>Last publication day of the generated period: before 2026-11-01, so awaiting questions are both recent and overdue.</summary>
    public static readonly int LastDay = new DateOnly(2026, 10, 30).DayNumber;

    /// <summary>Start of the current (open) legislature.</summary>
    public static readonly int CurrentLegislatureStart = new DateOnly(2024, 7, 18).DayNumber;

    public static int Of(int year, int month, int day) => new DateOnly(year, month, day).DayNumber;

    public static DateOnly ToDate(int day) => DateOnly.FromDayNumber(day);

    public static int Year(int day) => DateOnly.FromDayNumber(day).Year;

    /// <summary>Writes <c>yyyy-MM-dd 00:00:00</c> (pg_dump) or <c>yyyy/MM/dd 00:00:00</c> (Senate JSON); returns 19.</summary>
    public static int Format(Span<char> destination, int day, char separator)
    {
        var date = DateOnly.FromDayNumber(day);
        WriteDigits(destination[..4], date.Year);
        destination[4] = separator;
        WriteDigits(destination.Slice(5, 2), date.Month);
        destination[7] = separator;
        WriteDigits(destination.Slice(8, 2), date.Day);
        " 00:00:00".AsSpan().CopyTo(destination[10..]);
        return 19;
    }

    public static string Sql(int day)
    {
        Span<char> buffer = stackalloc char[19];
        Format(buffer, day, '-');
        return new string(buffer);
    }

    public static string Json(int day)
    {
        Span<char> buffer = stackalloc char[19];
        Format(buffer, day, '/');
        return new string(buffer);
    }

    /// <summary>French long date for texts, e.g. "6 juin 2024".</summary>
    public static string French(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        var dayText = date.Day == 1 ? "1er" : date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(dayText, " ", MonthNames[date.Month - 1], " ", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The yymm part of a Senate reference.</summary>
    public static int YearMonthCode(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return (date.Year % 100) * 100 + date.Month;
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    private static readonly string[] MonthNames =
    [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ];
}
