using System.Globalization;
using OpenData.Generation;
using OpenData.Testing;

namespace OpenData.Ingest.Tests.Generation;

public sealed class CopyTextTests
{
    [Theory]
    [InlineData("sans rien de spécial", "sans rien de spécial")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("col1\tcol2", "col1\\tcol2")]
    [InlineData("ligne 1\nligne 2", "ligne 1\\nligne 2")]
    [InlineData("windows\r\nfin", "windows\\r\\nfin")]
    [InlineData("\\N", "\\\\N")]
    [InlineData("« œuvre » \"cité\" l'État", "« œuvre » \"cité\" l'État")]
    public void Text_values_are_escaped_for_copy(string value, string expected)
    {
        Assert.Equal(expected, CopyText.Escape(value));
        Assert.Equal(value, CopyDumpReader.Unescape(expected));
    }

    [Fact]
    public void A_row_separates_fields_with_tabs_writes_null_as_backslash_n_and_ends_with_lf()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var row = new CopyRowWriter(output);

        row.Number(-12).Text((string?)null).Text("a\tb").Number((long?)null).Date(Days.Of(2024, 6, 6)).Date(Days.None).Text("").EndRow();
        row.Number(1).EndRow();

        Assert.Equal("-12\t\\N\ta\\tb\t\\N\t2024-06-06 00:00:00\t\\N\t\n1\n", output.ToString());
    }

    [Fact]
    public void Dates_are_formatted_for_the_dump_and_for_the_senate_json()
    {
        var day = Days.Of(2026, 1, 9);

        Assert.Equal("2026-01-09 00:00:00", Days.Sql(day));
        Assert.Equal("2026/01/09 00:00:00", Days.Json(day));
        Assert.Equal("9 janvier 2026", Days.French(day));
        Assert.Equal(2601, Days.YearMonthCode(day));
    }
}
