using System.Text;

namespace OpenData.Api.Tests;

/// <summary>
/// A strict RFC 4180 reader for the tests: comma-separated fields, CRLF after every record, quoted fields
/// may hold commas, quotes ("") and line breaks. Anything else fails the test.
/// </summary>
public static class CsvReader
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                for (i++; ; i++)
                {
                    Assert.True(i < text.Length, "unterminated quoted field");
                    if (text[i] != '"') field.Append(text[i]);
                    else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                    else break;
                }
                i++;
                Assert.True(i == text.Length || text[i] == ',' || text[i] == '\r', "text after a closing quote");
                continue;
            }
            if (text[i] == ',') { record.Add(field.ToString()); field.Clear(); i++; continue; }
            if (text[i] == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "records end with CRLF");
                record.Add(field.ToString());
                field.Clear();
                records.Add([.. record]);
                record.Clear();
                i += 2;
                continue;
            }
            Assert.NotEqual('\n', text[i]);
            field.Append(text[i++]);
        }
        Assert.True(record.Count == 0 && field.Length == 0, "the last record ends with CRLF");
        return records;
    }
}
