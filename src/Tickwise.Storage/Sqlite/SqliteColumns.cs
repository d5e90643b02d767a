using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Tickwise.Storage.Sqlite;

/// <summary>Reads columns of the current row of a statement that a read holds, calling SQLite directly.</summary>
/// <remarks>
/// <para>A bar is ten columns and <c>/api/bars</c> reads 10,000 bars per request. Through SQLitePCL each column is a
/// call on the statement's <see cref="SafeHandle"/> (a reference count taken and dropped around it) and a text column
/// two of them; that was a third of the read. These calls go to the same library (<c>e_sqlite3</c>, which
/// Microsoft.Data.Sqlite loads) with the raw pointer and without a GC transition, which SQLite's column accessors
/// allow: they neither block, nor call back, nor run long.</para>
/// <para>The pointer is only valid while the statement is alive: a read takes it after preparing and uses it
/// only until it resets the statement; the reader connection that owns the statement is not disposed meanwhile.</para>
/// </remarks>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>Returns the statement's native pointer for the column accessors.</summary>
    public static IntPtr Handle(sqlite3_stmt statement) => statement.DangerousGetHandle();

    /// <summary>Returns the column's value as a 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Int64(IntPtr statement, int column) => sqlite3_column_int64(statement, column);

    /// <summary>Returns a TEXT or BLOB column's bytes, valid until the statement steps or resets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Bytes(IntPtr statement, int column)
    {
        // SQLite's documented order: the pointer first, then its length.
        byte* text = sqlite3_column_blob(statement, column);
        int length = sqlite3_column_bytes(statement, column);
        return new ReadOnlySpan<byte>(text, length);
    }

    [LibraryImport(Library), SuppressGCTransition]
    private static partial long sqlite3_column_int64(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial byte* sqlite3_column_blob(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_bytes(IntPtr statement, int column);
}
