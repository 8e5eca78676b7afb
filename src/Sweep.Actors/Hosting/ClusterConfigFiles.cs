using Akka.Configuration;

namespace Sweep.Actors.Hosting;

/// <summary>The HOCON files of <c>cluster-config/</c>, embedded in this assembly.</summary>
public static class ClusterConfigFiles
{
    public static string Text(string fileName)
    {
        var assembly = typeof(ClusterConfigFiles).Assembly;
        using var stream = assembly.GetManifestResourceStream("cluster-config/" + fileName)
            ?? throw new FileNotFoundException($"cluster-config/{fileName} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Config Load(string fileName) => ConfigurationFactory.ParseString(Text(fileName));
}
