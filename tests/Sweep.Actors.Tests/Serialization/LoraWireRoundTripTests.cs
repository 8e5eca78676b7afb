using Akka.Actor;
using Akka.Configuration;
using Sweep.Actors.Persistence;
using Sweep.Actors.Protocol;
using Sweep.Actors.Serialization;
using Sweep.Core.Lora;
using Sweep.Core.Sweeps;
using Sweep.Core.Trials;

namespace Sweep.Actors.Tests.Serialization;

/// <summary>LoRA specs and trials (pretraining stage, adapter settings, rank and mode axes) survive the journal and the wire.</summary>
public sealed class LoraWireRoundTripTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("lora-wire", ConfigurationFactory.ParseString(Actors.Hosting.ClusterConfigFiles.Text("base.conf")));

    [Fact]
    public void Lora_messages_round_trip_with_every_lora_field()
    {
        var spec = LoraSamples.Spec();
        var trial = LoraSamples.Trials(spec).Single(t => t.Lora!.Settings is { Rank: 4, Mode: LoraMode.AOnly });
        var sweep = new SweepId("tiny-lora-0123abcd");
        var at = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var submitted = new SweepSubmitted(sweep, spec, "hash", LoraSamples.Yaml, 3, at);
        var state = SweepState.Initial(submitted).Apply(new TrialStarted(trial.Id, 1, "n1", at));
        object[] samples =
        [
            submitted,
            new TrialAssigned(sweep, trial, 1),
            new SweepResults(sweep, spec, "hash", 6, [new TrialResult(trial, Samples.Metrics(), 0.5)], [new FailedTrial(trial, 1, "Base checkpoint x is unusable")]),
            SweepSnapshot.Of(state),
        ];
        var serializer = new SweepJsonSerializer((ExtendedActorSystem)_system);

        foreach (var original in samples)
        {
            var bytes = serializer.ToBinary(original);
            var copy = serializer.FromBinary(bytes, serializer.Manifest(original));
            Assert.Equal(bytes, serializer.ToBinary(copy));
        }

        var assigned = (TrialAssigned)serializer.FromBinary(serializer.ToBinary(samples[1]), "trial-assigned");
        var lora = Assert.IsType<LoraTrialConfig>(assigned.Trial.Lora);
        Assert.Equal(trial.Id, assigned.Trial.Id);
        Assert.Equal(4, lora.Settings.Rank);
        Assert.Equal(LoraMode.AOnly, lora.Settings.Mode);
        Assert.Equal(6, lora.Settings.Bits);
        Assert.Equal([3, 4, 5], lora.Settings.Classes);
        Assert.Equal([0, 1, 2], lora.Pretrain.Classes);
        Assert.Equal(spec.Pretrain!.StageHash(), lora.Pretrain.StageHash());
        Assert.Equal(trial.Lora!.TrainableParameters, lora.TrainableParameters);

        var journaled = (SweepSubmitted)serializer.FromBinary(serializer.ToBinary(submitted), "sweep-submitted");
        Assert.Equal([1, 4], journaled.Spec.Grid.Ranks);
        Assert.Equal(LoraModes.All, journaled.Spec.Grid.Modes);
        Assert.Equal(spec.Lora!.Classes, journaled.Spec.Lora!.Classes);
        Assert.Equal(Core.Specs.SpecHash.Full(spec), Core.Specs.SpecHash.Full(journaled.Spec));
        Assert.Equal(
            LoraSamples.Trials(spec).Select(t => t.Id),
            LoraSamples.Trials(journaled.Spec).Select(t => t.Id));
    }

    [Fact]
    public void Subspace_trial_json_has_no_lora_field()
    {
        var trial = Samples.Trials(Samples.Spec())[0];
        var serializer = new SweepJsonSerializer((ExtendedActorSystem)_system);

        var json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(new TrialAssigned(new SweepId("s"), trial, 1)));

        Assert.DoesNotContain("Lora", json);
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
