using OpenData.Data.Paging;

namespace OpenData.Api.Tests;

/// <summary>Cursors as PostgreSQL makes them (<see cref="Keyset.CursorSql"/>) read back as the keys they were made of.</summary>
public sealed class CursorTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Theory]
    [InlineData("SEQ261011665")]
    [InlineData("Élise Saint-André-de-la-Réunion, « l'Hérault » \"quoted\" \\ back\ttab\nline")] // escaped in JSON, not ASCII
    [InlineData("a key long enough for its base64 to run past one line of 76 characters, and past a second one too, with ÿ")]
    public async Task A_cursor_made_in_sql_is_base64url_without_padding_or_line_breaks_and_decodes_to_its_keys(string text)
    {
        var keyset = new Keyset("-name", true, new KeyPart("@Text", KeyType.Text), new KeyPart("DATE '2026-10-23'", KeyType.Date));
        var cursor = await fixture.Database.ScalarAsync<string>($"SELECT {keyset.CursorSql}", new { Text = text });
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        var keys = Cursor.Decode(cursor, "-name", 2);
        Assert.NotNull(keys);
        Assert.Equal(new[] { text, "2026-10-23" }, keys);
        Assert.True(keyset.Accepts(cursor));
    }
}
