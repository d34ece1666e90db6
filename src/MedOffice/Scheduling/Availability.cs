using System.Linq.Expressions;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace MedOffice.Scheduling;

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

    // Statements of one fixed shape each: BookingsInSpans[n - 1] reads n spans (the parameters of the spans after n go unused).
    private static readonly CompiledPerModel<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime,
        IAsyncEnumerable<BookedTime>>>[] BookingsInSpans =
        [.. Enumerable.Range(1, SpansPerRead).Select(n => new CompiledPerModel<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime,
            IAsyncEnumerable<BookedTime>>>(() => EF.CompileAsyncQuery(BookingsInSpansQuery(n))))];

    private readonly LocationCalendarCache _calendars = calendars ?? new LocationCalendarCache();

    /// <summary>The location's set-up with every block ending after <paramref name="from"/> (UTC); null when there is no such location.</summary>
    public Task<LocationCalendar?> CalendarAsync(int locationId, DateTime from, CancellationToken cancellationToken) =>
        _calendars.GetAsync(db, locationId, from, cancellationToken);

    /// <summary>Rules for times from <paramref name="from"/> (UTC) on, with no bookings read yet.</summary>
    public async Task<AvailabilityRules> RulesAsync(LocationCalendar calendar, DateTime from, int? excludeAppointmentId, CancellationToken cancellationToken)
    {
        if (from < calendar.BlocksFrom)
        {
            calendar = await CalendarAsync(calendar.Location.Id, from, cancellationToken) ?? calendar;
        }
        return new AvailabilityRules(calendar, excludeAppointmentId);
    }

    /// <summary>Reads the active bookings of <paramref name="resourceIds"/> overlapping any of the spans (UTC) into the rules, replacing what they held for those resources.</summary>
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
            await foreach (var row in BookingsInSpans[count - 1].For(db)(db, ids, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11],
                p[12], p[13]).WithCancellation(cancellationToken))
            {
                rows.Add(row);
            }
        }
        rules.SetBookings(ids, rows);
    }

    // Active bookings of the resources that start in [from - 8 h, to) and end after from, for any of `spans` spans: one OR of
    // index ranges. (Not a UNION ALL of one read per span: PostgreSQL plans that as a Parallel Append, whose workers take
    // milliseconds to start for a fraction of a millisecond of work.)
    private static Expression<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime,
        IQueryable<BookedTime>>> BookingsInSpansQuery(int spans)
    {
        Expression<Func<ResourceBooking, int[], bool>> ofResources = (b, ids) => ids.Contains(b.ResourceId) && b.IsActive;
        // The lower bound on StartsAt keeps the index range bounded; EF computes it as a parameter of its own.
        Expression<Func<ResourceBooking, DateTime, DateTime, bool>> inSpan = (b, from, to) =>
            b.StartsAt >= from.AddMinutes(-LongestBookingMinutes) && b.StartsAt < to && b.EndsAt > from;
        Expression<Func<ResourceBooking, BookedTime>> row = b => new BookedTime(b.ResourceId, b.AppointmentId, b.StartsAt, b.EndsAt);
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
        var select = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(ResourceBooking), typeof(BookedTime)], where, Expression.Quote(row));
        return Expression.Lambda<Func<MedOfficeDb, int[], DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime, DateTime,
            IQueryable<BookedTime>>>(select, [db, ids, .. spanParameters]);
    }

    private sealed class ReplaceParameters(System.Collections.ObjectModel.ReadOnlyCollection<ParameterExpression> from, IReadOnlyList<ParameterExpression> to) : ExpressionVisitor
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
