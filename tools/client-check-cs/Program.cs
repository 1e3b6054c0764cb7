// A typed C# client of the committed contract: the classes Kiota generates from openapi/v1.json (into Generated/, not
// committed), five endpoints read through them without a cast. Kiota types every property nullable whatever the
// contract requires (its choice), so an absent required field reads as null here and fails the check below.
//   dotnet run -- http://127.0.0.1:5080
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using OpenData.ClientCheck.Generated;
using OpenData.ClientCheck.Generated.Models;
using OpenData.ClientCheck.Generated.V1.Questions;

var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = args[0] };
var client = new OpenDataClient(adapter);
var failures = new List<string>();
void Expect(string what, bool ok) { if (!ok) failures.Add(what); }

// 1. A page of answered questions: its meta and its rows.
var questions = await client.V1.Questions.GetAsync(r => { r.QueryParameters.Limit = 5; r.QueryParameters.StatusAsGetStatusQueryParameterType = [GetStatusQueryParameterType.Answered]; });
var first = questions?.Data?.FirstOrDefault();
Expect("a page of answered questions", questions?.Meta?.Total > 0 && first?.Status == "answered");
Expect("a question's author", first?.Author?.Name is { Length: > 0 });

// 2. One question: the real one, awaiting its answer.
var question = await client.V1.Questions["SEQ240611950"].GetAsync();
Expect("the real question", question?.Id == "SEQ240611950" && question.AnsweredAt is null);

// 3. A senator and their groups.
var senator = await client.V1.Senators["08037L"].GetAsync();
Expect("a senator with groups", senator?.Id == "08037L" && senator.GroupHistory?.Count > 0 && senator.GroupHistory.All(g => g.Group?.Code is { Length: > 0 }));

// 4. Statistics per ministry.
var stats = await client.V1.Stats.Ministries.GetAsync();
Expect("statistics per ministry", stats?.Data?.Count > 0 && stats.Data.All(r => r.Questions >= r.Answered));

// 5. The dataset, and a 400 problem as the typed exception the contract describes.
var dataset = await client.V1.Dataset.GetAsync();
Expect("the dataset", dataset?.Version > 0 && dataset.Generated is not null);
try
{
    await client.V1.Questions.GetAsync(r => r.QueryParameters.Limit = 0);
    failures.Add("limit=0 was not refused");
}
catch (HttpValidationProblemDetails problem)
{
    Expect("a 400 problem naming limit", problem.ResponseStatusCode == 400 && problem.Errors?.AdditionalData.ContainsKey("limit") == true);
}

if (failures.Count > 0)
{
    Console.Error.WriteLine(string.Join('\n', failures));
    return 1;
}
Console.WriteLine("typed C# client: 5 endpoints read without casts");
return 0;
