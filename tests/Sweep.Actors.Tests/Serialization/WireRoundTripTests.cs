using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Actors.Serialization;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Serialization;

public sealed class WireRoundTripTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("wire", ConfigurationFactory.ParseString(Actors.Hosting.ClusterConfigFiles.Text("base.conf")));

    public static TheoryData<string> WireTypeNames() => [.. WireTypes.ByName.Keys];

    [Theory]
    [MemberData(nameof(WireTypeNames))]
    public void Every_wire_type_survives_a_round_trip(string name)
    {
        var original = SampleOf(WireTypes.ByName[name]);
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerFor(original);

        Assert.IsType<SweepJsonSerializer>(serializer);
        var manifest = serializer.Manifest(original);
        var bytes = serializer.ToBinary(original);
        var copy = serializer.FromBinary(bytes, manifest);

        Assert.Equal(name, manifest);
        Assert.IsType(original.GetType(), copy);
        Assert.Equal(bytes, serializer.ToBinary(copy)); // every field came back
    }

    [Fact]
    public void Every_wire_type_and_every_journal_event_is_registered()
    {
        var wire = typeof(ISweepWire).Assembly.GetTypes()
            .Where(t => typeof(ISweepWire).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .Concat(typeof(ISweepEvent).Assembly.GetTypes().Where(t => typeof(ISweepEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false }))
            .ToList();

        Assert.Contains(typeof(GroupEstimated), wire);

        Assert.All(wire, t => Assert.True(WireTypes.NameOf.ContainsKey(t), $"{t.Name} is not in WireTypes"));
    }

    [Fact]
    public void The_phase_travels_as_the_name_it_always_had_and_old_events_still_read()
    {
        var serializer = new SweepJsonSerializer((ExtendedActorSystem)_system);
        // As a coordinator wrote them when the phase was a string and the events lived in the actors' project.
        var status = (SweepStatus)serializer.FromBinary(
            """{"SweepId":"tiny-0123abcd","Name":"tiny","Phase":"Paused","Total":4,"Done":1,"Running":0,"Pending":3,"Failed":0,"SubmittedAt":"2026-11-23T10:00:00+01:00","RunningTrials":[]}"""u8.ToArray(),
            "sweep-status");
        var started = (TrialStarted)serializer.FromBinary("""{"TrialId":"t-1","Attempt":2,"Node":"n1","At":"2026-11-23T10:00:00+01:00"}"""u8.ToArray(), "trial-started");

        Assert.Equal(SweepPhase.Paused, status.Phase);
        Assert.Contains("\"Phase\":\"Paused\"", System.Text.Encoding.UTF8.GetString(serializer.ToBinary(status with { Phase = SweepPhase.Paused })));
        Assert.Contains("\"Phase\":\"Cancelled\"", System.Text.Encoding.UTF8.GetString(serializer.ToBinary(status with { Phase = SweepPhase.Cancelled })));
        Assert.Equal((new TrialId("t-1"), 2, "n1"), (started.TrialId, started.Attempt, started.Node));
        Assert.Equal("trial-started", serializer.Manifest(started));
    }

    [Fact]
    public void Unknown_manifest_is_refused()
    {
        var serializer = new SweepJsonSerializer((ExtendedActorSystem)_system);

        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.Diagnostics.Process"));
    }

    [Fact]
    public void A_100k_float_w_prime_fits_in_a_frame_and_round_trips_exactly()
    {
        var w = Enumerable.Range(0, 100_000).Select(i => MathF.Sin(i) * 1e-3f).ToArray();
        w[7] = float.Epsilon;
        w[8] = -0f;
        var report = new ReportTrialCompleted(new SweepId("s"), new TrialId("t-1"), 1, "slot", Samples.Metrics(), w);
        var serializer = new SweepJsonSerializer((ExtendedActorSystem)_system);

        var bytes = serializer.ToBinary(report);
        var copy = (ReportTrialCompleted)serializer.FromBinary(bytes, "report-trial-completed");

        Assert.True(bytes.Length < 600_000, $"{bytes.Length} bytes");
        Assert.True(bytes.Length < _system.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        Assert.Equal(w.Select(BitConverter.SingleToInt32Bits), copy.WPrime.Select(BitConverter.SingleToInt32Bits));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static object SampleOf(Type type)
    {
        var spec = Samples.Spec();
        var trial = Samples.Trials(spec)[0];
        var sweep = new SweepId("tiny-0123abcd");
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));
        var state = SweepState.Initial(new SweepSubmitted(sweep, spec, "hash", "yaml", 3, at))
            .Apply(new TrialStarted(trial.Id, 1, "n1", at))
            .Apply(new TrialCompleted(trial.Id, 1, "n1", Samples.Metrics(), [0.5f, -0.25f], at));
        var miSpec = Samples.Spec(Samples.MiYaml);
        var miState = SweepState.Initial(new SweepSubmitted(sweep, miSpec, "hash", "yaml", 3, at));
        var miGroup = MiGroupDecisions.Groups(miState)[0];
        foreach (var id in miGroup.Members)
        {
            miState = miState.Apply(new TrialStarted(id, 1, "n1", at)).Apply(new TrialCompleted(id, 1, "n1", Samples.Metrics(), [0.5f, -0.25f, 0f, 1f], at));
        }

        var topologySpec = Samples.Spec(Sweep.Tests.Shared.SpecYaml.TinyTopology);
        var topologyState = SweepState.Initial(new SweepSubmitted(sweep, topologySpec, "hash", "yaml", 3, at));
        var topologyGroup = TopologyGroupDecisions.Groups(topologyState)[0];
        foreach (var id in topologyGroup.Members)
        {
            topologyState = topologyState.Apply(new TrialStarted(id, 1, "n1", at))
                .Apply(new TrialCompleted(id, 1, "n1", Samples.Metrics() with { FirstLayerFilters = [.. Enumerable.Range(0, 72).Select(i => i * 0.01f)] }, [0.5f], at));
        }

        object sample = type.Name switch
        {
            nameof(SweepSubmitted) => new SweepSubmitted(sweep, spec, "hash", "name: tiny", 3, at),
            nameof(TrialStarted) => new TrialStarted(trial.Id, 2, "127.0.0.1:4053/cpu#0", at),
            nameof(TrialCompleted) => new TrialCompleted(trial.Id, 1, "n", Samples.Metrics(), [1f, 2f, -3.5f], at),
            nameof(TrialFailed) => new TrialFailed(trial.Id, 3, "n", "loss diverged", false, at),
            nameof(TrialRequeued) => new TrialRequeued(trial.Id, 1, "trainer lost", at),
            nameof(SweepPaused) => new SweepPaused(at),
            nameof(SweepResumed) => new SweepResumed(true, at),
            nameof(SweepCancelled) => new SweepCancelled(at),
            nameof(SweepExtended) => new SweepExtended(spec, "hash2", "yaml2", at),
            nameof(RequestWork) => new RequestWork("127.0.0.1:4053/cpu#1"),
            nameof(TrialHeartbeat) => new TrialHeartbeat(sweep, trial.Id, 1, 10, 100, 0.693),
            nameof(ReportTrialCompleted) => new ReportTrialCompleted(sweep, trial.Id, 1, "slot", Samples.Metrics(), [0.125f]),
            nameof(ReportTrialFailed) => new ReportTrialFailed(sweep, trial.Id, 1, "slot", "TrialDivergedException: NaN"),
            nameof(DeclineTrial) => new DeclineTrial(sweep, trial.Id, 2, "127.0.0.1:4054/cpu#0"),
            nameof(TrialAssigned) => new TrialAssigned(sweep, trial, 1),
            nameof(TrialReportAccepted) => new TrialReportAccepted(sweep, trial.Id, 1),
            nameof(SubmitSweep) => new SubmitSweep(spec, "name: tiny", 3),
            nameof(SweepAccepted) => new SweepAccepted(sweep, 4, 1, 3, 0),
            nameof(SweepRejected) => new SweepRejected("no"),
            nameof(GetSweepStatus) => new GetSweepStatus(sweep),
            nameof(GetSweepResults) => new GetSweepResults(sweep),
            nameof(SweepResults) => new SweepResults(sweep, spec, "hash", 4, [new TrialResult(trial, Samples.Metrics(), 0.5)], [new FailedTrial(trial, 3, "boom")], [Samples.MiEstimate()], new Dictionary<string, string> { ["g-x"] = "boom" })
            {
                TopologyEstimates = [Samples.TopologyEstimate()],
                TopologyFailures = new Dictionary<string, string> { ["t-x"] = "boom" },
            },
            nameof(SweepStatus) => new SweepStatus(sweep, "tiny", SweepPhase.Active, 4, 1, 1, 2, 0, at, [new RunningTrial(trial.Id, 4, 0, "n", 1, at, 5, 18, 0.9), new RunningTrial(trial.Id, 4, 1, "n", 1, at, 0, 0, double.NaN)]) { ActiveSince = at.AddMinutes(3) },
            nameof(SweepSnapshot) => SweepSnapshot.Of(state.Apply(new GroupEstimated(Samples.MiEstimate(), at)).Apply(new GroupEstimationFailed("g-x", "boom", at))
                .Apply(new TopologyGroupEstimated(Samples.TopologyEstimate(), at)).Apply(new TopologyGroupEstimationFailed("t-x", "boom", at))),
            nameof(SweepRegistered) => new SweepRegistered(sweep, "tiny", at),
            nameof(ResumeSweep) => new ResumeSweep(sweep, true),
            nameof(ExtendSweep) => new ExtendSweep(sweep, spec, "name: tiny"),
            nameof(PauseSweep) => new PauseSweep(sweep),
            nameof(CancelSweep) => new CancelSweep(sweep),
            nameof(ListSweeps) => new ListSweeps(),
            nameof(SweepList) => new SweepList([new SweepStatus(sweep, "tiny", SweepPhase.Paused, 4, 1, 0, 3, 0, at, [])]),
            nameof(WriteSweepResults) => new WriteSweepResults(sweep),
            nameof(SweepResultsWritten) => new SweepResultsWritten(sweep, "/tmp/r", new SweepStatus(sweep, "tiny", SweepPhase.Active, 4, 4, 0, 0, 0, at, [])),
            nameof(SweepUnknown) => new SweepUnknown(new SweepId("nope"), [sweep, new SweepId("other-12345678")]),
            nameof(GroupEstimated) => new GroupEstimated(Samples.MiEstimate() with { Cmi = Samples.CmiEstimate() }, at),
            nameof(GroupEstimationFailed) => new GroupEstimationFailed("g-0123456789ab", "EstimatorInputException: k must be at least 1", at),
            nameof(EstimateMiGroup) => EstimateMiGroup.For(miState, miGroup),
            nameof(MiGroupEstimated) => new MiGroupEstimated(sweep, Samples.MiEstimate() with
            {
                PerSampleStandardError = [0.01, 0.02],
                PerSampleNull = [new Core.Estimators.NullCheck(0.08, 0.01, 0.005, 0.02, 10, 1.0 / 11), new Core.Estimators.NullCheck(0.1, 0.09, 0.02, 0.13, 10, 0.5)],
            }),
            nameof(MiGroupEstimationFailed) => new MiGroupEstimationFailed(sweep, "g-0123456789ab", "timeout"),
            nameof(TopologyGroupEstimated) => new TopologyGroupEstimated(Samples.TopologyEstimate() with { Node = "akka.tcp://sweep@127.0.0.1:4053" }, at),
            nameof(TopologyGroupEstimationFailed) => new TopologyGroupEstimationFailed("t-0123456789ab", "ArgumentException: 2 of 32 filters have contrast", at),
            nameof(EstimateTopologyGroup) => EstimateTopologyGroup.For(topologyState, topologyGroup),
            nameof(TopologyGroupComputed) => new TopologyGroupComputed(sweep, Samples.TopologyEstimate(d: 0)),
            nameof(TopologyGroupComputationFailed) => new TopologyGroupComputationFailed(sweep, "t-0123456789ab", "timeout"),
            nameof(GetClusterState) => new GetClusterState(),
            nameof(ClusterState) => new ClusterState("akka.tcp://sweep@127.0.0.1:4053", "akka.tcp://sweep@127.0.0.1:4053", null, [new ClusterMember("akka.tcp://sweep@127.0.0.1:4054", ["trainer"], "Up", false)]),
            nameof(LeaveMember) => new LeaveMember("akka.tcp://sweep@127.0.0.1:4054"),
            nameof(DownMember) => new DownMember("akka.tcp://sweep@127.0.0.1:4054"),
            nameof(DownUnreachable) => new DownUnreachable(),
            nameof(MembershipChanged) => new MembershipChanged("down", ["akka.tcp://sweep@127.0.0.1:4054"], "akka.tcp://sweep@127.0.0.1:4053"),
            nameof(MembershipRefused) => new MembershipRefused("not a member", ["akka.tcp://sweep@127.0.0.1:4053"]),
            nameof(GetSweepTrials) => new GetSweepTrials(sweep, "failed"),
            nameof(SweepTrials) => new SweepTrials(sweep, "running", [new TrialRow(trial.Id, 4, 1, "d=4 seed=1", "127.0.0.1:4054/cpu#0", 2, at, 12.5, 30, 100, double.NaN, null), new TrialRow(trial.Id, 4, 0, "d=4 seed=0", null, 3, null, null, 0, 0, 0.5, "loss diverged")]),
            nameof(GetActivity) => new GetActivity(),
            nameof(ClusterActivity) => new ClusterActivity(300, [new SlotActivity("127.0.0.1:4054/cpu#0", true, 1, 17, 4)], [new SweepActivity(sweep, 4)]),
            _ => throw new InvalidOperationException($"No sample for {type.Name}; add one."),
        };
        return sample;
    }
}
