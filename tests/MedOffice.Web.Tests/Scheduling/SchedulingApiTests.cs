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

public class SchedulingApiTests
{
    // The test app's clock stands at Monday 2026-11-23 15:00 UTC. Chicago is on CST (UTC-6) then: Tuesday 09:00 local is 15:00 UTC.
    private const string Tuesday = "2026-11-24";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_manager_sets_up_the_front_desk_books_and_the_appointment_reads_back_in_local_and_UTC_time(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);

        var response = await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments", clinic.FollowUp(clinic.PatientId, $"{Tuesday}T09:00", note: "knee"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booked = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = booked.GetProperty("id").GetInt32();
        Assert.Equal($"/api/schedule/appointments/{id}", response.Headers.Location!.OriginalString);
        var read = await clinic.Desk.GetFromJsonAsync<JsonElement>($"/api/schedule/appointments/{id}");
        Assert.Equal("Booked", read.GetProperty("status").GetString());
        Assert.Equal($"{Tuesday}T09:00", read.GetProperty("localStart").GetString());
        Assert.Equal($"{Tuesday}T09:20", read.GetProperty("localEnd").GetString());
        Assert.Equal($"{Tuesday}T15:00:00Z", read.GetProperty("startsAtUtc").GetString());
        Assert.Equal("America/Chicago", read.GetProperty("timeZoneId").GetString());
        Assert.Equal("Follow-up", read.GetProperty("appointmentType").GetString());
        Assert.Equal("knee", read.GetProperty("note").GetString());
        Assert.Equal(["Dr. Alvarez", "Exam 1"], read.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("resourceName").GetString()));
        var history = Assert.Single(read.GetProperty("history").EnumerateArray());
        Assert.Equal("booked", history.GetProperty("change").GetString());
        Assert.Equal(TestApp.UserFor(Roles.FrontDesk), history.GetProperty("userName").GetString());

        await using var db = app.NewDb();
        var trail = await db.AuditEvents.Where(a => a.PatientId == clinic.PatientId && a.Category == AuditCategories.Schedule).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditActions.Create, AuditActions.Read], trail.Select(a => a.Action));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_taken_slot_and_bad_input_are_refused_as_validation_problems_naming_the_field(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        Assert.Equal(HttpStatusCode.Created,
            (await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments", clinic.FollowUp(clinic.PatientId, $"{Tuesday}T09:00"))).StatusCode);

        var taken = await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments", clinic.FollowUp(clinic.OtherPatientId, $"{Tuesday}T09:10"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("Dr. Alvarez is already booked", Assert.Single((await ErrorsAsync(taken))["StartsAt"]), StringComparison.Ordinal);

        var cases = new (string Field, object Body)[]
        {
            ("LocalStart", clinic.FollowUp(clinic.OtherPatientId, "24/11/2026 09:00")),
            ("StartsAt", clinic.FollowUp(clinic.OtherPatientId, $"{Tuesday}T12:30")),
            ("StartsAt", clinic.FollowUp(clinic.OtherPatientId, "2026-11-20T09:00")),
            ("PatientId", clinic.FollowUp(999_999, $"{Tuesday}T10:00")),
            ("ProviderResourceId", clinic.FollowUp(clinic.OtherPatientId, $"{Tuesday}T10:00", provider: clinic.RoomId)),
            ("AppointmentTypeId", new { clinic.PatientId, AppointmentTypeId = 999_999, clinic.LocationId, LocalStart = $"{Tuesday}T10:00" }),
        };
        foreach (var (field, body) in cases)
        {
            var refused = await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = await ErrorsAsync(refused);
            Assert.True(errors.ContainsKey(field), $"expected an error for {field}, got {string.Join(", ", errors.Keys)}");
        }
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Appointments.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cancelling_needs_a_reason_and_frees_the_slot(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        var id = await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T09:00");

        var noReason = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/cancel", new { Reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await ErrorsAsync(noReason)).ContainsKey("Reason"));

        var cancelled = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/cancel", new { Reason = "patient is travelling" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var view = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cancelled", view.GetProperty("status").GetString());
        Assert.Equal("patient is travelling", view.GetProperty("cancelReason").GetString());
        Assert.All(view.GetProperty("bookings").EnumerateArray(), b => Assert.False(b.GetProperty("isActive").GetBoolean()));

        await clinic.BookAsync(clinic.OtherPatientId, $"{Tuesday}T09:00");
        var again = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/cancel", new { Reason = "twice" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await ErrorsAsync(again)).ContainsKey("Status"));
        Assert.Equal(HttpStatusCode.NotFound,
            (await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments/999999/cancel", new { Reason = "gone" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Desk.GetAsync("/api/schedule/appointments/999999")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_visit_is_rescheduled_then_goes_arrived_roomed_checked_out_and_its_history_says_so(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        var id = await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T09:00");
        var blocker = await clinic.BookAsync(clinic.OtherPatientId, $"{Tuesday}T10:00");

        var clash = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/reschedule", new { LocalStart = $"{Tuesday}T10:10" });
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.True((await ErrorsAsync(clash)).ContainsKey("StartsAt"));
        var moved = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/reschedule",
            new { LocalStart = $"{Tuesday}T14:00", ProviderResourceId = clinic.OtherProviderId });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var view = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{Tuesday}T14:00", view.GetProperty("localStart").GetString());
        Assert.Equal("Dr. Okafor", view.GetProperty("bookings")[0].GetProperty("resourceName").GetString());

        var wrongOrder = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/status", new { Status = "Roomed" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongOrder.StatusCode);
        Assert.True((await ErrorsAsync(wrongOrder)).ContainsKey("Status"));
        var notAStatus = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/status", new { Status = "Cancelled" });
        Assert.Equal(HttpStatusCode.BadRequest, notAStatus.StatusCode);
        foreach (var status in new[] { "Arrived", "Roomed", "CheckedOut" })
        {
            var next = await clinic.Desk.PostAsJsonAsync($"/api/schedule/appointments/{id}/status", new { Status = status });
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            Assert.Equal(status, (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
        // Tuesday 11:00 in Chicago: the 10:00 visit never came.
        app.Clock.Advance(TimeSpan.FromHours(26));
        var desk = await app.SignedInClientAsync(Roles.FrontDesk);
        var noShow = await desk.PostAsync($"/api/schedule/appointments/{blocker}/no-show", null);
        Assert.Equal(HttpStatusCode.OK, noShow.StatusCode);
        Assert.Equal("NoShow", (await noShow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var read = await desk.GetFromJsonAsync<JsonElement>($"/api/schedule/appointments/{id}");
        Assert.Equal(["booked", "rescheduled", "arrived", "roomed", "checkedout"],
            read.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("change").GetString()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_day_list_shows_that_local_day_in_local_times_and_filters_by_resource(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T16:40");
        await clinic.BookAsync(clinic.OtherPatientId, $"{Tuesday}T08:00", clinic.OtherProviderId);
        // 08:00 on Wednesday in Chicago is 14:00 UTC Wednesday; 16:40 Tuesday is 22:40 UTC Tuesday: both sides of the day line.
        await clinic.BookAsync(clinic.PatientId, "2026-11-25T08:00");

        var day = await clinic.Clinician.GetFromJsonAsync<JsonElement>($"/api/schedule/day?location={clinic.LocationId}&date={Tuesday}");
        var rows = day.GetProperty("appointments").EnumerateArray().ToList();
        Assert.Equal([$"{Tuesday}T08:00", $"{Tuesday}T16:40"], rows.Select(r => r.GetProperty("localStart").GetString()));
        Assert.Equal($"{Tuesday}T22:40:00Z", rows[1].GetProperty("startsAtUtc").GetString());
        Assert.Equal("Quintero, Rosa", rows[1].GetProperty("patientName").GetString());
        Assert.Equal("Follow-up", rows[1].GetProperty("appointmentType").GetString());
        Assert.Equal("Booked", rows[1].GetProperty("status").GetString());
        Assert.Equal(["Dr. Alvarez", "Exam 1"], rows[1].GetProperty("resources").EnumerateArray().Select(b => b.GetProperty("resourceName").GetString()));

        var okafor = await clinic.Clinician.GetFromJsonAsync<JsonElement>(
            $"/api/schedule/day?location={clinic.LocationId}&date={Tuesday}&resource={clinic.OtherProviderId}");
        Assert.Equal("Hale, Tom", Assert.Single(okafor.GetProperty("appointments").EnumerateArray()).GetProperty("patientName").GetString());

        var bad = await clinic.Clinician.GetAsync($"/api/schedule/day?location={clinic.LocationId}&date=24.11.2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ErrorsAsync(bad)).ContainsKey("date"));
        await using var db = app.NewDb();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Query && a.Category == AuditCategories.Schedule));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_clinician_reads_the_schedule_but_cannot_book_and_the_front_desk_cannot_change_the_setup(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        var id = await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T09:00");

        Assert.Equal(HttpStatusCode.OK, (await clinic.Clinician.GetAsync($"/api/schedule/appointments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinic.Clinician.GetAsync("/api/schedule/resources")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await clinic.Clinician.PostAsJsonAsync("/api/schedule/appointments", clinic.FollowUp(clinic.OtherPatientId, $"{Tuesday}T10:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await clinic.Clinician.PostAsJsonAsync($"/api/schedule/appointments/{id}/cancel", new { Reason = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await clinic.Desk.PostAsJsonAsync("/api/schedule/resources", new { Kind = "Room", Name = "Exam 9", clinic.LocationId })).StatusCode);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Appointments.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Weekly_hours_are_checked_and_blocks_in_local_time_keep_bookings_out(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        var hours = $"/api/schedule/resources/{clinic.ProviderId}/hours";

        var overlapping = await clinic.Manager.PutAsJsonAsync(hours, new
        {
            clinic.LocationId,
            Hours = new[] { Span("Monday", "08:00", "12:00"), Span("Monday", "11:00", "15:00"), Span("Tuesday", "13:00", "09:00"), Span("Funday", "8", "9") },
        });
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        var errors = await ErrorsAsync(overlapping);
        Assert.Contains("overlaps", Assert.Single(errors["Hours[1].StartsAt"]), StringComparison.Ordinal);
        Assert.Contains("after the start", Assert.Single(errors["Hours[2].EndsAt"]), StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("Hours[3].DayOfWeek") && errors.ContainsKey("Hours[3].StartsAt"));
        Assert.Equal(10, (await clinic.Manager.GetFromJsonAsync<JsonElement>(hours)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Manager.PutAsJsonAsync("/api/schedule/resources/999999/hours",
            new { clinic.LocationId, Hours = Array.Empty<object>() })).StatusCode);

        // A vacation morning for Dr. Alvarez, given in Chicago time.
        var block = await clinic.Manager.PostAsJsonAsync("/api/schedule/blocks", new
        {
            ResourceId = clinic.ProviderId, LocalStart = $"{Tuesday}T08:00", LocalEnd = $"{Tuesday}T12:00", Kind = "Vacation", Reason = "dentist",
        });
        Assert.Equal(HttpStatusCode.Created, block.StatusCode);
        var created = await block.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{Tuesday}T14:00:00Z", created.GetProperty("startsAtUtc").GetString());
        Assert.Equal($"{Tuesday}T08:00", created.GetProperty("localStart").GetString());
        var refused = await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments", clinic.FollowUp(clinic.PatientId, $"{Tuesday}T09:00"));
        Assert.Contains("dentist", Assert.Single((await ErrorsAsync(refused))["StartsAt"]), StringComparison.Ordinal);

        var badBlock = await clinic.Manager.PostAsJsonAsync("/api/schedule/blocks", new { LocalStart = $"{Tuesday}T12:00", LocalEnd = $"{Tuesday}T08:00", Kind = "Nap" });
        var blockErrors = await ErrorsAsync(badBlock);
        Assert.True(blockErrors.ContainsKey("LocationId") && blockErrors.ContainsKey("Kind") && blockErrors.ContainsKey("LocalEnd"),
            string.Join(", ", blockErrors.Keys));

        var blockId = created.GetProperty("id").GetInt32();
        Assert.Single((await clinic.Desk.GetFromJsonAsync<JsonElement>($"/api/schedule/blocks?location={clinic.LocationId}")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await clinic.Manager.DeleteAsync($"/api/schedule/blocks/{blockId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Manager.DeleteAsync($"/api/schedule/blocks/{blockId}")).StatusCode);
        await clinic.BookAsync(clinic.PatientId, $"{Tuesday}T09:00");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Resources_and_visit_types_are_validated_updated_and_deactivated(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);

        var bad = await clinic.Manager.PostAsJsonAsync("/api/schedule/resources", new { Kind = "Robot", Name = "", LocationId = 999_999 });
        Assert.Equal(["Kind", "LocationId", "Name"], (await ErrorsAsync(bad)).Keys.Order());
        var badType = await clinic.Manager.PostAsJsonAsync("/api/schedule/appointment-types", new
        {
            Name = "follow-UP", DurationMinutes = 2, Color = "red", Requirements = new[] { new { Kind = "Robot" } },
        });
        Assert.Equal(["Color", "DurationMinutes", "Name", "Requirements[0].Kind"], (await ErrorsAsync(badType)).Keys.Order());

        var renamed = await clinic.Manager.PutAsJsonAsync($"/api/schedule/appointment-types/{clinic.FollowUpId}", new
        {
            Name = "Follow-up visit", DurationMinutes = 30, Requirements = new[] { new { Kind = "Provider" } },
        });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var types = await clinic.Desk.GetFromJsonAsync<JsonElement>("/api/schedule/appointment-types");
        var type = Assert.Single(types.EnumerateArray());
        Assert.Equal(30, type.GetProperty("durationMinutes").GetInt32());
        Assert.Single(type.GetProperty("requirements").EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await clinic.Manager.PostAsync($"/api/schedule/resources/{clinic.OtherProviderId}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinic.Manager.PostAsync("/api/schedule/resources/999999/deactivate", null)).StatusCode);
        var names = (await clinic.Desk.GetFromJsonAsync<JsonElement>($"/api/schedule/resources?location={clinic.LocationId}&kind=Provider"))
            .EnumerateArray().Select(r => r.GetProperty("name").GetString());
        Assert.Equal(["Dr. Alvarez"], names);
        var notActive = await clinic.Desk.PostAsJsonAsync("/api/schedule/appointments",
            clinic.FollowUp(clinic.PatientId, $"{Tuesday}T09:00", provider: clinic.OtherProviderId));
        Assert.True((await ErrorsAsync(notActive)).ContainsKey("ProviderResourceId"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_manager_adds_a_resource_and_its_weekly_hours_on_the_setup_pages(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var clinic = await Clinic.SetUpAsync(app);
        var (encoded, token) = await Antiforgery.PageWithTokenAsync(clinic.Manager, "/schedule/setup");
        var html = WebUtility.HtmlDecode(encoded);
        Assert.Contains("Dr. Alvarez", html, StringComparison.Ordinal);
        Assert.Contains("Mon 08:00–12:00, 13:00–17:00", html, StringComparison.Ordinal);
        Assert.Contains("Provider + Exam room", html, StringComparison.Ordinal);

        var added = await clinic.Manager.PostAsync("/schedule/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-resource", [Antiforgery.FieldName] = token,
            ["Resource.Name"] = "Exam 2", ["Resource.Kind"] = "Room", ["Resource.Category"] = "Exam", ["Resource.LocationId"] = $"{clinic.LocationId}",
        }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("Added Exam 2.", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        int roomId;
        await using (var db = app.NewDb())
        {
            roomId = (await db.SchedulableResources.SingleAsync(r => r.Name == "Exam 2")).Id;
        }

        var (hoursPage, hoursToken) = await Antiforgery.PageWithTokenAsync(clinic.Manager, $"/schedule/setup/resources/{roomId}/hours");
        Assert.Contains("Weekly hours of Exam 2", hoursPage, StringComparison.Ordinal);
        var form = new Dictionary<string, string> { ["_handler"] = "hours", [Antiforgery.FieldName] = hoursToken, ["Week.LocationId"] = $"{clinic.LocationId}" };
        var days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        for (var i = 0; i < days.Length; i++)
        {
            form[$"Week.Days[{i}].Day"] = days[i];
        }
        form["Week.Days[1].From"] = "08:00";
        form["Week.Days[1].To"] = "12:00";
        form["Week.Days[1].From2"] = "11:30";
        form["Week.Days[1].To2"] = "17:00";
        var overlapping = await clinic.Manager.PostAsync($"/schedule/setup/resources/{roomId}/hours", new FormUrlEncodedContent(form));
        Assert.Contains("overlaps", WebUtility.HtmlDecode(await overlapping.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        form["Week.Days[1].From2"] = "13:00";
        var saved = await clinic.Manager.PostAsync($"/schedule/setup/resources/{roomId}/hours", new FormUrlEncodedContent(form));
        Assert.Contains("Saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = app.NewDb();
        Assert.Equal(2, await check.WorkingHours.CountAsync(w => w.ResourceId == roomId && w.DayOfWeek == DayOfWeek.Tuesday));

        var desk = await clinic.Desk.GetAsync("/schedule/setup");
        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
    }

    private static object Span(string day, string from, string to) => new { DayOfWeek = day, StartsAt = from, EndsAt = to };

    /// <summary>A clinic set up through the API by the office manager: two providers, one exam room (so the room can clash), a follow-up type.</summary>
    private sealed class Clinic
    {
        public required HttpClient Manager { get; init; }
        public required HttpClient Desk { get; init; }
        public required HttpClient Clinician { get; init; }
        public int LocationId { get; init; }
        public int ProviderId { get; init; }
        public int OtherProviderId { get; init; }
        public int RoomId { get; init; }
        public int FollowUpId { get; init; }
        public int PatientId { get; init; }
        public int OtherPatientId { get; init; }

        public static async Task<Clinic> SetUpAsync(TestApp app)
        {
            int locationId;
            await using (var db = app.NewDb())
            {
                var organization = await db.Organizations.FirstAsync();
                var location = new Location
                {
                    OrganizationId = organization.Id, Name = "Lakeview", AddressLine1 = "1 Lake St", City = "Chicago", State = "IL", PostalCode = "60601",
                    TimeZoneId = "America/Chicago",
                };
                db.Locations.Add(location);
                await db.SaveChangesAsync();
                locationId = location.Id;
            }
            var manager = await app.SignedInClientAsync(Roles.OfficeManager);
            async Task<int> ResourceAsync(string kind, string name, string? category)
            {
                var response = await manager.PostAsJsonAsync("/api/schedule/resources", new { Kind = kind, Name = name, Category = category, LocationId = locationId });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                var week = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }
                    .SelectMany(d => new[] { Span(d, "08:00", "12:00"), Span(d, "13:00", "17:00") }).ToArray();
                var hours = await manager.PutAsJsonAsync($"/api/schedule/resources/{id}/hours", new { LocationId = locationId, Hours = week });
                Assert.Equal(HttpStatusCode.OK, hours.StatusCode);
                return id;
            }
            var alvarez = await ResourceAsync("Provider", "Dr. Alvarez", null);
            var okafor = await ResourceAsync("Provider", "Dr. Okafor", null);
            var room = await ResourceAsync("Room", "Exam 1", "Exam");
            var type = await manager.PostAsJsonAsync("/api/schedule/appointment-types", new
            {
                Name = "Follow-up", DurationMinutes = 20, Color = "#27ae60",
                Requirements = new object[] { new { Kind = "Provider" }, new { Kind = "Room", Category = "Exam" } },
            });
            Assert.Equal(HttpStatusCode.Created, type.StatusCode);
            var desk = await app.SignedInClientAsync(Roles.FrontDesk);
            async Task<int> PatientAsync(string first, string last)
            {
                var response = await desk.PostAsJsonAsync("/api/patients?acknowledgeDuplicates=true", Patient(first, last, "1970-02-03"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            }
            return new Clinic
            {
                Manager = manager, Desk = desk, Clinician = await app.SignedInClientAsync(Roles.Clinician), LocationId = locationId,
                ProviderId = alvarez, OtherProviderId = okafor, RoomId = room,
                FollowUpId = (await type.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(),
                PatientId = await PatientAsync("Rosa", "Quintero"), OtherPatientId = await PatientAsync("Tom", "Hale"),
            };
        }

        public object FollowUp(int patientId, string localStart, int? provider = null, string? note = null) => new
        {
            PatientId = patientId, AppointmentTypeId = FollowUpId, LocationId, LocalStart = localStart, ProviderResourceId = provider ?? ProviderId, Note = note,
        };

        public async Task<int> BookAsync(int patientId, string localStart, int? provider = null)
        {
            var response = await Desk.PostAsJsonAsync("/api/schedule/appointments", FollowUp(patientId, localStart, provider));
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
    }
}
