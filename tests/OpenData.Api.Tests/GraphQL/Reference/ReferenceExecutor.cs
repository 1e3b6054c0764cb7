using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL;
using OpenData.Api.GraphQL.Types;
using OpenData.Data;
using OpenData.Data.Answers;
using OpenData.Data.Datasets;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Reference;
using OpenData.Data.Senators;
using OpenData.Data.Stats;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>The schema as the API served it before GraphQL was compiled to SQL: the same types, with resolvers.</summary>
public sealed class ReferenceSchema : Schema
{
    public ReferenceSchema(IServiceProvider services) : base(services)
    {
        Description = "OpenData.Api: the French Senate's questions to the government as a linked graph. Data: Sénat (data.senat.fr), Licence Ouverte / Open Licence 2.0.";
        RegisterType(new CheckedStringGraphType());
        RegisterType(new CheckedIdGraphType());
        Query = services.GetRequiredService<QueryType>();
    }
}

/// <summary>
/// The API's former executor, kept as a reference: GraphQL.NET resolving every field in .NET, with one batched query
/// per level (the DataLoaders), over the same query layer as REST. The compiled executor must answer exactly as it does.
/// </summary>
public sealed class ReferenceExecutor : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public ReferenceExecutor(string readerConnectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Database.CreateDataSource(readerConnectionString + ";Maximum Pool Size=4", "opendata-reference"));
        // Its subject is the answer, not its speed: a nested list read level by level on a loaded machine may take longer
        // than a request's budget (ReadLimits.Default, 10 s), which would read as a difference.
        services.AddSingleton(ReadLimits.Default with { RequestBudget = TimeSpan.FromMinutes(2) });
        services.AddOpenDataQueries();
        services.AddScoped<ReferenceReads>();
        services.AddScoped<QuestionLoader>();
        services.AddScoped<ReminderLoader>();
        services.AddScoped<EventLoader>();
        services.AddScoped<AnswerLoader>();
        services.AddScoped<SenatorLoader>();
        services.AddScoped<GroupHistoryLoader>();
        services.AddScoped<MinistryLoader>();
        services.AddScoped<ThemeLoader>();
        services.AddScoped<GroupLoader>();
        services.AddGraphQL(graphql => graphql
            .AddSchema<ReferenceSchema>()
            .AddGraphTypes(typeof(ReferenceSchema).Assembly)
            .AddGraphTypes(typeof(OpenDataSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = false));
        provider = services.BuildServiceProvider();
    }

    public ISchema Schema => provider.GetRequiredService<ReferenceSchema>();

    /// <summary>The response the former executor gives, as JSON.</summary>
    public async Task<string> ExecuteAsync(string query, Inputs? variables = null)
    {
        await using var scope = provider.CreateAsyncScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ReferenceSchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions { Query = query, Variables = variables, RequestServices = scope.ServiceProvider });
        return scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>().Serialize(result);
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
