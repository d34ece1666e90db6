using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.Payments;

public class PaymentApiTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_Idempotency_Key_header_posts_once_repeats_the_answer_and_refuses_a_different_body(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var url = $"/api/patients/{clinic.InsuredPatientId}/payments";
        var body = new { Amount = 30m, Method = "Card", Reference = "last4 4242 auth 551903", Context = "CheckIn", LocationId = clinic.LocationId };

        var keyless = await desk.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Contains("Idempotency-Key", await keyless.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var first = await PostAsync(desk, url, body, "till-7-0001");
        var again = await PostAsync(desk, url, body, "till-7-0001");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var posted = await first.Content.ReadFromJsonAsync<JsonElement>();
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(posted.GetProperty("paymentId").GetInt32(), repeated.GetProperty("paymentId").GetInt32());
        Assert.Equal("R-000001", repeated.GetProperty("receiptNumber").GetString());
        Assert.True(repeated.GetProperty("replayed").GetBoolean());

        var different = await PostAsync(desk, url, body with { Amount = 40m }, "till-7-0001");
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Contains("already posted a different payment", await different.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var card = await PostAsync(desk, url, body with { Reference = "4111 1111 1111 1111" }, "till-7-0002");
        Assert.Equal(HttpStatusCode.BadRequest, card.StatusCode);
        Assert.Contains("full card number", await card.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var receipt = await desk.GetAsync(first.Headers.Location);
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType!.MediaType);
        Assert.Contains("$30.00", await PdfTools.TextAsync(await receipt.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        var account = await desk.GetFromJsonAsync<JsonElement>($"/api/patients/{clinic.InsuredPatientId}/account");
        Assert.Equal(30m, account.GetProperty("unappliedCredit").GetDecimal());

        // Refunds are the billing office's, and need a key too.
        var refundUrl = $"/api/patients/{clinic.InsuredPatientId}/refunds";
        var refund = new { Amount = 10m, Method = "Cash", Reason = "copay waived", LocationId = clinic.LocationId };
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(desk, refundUrl, refund, "refund-1")).StatusCode);
        var biller = await app.SignedInClientAsync(Roles.Biller);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(biller, refundUrl, refund, "refund-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(biller, refundUrl, refund, "refund-1")).StatusCode);
        var tooMuch = await PostAsync(biller, refundUrl, refund with { Amount = 25m }, "refund-2");
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("more than the patient's unapplied credit of $20.00", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Payments.CountAsync());
        Assert.Equal(1, await db.Refunds.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_double_submitted_payment_form_posts_once_and_shows_the_same_receipt(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var (html, token) = await Antiforgery.PageWithTokenAsync(desk, $"/patients/{clinic.InsuredPatientId}/account?amount=30.00&context=CheckIn");
        var key = System.Text.RegularExpressions.Regex.Match(html, "name=\"idempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.True(Guid.TryParse(key, out _), html);
        Assert.Contains("value=\"30.00\"", html, StringComparison.Ordinal);
        FormUrlEncodedContent Form(string reference, string? otherKey = null) => new([
            new(Antiforgery.FieldName, token), new("idempotencyKey", otherKey ?? key), new("amount", "30.00"), new("method", "Cash"), new("reference", reference),
            new("context", "CheckIn"), new("locationId", clinic.LocationId.ToString(CultureInfo.InvariantCulture))]);

        var first = await desk.PostAsync($"/patients/{clinic.InsuredPatientId}/account/payments", Form(""));
        var second = await desk.PostAsync($"/patients/{clinic.InsuredPatientId}/account/payments", Form(""));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var shown = await desk.GetStringAsync(first.Headers.Location!.OriginalString);
        Assert.Contains("Payment of $30.00 posted — receipt R-000001", shown, StringComparison.Ordinal);

        var card = await desk.PostAsync($"/patients/{clinic.InsuredPatientId}/account/payments", Form("4111111111111111", Guid.NewGuid().ToString()));
        var back = card.Headers.Location!.OriginalString;
        // The refused number is never echoed into the URL (any part of it longer than a card's last four; the URL holds a random GUID).
        Assert.DoesNotContain("41111111", back, StringComparison.Ordinal);
        Assert.DoesNotContain("11111111", back, StringComparison.Ordinal);
        Assert.Contains("full card number", await desk.GetStringAsync(back), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Payments.CountAsync());
    }

    private static Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string url, T body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
