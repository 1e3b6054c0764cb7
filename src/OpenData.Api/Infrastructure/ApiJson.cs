using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenData.Api.Infrastructure;

public static class ApiJson
{
    /// <summary>camelCase, ISO dates, and French text left readable ("é", not "\u00e9").</summary>
    public static void AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Encoder = OpenData.Data.Representations.RepresentationWriter.Encoder; // the representations' too
        });
}
