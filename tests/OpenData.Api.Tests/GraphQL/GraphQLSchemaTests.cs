namespace OpenData.Api.Tests.GraphQL;

/// <summary>The committed SDL (openapi/schema.graphql) is exactly the schema the service serves.</summary>
public sealed class GraphQLSchemaTests
{
    [Fact]
    public async Task The_committed_schema_matches_the_served_one()
    {
        await using var factory = new ApiFactory(ApiFactory.UnreachableDatabase);
        var served = Normalise(await factory.CreateClient().GetStringAsync("/graphql/schema.graphql"));
        var path = Path.Combine(ContractTests.RepositoryRoot(), "openapi", "schema.graphql");

        // UPDATE_CONTRACTS=1 ./test.sh rewrites the committed file after an intended schema change.
        if (Environment.GetEnvironmentVariable("UPDATE_CONTRACTS") == "1") await File.WriteAllTextAsync(path, served);

        Assert.True(File.Exists(path), $"{path} is missing: run UPDATE_CONTRACTS=1 ./test.sh");
        Assert.Equal(Normalise(await File.ReadAllTextAsync(path)), served);
    }

    [Fact]
    public async Task Every_type_field_argument_and_enum_value_is_described()
    {
        await using var factory = new ApiFactory(ApiFactory.UnreachableDatabase);
        var sdl = await factory.CreateClient().GetStringAsync("/graphql/schema.graphql");
        var lines = sdl.Split('\n');
        var undocumented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var declares = line.Length > 0 && !line.StartsWith('"') && !line.StartsWith('}') && !line.StartsWith('#') && line != ")" && line != "query: Query";
            if (!declares) continue;
            var previous = i > 0 ? lines[i - 1].Trim() : "";
            if (!previous.EndsWith('"')) undocumented.Add(line);
        }
        Assert.Empty(undocumented);
    }

    private static string Normalise(string sdl) => sdl.Replace("\r\n", "\n").TrimEnd() + "\n";
}
