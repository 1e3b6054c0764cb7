using System.Text.Json.Nodes;
using OpenData.Data.Graph;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>PostgreSQL's JSON layout removed, and nothing else: strings keep their spaces, escapes and line breaks.</summary>
[Collection(GraphQLCollection.Name)]
public sealed class CompactJsonTests(GraphQLFixture fixture)
{
    [Fact]
    public async Task PostgreSQLs_json_loses_its_layout_and_keeps_its_values()
    {
        var json = (await fixture.Database.QueryAsync<string>("""
            SELECT json_build_object(
                'spaces', ' a  b ', 'quote', 'say "x" : y', 'backslash', 'C:\dir\', 'lines', E'one\ntwo\r\n\tthree',
                'unicode', 'Sénat — « ok »', 'empty', '', 'nested', json_build_object('list', json_agg(x), 'null', NULL::text),
                'numbers', json_build_array(1, -2.5, 1e3), 'bool', true)::text
            FROM generate_series(1, 3) x
            """)).Single();
        Assert.Contains(" : ", json); // PostgreSQL's layout, to be removed

        var compact = Compact(json);

        Assert.Equal( // the same values in the same order
            JsonNode.Parse(json)!.ToJsonString(), JsonNode.Parse(compact)!.ToJsonString());
        Assert.Equal(json.Length - compact.Length, LayoutCharacters(json));
        Assert.Contains("\"spaces\":\" a  b \"", compact);
        Assert.Contains("\"quote\":\"say \\\"x\\\" : y\"", compact);
        Assert.Contains("\"list\":[1,2,3]", compact);

        // In place on the UTF-8 PostgreSQL sends (what the API writes), multi-byte characters kept whole.
        Assert.Contains("Sénat — « ok »", compact);
    }

    [Fact]
    public void Text_without_layout_is_returned_as_it_is()
    {
        const string json = """{"a":"b c","d":[1,2]}""";
        Assert.Equal(json, Compact(json));
        Assert.Equal("\"unterminated \\", Compact("\"unterminated \\"));
        var bytes = "{\"a\":\"b c\",\"d\":[1,2]}"u8.ToArray();
        Assert.Equal(bytes.Length, CompactJson.Of(bytes.AsSpan()));
        var unterminated = "\"unterminated \\"u8.ToArray();
        Assert.Equal(unterminated.Length, CompactJson.Of(unterminated.AsSpan()));
    }

    // CompactJson on the text's UTF-8, read back as text.
    private static string Compact(string json)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        return System.Text.Encoding.UTF8.GetString(utf8, 0, CompactJson.Of(utf8.AsSpan()));
    }

    // Whitespace outside strings, counted one character at a time.
    private static int LayoutCharacters(string json)
    {
        var count = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (char.IsWhiteSpace(c)) count++;
        }
        return count;
    }
}
