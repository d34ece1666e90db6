using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Practice;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedOffice.Web.Tests.Patients.PatientApiTests;

namespace MedOffice.Web.Tests.Scheduling;

public class PlanningApiTests
{
    // The test app's clock stands at Monday 2026-11-23 15:00 UTC: 09:00 in Chicago (CST, UTC-6).
    private const string Today = "2026-11-23";
    private const string Tuesday = "2026-11-24";
    private const string Thursday = "2026-11-26";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Openings_come_in_local_time_with_their_resources_for_any_or_one_provider_and_part_of_the_day(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await PlanningClinic.SetUpAsync(app.NewDb, await app.SignedInClientAsync(Roles.OfficeManager), await app.SignedInClientAsync(Roles.FrontDesk));
        var clinician = await app.SignedInClientAsync(Roles.Clinician);

        var any = await clinician.GetFromJsonAsync<JsonElement>($"/api/schedule/openings?type={clinic.FollowUpId}&location={clinic.LocationId}&max=3");
        Assert.Equal("America/Chicago", any.GetProperty("timeZoneId").GetString());
        var openings = any.GetProperty("openings").EnumerateArray().ToList();
        // Now is 09:00 local; with a 20-minute visit the grid is every 10 minutes, and two providers free at once are two openings.
        Assert.Equal([$"{Today}T09:00", $"{Today}T09:00", $"{Today}T09:10"], openings.Select(o => o.GetProperty("localStart").GetString()));
        Assert.Equal(["Dr. Alvarez", "Dr. Okafor", "Dr. Alvarez"], openings.Select(o => o.GetProperty("providerName").GetString()));
        Assert.Equal($"{Today}T09:20", openings[0].GetProperty("localEnd").GetString());
        Assert.Equal($"{Today}T15:00:00Z", openings[0].GetProperty("startsAtUtc").GetString());
        Assert.Equal(["Dr. Alvarez", "Exam 1"], openings[0].GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("resourceName").GetString()));

        var okaforAfternoons = $"/api/schedule/openings?type={clinic.FollowUpId}&location={clinic.LocationId}&provider={clinic.OtherProviderId}&partOfDay=afternoon&from={Tuesday}&max=2";
        var first = (await clinic.Desk.GetFromJsonAsync<JsonElement>(okaforAfternoons)).GetProperty("openings");
        Assert.Equal([$"{Tuesday}T13:00", $"{Tuesday}T13:10"], first.EnumerateArray().Select(o => o.GetProperty("localStart").GetString()));
        Assert.All(first.EnumerateArray(), o => Assert.Equal(clinic.OtherProviderId, o.GetProperty("providerResourceId").GetInt32()));

        // Alvarez takes the only exam room at 13:00: Okafor's first afternoon opening moves to when the room is free again.
        await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T13:00");
        var after = (await clinic.Desk.GetFromJsonAsync<JsonElement>(okaforAfternoons)).GetProperty("openings");
        Assert.Equal($"{Tuesday}T13:20", after[0].GetProperty("localStart").GetString());
        var mornings = await clinic.Desk.GetFromJsonAsync<JsonElement>(
            $"/api/schedule/openings?type={clinic.FollowUpId}&location={clinic.LocationId}&provider=any&partOfDay=Morning&from={Tuesday}&max=50");
        Assert.All(mornings.GetProperty("openings").EnumerateArray(), o => Assert.True(string.CompareOrdinal(o.GetProperty("localStart").GetString()![11..], "12:00") < 0));

