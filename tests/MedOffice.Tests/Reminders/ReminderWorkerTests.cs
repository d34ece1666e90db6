using System.Globalization;
using MedOffice.Data;
using MedOffice.Reminders;
using MedOffice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedOffice.Tests.Reminders;

public class ReminderWorkerTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_hosted_worker_configured_from_settings_schedules_and_sends_on_its_own(DatabaseProvider provider)
    {
        await using var clinic = await ReminderClinic.CreateAsync(provider);
        var patient = await clinic.PatientAsync("Ana", "Lindqvist", "ana@example.com");
        await clinic.BookAsync(ReminderClinic.Thursday9, patient);
        clinic.Clock.Advance(TimeSpan.FromHours(23)); // the two-day reminder is due now

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MEDOFFICE_SMTP_HOST"] = "127.0.0.1",
            ["MEDOFFICE_SMTP_PORT"] = clinic.Sink.Port.ToString(CultureInfo.InvariantCulture),
            ["MEDOFFICE_SMTP_FROM"] = "frontdesk@clinic.test",
            ["MEDOFFICE_PUBLIC_URL"] = "https://clinic.test",
            ["MEDOFFICE_REMINDERS_INTERVAL_SECONDS"] = "1",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(clinic.Clock)
            .AddMedOffice(clinic.Office.Database.Options, clinic.Office.Database.DataDirectory);
        await using var provided = services.BuildServiceProvider();
        var worker = provided.GetServices<IHostedService>().OfType<ReminderWorker>().Single();

        await worker.StartAsync(CancellationToken.None);
        var received = await clinic.Sink.WaitForAsync(1);
        await worker.StopAsync(CancellationToken.None);

        var mail = Assert.Single(received);
        Assert.Equal(["ana@example.com"], mail.To);
        Assert.Equal("frontdesk@clinic.test", mail.From);
        Assert.Matches(@"https://clinic\.test/r/[A-Za-z0-9_-]{43}\?action=confirm", mail.Body);
        await using var db = clinic.Office.NewContext();
        Assert.Equal(OutboxStatuses.Sent, (await db.OutboxMessages.SingleAsync()).Status);
    }
}
