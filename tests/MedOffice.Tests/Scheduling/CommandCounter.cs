using System.Data.Common;
using MedOffice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedOffice.Tests.Scheduling;

/// <summary>Counts the SQL statements a context sends: each one is a round trip to the database.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public int Count { get; private set; }

    /// <summary>A context on the test's database whose statements this counter counts.</summary>
    public MedOfficeDb NewContext(DatabaseOptions database)
    {
        var builder = new DbContextOptionsBuilder<MedOfficeDb>();
        DataServices.Configure(builder, database);
        builder.AddInterceptors(this);
        return new MedOfficeDb(builder.Options);
    }

    /// <summary>How many statements <paramref name="action"/> sent.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        var before = Count;
        await action();
        return Count - before;
    }

    // EF creates a command for every statement it sends (queries, batched saves), and never reuses one.
    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        Count++;
        return result;
    }
}
