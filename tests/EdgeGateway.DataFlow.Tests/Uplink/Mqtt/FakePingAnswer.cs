namespace EdgeGateway.DataFlow.Tests.Uplink.Mqtt;

internal enum FakePingAnswer
{
    Answered,
    Unanswered,
    Failing,
}
