namespace EdgeGateway.FieldBus.Commands;

/// <summary>Makes a sampler keep a sample (its profile's <c>retainSample</c> command), for an exceedance.</summary>
public interface ISampleRetainer
{
    /// <summary>Sends the command once; retried, if at all, by the caller (<see cref="SampleRetryPolicy"/>).</summary>
    Task<SampleRetentionOutcome> RetainAsync(string device, CancellationToken cancellationToken);
}
