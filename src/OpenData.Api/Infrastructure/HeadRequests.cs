using Microsoft.AspNetCore.Routing;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// HEAD wherever GET: every GET endpoint of the group also answers HEAD, through the same pipeline (quota, ETags,
/// output cache), and Kestrel sends the headers without the body. The OpenAPI document lists the GET operations only.
/// </summary>
public static class HeadRequests
{
    public static RouteGroupBuilder WithHead(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is not { } methods
                || !methods.HttpMethods.Contains(HttpMethods.Get) || methods.HttpMethods.Contains(HttpMethods.Head)) return;
            endpoint.Metadata.Remove(methods);
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return group;
    }
}
