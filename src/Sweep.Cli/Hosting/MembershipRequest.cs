using System.CommandLine;
using Spectre.Console;
using Sweep.Actors.Protocol;

namespace Sweep.Cli.Hosting;

/// <summary>Sends a membership command (leave, down, down-unreachable) to the contacted node and says what it did.</summary>
public static class MembershipRequest
{
    public sealed record Settings(string Address, string Contact);

    /// <summary>The command line of a command on one member: <c>sweep cluster &lt;name&gt; &lt;address&gt; [--contact]</c>.</summary>
    public static Command Create(IAnsiConsole console, string name, string description, Func<string, IGatewayQuery> request)
    {
        var address = new Argument<string>("address") { Description = "The member: akka.tcp://sweep@host:port or host:port." };
        var contact = CommonOptions.Contact();
        var command = new Command(name, description) { address, contact };
        command.SetAction((parse, ct) =>
        {
            var settings = new Settings(parse.GetValue(address)!, parse.GetValue(contact)!);
            string member;
            try
            {
                member = ClusterConnection.NormalizeAddress(settings.Address);
            }
            catch (FormatException e)
            {
                console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
                return Task.FromResult(ExitCodes.BadInput);
            }

            return SendAsync(console, settings.Contact, request(member), ct);
        });
        return command;
    }

    public static Task<int> SendAsync(IAnsiConsole console, string contact, IGatewayQuery request, CancellationToken cancellationToken) =>
        ClusterCall.RunAsync(console, contact, async connection =>
        {
            var reply = await ClusterCall.AskAsync(connection, request, cancellationToken);
            if (reply is not MembershipChanged changed)
            {
                return ClusterCall.Failed(console, reply);
            }

            if (changed.Addresses.Count == 0)
            {
                console.MarkupLineInterpolated($"nothing to {changed.Action}: {changed.SeenBy} sees no unreachable member.");
                return ExitCodes.Ok;
            }

            foreach (var address in changed.Addresses)
            {
                console.MarkupLineInterpolated($"{changed.Action,-6} {address} (requested through {changed.SeenBy})");
            }

            return ExitCodes.Ok;
        }, cancellationToken, new GetClusterState());
}
