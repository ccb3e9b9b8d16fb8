namespace EdgeGateway.Pipeline.Alarms;

/// <summary>
/// How often an exceedance's sample is asked for again when the sampler did not answer (a timeout, a lost port, a busy
/// sampler): bounded, within the episode, and never after the sampler confirmed a sample.
/// </summary>
/// <param name="Attempts">Attempts in all, the first included (at least 1).</param>
/// <param name="Delay">The wait between two attempts.</param>
public sealed record SampleRetryPolicy(int Attempts, TimeSpan Delay)
{
    /// <summary>Three attempts ten seconds apart: a bus fault of a few seconds does not cost the sample, and the water
    /// or gas sampled is still the one that passed the limit.</summary>
    public static SampleRetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(10));
}
