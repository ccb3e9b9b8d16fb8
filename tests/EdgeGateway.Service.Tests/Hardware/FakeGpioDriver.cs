using System.Collections.Concurrent;
using System.Device.Gpio;

namespace EdgeGateway.Service.Tests.Hardware;

/// <summary>
/// A GPIO driver in memory, under the library's own <see cref="GpioController"/>, so the code under test is the code
/// that runs on the board: outputs are recorded (pin, level, when, in order) and inputs are driven by the test (or a
/// behavioural model such as a bouncing door), raising the edge callbacks the controller registered.
/// </summary>
internal sealed class FakeGpioDriver(int pinCount = 28, TimeProvider? time = null) : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (PinMode Mode, PinValue Value)> _pins = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<int, PinValue> _held = [];
    private readonly HashSet<int> _busy = [];

    /// <summary>Every write to an output, in order: pin, level, when.</summary>
    public ConcurrentQueue<(int Pin, PinValue Value, DateTimeOffset At)> Writes { get; } = new();

    protected override int PinCount => pinCount;

    public PinMode ModeOf(int pin)
    {
        lock (_gate)
        {
            return _pins[pin].Mode;
        }
    }

    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return _pins.ContainsKey(pin);
        }
    }

    /// <summary>Sets an input's level as the outside world would, raising the matching edge callbacks.</summary>
    public void SetInput(int pin, PinValue value)
    {
        List<PinChangeEventHandler> handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            var (mode, previous) = _pins[pin];
            _pins[pin] = (mode, value);
            if (previous == value)
            {
                return;
            }

            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = _callbacks.TryGetValue(pin, out var registered) ? [.. registered.Where(callback => (callback.Types & edge) != 0).Select(callback => callback.Handler)] : [];
        }

        foreach (var handler in handlers)
        {
            handler(this, new PinValueChangedEventArgs(edge, pin));
        }
    }

    /// <summary>
    /// Wires the input to a level, before or after it is opened, as a closed switch to GND or to 3.3 V does: the pin reads
    /// it from the moment it opens, and a pull resistor does not override it (an open pin gets the edge callbacks).
    /// </summary>
    public void HoldInput(int pin, PinValue value)
    {
        bool open;
        lock (_gate)
        {
            _held[pin] = value;
            open = _pins.ContainsKey(pin);
        }

        if (open)
        {
            SetInput(pin, value);
        }
    }

    /// <summary>Another program or a kernel driver holds the line: opening it fails as libgpiod's request does (EBUSY).</summary>
    public void MarkBusy(int pin)
    {
        lock (_gate)
        {
            _busy.Add(pin);
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            if (_busy.Contains(pinNumber))
            {
                throw new IOException($"Error while requesting line {pinNumber}: Device or resource busy");
            }

            _pins[pinNumber] = (PinMode.Input, _held.TryGetValue(pinNumber, out var held) ? held : PinValue.Low);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _pins.Remove(pinNumber);
            _callbacks.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var value = mode switch
            {
                not PinMode.Output when _held.TryGetValue(pinNumber, out var held) => held,
                PinMode.InputPullUp => PinValue.High,
                PinMode.InputPullDown => PinValue.Low,
                _ => _pins[pinNumber].Value,
            };
            _pins[pinNumber] = (mode, value);
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => ModeOf(pinNumber);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return _pins[pinNumber].Value;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            _pins[pinNumber] = (_pins[pinNumber].Mode, value);
        }

        Writes.Enqueue((pinNumber, value, _time.GetUtcNow()));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne();
        return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list))
            {
                _callbacks[pinNumber] = list = [];
            }

            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            if (_callbacks.TryGetValue(pinNumber, out var list))
            {
                list.RemoveAll(registered => registered.Handler == callback);
            }
        }
    }
}
