using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace OpenData.Api.Rest;

/// <summary>
/// Reads the query string against an endpoint's declared parameters. Every problem is collected (unknown
/// parameter, repeated single value, malformed value, out of range, unknown choice) and reported at once
/// as a 400 problem naming each parameter.
/// </summary>
public sealed partial class QueryBinder
{
    private readonly IQueryCollection query;
    private readonly Dictionary<string, ApiParameter> declared;
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public QueryBinder(IQueryCollection query, IEnumerable<ApiParameter> parameters)
    {
        this.query = query;
        declared = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var key in query.Keys.Where(k => !declared.ContainsKey(k)))
            Fail(key, declared.Count == 0 ? "unknown parameter; this endpoint takes no query parameters"
                : $"unknown parameter; this endpoint accepts {string.Join(", ", declared.Keys.Order(StringComparer.Ordinal))}");
    }

    public string? Text(ApiParameter parameter) => Single(parameter);

    public int? Integer(ApiParameter parameter)
    {
        var raw = Single(parameter);
        if (raw is null) return null;
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return Fail<int?>(parameter.Name, $"'{Shorten(raw)}' is not an integer");
        if (value < parameter.Minimum || value > parameter.Maximum)
            return Fail<int?>(parameter.Name, $"must be between {parameter.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {parameter.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}");
        return value;
    }

    public long? Long(ApiParameter parameter)
    {
        var raw = Single(parameter);
        if (raw is null) return null;
        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value : Fail<long?>(parameter.Name, $"'{Shorten(raw)}' is not an integer");
    }

    public bool? Boolean(ApiParameter parameter) => Single(parameter) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var raw => Fail<bool?>(parameter.Name, $"'{Shorten(raw)}' is not a boolean: use true or false"),
    };

    public DateOnly? Date(ApiParameter parameter)
    {
        var raw = Single(parameter);
        if (raw is null) return null;
        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : Fail<DateOnly?>(parameter.Name, $"'{Shorten(raw)}' is not a date: use YYYY-MM-DD");
    }

    /// <summary>Two dates bounding a range; a start after the end is a mistake (the range selects nothing), said on the start.</summary>
    public (DateOnly? From, DateOnly? To) DateRange(ApiParameter from, ApiParameter to)
    {
        var (start, end) = (Date(from), Date(to));
        if (start > end) Fail(from.Name, $"{from.Name} {start:yyyy-MM-dd} is after {to.Name} {end:yyyy-MM-dd}");
        return (start, end);
    }

    /// <summary>A date (midnight UTC) or an RFC 3339 timestamp with its offset.</summary>
    public DateTimeOffset? Timestamp(ApiParameter parameter)
    {
        var raw = Single(parameter);
        if (raw is null) return null;
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return RfcTimestamp().IsMatch(raw) && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : Fail<DateTimeOffset?>(parameter.Name, $"'{Shorten(raw)}' is neither a date (YYYY-MM-DD) nor an RFC 3339 timestamp (e.g. 2025-01-01T08:30:00Z)");
    }

    /// <summary>A choice, or the parameter's default.</summary>
    public string? Choice(ApiParameter parameter) => Choices(parameter) is [var one] ? one : parameter.Default;

    /// <summary>Every value of a repeatable choice (repeated or comma-separated), each checked against the allowed values.</summary>
    public IReadOnlyList<string> Choices(ApiParameter parameter)
    {
        var values = parameter.Repeatable ? Many(parameter) : Single(parameter) is { } one ? [one] : [];
        var unknown = values.Where(v => !parameter.Values.Contains(v, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
            return Fail<IReadOnlyList<string>>(parameter.Name, $"unknown value{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(v => $"'{Shorten(v)}'"))}; allowed: {string.Join(", ", parameter.Values)}") ?? [];
        return values.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every value of a repeatable text parameter.</summary>
    public IReadOnlyList<string> Many(ApiParameter parameter)
    {
        if (!query.TryGetValue(parameter.Name, out var values)) return [];
        var split = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (split.Any(v => v.Length == 0)) Fail(parameter.Name, "must not be empty");
        if (split.Select(TextInput.Problem).FirstOrDefault(p => p is not null) is { } problem) return Fail<IReadOnlyList<string>>(parameter.Name, problem) ?? [];
        return split.Where(v => v.Length > 0).ToList();
    }

    public void Fail(string name, string message) =>
        errors[name] = errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];

    /// <summary>Throws the 400 problem when anything was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (errors.Count > 0) throw ApiProblemException.BadRequest(errors);
    }

    private string? Single(ApiParameter parameter)
    {
        if (!query.TryGetValue(parameter.Name, out StringValues values)) return null;
        if (values.Count > 1) return Fail<string?>(parameter.Name, "given more than once");
        var value = values[0]?.Trim();
        if (string.IsNullOrEmpty(value)) return Fail<string?>(parameter.Name, "must not be empty");
        if (TextInput.Problem(value) is { } problem) return Fail<string?>(parameter.Name, problem);
        return value;
    }

    private T? Fail<T>(string name, string message)
    {
        Fail(name, message);
        return default;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RfcTimestamp();
}
