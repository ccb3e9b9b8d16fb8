namespace EdgeGateway.Core.Alarms;

/// <summary>Makes a sampler keep a sample (its profile's <c>retainSample</c> command), for an exceedance.</summary>
public interface ISampleRetainer
{
    /// <summary>Sends the command once; never retried here, since a lost answer may hide a sample already taken.</summary>
    Task<SampleRetentionOutcome> RetainAsync(string device, CancellationToken cancellationToken);
}
