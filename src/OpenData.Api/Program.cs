using OpenData.Api.Features;
using OpenData.Api.Features.Questions;
using OpenData.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddOpenDataDatabase();
builder.Services.AddApiJson();
builder.Services.AddApiProblems();
builder.Services.AddApiDocumentation();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

app.UseApiProblems();
app.MapApiDocumentation();
app.MapHealthEndpoints();
app.MapDatasetApi();
app.MapQuestionsApi();

app.Run();

/// <summary>The API host (public so integration tests can start it).</summary>
public partial class Program;
