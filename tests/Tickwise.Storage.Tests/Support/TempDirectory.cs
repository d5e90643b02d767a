using System.Diagnostics;

namespace Tickwise.Storage.Tests.Support;

/// <summary>A fresh directory under the system temp directory, deleted (with any immutable flag lifted) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    private readonly List<string> _immutable = [];

    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tickwise-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Returns a path inside the directory.</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// Makes a file or directory immutable with <c>chattr +i</c>, which even root cannot write (tests run as root,
    /// so permission bits would be ignored). Returns false where chattr is unavailable or refused.
    /// </summary>
    public bool TryMakeImmutable(string path)
    {
        if (!RunChattr("+i", path)) return false;
        _immutable.Add(path);
        return true;
    }

    public void MakeMutable(string path)
    {
        RunChattr("-i", path);
        _immutable.Remove(path);
    }

    public void Dispose()
    {
        foreach (string path in _immutable.ToArray()) MakeMutable(path);
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a leftover temp directory must not fail the test run
    }

    private static bool RunChattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null) return false;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // chattr is not installed
        }
    }
}
