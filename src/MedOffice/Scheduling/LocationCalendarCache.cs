using System.Collections.Concurrent;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedOffice.Scheduling;

/// <summary>
/// One row whose <see cref="Version"/> changes, inside the writer's transaction, whenever anything the availability rules
/// read from the set-up changes: locations, resources, working hours, blocks, appointment types and their requirements
/// (database triggers, migration 0015, so every writer on every node counts, EF or not).
/// </summary>
public sealed class ScheduleSetupVersion
{
    public const int SingleRowId = 1;

    public int Id { get; set; }
    public long Version { get; set; }
}

internal sealed class ScheduleSetupVersionConfiguration : IEntityTypeConfiguration<ScheduleSetupVersion>
{
    public void Configure(EntityTypeBuilder<ScheduleSetupVersion> builder)
    {
        builder.ToTable("ScheduleSetupVersions");
        builder.Property(v => v.Id).ValueGeneratedNever();
    }
}

/// <summary>
/// The set-up of each location (<see cref="LocationCalendar"/>), kept between requests and checked on every use against
/// the set-up version: one primary-key read per call instead of the five set-up reads. Because the version lives in the
/// database and changes in the same transaction as the set-up, the check is right across app nodes and right inside a
/// caller's transaction; nothing has to be told to forget anything. One per app (a singleton), for one database.
/// </summary>
public sealed class LocationCalendarCache
{
    // How far before the earliest time asked about blocks are read, so nearby later asks can share the calendar.
    private static readonly TimeSpan BlocksMargin = TimeSpan.FromDays(1);

    private static readonly CompiledPerModel<Func<MedOfficeDb, Task<long?>>> CurrentVersion = new(() => EF.CompileAsyncQuery((MedOfficeDb db) =>
        db.Set<ScheduleSetupVersion>().Where(v => v.Id == ScheduleSetupVersion.SingleRowId).Select(v => (long?)v.Version).FirstOrDefault()));

    private readonly ConcurrentDictionary<int, LocationCalendar> _calendars = new();

    /// <summary>The calendar last read for the location, if it has every block ending after <paramref name="from"/>; not checked against the version.</summary>
    public LocationCalendar? Known(int locationId, DateTime from) =>
        _calendars.TryGetValue(locationId, out var calendar) && calendar.BlocksFrom <= from ? calendar : null;

    /// <summary>Whether the set-up version is still the one the calendar was read at.</summary>
    public async Task<bool> IsCurrentAsync(MedOfficeDb db, LocationCalendar calendar) =>
        calendar.Version is { } version && await CurrentVersion.For(db)(db) == version;

    /// <summary>The location's calendar with every block that ends after <paramref name="from"/> (UTC); null when there is no such location.</summary>
    public async Task<LocationCalendar?> GetAsync(MedOfficeDb db, int locationId, DateTime from, CancellationToken cancellationToken)
    {
        // Read the version first: a change committed after this read makes the next call reload, whatever this call caches.
        var version = await CurrentVersion.For(db)(db);
        var cached = _calendars.GetValueOrDefault(locationId);
        if (version is not null && cached?.Version == version && cached.BlocksFrom <= from)
        {
            return cached;
        }
        var blocksFrom = from.Date - BlocksMargin;
        if (version is not null && cached is not null && cached.Version == version && cached.BlocksFrom < blocksFrom)
        {
            blocksFrom = cached.BlocksFrom;
        }
        var loaded = await LoadAsync(db, locationId, version, DateTime.SpecifyKind(blocksFrom, DateTimeKind.Utc), cancellationToken);
        if (loaded is not null && version is not null)
        {
            _calendars[locationId] = loaded;
        }
        return loaded;
    }

    private static async Task<LocationCalendar?> LoadAsync(MedOfficeDb db, int locationId, long? version, DateTime blocksFrom, CancellationToken cancellationToken)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == locationId, cancellationToken);
        if (location is null)
        {
            return null;
        }
        var resources = await db.SchedulableResources.AsNoTracking()
            .Where(r => r.IsActive && (r.LocationId == locationId || db.WorkingHours.Any(w => w.ResourceId == r.Id && w.LocationId == locationId)))
            .OrderBy(r => r.Name)
            .ToListAsync(cancellationToken);
        var ids = resources.Select(r => r.Id).ToList();
        var hours = await db.WorkingHours.AsNoTracking()
            .Where(w => w.LocationId == locationId && ids.Contains(w.ResourceId))
            .ToListAsync(cancellationToken);
        var blocks = await db.ScheduleBlocks.AsNoTracking()
            .Where(b => ((b.ResourceId != null && ids.Contains(b.ResourceId.Value)) || (b.ResourceId == null && b.LocationId == locationId))
                && b.EndsAt > blocksFrom)
            .ToListAsync(cancellationToken);
        var types = await db.AppointmentTypes.AsNoTracking().Include(t => t.Requirements)
            .Where(t => t.IsActive)
            .ToListAsync(cancellationToken);
        return new LocationCalendar(version, blocksFrom, location, resources, hours, blocks, types);
    }
}
