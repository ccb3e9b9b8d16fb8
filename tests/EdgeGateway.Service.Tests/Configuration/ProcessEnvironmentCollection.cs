namespace EdgeGateway.Service.Tests.Configuration;

/// <summary>Tests that set process environment variables: run apart from every other test.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;
