using GraphQL.Types;
using OpenData.Api.GraphQL.Types;

namespace OpenData.Api.GraphQL;

/// <summary>The GraphQL schema: read-only (queries only), one instance for the process.</summary>
public sealed class OpenDataSchema : Schema
{
    public OpenDataSchema(IServiceProvider services) : base(services)
    {
        Description = "OpenData.Api: the French Senate's questions to the government as a linked graph. The data is the Senate's (data.senat.fr, " +
            "Licence Ouverte / Open Licence 2.0) when dataset { generated } is false; generated data is synthetic, not the Senate's.";
        // Before any other type: string and id inputs follow the API's text rule under their built-in names.
        RegisterType(new CheckedStringGraphType());
        RegisterType(new CheckedIdGraphType());
        Query = services.GetRequiredService<QueryType>();
        // Introspection as current tools ask for it (graphql-js's getIntrospectionQuery with every option on, GraphiQL,
        // codegen): isRepeatable on directives, includeDeprecated on arguments and input fields, specifiedByURL on types.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        RegisterVisitor(new SpecifiedByUrl());
    }

    /// <summary>
    /// <c>__Type.specifiedByURL</c> (GraphQL's October 2021 edition), which GraphQL.NET 8 lacks: null for every type, the
    /// schema's scalars being specified here (their descriptions say how); and <c>__Directive.args(includeDeprecated:)</c>.
    /// </summary>
    private sealed class SpecifiedByUrl : global::GraphQL.Utilities.BaseSchemaNodeVisitor
    {
        public override void VisitObject(IObjectGraphType type, ISchema schema)
        {
            // __Directive.args(includeDeprecated:) too, which GraphQL.NET gives only to fields' args: no directive here
            // has a deprecated argument, so the argument changes nothing but lets the query validate.
            if (type.Name == "__Directive" && type.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null)
            {
                args.Arguments ??= new QueryArguments();
                args.Arguments.Add(new QueryArgument(new BooleanGraphType()) { Name = "includeDeprecated", DefaultValue = false });
            }
            if (type.Name != "__Type" || type.HasField("specifiedByURL")) return;
            type.AddField(new FieldType
            {
                Name = "specifiedByURL",
                Description = "A URL of the specification of a custom scalar's behaviour.",
                ResolvedType = new StringGraphType(),
                Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<object?>(_ => null),
            });
        }
    }
}
