using System.Text.Json;
using Sweep.Actors.Hosting;
using Sweep.Core.Trials;

namespace Sweep.Cli.Hosting;

/// <summary>
/// <c>results/&lt;sweep-id&gt;/sweep.json</c>, written when a sweep is accepted: which sweep the folder holds and where
/// its journal lives, so <c>sweep resume results/&lt;sweep-id&gt;</c> needs nothing else (passwords are not recorded).
/// </summary>
public sealed record SweepReference(string SweepId, string Store)
{
    public const string FileName = "sweep.json";

    public static void Write(string folder, SweepReference reference)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(reference, CommonOptions.JsonOutput) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The results root for a command on an existing sweep: the parent of a results folder given as the argument.</summary>
    public static string ResultsRootFor(string argument, string defaultRoot) =>
        Directory.Exists(argument) ? Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument)))! : defaultRoot;

    /// <summary>
    /// The sweep named by a command's argument (a results folder, or a sweep id) and the store to open: an explicit
    /// --store, else $SWEEP_STORE, else the one recorded in the folder, else the default file.
    /// </summary>
    public static (SweepId Id, StoreLocation Store) Resolve(string argument, string? explicitStore)
    {
        SweepReference? recorded = null;
        var id = argument;
        if (Directory.Exists(argument))
        {
            var file = Path.Combine(argument, FileName);
            if (File.Exists(file))
            {
                try
                {
                    recorded = JsonSerializer.Deserialize<SweepReference>(File.ReadAllText(file), CommonOptions.JsonOutput);
                }
                catch (JsonException e)
                {
                    throw new FormatException($"{file}: not a sweep reference ({e.Message}).", e);
                }
            }

            id = recorded?.SweepId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument)));
        }

        var store = explicitStore
            ?? Environment.GetEnvironmentVariable("SWEEP_STORE")
            ?? recorded?.Store
            ?? "sqlite:" + StoreLocation.DefaultSqliteFile;
        return (new SweepId(id), StoreLocation.Parse(store));
    }
}
