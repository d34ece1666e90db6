using System.Linq.Expressions;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Scheduling;

/// <summary>
/// The calendar one piece of work (a search, a booking plan) uses, and whether the set-up version has been seen to match it:
/// unknown until the work's first bookings read, which reads the version in the same statement.
/// </summary>
public sealed class CalendarCheck
{
    internal CalendarCheck(LocationCalendar? calendar, bool? current)
    {
        Calendar = calendar;
        Current = current;
    }

    /// <summary>Null when there is no such location.</summary>
    public LocationCalendar? Calendar { get; }
    /// <summary>Null: not checked yet; false: the set-up changed since the calendar was read, so the work is done again.</summary>
    internal bool? Current { get; set; }
}

/// <summary>
/// Reads what <see cref="AvailabilityRules"/> decide on, in a few batched reads: a location's set-up (cached per set-up
/// version, <see cref="LocationCalendarCache"/>) and the active bookings of a set of resources over up to
/// <see cref="SpansPerRead"/> time spans per statement.
/// </summary>
public sealed class Availability(MedOfficeDb db, LocationCalendarCache? calendars = null)
{
    /// <summary>Spans per statement: two parameters each, and EF compiles queries of up to 15 parameters.</summary>
    public const int SpansPerRead = 7;

    // A booking overlapping a span that began before it cannot be longer than the longest visit (CK_AppointmentTypes_Duration,
    // and the planner's 5–480 minutes), so bookings are read from that far before a span: the range stays bounded on both
    // sides of the (ResourceId, StartsAt) index. The database's overlap constraint stays the last word on a booking.
    private const int LongestBookingMinutes = 480;

