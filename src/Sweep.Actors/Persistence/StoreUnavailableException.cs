namespace Sweep.Actors.Persistence;

/// <summary>The store cannot be used: missing, corrupt, locked or unreachable. Nothing was changed in it.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
