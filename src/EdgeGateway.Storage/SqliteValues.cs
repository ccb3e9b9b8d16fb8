using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>SQLite has no NaN (it would store NULL anyway): NaN goes in as NULL and comes back as NaN.</summary>
internal static class SqliteValues
{
    public static object FromDouble(double value) => double.IsNaN(value) ? DBNull.Value : value;

    public static double ToDouble(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? double.NaN : row.GetDouble(ordinal);
}
