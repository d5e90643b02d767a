namespace Tickwise.Binance.Tests.Streams;

/// <summary>
/// Makes variants of a real trade message for the differential test: some stay valid (a digit changed, members moved),
/// some break in the ways a scanner is likely to get wrong (whitespace, repeated or missing members, long numbers,
/// leading zeros, stray bytes, truncation).
/// </summary>
internal static class TradeMutator
{
    private static readonly byte[] Alphabet = "{}[]\",:0123456789.-+eEtfnrulsaATpqmMbBX \t\n\\"u8.ToArray();
    private static readonly byte[] Keys = "eEsStTpPqQmMaAfFlLbBXxn"u8.ToArray();

    public static byte[] Mutate(byte[] seed, Random random)
    {
        List<byte> bytes = [.. seed];
        int edits = 1 + random.Next(2);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            switch (random.Next(11))
            {
                case 0: bytes[random.Next(bytes.Count)] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1: bytes[random.Next(bytes.Count)] = (byte)random.Next(256); break;
                case 2: bytes.Insert(random.Next(bytes.Count + 1), Alphabet[random.Next(Alphabet.Length)]); break;
                case 3:
                    int at = random.Next(bytes.Count);
                    bytes.RemoveRange(at, Math.Min(1 + random.Next(5), bytes.Count - at));
                    break;
                case 4:
                    int keep = random.Next(bytes.Count);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                case 5: ChangeDigits(bytes, random); break;
                case 6: MoveMember(bytes, random, keepOriginal: false); break;
                case 7: MoveMember(bytes, random, keepOriginal: true); break;
                case 8: ReplaceNumber(bytes, random); break;
                case 9: ChangeKey(bytes, random); break;
                default: bytes.Insert(random.Next(bytes.Count + 1), (byte)" \t\r\n"[random.Next(4)]); break;
            }
        }
        return [.. bytes];
    }

    /// <summary>Changes one to three digits to other digits: mostly still valid, so the scanner must match exactly.</summary>
    private static void ChangeDigits(List<byte> bytes, Random random)
    {
        int changes = 1 + random.Next(3);
        for (int tries = 0; tries < 100 && changes > 0; tries++)
        {
            int at = random.Next(bytes.Count);
            if (bytes[at] is >= (byte)'0' and <= (byte)'9')
            {
                bytes[at] = (byte)('0' + random.Next(10));
                changes--;
            }
        }
    }

    /// <summary>Cuts a member <c>,"k":value</c> and pastes it before another member (or copies it, making a repeat).</summary>
    private static void MoveMember(List<byte> bytes, Random random, bool keepOriginal)
    {
        List<int> starts = MemberStarts(bytes);
        if (starts.Count < 2) return;
        int which = random.Next(starts.Count);
        int start = starts[which];
        int end = which + 1 < starts.Count ? starts[which + 1] : bytes.IndexOf((byte)'}', start);
        if (end <= start) return;
        List<byte> member = bytes.GetRange(start, end - start);
        if (!keepOriginal) bytes.RemoveRange(start, end - start);
        List<int> targets = MemberStarts(bytes);
        if (targets.Count == 0) return;
        bytes.InsertRange(targets[random.Next(targets.Count)], member);
    }

    /// <summary>Replaces the digits after a random ':' by a long run, a leading zero, a sign or a fraction.</summary>
    private static void ReplaceNumber(List<byte> bytes, Random random)
    {
        int colon = bytes.IndexOf((byte)':', random.Next(bytes.Count));
        if (colon < 0 || colon + 1 >= bytes.Count || bytes[colon + 1] is < (byte)'0' or > (byte)'9') return;
        int end = colon + 1;
        while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9') end++;
        string[] replacements = ["0", "00", "01", "-1", "1.0", "1e3", "9223372036854775807", "99999999999999999", "999999999999999999", "1000000000000000000", "1723161255342123", "17231612553421234"];
        bytes.RemoveRange(colon + 1, end - colon - 1);
        bytes.InsertRange(colon + 1, System.Text.Encoding.ASCII.GetBytes(replacements[random.Next(replacements.Length)]));
    }

    /// <summary>Renames a one-letter key to another letter, often one that the event uses elsewhere or not at all.</summary>
    private static void ChangeKey(List<byte> bytes, Random random)
    {
        List<int> starts = MemberStarts(bytes);
        if (starts.Count == 0) return;
        int at = starts[random.Next(starts.Count)] + 2; // past ',"'
        if (at + 1 < bytes.Count && bytes[at + 1] == (byte)'"') bytes[at] = Keys[random.Next(Keys.Length)];
    }

    /// <summary>Positions of <c>,"</c>: where members of the payload (and the envelope's "data") begin.</summary>
    private static List<int> MemberStarts(List<byte> bytes)
    {
        var starts = new List<int>();
        for (int i = 0; i + 1 < bytes.Count; i++)
        {
            if (bytes[i] == (byte)',' && bytes[i + 1] == (byte)'"') starts.Add(i);
        }
        return starts;
    }
}
