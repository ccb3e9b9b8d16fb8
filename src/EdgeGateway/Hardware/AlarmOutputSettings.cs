namespace EdgeGateway.Hardware;

/// <summary>The alarm output: a GPIO (BCM number) driven while a matching alarm is active, for a relay or an LED.</summary>
/// <param name="Pin">The output pin.</param>
/// <param name="ActiveLow">True when a low level switches the relay or LED on (most opto-isolated relay boards).</param>
/// <param name="On">Which alarms switch it on.</param>
/// <param name="Blink">True: 500 ms on, 500 ms off while active instead of steady on.</param>
internal sealed record AlarmOutputSettings(int Pin, bool ActiveLow, AlarmOutputTrigger On, bool Blink);
