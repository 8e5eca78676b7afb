// Each test class trains real sweeps in child processes; on a few cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
