using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;

namespace OpenData.Api.Tests;

/// <summary>
/// Text from upstream is made safe once, at import: a title holding control characters (raw, and as COPY's octal
/// escape) comes out of every output without them, and each output parses (JSON, CSV, NDJSON, Atom's XML, GraphQL).
/// </summary>
public sealed class UpstreamTextTests : IAsyncLifetime
{
    private readonly ScratchDirectory scratch = SourceFiles.Scratch();
    private TestDatabase database = null!;
    private string id = "";

    public async Task InitializeAsync()
    {
        var files = SourceFiles.Generated(300, seed: 31);
        database = await TemplateDatabases.MigratedAsync();
        var lines = (await File.ReadAllTextAsync(files.Questions.Replace(".zip", ".sql"))).Split('\n');
        var header = lines.First(l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.Contains("tam_questions (", StringComparison.Ordinal));
        var columns = header[(header.IndexOf('(') + 1)..header.IndexOf(')')].Split(',').Select(c => c.Trim()).ToList();
        var (title, reference) = (columns.IndexOf("titre"), columns.IndexOf("reference"));
        var row = Array.IndexOf(lines, header) + 1;
        var fields = lines[row].Split('\t');
        id = fields[reference];
        fields[title] = "\u0001Titre\u0007 sale\\013 à nettoyer\u007f";
        lines[row] = string.Join('\t', fields);
        var dump = scratch.File("questions.sql");
        await File.WriteAllTextAsync(dump, string.Join('\n', lines));
        await IngestTool.SucceedAsync(["import", "--connection", database.OwnerConnectionString, "--questions", dump, "--senators", files.Senators, "--groups", files.Groups!]);
    }

    public async Task DisposeAsync()
    {
        scratch.Dispose();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Every_output_holds_the_title_without_its_control_characters_and_parses()
    {
        await using var api = new ApiFactory(database.ReaderConnectionString);
        var client = api.CreateClient();
        const string clean = "Titre sale à nettoyer";

        Assert.Equal(clean, (await client.GetFromJsonAsync<JsonElement>($"/v1/questions/{id}")).GetProperty("title").GetString());
        var csv = await client.GetStringAsync("/v1/questions?format=csv&q=nettoyer");
        Assert.Contains(clean, csv);
        Assert.DoesNotContain(csv, c => char.IsControl(c) && c is not ('\r' or '\n'));
        var ndjson = await client.GetStringAsync("/v1/questions?format=ndjson&q=nettoyer");
        Assert.Contains(ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("title").GetString()), t => t == clean);
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(XmlReader.Create(await client.GetStreamAsync("/v1/questions.atom?q=nettoyer")));
        Assert.Contains(feed.Items, i => i.Title.Text == clean);
        var graphql = await client.PostAsJsonAsync("/graphql", new { query = $"{{ question(id: \"{id}\") {{ title }} }}" });
        Assert.Equal(clean, (await graphql.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("question").GetProperty("title").GetString());
    }
}
