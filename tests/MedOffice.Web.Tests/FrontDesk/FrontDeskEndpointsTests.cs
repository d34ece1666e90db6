using System.Net;
using System.Net.Http.Json;
using MedOffice.Data;
using MedOffice.FrontDesk;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Web.Tests.FrontDesk;

public class FrontDeskEndpointsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Checking_in_by_form_records_consents_shows_the_copay_and_tells_the_waiting_room_stream(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var board = await app.SignedInClientAsync(Roles.Biller);
        await using var events = await EventStream.OpenAsync(board, $"/live/waiting-room/{clinic.LocationId}");
        var (page, token) = await Antiforgery.PageWithTokenAsync(desk, $"/frontdesk?location={clinic.LocationId}");
        Assert.Contains("Copay due: <strong>$30.00</strong>", page, StringComparison.Ordinal);
        Assert.Contains("data-flag=\"PrimaryExpired\"", page, StringComparison.Ordinal);

        var response = await desk.PostAsync($"/frontdesk/appointments/{clinic.InsuredAppointmentId}/check-in", Form(token,
            ("demographicsConfirmed", "true"), ("insuranceConfirmed", "true"), ("consents", ConsentKinds.HipaaNotice), ("consents", ConsentKinds.Treatment)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/frontdesk?location={clinic.LocationId}&done={clinic.InsuredAppointmentId}&step=checked-in", response.Headers.Location!.OriginalString);
        var changed = await events.NextAsync("changed");
        Assert.Contains("\"change\":\"checked-in\"", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("Marchetti", changed, StringComparison.Ordinal);
        var after = await desk.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Odette M. checked in. Copay due: $30.00. Insurance clear.", after, StringComparison.Ordinal);
        var fragment = await board.GetStringAsync($"/frontdesk/board/fragment?location={clinic.LocationId}");
        Assert.Contains("Odette M.", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("Marchetti", fragment, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal([ConsentKinds.HipaaNotice, ConsentKinds.Treatment], await db.ConsentRecords.OrderBy(c => c.Id).Select(c => c.Kind).ToListAsync());
        var log = await db.VisitLogs.SingleAsync();
        Assert.Equal((30m, true, true), (log.CopayDue, log.DemographicsConfirmed, log.InsuranceConfirmed));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Rooming_and_checking_out_with_a_follow_up_by_form_and_the_day_api_reports_the_waits(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var (_, token) = await Antiforgery.PageWithTokenAsync(desk, $"/frontdesk?location={clinic.LocationId}");
        var id = clinic.LapsedAppointmentId;

        await PostAsync(desk, $"/frontdesk/appointments/{id}/check-in", token);
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        await PostAsync(desk, $"/frontdesk/appointments/{id}/room", token, ("roomResourceId", clinic.Exam2Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var refused = await desk.PostAsync($"/frontdesk/appointments/{id}/check-out", Form(token, ("followUpTypeId", clinic.VisitTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains("error=", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromMinutes(14));
        var checkedOut = await PostAsync(desk, $"/frontdesk/appointments/{id}/check-out", token,
            ("followUpTypeId", clinic.VisitTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("followUpDate", "2026-12-07"), ("followUpTime", "10:30"), ("followUpProviderId", ""));

        Assert.Contains("step=checked-out&followUp=", checkedOut, StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            var next = await db.Appointments.Include(a => a.Bookings).SingleAsync(a => a.StartsAt == new DateTime(2026, 12, 7, 16, 30, 0, DateTimeKind.Utc));
            Assert.Equal((clinic.LapsedPatientId, AppointmentStatuses.Booked), (next.PatientId, next.Status));
            Assert.Equal(AppointmentStatuses.CheckedOut, (await db.Appointments.SingleAsync(a => a.Id == id)).Status);
        }
        var day = await desk.GetFromJsonAsync<DayView>($"/api/frontdesk/day?location={clinic.LocationId}&date=2026-11-23");
        var visit = Assert.Single(day!.Visits, v => v.AppointmentId == id);
        Assert.Equal((VisitStage.CheckedOut, "Exam 2", 9, 23, "PrimaryExpired"), (visit.Stage, visit.RoomName, visit.WaitMinutes, visit.VisitMinutes, visit.InsuranceFlags));
        Assert.Equal("Dr. Gupta", visit.ProviderName);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync("/api/frontdesk/day?location=9999")).StatusCode);

        // The same nine minutes in the waiting-times report: on the page, in the CSV and in the API; a backwards range is refused.
        var report = await desk.GetStringAsync($"/frontdesk/waiting-times?location={clinic.LocationId}&from=2026-11-01&to=2026-11-23");
        Assert.Contains("<tr data-name=\"Dr. Gupta\"", report, StringComparison.Ordinal);
        Assert.Contains("<td data-col=\"median-wait\">9</td>", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Lapsewood", report, StringComparison.Ordinal);
        var csv = await desk.GetStringAsync($"/frontdesk/waiting-times.csv?location={clinic.LocationId}&from=2026-11-01&to=2026-11-23");
        Assert.Contains("provider,Dr. Gupta,1,1,0,0,9,9,9,9,100,,23", csv, StringComparison.Ordinal);
        var api = await desk.GetFromJsonAsync<WaitingTimesReport>($"/api/frontdesk/waiting-times?location={clinic.LocationId}&from=2026-11-23&to=2026-11-23");
        Assert.Equal((9, 23), (api!.Total.MedianWait, api.Total.MedianVisit));
        var backwards = await desk.GetAsync($"/api/frontdesk/waiting-times?location={clinic.LocationId}&from=2026-11-23&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("The last day comes before the first.", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("The last day comes before the first.",
            await desk.GetStringAsync($"/frontdesk/waiting-times?location={clinic.LocationId}&from=2026-11-23&to=2026-11-01"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_walk_in_is_found_booked_and_checked_in_and_a_biller_may_look_but_not_check_in(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var (_, token) = await Antiforgery.PageWithTokenAsync(desk, $"/frontdesk?location={clinic.LocationId}");

        var picker = await desk.GetStringAsync("/frontdesk/patients?q=wanderley");
        Assert.Contains($"name=\"patientId\" value=\"{clinic.WalkInPatientId}\"", picker, StringComparison.Ordinal);
        // Both providers are booked at 09:00: a walk-in cannot be squeezed in, and the desk is told why; at 09:20 both are free.
        var full = await desk.PostAsync("/frontdesk/walk-in", Form(token, ("locationId", clinic.LocationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("patientId", clinic.InsuredPatientId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("appointmentTypeId", clinic.VisitTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        // Twenty minutes is past the idle sign-out: the desk signs in again.
        desk = await app.SignedInClientAsync(Roles.FrontDesk);
        (_, token) = await Antiforgery.PageWithTokenAsync(desk, $"/frontdesk?location={clinic.LocationId}");
        var walkedIn = await PostAsync(desk, "/frontdesk/walk-in", token, ("locationId", clinic.LocationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("patientId", clinic.WalkInPatientId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("appointmentTypeId", clinic.VisitTypeId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("consents", ConsentKinds.FinancialPolicy));
        Assert.Contains("step=checked-in", walkedIn, StringComparison.Ordinal);
        Assert.Contains("error=A%20walk-in%20cannot%20be%20seen%20now", full.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var db = app.NewDb())
        {
            var log = await db.VisitLogs.SingleAsync();
            Assert.True(log.IsWalkIn);
            Assert.Equal(AppointmentStatuses.Arrived, (await db.Appointments.SingleAsync(a => a.Id == log.AppointmentId)).Status);
        }

        var biller = await app.SignedInClientAsync(Roles.Biller);
        var (billerPage, billerToken) = await Antiforgery.PageWithTokenAsync(biller, $"/frontdesk?location={clinic.LocationId}");
        Assert.DoesNotContain("Check in", billerPage, StringComparison.Ordinal);
        var denied = await biller.PostAsync($"/frontdesk/appointments/{clinic.InsuredAppointmentId}/check-in", Form(billerToken));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/denied", new Uri(new Uri("https://localhost/"), denied.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new(Antiforgery.FieldName, token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    /// <summary>Posts a desk form and returns where it sent the browser, failing on a refusal.</summary>
    private static async Task<string> PostAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        var response = await client.PostAsync(url, Form(token, fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.DoesNotContain("error=", location, StringComparison.Ordinal);
        return location;
    }

    private sealed record DayView(int LocationId, List<VisitRow> Visits);

    /// <summary>Reads "event:"/"data:" blocks off a text/event-stream response.</summary>
    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        public static async Task<EventStream> OpenAsync(HttpClient client, string path)
        {
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
            Assert.Equal("ready", await stream.NextAsync("listening"));
            return stream;
        }

        public async Task<string> NextAsync(string eventName)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            string? name = null;
            while (true)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The event stream ended.");
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line["event:".Length..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal) && name == eventName)
                {
                    return line["data:".Length..].Trim();
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
