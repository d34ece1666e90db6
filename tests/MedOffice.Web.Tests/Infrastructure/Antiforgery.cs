using System.Net;
using System.Text.RegularExpressions;

namespace MedOffice.Web.Tests.Infrastructure;

/// <summary>Form posts as a browser makes them: the page first (which sets the antiforgery cookie), then its token.</summary>
public static partial class Antiforgery
{
    public const string FieldName = "__RequestVerificationToken";

    /// <summary>Loads the page and returns its HTML and the antiforgery token rendered in it.</summary>
    public static async Task<(string Html, string Token)> PageWithTokenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"{url} renders no {FieldName} input");
        return (html, WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
