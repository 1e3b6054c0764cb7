using ModelContextProtocol.Protocol;

namespace OpenData.Api.Features.Mcp;

/// <summary>
/// The Model Context Protocol endpoint for AI assistants: <c>/mcp</c>, Streamable HTTP, stateless (no session: each
/// POST is answered on its own, so any instance behind the load balancer answers it), read-only, no key needed. Each
/// request pays its permit and each tool call the work it reads, from the caller's quota (the API's rate limiting
/// and prices, as for REST).
/// </summary>
public static class McpApi
{
    public const string Path = "/mcp";

    public static IServiceCollection AddMcpApi(this IServiceCollection services)
    {
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "opendata-senat-questions", Title = "French Senate questions (OpenData.Api)", Version = "1.0" };
                options.ServerInstructions = "Questions of French senators to the government since 1978, the ministers' answers, the senators and the ministries. "
                    + "Answers name ids and the API's URLs (relative to this server) for more: search_questions, then get_question for one whole.";
            })
            .WithHttpTransport(options => options.Stateless = true)
            .WithTools<McpTools>();
        return services;
    }

    public static IEndpointConventionBuilder MapMcpApi(this IEndpointRouteBuilder app) => app.MapMcp(Path);
}
