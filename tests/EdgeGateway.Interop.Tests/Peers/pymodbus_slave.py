#!/usr/bin/python3
"""A pymodbus 3.0.0 slave for the interop tests, driven by PymodbusSlave.cs.

Usage: /usr/bin/python3 pymodbus_slave.py CONFIG.json

The JSON file says where to serve (TCP on a loopback port, or RTU on a serial/pty path), which unit ids
answer, and the initial contents of the four tables. The script prints READY on stdout once the port is
bound (TCP) or opened (RTU), so the C# side never races the server, and serves until it is killed.
"""
import asyncio
import json
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer


def padded(values, size, fill):
    values = list(values or [])
    if len(values) < size:
        values.extend([fill] * (size - len(values)))
    return values


def build_context(config):
    size = int(config.get("table_size", 1000))
    slaves = {}
    for unit_id in config["unit_ids"]:
        # Each unit gets its own copy so that a write to one unit does not show up on another.
        slaves[int(unit_id)] = ModbusSlaveContext(
            hr=ModbusSequentialDataBlock(0, padded(config.get("holding_registers"), size, 0)),
            ir=ModbusSequentialDataBlock(0, padded(config.get("input_registers"), size, 0)),
            co=ModbusSequentialDataBlock(0, padded(config.get("coils"), size, False)),
            di=ModbusSequentialDataBlock(0, padded(config.get("discrete_inputs"), size, False)),
            # Without zero_mode pymodbus 3.0.0 shifts every address by one.
            zero_mode=True,
        )
    return ModbusServerContext(slaves=slaves, single=False)


async def serve(config):
    context = build_context(config)
    if config["mode"] == "tcp":
        server = ModbusTcpServer(
            context,
            framer=ModbusSocketFramer,
            address=("127.0.0.1", int(config["tcp_port"])),
            allow_reuse_address=True,
        )
        task = asyncio.create_task(server.serve_forever())
        # serve_forever() sets this future right after create_server() bound the socket;
        # a bind failure ends the task instead, so wait for whichever comes first.
        done, _ = await asyncio.wait({task, server.serving}, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()
            raise RuntimeError("TCP server ended before it was bound")
        print("READY", flush=True)
        await task
    elif config["mode"] == "rtu":
        server = ModbusSerialServer(
            context,
            framer=ModbusRtuFramer,
            port=config["serial_path"],
            baudrate=int(config.get("baud_rate", 9600)),
            parity=config.get("parity", "N"),
            bytesize=int(config.get("data_bits", 8)),
            stopbits=int(config.get("stop_bits", 1)),
            timeout=0.005,
        )
        await server.start()
        if server.transport is None:
            raise RuntimeError(f"could not open serial port {config['serial_path']}")
        print("READY", flush=True)
        await server.serve_forever()
    else:
        raise ValueError(f"unknown mode {config['mode']!r}")


def main():
    with open(sys.argv[1], encoding="utf-8") as config_file:
        config = json.load(config_file)
    logging.basicConfig(stream=sys.stderr, level=logging.getLevelName(config.get("log_level", "WARNING")))
    asyncio.run(serve(config))


if __name__ == "__main__":
    main()
