namespace EdgeGateway.Pipeline.Alarms;

/// <summary>A change of an alarm, for an event on the platform topic: the alarm as it is after the change.</summary>
public sealed record AlarmTransition(AlarmChange Change, ActiveAlarm Alarm);
