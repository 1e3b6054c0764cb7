using System.Diagnostics;
using System.Globalization;

namespace OpenData.Ingest.Import;

/// <summary>
/// Progress of an import: a self-updating line on a terminal (rows, rows/s, percent of bytes), plain
/// log lines every few seconds when the output is redirected (CI, files, systemd).
/// </summary>
internal sealed class ImportProgress(TextWriter output, bool interactive)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Stopwatch stage = Stopwatch.StartNew();
    private TimeSpan lastReport;
    private string? stageName;

    public static ImportProgress For(TextWriter output) => new(output, output == Console.Out && !Console.IsOutputRedirected);

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Starts timing a table, for its rows/s.</summary>
    public void Begin(string table)
    {
        stageName = table;
        stage.Restart();
    }

    public void Rows(string table, long rows, long bytes, long totalBytes, bool done = false)
    {
        if (table != stageName) Begin(table);
        var now = clock.Elapsed;
        if (!done && now - lastReport < (interactive ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5))) return;
        lastReport = now;
        var seconds = Math.Max(stage.Elapsed.TotalSeconds, 0.001);
        var percent = totalBytes > 0 ? Math.Min(100.0, 100.0 * bytes / totalBytes) : 100.0;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {table,-22} {rows,10:N0} rows  {rows / seconds,9:N0} rows/s  {percent,5:F1}% of bytes");
        if (interactive)
        {
            output.Write(done ? $"\r{line}\n" : $"\r{line}");
            output.Flush();
        }
        else if (done || rows > 0)
        {
            output.WriteLine(line);
        }
    }

    public void Step(string message)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}"));
        lastReport = clock.Elapsed;
    }
}
