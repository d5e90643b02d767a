using Tickwise.Storage.Postgres;

namespace Tickwise.Storage.Tests.Postgres;

public sealed class PostgresPartitionsTests
{
    private static long Ms(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(2024, 2, 29, 2024, 2)]
    [InlineData(2024, 12, 31, 2024, 12)]
    [InlineData(2000, 1, 1, 2000, 1)]
    [InlineData(2099, 12, 31, 2099, 12)]
    public void MonthOf_Time_IsItsUtcCalendarMonth(int year, int month, int day, int expectedYear, int expectedMonth)
    {
        int sut = PostgresPartitions.MonthOf(Ms(year, month, day, 23, 59, 59, 999));

        sut.ShouldBe(expectedYear * 12 + expectedMonth - 1);
    }

    [Fact]
    public void StartMs_Month_BoundsAreHalfOpen()
    {
        int february = PostgresPartitions.MonthOf(Ms(2024, 2, 10));

        PostgresPartitions.StartMs(february).ShouldBe(Ms(2024, 2, 1));
        PostgresPartitions.StartMs(february + 1).ShouldBe(Ms(2024, 3, 1));
        PostgresPartitions.MonthOf(Ms(2024, 3, 1) - 1).ShouldBe(february);
        PostgresPartitions.MonthOf(Ms(2024, 3, 1)).ShouldBe(february + 1);
        PostgresPartitions.StartMs(PostgresPartitions.MonthOf(Ms(2024, 12, 5)) + 1).ShouldBe(Ms(2025, 1, 1));
    }

    [Fact]
    public void Name_Month_IsTableYearAndTwoDigitMonth()
    {
        PostgresPartitions.Name("trades", PostgresPartitions.MonthOf(Ms(2024, 8, 9))).ShouldBe("trades_2024_08");
        PostgresPartitions.Name("bars", PostgresPartitions.MonthOf(Ms(2025, 11, 30))).ShouldBe("bars_2025_11");
    }
}
