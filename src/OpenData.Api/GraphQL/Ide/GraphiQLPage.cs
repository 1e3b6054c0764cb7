using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Protection;
using OpenData.Api.Rest;

namespace OpenData.Api.GraphQL.Ide;

/// <summary>
/// GraphiQL at GET /graphql for browsers. Its files are served from a node_modules folder (npm install
/// --prefix tools, which run.sh and test.sh do), never from a CDN and never committed: GraphiQL 3's UMD
/// build with React 18's, which need no bundler.
/// </summary>
public sealed class GraphiQLPage(IOptions<GraphQLLimits> options, IWebHostEnvironment environment)
{
    /// <summary>The files the page loads, by the name it asks for: path under node_modules and content type.</summary>
    public static readonly IReadOnlyDictionary<string, (string Path, string ContentType)> Assets = new Dictionary<string, (string, string)>
    {
        ["react.js"] = ("react/umd/react.production.min.js", "text/javascript; charset=utf-8"),
        ["react-dom.js"] = ("react-dom/umd/react-dom.production.min.js", "text/javascript; charset=utf-8"),
        ["graphiql.js"] = ("graphiql/graphiql.min.js", "text/javascript; charset=utf-8"),
        ["graphiql.css"] = ("graphiql/graphiql.min.css", "text/css; charset=utf-8"),
    };

    private string? root;

    /// <summary>The node_modules folder holding every asset, or null when they are not installed.</summary>
    public string? Root => root ??= Locate();

    public IResult Page()
    {
        if (Root is null) return NotInstalled();
        var tabs = JsonSerializer.Serialize(IdeExamples.All.Select(e => new { query = e.Query, variables = e.Variables }));
        return Results.Content(Html.Replace("{{TABS}}", tabs.Replace("</", "<\\/", StringComparison.Ordinal), StringComparison.Ordinal), "text/html; charset=utf-8");
    }

    public IResult Asset(string name)
    {
        if (!Assets.TryGetValue(name, out var asset)) throw ApiProblemException.NotFound($"There is no IDE file '{name}'.");
        if (Root is null) return NotInstalled();
        return Results.File(Path.Combine(Root, asset.Path), asset.ContentType);
    }

    private static IResult NotInstalled() => throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "GraphiQL is not installed",
        "The in-browser IDE's files come from npm: run `npm install --prefix tools` in the repository (run.sh and test.sh do), " +
            "or set GraphQL:IdePath to a node_modules folder holding graphiql, react and react-dom. The API itself works without them.");

    private string? Locate()
    {
        var candidates = options.Value.IdePath is { Length: > 0 } configured
            ? [configured]
            : Ancestors(environment.ContentRootPath).Concat(Ancestors(AppContext.BaseDirectory)).Select(d => Path.Combine(d, "tools", "node_modules"));
        return candidates.FirstOrDefault(d => Assets.Values.All(a => File.Exists(Path.Combine(d, a.Path))));
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent) yield return directory.FullName;
    }

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>OpenData.Api — GraphiQL</title>
          <link rel="stylesheet" href="/graphql/ide/graphiql.css">
          <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
        </head>
        <body>
          <div id="graphiql">Loading GraphiQL…</div>
          <script src="/graphql/ide/react.js"></script>
          <script src="/graphql/ide/react-dom.js"></script>
          <script src="/graphql/ide/graphiql.js"></script>
          <script>
            const send = GraphiQL.createFetcher({ url: '/graphql' });
            // GraphiQL may send the operation name of the tab shown before, when a tab is run right after switching to it:
            // a name that the document does not define is dropped (a document of one operation needs none).
            const defines = (query, name) => new RegExp('\\b(query|mutation|subscription)\\s+' + name + '\\b').test(query || '');
            const fetcher = (params, options) => send(params.operationName && !defines(params.query, params.operationName)
              ? { ...params, operationName: undefined } : params, options);
            const tabs = {{TABS}};
            ReactDOM.createRoot(document.getElementById('graphiql')).render(
              React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true }));
          </script>
        </body>
        </html>
        """;
}
