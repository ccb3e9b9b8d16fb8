using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Hardware;

/// <summary>
/// The cabinet's temperature and humidity sensor. A failed read is an error, never the previous values: a sensor that
/// repeats its last answer would hide an overheating cabinet behind a normal-looking number.
/// </summary>
internal interface ICabinetClimateSensor : IDisposable
{
    /// <summary>The chip, for logs and messages (e.g. <c>SHT3x at 0x44 on /dev/i2c-1</c>).</summary>
    string Description { get; }

    /// <summary>Takes one measurement now (blocks for the conversion, tens of milliseconds). Never throws for bus errors.</summary>
    bool TryRead(out ClimateSample sample, [NotNullWhen(false)] out string? error);
}
