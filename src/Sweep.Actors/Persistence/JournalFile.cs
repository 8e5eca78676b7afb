using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Sweep.Actors.Persistence;

/// <summary>
/// File-system facts about a SQLite journal that a writer needs before it touches anything: whether this process
/// may write the file and its folder (SQLite in WAL mode creates <c>-wal</c> and <c>-shm</c> beside it), and a way
/// to write a file next to it that never follows a planted symbolic link.
/// </summary>
public static class JournalFile
{
    private const int WriteOk = 2; // W_OK, the same on every POSIX system

    /// <summary>Why this process cannot write the journal or create files beside it; null when it can.</summary>
    public static string? WhyNotWritable(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(path);
                const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
                if ((mode & anyWrite) == 0)
                {
                    // Also for root, who could write it anyway: a journal chmod'ed read-only is meant to stay as it is.
                    return $"the journal {path} is read-only (mode {Describe(mode)})";
                }

                if (access(path, WriteOk) != 0)
                {
                    return $"the journal {path} is read-only for this user ({Marshal.GetLastPInvokeErrorMessage()})";
                }
            }
            else if (new FileInfo(path).IsReadOnly)
            {
                return $"the journal {path} is read-only";
            }
        }

        if (!OperatingSystem.IsWindows() && Directory.Exists(folder) && access(folder, WriteOk) != 0)
        {
            return $"the folder {folder} is read-only for this user ({Marshal.GetLastPInvokeErrorMessage()}), and a writer creates {Path.GetFileName(path)}-wal and -shm there";
        }

        return null;
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with a regular file holding <paramref name="text"/>, never writing through a
    /// symbolic link: the text goes to a new file with a random name (created exclusively, which fails on any existing
    /// name, a link included), which is then renamed over the path (a rename replaces a link, never its target).
    /// </summary>
    public static void WriteBeside(string path, string text)
    {
        var temporary = $"{path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(text);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The text of a small regular file beside the journal; null when it is missing, a link, or not small.</summary>
    public static string? ReadBeside(string path, int maxBytes = 4096)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null || info.Length > maxBytes)
            {
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Describe(UnixFileMode mode)
    {
        var bits = "rwxrwxrwx";
        var text = new char[9];
        for (var i = 0; i < 9; i++)
        {
            text[i] = ((int)mode & (1 << (8 - i))) != 0 ? bits[i] : '-';
        }

        return new string(text);
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int access(string path, int mode);
}
