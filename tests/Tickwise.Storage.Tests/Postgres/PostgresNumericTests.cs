using System.Globalization;
using Npgsql;
using Tickwise.Storage.Postgres;
using Tickwise.Storage.Tests.Support;

namespace Tickwise.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresNumericTests(PostgresServer server)
{
    /// <summary>Builds numeric_send bytes: digit count, weight, sign, scale, then the base-10,000 digits.</summary>
    private static byte[] Bytes(short weight, ushort sign, short scale, params short[] digits)
    {
        var bytes = new byte[8 + 2 * digits.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes, (short)digits.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), weight);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), sign);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), scale);
        for (int i = 0; i < digits.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + 2 * i), digits[i]);
        return bytes;
    }

    [Fact]
    public void TryDecode_ServerEncodedDecimals_RoundTripValueAndScale()
    {
        var random = new Random(42);
        var values = new List<decimal>
        {
            0m, 0.00m, 1m, -1m, 12.30m, 0.0000000000000001m, 92_000.0000000000000001m, 1234567890123.1234567890123456m,
            decimal.MaxValue, decimal.MinValue, 100_000_000_000_000_000_000m, 0.0000000000000000000000000001m, 9999.9999m, 10_000m,
        };
        for (int i = 0; i < 2_000; i++)
            values.Add(new decimal(random.Next(), random.Next(), random.Next(0, 1 << 30), random.Next(2) == 0, (byte)random.Next(0, 29)));
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT numeric_send($1::numeric)", connection);
        var parameter = new NpgsqlParameter<decimal>();
        command.Parameters.Add(parameter);

        foreach (decimal value in values)
        {
            parameter.TypedValue = value;
            byte[] bytes = (byte[])command.ExecuteScalar()!;

            PostgresNumeric.TryDecode(bytes, out decimal sut).ShouldBeTrue(value.ToString(CultureInfo.InvariantCulture));
            sut.ShouldBe(value);
            sut.ToString(CultureInfo.InvariantCulture).ShouldBe(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void TryDecode_ValuesBeyondDecimal_ReturnFalse()
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        foreach (string text in new[] { "79228162514264337593543950336", "1e40", "0.00000000000000000000000000001", "NaN", "Infinity", "-Infinity" })
        {
            using var command = new NpgsqlCommand($"SELECT numeric_send('{text}'::numeric)", connection);
            PostgresNumeric.TryDecode((byte[])command.ExecuteScalar()!, out _).ShouldBeFalse(text);
        }
    }

    [Fact]
    public void TryDecode_MalformedBytes_ReturnFalse()
    {
        PostgresNumeric.TryDecode([], out _).ShouldBeFalse();
        PostgresNumeric.TryDecode([0, 1, 0, 0, 0, 0], out _).ShouldBeFalse(); // shorter than the header
        PostgresNumeric.TryDecode(Bytes(0, 0, 0, 1)[..9], out _).ShouldBeFalse(); // a digit cut in half
        PostgresNumeric.TryDecode(Bytes(0, 0x1234, 0, 1), out _).ShouldBeFalse(); // unknown sign
        PostgresNumeric.TryDecode(Bytes(0, 0, 29, 1), out _).ShouldBeFalse(); // scale beyond a decimal's
        PostgresNumeric.TryDecode(Bytes(0, 0, 0, 10_000), out _).ShouldBeFalse(); // not a base-10,000 digit
        PostgresNumeric.TryDecode(Bytes(0, 0, 0, -1), out _).ShouldBeFalse();
        PostgresNumeric.TryDecode(Bytes(0, 0, 0, 1, 5000), out _).ShouldBeFalse(); // 1.5 displayed at scale 0
        PostgresNumeric.TryDecode(Bytes(short.MaxValue, 0, 0, 1), out _).ShouldBeFalse(); // 10^131068
        PostgresNumeric.TryDecode(Bytes(0, 0, 0, [.. Enumerable.Repeat((short)9999, 40)]), out _).ShouldBeFalse(); // 160 digits
    }

    [Fact]
    public void TryDecode_HandMadeBytes_AreExact()
    {
        PostgresNumeric.TryDecode(Bytes(0, 0x4000, 2, 1, 5000), out decimal negative).ShouldBeTrue();
        negative.ToString(CultureInfo.InvariantCulture).ShouldBe("-1.50");
        PostgresNumeric.TryDecode(Bytes(5, 0, 0, 1), out decimal big).ShouldBeTrue();
        big.ShouldBe(100_000_000_000_000_000_000m);
        PostgresNumeric.TryDecode(Bytes(0, 0, 4), out decimal zero).ShouldBeTrue();
        zero.ToString(CultureInfo.InvariantCulture).ShouldBe("0.0000");
    }

    [Fact]
    public void TryDecode_RandomBytes_NeverThrows()
    {
        var random = new Random(7);
        byte[] buffer = new byte[48];
        for (int i = 0; i < 100_000; i++)
        {
            int length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer.AsSpan(0, length));
            if (length >= 2 && random.Next(2) == 0) System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(buffer, (short)((length - 8) / 2));
            PostgresNumeric.TryDecode(buffer.AsSpan(0, length), out _);
        }
    }
}
