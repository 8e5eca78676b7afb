namespace Sweep.Actors.Protocol;

/// <summary>
/// Marks every type that crosses the wire or enters the journal. HOCON binds it to
/// <see cref="Serialization.SweepJsonSerializer"/>, which knows each such type by an explicit short name.
/// </summary>
public interface ISweepWire;
