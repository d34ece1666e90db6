using System.Net;
using System.Net.Http.Json;
using System.Text;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace MedOffice.Web.Tests.Security;

/// <summary>
/// Deny by default, proven over every endpoint the app maps (API routes, fragments and Razor pages alike): a new endpoint
/// is covered the moment it is mapped, without anyone remembering to add it here.
/// </summary>
public class AccessTests
{
    /// <summary>What may be reached without signing in. Anything else answering an anonymous caller fails the test.</summary>
    private static readonly HashSet<string> AnonymousAllowList =
        ["GET /health", "GET /signin", "POST /signin", "GET /setup", "POST /setup", "POST /api/session",
         // Reminder links: the unguessable token is the credential; the page shows only date, time and place.
         "GET /r/{Token}", "POST /r/{Token}",
         // Calendar feeds for phones: the unguessable token is the credential, and the feed carries no patient data.
         "GET /feeds/{token}.ics"];

    // Their success ends the session, so each gets a freshly signed-in client.
    private static readonly HashSet<string> SessionEnding = ["DELETE /api/session", "POST /signout"];

    private const string SecretSurname = "Quarrington";

    // One app per provider serves every endpoint and role (a few hundred requests), so the test stays quick on both.
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_endpoint_refuses_anonymous_callers_except_the_allow_list(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mrn = await SeedPatientAsync(app);
        var endpoints = Endpoints(app);
        var problems = new List<string>();

        var anonymous = app.NewClient();
        foreach (var endpoint in endpoints)
        {
            var (response, body) = await SendAsync(anonymous, endpoint);
            if (body.Contains(SecretSurname, StringComparison.Ordinal) || body.Contains(mrn, StringComparison.Ordinal))
            {
                problems.Add($"{endpoint}: patient data in the anonymous answer ({(int)response.StatusCode})");
            }
            if (AnonymousAllowList.Contains(endpoint.Key))
            {
                if (IsChallenge(response))
                {
                    problems.Add($"{endpoint}: on the allow-list but asks for sign-in ({Describe(response)})");
                }
                continue;
            }
            var expected = endpoint.IsApi
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && LocationOf(response).StartsWith("/signin?ReturnUrl=", StringComparison.Ordinal);
            if (!expected)
            {
                problems.Add($"{endpoint}: expected {(endpoint.IsApi ? "401" : "redirect to /signin")}, got {Describe(response)}");
            }
        }

        // The allow-list must name real endpoints, or it silently allows whatever is mapped there next.
        foreach (var allowed in AnonymousAllowList.Where(a => endpoints.All(e => e.Key != a)))
        {
            problems.Add($"{allowed}: on the allow-list but not mapped");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // A sanity floor: the walk really covered the API and the pages.
        Assert.Contains(endpoints, e => e.Key == "GET /api/patients/{id:int}");
        Assert.Contains(endpoints, e => e.Key == "GET /patients/{Id:int}");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Each_role_reaches_exactly_the_endpoints_its_policies_allow(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mrn = await SeedPatientAsync(app);
        var endpoints = Endpoints(app).Where(e => !AnonymousAllowList.Contains(e.Key)).ToList();
        var problems = new List<string>();

        foreach (var endpoint in endpoints)
        {
            foreach (var policy in endpoint.Policies.Where(p => !Policies.RolesByPolicy.ContainsKey(p)))
            {
                problems.Add($"{endpoint}: policy '{policy}' is not in Policies.RolesByPolicy");
            }
        }

        foreach (var role in Roles.All)
        {
            var client = await app.SignedInClientAsync(role);
            foreach (var endpoint in endpoints.OrderBy(e => SessionEnding.Contains(e.Key)))
            {
                var caller = SessionEnding.Contains(endpoint.Key) ? await app.SignedInClientAsync(role) : client;
                var (response, body) = await SendAsync(caller, endpoint);
                var allowed = endpoint.Policies.All(p => Policies.RolesByPolicy.TryGetValue(p, out var roles) && roles.Contains(role));
                if (allowed)
                {
                    if (IsChallenge(response) || IsDenial(response) || (int)response.StatusCode >= 500)
                    {
                        problems.Add($"{role} {endpoint}: allowed by [{string.Join(",", endpoint.Policies)}] but got {Describe(response)}");
                    }
                    continue;
                }
                var denied = endpoint.IsApi
                    ? response.StatusCode == HttpStatusCode.Forbidden
                    : response.StatusCode == HttpStatusCode.Redirect && LocationOf(response).Split('?')[0] == "/denied";
                if (!denied)
                {
                    problems.Add($"{role} {endpoint}: not allowed by [{string.Join(",", endpoint.Policies)}], expected {(endpoint.IsApi ? "403" : "redirect to /denied")}, got {Describe(response)}");
                }
                if (body.Contains(SecretSurname, StringComparison.Ordinal) || body.Contains(mrn, StringComparison.Ordinal))
                {
                    problems.Add($"{role} {endpoint}: patient data in a refused answer");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private sealed record EndpointCase(string Method, string Pattern, string Url, IReadOnlyList<string> Policies, bool FormBody)
    {
        public string Key => $"{Method} {Pattern}";
        public bool IsApi => Url.StartsWith("/api/", StringComparison.Ordinal) || Url == "/api";
        public override string ToString() => Key;
    }

    /// <summary>Every route endpoint, once per HTTP method it answers, with its route parameters filled in.</summary>
    private static List<EndpointCase> Endpoints(TestApp app)
    {
        var source = app.App.Services.GetRequiredService<EndpointDataSource>();
        var cases = new List<EndpointCase>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var url = Fill(endpoint.RoutePattern);
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Where(a => a.Policy is not null).Select(a => a.Policy!).Distinct().ToList();
            Assert.True(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => string.IsNullOrEmpty(a.Roles)),
                $"{pattern} names roles directly; name a policy from Policies.RolesByPolicy instead");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared
                : [HttpMethods.Get];
            // Routing answers 415 before authorization when the body is not what the endpoint accepts: send what it takes.
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [];
            var formBody = accepts.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal)) && !accepts.Any(t => t.Contains("json", StringComparison.Ordinal));
            cases.AddRange(methods.Where(m => m != HttpMethods.Head).Select(m => new EndpointCase(m, pattern, url, policies, formBody)));
        }
        return cases.DistinctBy(c => c.Key).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    private static string Fill(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => DummyValue(parameter),
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    // Ids (and anything else) get 1, which is the seeded patient; a card side and the OpenAPI document must be real ones.
    private static string DummyValue(RoutePatternParameterPart parameter) => parameter.Name.ToLowerInvariant() switch
    {
        "side" => "front",
        "documentname" => "v1",
        _ => "1",
    };

    private static async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpClient client, EndpointCase endpoint)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
        if (endpoint.Method != HttpMethods.Get)
        {
            // An empty body is enough: a 400 means the request got past authorization.
            request.Content = endpoint.FormBody ? new MultipartFormDataContent() : JsonContent.Create(new { });
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            // A live stream never ends: its status is the answer, and closing it ends the subscription.
            response.Dispose();
            return (response, "");
        }
        return (response, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>The app asking the caller to sign in (as opposed to an endpoint's own answer, e.g. refused credentials).</summary>
    private static bool IsChallenge(HttpResponseMessage response) =>
        (response.StatusCode == HttpStatusCode.Unauthorized && response.RequestMessage!.RequestUri!.AbsolutePath != "/api/session")
        || (response.StatusCode == HttpStatusCode.Redirect && LocationOf(response).StartsWith("/signin?ReturnUrl=", StringComparison.Ordinal));

    private static bool IsDenial(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && LocationOf(response).Split('?')[0] == "/denied");

    // Challenges redirect to an absolute address, endpoints' own redirects may be relative.
    private static string LocationOf(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(new Uri("https://localhost/"), location).PathAndQuery : "";

    private static string Describe(HttpResponseMessage response) =>
        response.Headers.Location is not null ? $"{(int)response.StatusCode} to {LocationOf(response)}" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Patient 1 exists, so dummy ids reach real data: a leak would show its name or MRN.</summary>
    private static async Task<string> SeedPatientAsync(TestApp app)
    {
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var response = await desk.PostAsJsonAsync("/api/patients", new
        {
            LegalFirstName = "Zelda",
            LegalLastName = SecretSurname,
            DateOfBirth = "1971-04-05",
            SexAtBirth = "F",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<Created>();
        await using var db = app.NewDb();
        Assert.Equal(1, db.Patients.Single(p => p.Mrn == created!.Mrn).Id);
        return created!.Mrn;
    }

    private sealed record Created(int Id, string Mrn);
}
