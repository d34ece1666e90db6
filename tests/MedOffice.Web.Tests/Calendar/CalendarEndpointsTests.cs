using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedOffice.Data;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Web.Tests.FrontDesk;
using MedOffice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MedOffice.Web.Tests.Patients.PatientApiTests;

namespace MedOffice.Web.Tests.Calendar;

/// <summary>
/// The calendar's data and drag actions over HTTP. The clinic (DeskClinic): Chicago, Dr. Ferreira and Dr. Gupta, two exam
/// rooms, everyone working 08:00–17:00 daily; Odette with Ferreira and Priya with Gupta at 09:00 today (Monday 2026-11-23).
/// </summary>
public class CalendarEndpointsTests
{
    private const string Today = "2026-11-23";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Day_and_week_place_visits_at_their_local_time_across_the_spring_forward_date(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        // Chicago springs forward on Sunday 2027-03-14: 10:00 is 16:00 UTC the day before and 15:00 UTC that day.
        var saturday = await BookAsync(app, clinic, new DateTime(2027, 3, 13, 10, 0, 0), clinic.ProviderResourceId);
        var sunday = await BookAsync(app, clinic, new DateTime(2027, 3, 14, 10, 0, 0), clinic.ProviderResourceId);
        var clinician = await app.SignedInClientAsync(Roles.Clinician);
        var auditBefore = await CalendarAuditRowsAsync(app);

        var day = await clinician.GetFromJsonAsync<JsonElement>($"/api/calendar/day?location={clinic.LocationId}&date=2027-03-14&by=provider");

        Assert.Equal("America/Chicago", day.GetProperty("timeZoneId").GetString());
        var ferreira = Column(day.GetProperty("columns"), "provider-" + clinic.ProviderResourceId);
        Assert.Equal("Dr. Ferreira", ferreira.GetProperty("title").GetString());
        var visit = Assert.Single(ferreira.GetProperty("appointments").EnumerateArray());
        Assert.Equal(sunday, visit.GetProperty("appointmentId").GetInt32());
        Assert.Equal("2027-03-14T10:00", visit.GetProperty("localStart").GetString());
        Assert.Equal("2027-03-14T10:20", visit.GetProperty("localEnd").GetString());
        Assert.Equal("2027-03-14T15:00:00Z", visit.GetProperty("startsAtUtc").GetString());
        Assert.Equal(600, visit.GetProperty("startMinute").GetInt32());
        Assert.Equal("Marchetti, Odette", visit.GetProperty("patientName").GetString());
        // Working hours shade 08:00–17:00 local on the short day too.
        var hours = Assert.Single(ferreira.GetProperty("hours").EnumerateArray());
        Assert.Equal((480, 1020), (hours.GetProperty("startMinute").GetInt32(), hours.GetProperty("endMinute").GetInt32()));
        Assert.Empty(Column(day.GetProperty("columns"), "provider-" + (await GuptaAsync(app))).GetProperty("appointments").EnumerateArray());

        var week = await clinician.GetFromJsonAsync<JsonElement>($"/api/calendar/week?location={clinic.LocationId}&date=2027-03-14&resource={clinic.ProviderResourceId}");
        Assert.Equal("2027-03-08", week.GetProperty("from").GetString());
        var placed = week.GetProperty("days").EnumerateArray()
            .SelectMany(d => d.GetProperty("appointments").EnumerateArray().Select(a => (Date: d.GetProperty("date").GetString(),
                Id: a.GetProperty("appointmentId").GetInt32(), Minute: a.GetProperty("startMinute").GetInt32(), Utc: a.GetProperty("startsAtUtc").GetString())))
            .ToList();
        Assert.Equal([("2027-03-13", saturday, 600, "2027-03-13T16:00:00Z"), ("2027-03-14", sunday, 600, "2027-03-14T15:00:00Z")], placed);

        var month = await clinician.GetFromJsonAsync<JsonElement>($"/api/calendar/month?location={clinic.LocationId}&month=2027-03");
        var counts = month.GetProperty("weeks").EnumerateArray().SelectMany(w => w.EnumerateArray())
            .Where(d => d.GetProperty("appointments").GetInt32() > 0).Select(d => d.GetProperty("date").GetString()).ToList();
        Assert.Equal(["2027-03-13", "2027-03-14"], counts);

        // Day and week name patients: one audit row each. The month shows counts only.
        Assert.Equal(auditBefore + 2, await CalendarAuditRowsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_move_into_a_taken_slot_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var gupta = await GuptaAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var before = await StateAsync(app, clinic.InsuredAppointmentId);

        var token = await TokenAsync(desk, clinic);
        var taken = await MoveAsync(desk, token, clinic.InsuredAppointmentId, new { LocalStart = $"{Today}T09:10", ProviderResourceId = gupta });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("Dr. Gupta is already booked then", Assert.Single((await ErrorsAsync(taken))["StartsAt"]), StringComparison.Ordinal);

        // Without the page's token the move is not even tried.
        var untokened = await desk.PostAsJsonAsync($"/api/calendar/appointments/{clinic.InsuredAppointmentId}/move",
            new { LocalStart = $"{Today}T11:00", ProviderResourceId = gupta });
        Assert.Equal(HttpStatusCode.BadRequest, untokened.StatusCode);
        Assert.True((await ErrorsAsync(untokened)).ContainsKey("RequestVerificationToken"));

        // A "room" that is not a room is refused before anything is tried.
        var notARoom = await MoveAsync(desk, token, clinic.InsuredAppointmentId, new { LocalStart = $"{Today}T11:00", RoomResourceId = gupta });
        Assert.Equal(HttpStatusCode.BadRequest, notARoom.StatusCode);
        Assert.Contains("is not an active room", Assert.Single((await ErrorsAsync(notARoom))["RoomResourceId"]), StringComparison.Ordinal);

        // Resizing to an end before the start, or past the longest visit, is refused in words.
        var backwards = await MoveAsync(desk, token, clinic.InsuredAppointmentId, new { LocalEnd = $"{Today}T08:40" }, "resize");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("after the start", Assert.Single((await ErrorsAsync(backwards))["LocalEnd"]), StringComparison.Ordinal);
        var tooLong = await MoveAsync(desk, token, clinic.InsuredAppointmentId, new { LocalEnd = $"{Today}T18:30" }, "resize");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("5 to 480 minutes", Assert.Single((await ErrorsAsync(tooLong))["DurationMinutes"]), StringComparison.Ordinal);

        Assert.Equal(before, await StateAsync(app, clinic.InsuredAppointmentId));
        await using var db = app.NewDb();
        Assert.False(await db.AppointmentChanges.AnyAsync(c => c.AppointmentId == clinic.InsuredAppointmentId && c.Change == "rescheduled"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_resize_and_a_move_to_another_room_are_planned_like_a_booking(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var token = await TokenAsync(desk, clinic);
        var otherRoom = await OtherRoomAsync(app, clinic);

        var resized = await MoveAsync(desk, token, clinic.InsuredAppointmentId, new { LocalEnd = $"{Today}T09:40" }, "resize");
        Assert.Equal(HttpStatusCode.OK, resized.StatusCode);
        var moved = await MoveAsync(desk, token, clinic.InsuredAppointmentId, new { LocalStart = $"{Today}T11:00", RoomResourceId = otherRoom });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        await using var db = app.NewDb();
        var appointment = await db.Appointments.AsNoTracking().Include(a => a.Bookings).SingleAsync(a => a.Id == clinic.InsuredAppointmentId);
        // 11:00 in Chicago on 2026-11-23 (CST) is 17:00 UTC; the visit kept its new 40-minute length when it moved.
        Assert.Equal(new DateTime(2026, 11, 23, 17, 0, 0), appointment.StartsAt);
        Assert.Equal(TimeSpan.FromMinutes(40), appointment.EndsAt - appointment.StartsAt);
        Assert.Contains(appointment.Bookings, b => b.IsActive && b.ResourceId == otherRoom && b.EndsAt == appointment.EndsAt);
        Assert.Equal(2, appointment.Bookings.Count(b => b.IsActive));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_move_to_a_free_slot_with_another_provider_is_made(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var gupta = await GuptaAsync(app);
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);

        var moved = await MoveAsync(desk, await TokenAsync(desk, clinic), clinic.InsuredAppointmentId, new { LocalStart = $"{Today}T10:00", ProviderResourceId = gupta });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var answer = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{Today}T10:00", answer.GetProperty("localStart").GetString());
        Assert.Contains("Dr. Gupta", answer.GetProperty("with").GetString(), StringComparison.Ordinal);
        var (startsAt, providers, _) = await StateAsync(app, clinic.InsuredAppointmentId);
        Assert.Equal(new DateTime(2026, 11, 23, 16, 0, 0), startsAt);
        Assert.Equal($"{gupta}", providers);

        var day = await desk.GetFromJsonAsync<JsonElement>($"/api/calendar/day?location={clinic.LocationId}&date={Today}");
        var inGupta = Column(day.GetProperty("columns"), "provider-" + gupta).GetProperty("appointments").EnumerateArray()
            .Select(a => (a.GetProperty("appointmentId").GetInt32(), a.GetProperty("localStart").GetString())).ToList();
        Assert.Equal([(clinic.LapsedAppointmentId, $"{Today}T09:00"), (clinic.InsuredAppointmentId, $"{Today}T10:00")], inGupta);
        Assert.Empty(Column(day.GetProperty("columns"), "provider-" + clinic.ProviderResourceId).GetProperty("appointments").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Reading_staff_see_the_calendar_but_cannot_move_visits(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await DeskClinic.CreateAsync(app);
        var clinician = await app.SignedInClientAsync(Roles.Clinician);

        var page = await clinician.GetStringAsync($"/calendar?location={clinic.LocationId}&date={Today}");
        Assert.Contains("Marchetti, Odette", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-movable=\"true\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("js/calendar.js", page, StringComparison.Ordinal);
        var refused = await clinician.PostAsJsonAsync($"/api/calendar/appointments/{clinic.InsuredAppointmentId}/move", new { LocalStart = $"{Today}T10:00" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    internal static async Task<int> BookAsync(TestApp app, DeskClinic clinic, DateTime localStart, int providerResourceId)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var booked = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(
            new BookAppointment(clinic.InsuredPatientId, clinic.VisitTypeId, clinic.LocationId, localStart, providerResourceId), Actor.System("test"));
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors));
        return booked.Value!.Id;
    }

    internal static async Task<int> GuptaAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return await db.SchedulableResources.Where(r => r.Name == "Dr. Gupta").Select(r => r.Id).SingleAsync();
    }

    /// <summary>Where a visit stands, comparable as a value: its start (UTC), its active providers, and all its active bookings.</summary>
    internal static async Task<(DateTime StartsAt, string Providers, string Bookings)> StateAsync(TestApp app, int appointmentId)
    {
        await using var db = app.NewDb();
        var appointment = await db.Appointments.AsNoTracking().Include(a => a.Bookings).SingleAsync(a => a.Id == appointmentId);
        var active = appointment.Bookings.Where(b => b.IsActive).OrderBy(b => b.ResourceId).ToList();
        var providerIds = await db.SchedulableResources.Where(r => r.Kind == ResourceKinds.Provider).Select(r => r.Id).ToListAsync();
        return (appointment.StartsAt, string.Join(",", active.Where(b => providerIds.Contains(b.ResourceId)).Select(b => b.ResourceId)),
            string.Join(";", active.Select(b => $"{b.ResourceId}@{b.StartsAt:O}-{b.EndsAt:O}")));
    }

    private static async Task<int> OtherRoomAsync(TestApp app, DeskClinic clinic)
    {
        await using var db = app.NewDb();
        var held = await db.ResourceBookings.Where(b => b.AppointmentId == clinic.InsuredAppointmentId && b.IsActive).Select(b => b.ResourceId).ToListAsync();
        return held.Contains(clinic.Exam1Id) ? clinic.Exam2Id : clinic.Exam1Id;
    }

    private static async Task<string> TokenAsync(HttpClient client, DeskClinic clinic) =>
        (await Antiforgery.PageWithTokenAsync(client, $"/calendar?location={clinic.LocationId}&date={Today}")).Token;

    private static async Task<HttpResponseMessage> MoveAsync(HttpClient client, string token, int appointmentId, object body, string action = "move")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/calendar/appointments/{appointmentId}/{action}") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static JsonElement Column(JsonElement columns, string key) => columns.EnumerateArray().Single(c => c.GetProperty("key").GetString() == key);

    private static async Task<int> CalendarAuditRowsAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return await db.AuditEvents.CountAsync(a => a.Category == AuditCategories.Schedule && a.Action == AuditActions.Query && a.Detail.StartsWith("calendar "));
    }
}