    // Statements of one fixed shape each: [n - 1] reads n spans (the parameters of the spans after n go unused). The second
    // set also reads the set-up version, in the same statement: a LEFT JOIN from the version row, so it is one row even with
    // no bookings, and no rows at all when the database has no version row.
    private static readonly CompiledPerModel<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, IAsyncEnumerable<BookedTime>>>[] Bookings =
        Compile<BookedTime>((_, bookings) => Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(ResourceBooking), typeof(BookedTime)],
            bookings, Expression.Quote((Expression<Func<ResourceBooking, BookedTime>>)(b => new BookedTime(b.ResourceId, b.AppointmentId, b.StartsAt, b.EndsAt)))));

    private static readonly CompiledPerModel<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, IAsyncEnumerable<VersionedBookedTime>>>[] VersionAndBookings =
        Compile<VersionedBookedTime>((db, bookings) =>
        {
            Expression<Func<MedOfficeDb, IQueryable<ResourceBooking>, IQueryable<VersionedBookedTime>>> shape = (db, bookings) =>
                db.Set<ScheduleSetupVersion>().Where(v => v.Id == ScheduleSetupVersion.SingleRowId)
                    .SelectMany(v => bookings.DefaultIfEmpty(), (v, b) => new VersionedBookedTime(v.Version, (int?)b!.ResourceId, (int?)b.AppointmentId,
                        (DateTime?)b.StartsAt, (DateTime?)b.EndsAt));
            return new ReplaceParameters(shape.Parameters, [db, bookings]).Visit(shape.Body);
        });

    private readonly LocationCalendarCache _calendars = calendars ?? new LocationCalendarCache();

    /// <summary>The location's set-up with every block ending after <paramref name="from"/> (UTC), checked against the set-up version now; null when there is no such location.</summary>
    public Task<LocationCalendar?> CalendarAsync(int locationId, DateTime from, CancellationToken cancellationToken) =>
        _calendars.GetAsync(db, locationId, from, cancellationToken);

    /// <summary>
    /// Does <paramref name="work"/> (reads only) with the calendar this app already has for the location, whose version the
    /// work's first bookings read checks in passing; if the set-up had changed (or, with no bookings read, a version read says
    /// so), does it again with a calendar read afresh. So a warm search costs no statement of its own for the check.
    /// </summary>
    public async Task<T> WithCalendarAsync<T>(int locationId, DateTime from, Func<CalendarCheck, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_calendars.Known(locationId, from) is { } known)
        {
            var check = new CalendarCheck(known, current: null);
            var result = await work(check);
            if (check.Current ?? await _calendars.IsCurrentAsync(db, known))
            {
                return result;
            }
        }
        return await work(new CalendarCheck(await CalendarAsync(locationId, from, cancellationToken), current: true));
    }

    /// <summary>Rules for times from <paramref name="from"/> (UTC) on, with no bookings read yet.</summary>
    public async Task<AvailabilityRules> RulesAsync(CalendarCheck check, DateTime from, int? excludeAppointmentId, CancellationToken cancellationToken)
    {
        if (from < check.Calendar!.BlocksFrom && await CalendarAsync(check.Calendar.Location.Id, from, cancellationToken) is { } further)
        {
            // Blocks from further back: a calendar read now, so current (the work's own check then falls to a version read).
            check = new CalendarCheck(further, current: true);
        }
        return new AvailabilityRules(check, excludeAppointmentId);
    }

    /// <summary>
    /// Reads the active bookings of <paramref name="resourceIds"/> overlapping any of the spans (UTC) into the rules, replacing
    /// what they held for those resources; the first read of unchecked rules also checks their calendar's version.
    /// </summary>
    public async Task ReadBookingsAsync(AvailabilityRules rules, IReadOnlyCollection<int> resourceIds, IReadOnlyList<(DateTime From, DateTime To)> spans,
        CancellationToken cancellationToken)
    {
        var ids = resourceIds.ToArray();
        var rows = new List<BookedTime>();
        for (var first = 0; ids.Length > 0 && first < spans.Count; first += SpansPerRead)
        {
            var count = Math.Min(SpansPerRead, spans.Count - first);
            var p = new DateTime[SpansPerRead * 2];
            for (var i = 0; i < count; i++)
            {
                (p[i * 2], p[i * 2 + 1]) = spans[first + i];
            }
            if (rules.CalendarCheck.Current is null)
            {
                var current = false;
                await foreach (var row in VersionAndBookings[count - 1].For(db)(db, ids, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10],
                    p[11], p[12], p[13]).WithCancellation(cancellationToken))
                {
                    current = row.Version == rules.Calendar.Version;
                    if (row.ResourceId is { } resourceId)
                    {
                        rows.Add(new BookedTime(resourceId, row.AppointmentId!.Value, row.StartsAt!.Value, row.EndsAt!.Value));
                    }
                }
                rules.CalendarCheck.Current = current;
                continue;
            }
            await foreach (var row in Bookings[count - 1].For(db)(db, ids, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11],
                p[12], p[13]).WithCancellation(cancellationToken))
            {
                rows.Add(row);
            }
        }
        rules.SetBookings(ids, rows);
    }

    private static CompiledPerModel<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, IAsyncEnumerable<TRow>>>[] Compile<TRow>(Func<ParameterExpression, Expression, Expression> shape) =>
        [.. Enumerable.Range(1, SpansPerRead).Select(spans => new CompiledPerModel<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, IAsyncEnumerable<TRow>>>(
            () => EF.CompileAsyncQuery(SpansQuery<TRow>(spans, shape))))];

    // Active bookings of the resources that start in [from - 8 h, to) and end after from, for any of `spans` spans: one OR of
    // index ranges. (Not a UNION ALL of one read per span: PostgreSQL plans that as a Parallel Append, whose workers take
    // milliseconds to start for a fraction of a millisecond of work.) `shape` makes rows of them.
    private static Expression<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, IQueryable<TRow>>> SpansQuery<TRow>(int spans, Func<ParameterExpression, Expression, Expression> shape)
    {
        Expression<Func<ResourceBooking, int[], bool>> ofResources = (b, ids) => ids.Contains(b.ResourceId) && b.IsActive;
        // The lower bound on StartsAt keeps the index range bounded; EF computes it as a parameter of its own.
        Expression<Func<ResourceBooking, DateTime, DateTime, bool>> inSpan = (b, from, to) =>
            b.StartsAt >= from.AddMinutes(-LongestBookingMinutes) && b.StartsAt < to && b.EndsAt > from;
        var db = Expression.Parameter(typeof(MedOfficeDb), "db");
        var ids = Expression.Parameter(typeof(int[]), "ids");
        var booking = Expression.Parameter(typeof(ResourceBooking), "b");
        var spanParameters = new List<ParameterExpression>();
        var test = new ReplaceParameters(ofResources.Parameters, [booking, ids]).Visit(ofResources.Body);
        Expression? anySpan = null;
        for (var i = 0; i < SpansPerRead; i++)
        {
            var span = new[] { $"from{i}", $"to{i}" }.Select(name => Expression.Parameter(typeof(DateTime), name)).ToArray();
            spanParameters.AddRange(span);
            if (i < spans)
            {
                var inThisSpan = new ReplaceParameters(inSpan.Parameters, [booking, .. span]).Visit(inSpan.Body);
                anySpan = anySpan is null ? inThisSpan : Expression.OrElse(anySpan, inThisSpan);
            }
        }
        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(ResourceBooking)],
            Expression.Property(db, nameof(MedOfficeDb.ResourceBookings)), Expression.Quote(Expression.Lambda(Expression.AndAlso(test, anySpan!), booking)));
        return Expression.Lambda<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, IQueryable<TRow>>>(shape(db, where), [db, ids, .. spanParameters]);
    }

    private sealed class ReplaceParameters(System.Collections.ObjectModel.ReadOnlyCollection<ParameterExpression> from, IReadOnlyList<Expression> to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
        {
            var index = from.IndexOf(node);
            return index >= 0 ? to[index] : node;
        }
    }
}

/// <summary>
/// A compiled query per EF model: a compiled query may only run against the model it was compiled for, and SQLite and
/// PostgreSQL contexts have a model each (both live in one process in the tests and the bench).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, TQuery> _compiled = new();

    public TQuery For(DbContext db) => _compiled.GetOrAdd(db.Model, _ => compile());
}
