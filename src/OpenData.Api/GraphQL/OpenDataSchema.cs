using GraphQL.Types;
using OpenData.Api.GraphQL.Types;

namespace OpenData.Api.GraphQL;

/// <summary>The GraphQL schema: read-only (queries only), one instance for the process.</summary>
public sealed class OpenDataSchema : Schema
{
    public OpenDataSchema(IServiceProvider services) : base(services)
    {
        Description = "OpenData.Api: the French Senate's questions to the government as a linked graph. Data: Sénat (data.senat.fr), Licence Ouverte / Open Licence 2.0.";
        // Before any other type: string and id inputs follow the API's text rule under their built-in names.
        RegisterType(new CheckedStringGraphType());
        RegisterType(new CheckedIdGraphType());
        Query = services.GetRequiredService<QueryType>();
    }
}
