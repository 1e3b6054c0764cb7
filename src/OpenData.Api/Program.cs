using OpenData.Api.Features;
using OpenData.Api.Features.Answers;
using OpenData.Api.Features.Catalog;
using OpenData.Api.Features.Downloads;
using OpenData.Api.Features.Changes;
using OpenData.Api.Features.Mcp;
using OpenData.Api.Features.Ministries;
using OpenData.Api.Features.Questions;
using OpenData.Api.Features.Twins;
using OpenData.Api.Features.Reference;
using OpenData.Api.Features.Senators;
using OpenData.Api.Features.Stats;
using OpenData.Api.GraphQL;
using OpenData.Api.Home;
using OpenData.Api.Infrastructure;
using OpenData.Api.Protection;

var builder = WebApplication.CreateBuilder(args);

builder.AddObservability();
builder.AddHardening();
builder.AddManagementPort();
builder.AddOpenDataDatabase();
builder.Services.AddApiJson();
builder.Services.AddHttpFeatures();
builder.Services.AddHttpCaching(builder.Configuration);
builder.Services.AddApiProblems();
builder.Services.AddApiRateLimiting(builder.Configuration);
builder.Services.AddApiDocumentation();
builder.Services.AddGraphQLApi();
builder.Services.AddMcpApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddSingleton<OpenData.Api.Features.ReadinessProbe>();

var app = builder.Build();
app.UseObservability();

app.UseSecurityHeaders();
app.UseHttpFeatures();
app.UseApiProblems();
app.UseApiRateLimiting();
app.UseHttpCaching();
app.UseCompression();
app.UseDatasetRetry();
app.MapApiDocumentation();
var api = app.MapGroup("").WithHead();
api.MapHealthEndpoints();
api.MapDatasetApi();
api.MapCatalogApi();
api.MapDownloadsApi();
api.MapKeysApi();
api.MapQuestionsApi();
api.MapTwinsApi();
api.MapQuestionFeeds();
api.MapAnswersApi();
api.MapSenatorsApi();
api.MapMinistriesApi();
api.MapReferenceApi();
api.MapStatsApi();
api.MapChangesApi();
api.MapGraphQLApi();
app.MapMcpApi();
api.MapHomePage();

app.Run();

/// <summary>The API host (public so integration tests can start it).</summary>
public partial class Program;
