using System.Net.NetworkInformation;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Uplink.Platforms;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Platforms;

/// <summary>
/// Reads what the HJ 212-2025 1001 reports about the data logger's hardware, once at the start: the CPU ID from
/// <c>/proc/cpuinfo</c>'s <c>Serial</c> line (a Raspberry Pi's SoC serial), else <c>/etc/machine-id</c> (a PC's CPU
/// has no readable serial), and the MACs of the first two network interfaces that are not loopback, in the order the
/// system lists them, written <c>B8:27:EB:12:34:56</c>.
/// </summary>
/// <param name="cpuInfoPath">The cpuinfo file (tests give a fake one).</param>
/// <param name="machineIdPath">The machine-id file.</param>
/// <param name="interfaces">The network interfaces; null: the system's.</param>
internal sealed partial class HardwareIdentityReader(string cpuInfoPath = "/proc/cpuinfo", string machineIdPath = "/etc/machine-id", Func<IEnumerable<NetworkInterface>>? interfaces = null)
{
    private const int MacBytes = 6;

    /// <summary>
    /// The identity when a platform gets a 1001 (HJ 212-2025 with <see cref="PlatformOptions.SendHardwareIdentity"/>);
    /// null when none does or it cannot be read (logged: those platforms get no 1001).
    /// </summary>
    public PlatformHardwareIdentity? ReadFor(IReadOnlyList<PlatformOptions> platforms, ILogger logger)
    {
        if (!platforms.Any(platform => platform.Edition == Hj212Edition.Edition2025 && platform.SendHardwareIdentity))
        {
            return null;
        }

        var identity = Read(out var problem);
        if (identity is null)
        {
            NotRead(logger, problem!);
        }

        return identity;
    }

    /// <summary>The identity; null with the reason when the CPU ID or every MAC is missing (no 1001 is sent then).</summary>
    public PlatformHardwareIdentity? Read(out string? problem)
    {
        var cpuId = CpuSerial() ?? MachineId();
        if (cpuId is null)
        {
            problem = $"neither {cpuInfoPath} has a Serial line nor {machineIdPath} an ID";
            return null;
        }

        var macs = Macs();
        if (macs.Count == 0)
        {
            problem = "no network interface besides loopback has a MAC address";
            return null;
        }

        problem = null;
        return new PlatformHardwareIdentity(cpuId, macs[0], macs.Count > 1 ? macs[1] : null);
    }

    private string? CpuSerial()
    {
        foreach (var line in ReadLines(cpuInfoPath))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Serial", StringComparison.OrdinalIgnoreCase) && Usable(line[(colon + 1)..].Trim()) is { } serial)
            {
                return serial.ToUpperInvariant();
            }
        }

        return null;
    }

    private string? MachineId() => ReadLines(machineIdPath).Select(line => Usable(line.Trim())).FirstOrDefault(id => id is not null);

    private List<string> Macs()
    {
        var macs = new List<string>(2);
        IEnumerable<NetworkInterface> all;
        try
        {
            all = interfaces?.Invoke() ?? NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return macs;
        }

        foreach (var candidate in all)
        {
            if (candidate.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            var address = candidate.GetPhysicalAddress().GetAddressBytes();
            if (address.Length != MacBytes || address.All(b => b == 0))
            {
                continue;
            }

            var mac = string.Join(':', address.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            if (!macs.Contains(mac, StringComparer.Ordinal))
            {
                macs.Add(mac);
            }

            if (macs.Count == 2)
            {
                break;
            }
        }

        return macs;
    }

    // An ID goes into the CP as an item's value: only characters a CP value may carry; an all-zero serial is none.
    private static string? Usable(string text) =>
        text.Length > 0 && text.All(char.IsAsciiLetterOrDigit) && text.Any(c => c != '0') ? text : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hardware identity for HJ 212-2025 platforms (1001) cannot be read: {Reason}; no 1001 is sent")]
    private static partial void NotRead(ILogger logger, string reason);

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
