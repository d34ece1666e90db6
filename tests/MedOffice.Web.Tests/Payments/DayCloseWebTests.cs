using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Printing;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;

namespace MedOffice.Web.Tests.Payments;

public class DayCloseWebTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_biller_closes_the_day_by_form_and_sees_the_deposit_short_on_screen_and_paper(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var n = 0;
        foreach (var (amount, method, reference) in new[] { (30m, "Cash", (string?)null), (125m, "Check", "4410"), (60m, "Card", "4242 auth 1") })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{clinic.InsuredPatientId}/payments")
            {
                Content = JsonContent.Create(new { Amount = amount, Method = method, Reference = reference, Context = "CheckOut", LocationId = clinic.LocationId }),
            };
            request.Headers.Add("Idempotency-Key", $"close-{n++}");
            Assert.Equal(HttpStatusCode.Created, (await desk.SendAsync(request)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await desk.GetAsync("/payments/day-close")).StatusCode);

        var biller = await app.SignedInClientAsync(Roles.Biller);
        var url = $"/payments/day-close?location={clinic.LocationId}&date=2026-11-23";
        var (page, token) = await Antiforgery.PageWithTokenAsync(biller, url);
        Assert.Contains("<td id=\"expected-deposit\"><strong>$155.00</strong></td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>4410</td>", page, StringComparison.Ordinal);

        var closed = await biller.PostAsync("/payments/day-close", new FormUrlEncodedContent([
            new(Antiforgery.FieldName, token), new("locationId", clinic.LocationId.ToString(CultureInfo.InvariantCulture)), new("businessDate", "2026-11-23"),
            new("slipNumber", "BANK-1123"), new("depositedAmount", "$150.00")]));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var after = await biller.GetStringAsync(closed.Headers.Location!.OriginalString);
        Assert.Contains("Day closed: deposit slip BANK-1123.", after, StringComparison.Ordinal);
        Assert.Contains("short by $5.00", after, StringComparison.Ordinal);

        var pdf = await biller.GetByteArrayAsync($"/payments/day-close/report.pdf?location={clinic.LocationId}&date=2026-11-23");
        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains("Check 4410 · Marchetti, Odette", text, StringComparison.Ordinal);
        Assert.Matches(@"deposit short by\s+\$5\.00", text);
        var api = await biller.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/day-close?location={clinic.LocationId}&date=2026-11-23");
        Assert.Equal(60m, api.GetProperty("cardTotal").GetDecimal());
    }
}
