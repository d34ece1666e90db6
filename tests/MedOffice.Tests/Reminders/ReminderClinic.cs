using MedOffice.Data;
using MedOffice.Patients;
using MedOffice.Reminders;
using MedOffice.Scheduling;
using MedOffice.Security;
using MedOffice.Tests.Infrastructure;
using MedOffice.Tests.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Tests.Reminders;

/// <summary>
/// The test clinic (Chicago, Monday 2026-03-16 15:00 UTC) with a real SMTP server on loopback and the reminder services
/// wired to it. The office keeps the two rules the migration gives every office: two days and two hours before.
/// </summary>
public sealed class ReminderClinic : IAsyncDisposable
{
    /// <summary>Thursday 2026-03-19, 09:00 in Chicago (14:00 UTC): its two-day reminder is due Tuesday 14:00 UTC, 23 hours from now.</summary>
    public static readonly DateTime Thursday9 = new(2026, 3, 19, 9, 0, 0);

    private ReminderClinic(TestOffice office, ClinicSchedule clinic, SmtpSink sink, ReminderOptions options)
    {
        Office = office;
        Clinic = clinic;
        Sink = sink;
        Options = options;
    }

    public TestOffice Office { get; }
    public ClinicSchedule Clinic { get; }
    public SmtpSink Sink { get; }
    public ReminderOptions Options { get; }
    public TestClock Clock => Office.Clock;

    public static async Task<ReminderClinic> CreateAsync(DatabaseProvider provider, Func<ReminderOptions, ReminderOptions>? adjust = null)
    {
        var office = await TestOffice.CreateAsync(provider);
        var clinic = await ClinicSchedule.CreateAsync(office);
        var sink = await SmtpSink.StartAsync();
        var options = new ReminderOptions
        {
            SmtpHost = "127.0.0.1", SmtpPort = sink.Port, SmtpFrom = "office@clinic.test", PublicUrl = new Uri("https://office.test/"),
            MaxAttempts = 3, SendTimeout = TimeSpan.FromSeconds(10),
        };
        return new ReminderClinic(office, clinic, sink, adjust?.Invoke(options) ?? options);
    }

    public MessageSenders Senders() => MessageSenders.FromOptions(Options);

    public ReminderScheduler Scheduler(MedOfficeDb? db = null) => new(db ?? Office.Db, Senders(), Options, Clock);

    public ReminderLinks Links(MedOfficeDb db) =>
        new(db, Clinic.Booking(db), new AuditTrail(db, Clock), Clock);

    public OutboxProcessor Processor(MedOfficeDb? db = null, MessageSenders? senders = null, ReminderOptions? options = null)
    {
        db ??= Office.Db;
        return new OutboxProcessor(db, senders ?? Senders(), Links(db), options ?? Options, Clock);
    }

    /// <summary>Up to six visits (09:00–09:40, two providers) whose two-day reminders are all due within the day.</summary>
    public Task<Appointment> BookNthAsync(int n, Patient patient) => BookAsync(Thursday9.AddMinutes(20 * (n / 2)), patient, withSecondProvider: n % 2 == 1);

    /// <summary>A patient who takes reminders by e-mail (or, with a mobile, by text when that is preferred).</summary>
    public async Task<Patient> PatientAsync(string first, string last, string? email, string? mobile = null, string preferred = ContactChannels.Email)
    {
        var patient = await Office.RegisterAsync(first, last, new DateOnly(1980, 5, 6), mobile);
        await using var db = Office.NewContext();
        await db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(set => set
            .SetProperty(p => p.Email, email).SetProperty(p => p.AllowsEmail, email != null)
            .SetProperty(p => p.AllowsSms, mobile != null).SetProperty(p => p.PreferredContactChannel, preferred));
        return patient;
    }

    public async Task<Appointment> BookAsync(DateTime localStart, Patient patient, bool withSecondProvider = false)
    {
        var provider = withSecondProvider ? Clinic.DrOkafor : Clinic.DrAlvarez;
        var booked = await Clinic.Booking().BookAsync(Clinic.FollowUpAt(localStart, provider, patient.Id), ClinicSchedule.Desk);
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors));
        return booked.Value!;
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Office.NewContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        await Office.DisposeAsync();
    }
}
