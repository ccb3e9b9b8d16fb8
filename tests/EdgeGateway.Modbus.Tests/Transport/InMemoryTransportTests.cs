using System.Diagnostics;
using EdgeGateway.Modbus.Transport;
using EdgeGateway.Testing.Modbus.Transport;

namespace EdgeGateway.Modbus.Tests.Transport;

public sealed class InMemoryTransportTests
{
    [Fact]
    public void Bytes_written_on_one_end_are_read_on_the_other_in_both_directions()
    {
        var (first, second) = InMemoryTransportPair.Create();

        first.Write([1, 2, 3]);
        second.Write([9]);

        var buffer = new byte[8];
        Assert.Equal(3, second.Read(buffer, TimeSpan.Zero));
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..3]);
        Assert.Equal(1, first.Read(buffer, TimeSpan.Zero));
        Assert.Equal(9, buffer[0]);
    }

    [Fact]
    public void A_small_buffer_takes_what_fits_and_leaves_the_rest()
    {
        var (first, second) = InMemoryTransportPair.Create();
        first.Write([1, 2, 3, 4, 5]);

        var buffer = new byte[2];
        Assert.Equal(2, second.Read(buffer, TimeSpan.Zero));
        Assert.Equal(3, second.BytesAvailable);
        Assert.Equal(new byte[] { 1, 2 }, buffer);
        Assert.Equal(2, second.Read(buffer, TimeSpan.Zero));
        Assert.Equal(new byte[] { 3, 4 }, buffer);
    }

    [Fact]
    public void A_silent_read_returns_zero_after_its_timeout()
    {
        var (_, second) = InMemoryTransportPair.Create();

        var elapsed = Stopwatch.StartNew();
        int count = second.Read(new byte[4], TimeSpan.FromMilliseconds(15));

        Assert.Equal(0, count);
        Assert.True(elapsed.Elapsed >= TimeSpan.FromMilliseconds(14), $"returned after {elapsed.Elapsed.TotalMilliseconds:F1} ms");
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_blocked_read_wakes_up_when_the_other_end_writes()
    {
        var (first, second) = InMemoryTransportPair.Create();
        int count = -1;
        var buffer = new byte[4];
        var reader = new Thread(() => count = second.Read(buffer, TimeSpan.FromSeconds(10)));
        reader.Start();
        Thread.Sleep(30);
        var elapsed = Stopwatch.StartNew();

        first.Write([0x42]);

        Assert.True(reader.Join(TimeSpan.FromSeconds(5)));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);
        Assert.Equal(0x42, buffer[0]);
    }

    [Fact]
    public void Disconnect_makes_the_other_ends_next_read_throw_and_close_it()
    {
        var (first, second) = InMemoryTransportPair.Create("cable");

        first.Disconnect();

        Assert.False(first.IsOpen);
        var exception = Assert.Throws<ModbusTransportException>(() => second.Read(new byte[4], TimeSpan.FromSeconds(1)));
        Assert.Equal("memory://cable/second: hung up (the other end disconnected)", exception.Message);
        Assert.False(second.IsOpen);
        Assert.Throws<ModbusTransportException>(() => second.Write([1]));
    }

    [Fact]
    public void Disconnect_makes_the_other_ends_next_write_throw()
    {
        var (first, second) = InMemoryTransportPair.Create();

        second.Disconnect();

        Assert.Throws<ModbusTransportException>(() => first.Write([1]));
        Assert.False(first.IsOpen);
    }

    [Fact]
    public void Disconnect_ends_a_read_that_is_already_waiting()
    {
        var (first, second) = InMemoryTransportPair.Create();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                second.Read(new byte[4], TimeSpan.FromSeconds(10));
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        reader.Start();
        Thread.Sleep(30);

        first.Disconnect();

        Assert.True(reader.Join(TimeSpan.FromSeconds(5)));
        Assert.IsType<ModbusTransportException>(failure);
    }

    [Fact]
    public void Both_ends_can_reopen_after_a_disconnect_and_carry_bytes_again()
    {
        var (first, second) = InMemoryTransportPair.Create();
        first.Write([1, 2]);
        first.Disconnect();
        Assert.Throws<ModbusTransportException>(() => second.Read(new byte[4], TimeSpan.Zero));

        first.Open();
        second.Open();
        first.Write([7]);

        var buffer = new byte[4];
        Assert.Equal(1, second.Read(buffer, TimeSpan.FromSeconds(1)));
        Assert.Equal(7, buffer[0]);
        Assert.Equal(1, second.OpenCount);
    }

    [Fact]
    public void Bytes_written_while_the_other_end_is_closed_are_lost()
    {
        var (first, second) = InMemoryTransportPair.Create();
        second.Close();

        first.Write([1, 2, 3]);
        second.Open();

        Assert.Equal(0, second.Read(new byte[4], TimeSpan.Zero));
    }

    [Fact]
    public void Open_failure_simulates_a_port_that_is_gone()
    {
        var (first, _) = InMemoryTransportPair.Create();
        first.Close();
        first.OpenFailure = "/dev/ttyUSB0: no such serial port";

        var exception = Assert.Throws<ModbusTransportException>(first.Open);

        Assert.Equal("/dev/ttyUSB0: no such serial port", exception.Message);
        Assert.False(first.IsOpen);
        first.OpenFailure = null;
        first.Open();
        Assert.True(first.IsOpen);
    }

    [Fact]
    public void Discard_input_drops_pending_bytes_and_counts_them()
    {
        var (first, second) = InMemoryTransportPair.Create();
        first.Write(new byte[12]);

        Assert.Equal(12, second.DiscardInput());
        Assert.Equal(0, second.BytesAvailable);
        Assert.Equal(0, second.DiscardInput());
    }

    [Fact]
    public void The_ends_have_distinct_endpoints_and_start_open()
    {
        var pair = InMemoryTransportPair.Create("bus1");

        Assert.Equal("memory://bus1/first", pair.First.Endpoint);
        Assert.Equal("memory://bus1/second", pair.Second.Endpoint);
        Assert.True(pair.First.IsOpen);
        Assert.True(pair.Second.IsOpen);
    }

    [Fact]
    public void Two_threads_exchanging_many_frames_lose_nothing()
    {
        var (first, second) = InMemoryTransportPair.Create();
        const int Total = 20_000;
        long sum = 0;
        var reader = new Thread(() =>
        {
            var buffer = new byte[97];
            int received = 0;
            while (received < Total)
            {
                int count = second.Read(buffer, TimeSpan.FromSeconds(5));
                Assert.True(count > 0);
                for (int index = 0; index < count; index++)
                {
                    sum += buffer[index];
                }

                received += count;
            }
        });
        reader.Start();

        for (int offset = 0; offset < Total; offset += 100)
        {
            first.Write(Enumerable.Repeat((byte)1, 100).ToArray());
        }

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(Total, sum);
    }
}
