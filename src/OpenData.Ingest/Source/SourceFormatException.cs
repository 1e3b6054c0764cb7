namespace OpenData.Ingest.Source;

/// <summary>Bad input: the message names the file, and the table and line where they are known.</summary>
public sealed class SourceFormatException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static SourceFormatException At(string file, string? table, long line, string problem, Exception? inner = null) =>
        new($"{file}{(table is null ? "" : $", table {table}")}{(line > 0 ? $", line {line}" : "")}: {problem}", inner);
}