        var cases = new (string Field, string Query)[]
        {
            ("type", $"type=abc&location={clinic.LocationId}"),
            ("location", $"type={clinic.FollowUpId}"),
            ("partOfDay", $"type={clinic.FollowUpId}&location={clinic.LocationId}&partOfDay=Evening"),
            ("from", $"type={clinic.FollowUpId}&location={clinic.LocationId}&from=24.11.2026"),
            ("days", $"type={clinic.FollowUpId}&location={clinic.LocationId}&days=0"),
            ("max", $"type={clinic.FollowUpId}&location={clinic.LocationId}&max=1000"),
            ("type", $"type=999999&location={clinic.LocationId}"),
            ("location", $"type={clinic.FollowUpId}&location=999999"),
            ("provider", $"type={clinic.FollowUpId}&location={clinic.LocationId}&provider={clinic.RoomId}"),
        };
        foreach (var (field, query) in cases)
        {
            var refused = await clinic.Desk.GetAsync($"/api/schedule/openings?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = await ErrorsAsync(refused);
            Assert.True(errors.ContainsKey(field), $"{query}: expected an error for {field}, got {string.Join(", ", errors.Keys)}");
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_weekly_series_reports_each_occurrence_books_those_that_fit_and_is_moved_and_cancelled_by_scope(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await PlanningClinic.SetUpAsync(app.NewDb, await app.SignedInClientAsync(Roles.OfficeManager), await app.SignedInClientAsync(Roles.FrontDesk));
        // Okafor's visit holds the only exam room on Thursday at 09:00.
        await clinic.BookAsync(clinic.OtherPatientId, $"{Thursday}T09:00", clinic.OtherProviderId);
        object Series(bool requireAll) => new
        {
            clinic.PatientId, AppointmentTypeId = clinic.FollowUpId, clinic.LocationId, LocalTime = "09:00", Frequency = "weekly",
            Weekdays = new[] { "Tuesday", "Thursday" }, FirstDate = Tuesday, Count = 4, ProviderResourceId = clinic.ProviderId, RequireAll = requireAll,
        };

        var allOrNone = await clinic.Desk.PostAsJsonAsync("/api/schedule/series", Series(requireAll: true));
        Assert.Equal(HttpStatusCode.BadRequest, allOrNone.StatusCode);
        var problem = await allOrNone.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(Thursday, string.Join(" ", problem.GetProperty("errors").GetProperty("StartsAt").EnumerateArray().Select(e => e.GetString())),
            StringComparison.Ordinal);
        var refusedReport = problem.GetProperty("report");
        Assert.False(refusedReport.GetProperty("applied").GetBoolean());
        Assert.Equal(4, refusedReport.GetProperty("occurrences").GetArrayLength());
        await using (var db = app.NewDb())
        {
            Assert.Equal(1, await db.Appointments.CountAsync());
        }

        var booked = await clinic.Desk.PostAsJsonAsync("/api/schedule/series", Series(requireAll: false));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var report = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var seriesId = report.GetProperty("seriesId").GetInt32();
        Assert.Equal($"/api/schedule/series/{seriesId}", booked.Headers.Location!.OriginalString);
        Assert.True(report.GetProperty("applied").GetBoolean());
        Assert.Equal(3, report.GetProperty("done").GetInt32());
        var occurrences = report.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal([Tuesday, Thursday, "2026-12-01", "2026-12-03"], occurrences.Select(o => o.GetProperty("localDate").GetString()));
        Assert.Equal([true, false, true, true], occurrences.Select(o => o.GetProperty("succeeded").GetBoolean()));
        Assert.Contains("Exam", occurrences[1].GetProperty("conflict").GetString()!, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, occurrences[1].GetProperty("appointmentId").ValueKind);

        var read = await clinic.Desk.GetFromJsonAsync<JsonElement>($"/api/schedule/series/{seriesId}");
        Assert.Equal(["Tuesday", "Thursday"], read.GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(3, read.GetProperty("appointments").GetArrayLength());

        // From December 1st on, 11:00 instead of 09:00: the series splits, the later part is a new series continuing it.
        var december = occurrences[2].GetProperty("appointmentId").GetInt32();
        var moved = await clinic.Desk.PostAsJsonAsync($"/api/schedule/series/{seriesId}/move",
            new { AppointmentId = december, Scope = "ThisAndFollowing", NewLocalTime = "11:00" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var movedReport = await moved.Content.ReadFromJsonAsync<JsonElement>();
        var continued = movedReport.GetProperty("seriesId").GetInt32();
        Assert.NotEqual(seriesId, continued);
        Assert.Equal(["2026-12-01T11:00", "2026-12-03T11:00"], movedReport.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("localStart").GetString()));

        var refusals = new (string Url, object Body, string Field)[]
        {
            ($"/api/schedule/series/{seriesId}/cancel", new { Scope = "Everything", Reason = "x" }, "Scope"),
            ($"/api/schedule/series/{seriesId}/cancel", new { Scope = "ThisAndFollowing", Reason = "x" }, "AppointmentId"),
            ($"/api/schedule/series/{seriesId}/cancel", new { AppointmentId = december, Scope = "One", Reason = "x" }, "AppointmentId"),
            ($"/api/schedule/series/{continued}/cancel", new { Scope = "All", Reason = " " }, "Reason"),
            ($"/api/schedule/series/{continued}/move", new { Scope = "All", NewLocalTime = "11 o'clock" }, "NewLocalTime"),
        };
        foreach (var (url, body, field) in refusals)
        {
            var refused = await clinic.Desk.PostAsJsonAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ErrorsAsync(refused)).ContainsKey(field), $"{url}: expected {field}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Desk.PostAsJsonAsync("/api/schedule/series/999999/cancel", new { Scope = "All", Reason = "x" })).StatusCode);

        var cancelled = await clinic.Desk.PostAsJsonAsync($"/api/schedule/series/{continued}/cancel", new { Scope = "All", Reason = "therapy finished" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(2, (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done").GetInt32());
        await using (var db = app.NewDb())
        {
            var statuses = await db.Appointments.Where(a => a.PatientId == clinic.PatientId).OrderBy(a => a.StartsAt).Select(a => a.Status).ToListAsync();
            Assert.Equal(["Booked", "Cancelled", "Cancelled"], statuses);
        }

        var bad = await clinic.Desk.PostAsJsonAsync("/api/schedule/series", new
        {
            clinic.PatientId, AppointmentTypeId = clinic.FollowUpId, clinic.LocationId, LocalTime = "9am", Frequency = "Fortnightly", Weekdays = new[] { "Funday" },
        });
        Assert.Equal(["FirstDate", "Frequency", "LocalTime", "Weekdays"], (await ErrorsAsync(bad)).Keys.Order());
        var noEnd = await clinic.Desk.PostAsJsonAsync("/api/schedule/series", new
        {
            clinic.PatientId, AppointmentTypeId = clinic.FollowUpId, clinic.LocationId, LocalTime = "09:00", Frequency = "Weekly", FirstDate = Tuesday,
        });
        Assert.True((await ErrorsAsync(noEnd)).ContainsKey("Count"));
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsJsonAsync("/api/schedule/series", Series(requireAll: false))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/schedule/series/{seriesId}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_cancelled_slot_is_offered_to_who_fits_on_the_waitlist_and_booked_from_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await PlanningClinic.SetUpAsync(app.NewDb, await app.SignedInClientAsync(Roles.OfficeManager), await app.SignedInClientAsync(Roles.FrontDesk));
        var afternoonsOnly = await clinic.RegisterAsync("Ana", "Prieto");
        object Entry(int patientId, string part) => new
        {
            PatientId = patientId, AppointmentTypeId = clinic.FollowUpId, clinic.LocationId, EarliestDate = Today, PartOfDay = part,
        };
        async Task<int> AddAsync(int patientId, string part)
        {
            var response = await clinic.Desk.PostAsJsonAsync("/api/schedule/waitlist", Entry(patientId, part));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.Equal($"/api/schedule/waitlist/{id}", response.Headers.Location!.OriginalString);
            return id;
        }
        var owner = await AddAsync(clinic.PatientId, "Any");
        var hale = await AddAsync(clinic.OtherPatientId, "morning");
        var prieto = await AddAsync(afternoonsOnly, "Afternoon");

        var appointment = await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T09:00");
        Assert.Equal(HttpStatusCode.OK,
            (await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{appointment}/cancel", new { Reason = "moving away" })).StatusCode);

        var fits = await clinic.Desk.GetFromJsonAsync<JsonElement>($"/api/schedule/waitlist/fits?appointment={appointment}");
        Assert.Equal($"{Tuesday}T09:00", fits.GetProperty("localStart").GetString());
        // The patient who cancelled is not offered their own slot, and a morning slot does not fit an afternoons-only patient.
        var fit = Assert.Single(fits.GetProperty("fits").EnumerateArray());
        Assert.Equal(hale, fit.GetProperty("entryId").GetInt32());
        Assert.Equal("Hale, Tom", fit.GetProperty("patientName").GetString());

        var offered = await clinic.Desk.PostAsJsonAsync($"/api/schedule/waitlist/{hale}/offer", new { AppointmentId = appointment });
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        var offer = await offered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Offered", offer.GetProperty("status").GetString());
        Assert.Equal($"{Tuesday}T09:00", offer.GetProperty("offeredLocalStart").GetString());

        var booked = await clinic.Desk.PostAsJsonAsync($"/api/schedule/waitlist/{hale}/book", new { });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var visit = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(clinic.OtherPatientId, visit.GetProperty("patientId").GetInt32());
        Assert.Equal($"{Tuesday}T09:00", visit.GetProperty("localStart").GetString());
        var entry = await clinic.Desk.GetFromJsonAsync<JsonElement>($"/api/schedule/waitlist/{hale}");
        Assert.Equal("Booked", entry.GetProperty("status").GetString());
        Assert.Equal(visit.GetProperty("id").GetInt32(), entry.GetProperty("bookedAppointmentId").GetInt32());
        var again = await clinic.Desk.PostAsJsonAsync($"/api/schedule/waitlist/{hale}/book", new { });
        Assert.True((await ErrorsAsync(again)).ContainsKey("Status"));

        // The slot is gone now: booking the owner there from the waitlist is refused and leaves the entry waiting.
        var taken = await clinic.Desk.PostAsJsonAsync($"/api/schedule/waitlist/{owner}/book", new { LocalStart = $"{Tuesday}T09:00" });
        Assert.True((await ErrorsAsync(taken)).ContainsKey("StartsAt"));
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var waiting = await clinician.GetFromJsonAsync<JsonElement>($"/api/schedule/waitlist?location={clinic.LocationId}");
        Assert.Equal([owner, prieto], waiting.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.DeleteAsync($"/api/schedule/waitlist/{prieto}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await clinic.Desk.DeleteAsync($"/api/schedule/waitlist/{prieto}")).StatusCode);
        Assert.True((await ErrorsAsync(await clinic.Desk.DeleteAsync($"/api/schedule/waitlist/{prieto}"))).ContainsKey("Status"));
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Desk.DeleteAsync("/api/schedule/waitlist/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Desk.GetAsync("/api/schedule/waitlist/fits?appointment=999999")).StatusCode);
        Assert.True((await ErrorsAsync(await clinic.Desk.GetAsync("/api/schedule/waitlist/fits?appointment=abc"))).ContainsKey("appointment"));
        Assert.True((await ErrorsAsync(await clinic.Desk.PostAsJsonAsync($"/api/schedule/waitlist/{owner}/offer", new { LocalStart = "soon" }))).ContainsKey("LocalStart"));
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Desk.PostAsJsonAsync("/api/schedule/waitlist/999999/offer", new { AppointmentId = appointment })).StatusCode);
        var bad = await clinic.Desk.PostAsJsonAsync("/api/schedule/waitlist", new
        {
            PatientId = 999_999, AppointmentTypeId = clinic.FollowUpId, clinic.LocationId, EarliestDate = "tomorrow", PartOfDay = "Night",
        });
        Assert.Equal(["EarliestDate", "PartOfDay"], (await ErrorsAsync(bad)).Keys.Order());
        var unknownPatient = await clinic.Desk.PostAsJsonAsync("/api/schedule/waitlist", Entry(999_999, "Any"));
        Assert.True((await ErrorsAsync(unknownPatient)).ContainsKey("PatientId"));

        await using var db = app.NewDb();
        Assert.Equal(3, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Create && a.Category == AuditCategories.Schedule && a.Detail.StartsWith("waitlist entry")));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.Query && a.Detail.StartsWith("waitlist fits")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_waitlist_page_adds_a_patient_shows_who_fits_a_cancelled_slot_and_books_them(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await PlanningClinic.SetUpAsync(app.NewDb, await app.SignedInClientAsync(Roles.OfficeManager), await app.SignedInClientAsync(Roles.FrontDesk));
        var appointment = await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T09:00");

        var (page, token) = await Antiforgery.PageWithTokenAsync(clinic.Desk, $"/schedule/waitlist?patient={clinic.OtherPatientId}");
        Assert.Contains("Put a patient on the waitlist: Hale, Tom", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var added = await clinic.Desk.PostAsync($"/schedule/waitlist?patient={clinic.OtherPatientId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add", [Antiforgery.FieldName] = token, ["Add.PatientId"] = $"{clinic.OtherPatientId}", ["Add.AppointmentTypeId"] = $"{clinic.FollowUpId}",
            ["Add.LocationId"] = $"{clinic.LocationId}", ["Add.ProviderResourceId"] = "", ["Add.EarliestDate"] = Today, ["Add.LatestDate"] = "",
            ["Add.PartOfDay"] = "Morning", ["Add.Note"] = "any morning",
        }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("Added to the waitlist.", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK,
            (await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{appointment}/cancel", new { Reason = "sick" })).StatusCode);

        var (fitsPage, fitsToken) = await Antiforgery.PageWithTokenAsync(clinic.Desk, $"/schedule/waitlist?appointment={appointment}");
        var html = WebUtility.HtmlDecode(fitsPage);
        Assert.Contains($"{Tuesday} 09:00–09:20", html, StringComparison.Ordinal);
        Assert.Contains("Hale, Tom", html, StringComparison.Ordinal);
        int entryId;
        await using (var db = app.NewDb())
        {
            entryId = (await db.WaitlistEntries.SingleAsync()).Id;
        }
        // A clinician sees the list but cannot act on it.
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var (clinicianPage, clinicianToken) = await Antiforgery.PageWithTokenAsync(clinician, $"/schedule/waitlist?appointment={appointment}");
        Assert.DoesNotContain($"book:{entryId}", clinicianPage, StringComparison.Ordinal);
        await clinician.PostAsync($"/schedule/waitlist?appointment={appointment}", FitForm(clinicianToken, $"book:{entryId}", appointment));

        var booked = await clinic.Desk.PostAsync($"/schedule/waitlist?appointment={appointment}", FitForm(fitsToken, $"book:{entryId}", appointment));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        await using var check = app.NewDb();
        var visit = await check.Appointments.SingleAsync(a => a.Status == "Booked");
        Assert.Equal(clinic.OtherPatientId, visit.PatientId);
        Assert.Equal($"/schedule/booked/{visit.Id}", new Uri(new Uri("https://localhost/"), booked.Headers.Location!).AbsolutePath);
        Assert.Equal("Booked", (await check.WaitlistEntries.SingleAsync()).Status);
        var confirmation = WebUtility.HtmlDecode(await clinic.Desk.GetStringAsync($"/schedule/booked/{visit.Id}"));
        Assert.Contains("Tuesday 11/24/2026 at 09:00–09:20", confirmation, StringComparison.Ordinal);

        static FormUrlEncodedContent FitForm(string token, string action, int appointmentId) => new(new Dictionary<string, string>
        {
            ["_handler"] = "fit", [Antiforgery.FieldName] = token, ["FitAct.Action"] = action, ["FitAct.AppointmentId"] = $"{appointmentId}",
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_booking_page_books_a_weekly_series_and_shows_the_conflict_report(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await PlanningClinic.SetUpAsync(app.NewDb, await app.SignedInClientAsync(Roles.OfficeManager), await app.SignedInClientAsync(Roles.FrontDesk));
        await clinic.BookAsync(clinic.OtherPatientId, $"{Thursday}T09:00", clinic.OtherProviderId);
        var url = $"/schedule/book?patient={clinic.PatientId}&type={clinic.FollowUpId}&location={clinic.LocationId}";
        var (page, token) = await Antiforgery.PageWithTokenAsync(clinic.Desk, url);
        Assert.Contains("Book as a series", page, StringComparison.Ordinal);
        Assert.Equal(10, CountOf(page, "class=\"opening\""));

        var posted = await clinic.Desk.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "series", [Antiforgery.FieldName] = token, ["SeriesInput.PatientId"] = $"{clinic.PatientId}",
            ["SeriesInput.AppointmentTypeId"] = $"{clinic.FollowUpId}", ["SeriesInput.LocationId"] = $"{clinic.LocationId}",
            ["SeriesInput.ProviderResourceId"] = $"{clinic.ProviderId}", ["SeriesInput.FirstDate"] = Tuesday, ["SeriesInput.LocalTime"] = "09:00",
            ["SeriesInput.Interval"] = "1", ["SeriesInput.Tuesday"] = "true", ["SeriesInput.Thursday"] = "true", ["SeriesInput.UntilDate"] = "2026-12-03",
            ["SeriesInput.Count"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains("Series booked: 3 visits, 1 could not be booked.", html, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "occurrence-conflict"));
        Assert.Contains("Thu 11/26/2026", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(3, await db.Appointments.CountAsync(a => a.PatientId == clinic.PatientId && a.SeriesId != null));

        static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
    }
}

/// <summary>
/// A clinic set up through the API by the office manager (the location straight in the database, as the practice setup
/// does): Dr. Alvarez and Dr. Okafor and one exam room, so the room can clash, working the given days 08:00–12:00 and
/// 13:00–17:00 at Lakeview (Chicago); a 20-minute follow-up needing a provider and an exam room; two patients.
/// </summary>
public sealed class PlanningClinic
{
    public static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    public required HttpClient Desk { get; init; }
    public int LocationId { get; init; }
    public int ProviderId { get; init; }
    public int OtherProviderId { get; init; }
    public int RoomId { get; init; }
    public int FollowUpId { get; init; }
    public int PatientId { get; init; }
    public int OtherPatientId { get; init; }

    public static async Task<PlanningClinic> SetUpAsync(Func<MedOfficeDb> newDb, HttpClient manager, HttpClient desk, IReadOnlyList<string>? days = null,
        bool secondProvider = true)
    {
        int locationId;
        await using (var db = newDb())
        {
            var organization = await db.Organizations.FirstOrDefaultAsync();
            if (organization is null)
            {
                organization = new Organization { Name = "Test Family Practice" };
                db.Organizations.Add(organization);
                await db.SaveChangesAsync();
            }
            var location = new Location
            {
                OrganizationId = organization.Id, Name = "Lakeview", AddressLine1 = "1 Lake St", City = "Chicago", State = "IL", PostalCode = "60601",
                TimeZoneId = "America/Chicago",
            };
            db.Locations.Add(location);
            await db.SaveChangesAsync();
            locationId = location.Id;
        }
        async Task<int> ResourceAsync(string kind, string name, string? category)
        {
            var response = await manager.PostAsJsonAsync("/api/schedule/resources", new { Kind = kind, Name = name, Category = category, LocationId = locationId });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var week = (days ?? Weekdays).SelectMany(d => new[]
            {
                new { DayOfWeek = d, StartsAt = "08:00", EndsAt = "12:00" }, new { DayOfWeek = d, StartsAt = "13:00", EndsAt = "17:00" },
            }).ToArray();
            var hours = await manager.PutAsJsonAsync($"/api/schedule/resources/{id}/hours", new { LocationId = locationId, Hours = week });
            Assert.Equal(HttpStatusCode.OK, hours.StatusCode);
            return id;
        }
        var alvarez = await ResourceAsync("Provider", "Dr. Alvarez", null);
        var okafor = secondProvider ? await ResourceAsync("Provider", "Dr. Okafor", null) : 0;
        var room = await ResourceAsync("Room", "Exam 1", "Exam");
        var type = await manager.PostAsJsonAsync("/api/schedule/appointment-types", new
        {
            Name = "Follow-up", DurationMinutes = 20, Color = "#27ae60",
            Requirements = new object[] { new { Kind = "Provider" }, new { Kind = "Room", Category = "Exam" } },
        });
        Assert.Equal(HttpStatusCode.Created, type.StatusCode);
        var clinic = new PlanningClinic
        {
            Desk = desk, LocationId = locationId, ProviderId = alvarez, OtherProviderId = okafor, RoomId = room,
            FollowUpId = (await type.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(),
        };
        return new PlanningClinic
        {
            Desk = desk, LocationId = locationId, ProviderId = alvarez, OtherProviderId = okafor, RoomId = room, FollowUpId = clinic.FollowUpId,
            PatientId = await clinic.RegisterAsync("Rosa", "Quintero"), OtherPatientId = await clinic.RegisterAsync("Tom", "Hale"),
        };
    }

    public async Task<int> RegisterAsync(string first, string last)
    {
        var response = await Desk.PostAsJsonAsync("/api/patients?acknowledgeDuplicates=true", Patient(first, last, "1970-02-03"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public object FollowUp(int patientId, string localStart, int? provider = null) => new
    {
        PatientId = patientId, AppointmentTypeId = FollowUpId, LocationId, LocalStart = localStart, ProviderResourceId = provider ?? ProviderId,
    };

    public async Task<int> BookAsync(int patientId, string localStart, int? provider = null)
    {
        var response = await Desk.PostAsJsonAsync("/api/schedule/appointments", FollowUp(patientId, localStart, provider));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
