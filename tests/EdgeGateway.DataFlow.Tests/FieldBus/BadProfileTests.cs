using EdgeGateway.FieldBus.Profiles;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>Each bad profile must produce exactly the expected errors: file, channel (or status, command) and reason.</summary>
public sealed class BadProfileTests
{
    private const string File = "hardware/profiles/bad.json";
    private const string So2 = """{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32" }""";

    public static TheoryData<string, string, string> Cases() => new()
    {
        {
            "unknown_type",
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f33" }"""),
            "channel 'so2': type 'f33' is not one of u16 i16 u32 i32 f32 u64 i64 f64 bool bit"
        },
        {
            "unknown_table",
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "holdings", "address": 0, "type": "f32" }"""),
            "channel 'so2': table 'holdings' is not one of coil discrete input holding"
        },
        {
            "unknown_byte_order_on_channel_and_defaults",
            Profile(
                """{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32", "byteOrder": "ABDC" }""",
                """ "defaults": { "byteOrder": "abcd" }, """),
            """
            defaults: byteOrder 'abcd' is not one of ABCD BADC CDAB DCBA
            channel 'so2': byteOrder 'ABDC' is not one of ABCD BADC CDAB DCBA
            """
        },
        {
            "unknown_kind_and_missing_model",
            """{ "kind": "gas", "channels": [ """ + So2 + """ ] }""",
            """
            model is missing
            kind 'gas' is not one of flue-gas wastewater particulate-flow other
            """
        },
        {
            "model_with_capitals_and_no_kind",
            """{ "model": "CEMS X", "channels": [ """ + So2 + """ ] }""",
            """
            model 'CEMS X' must match [a-z0-9][a-z0-9._-]*
            kind is missing; one of flue-gas wastewater particulate-flow other
            """
        },
        {
            "no_channels",
            """{ "model": "bad", "kind": "other", "channels": [] }""",
            "channels is missing or empty; a profile needs at least one channel"
        },
        {
            "duplicate_channel_id",
            Profile(So2, channels2: """{ "id": "so2", "code": "a21002", "name": "NOx", "table": "input", "address": 2, "type": "f32" }"""),
            "channel 'so2': id is also used by channels[0]"
        },
        {
            "id_with_capitals",
            Profile("""{ "id": "SO2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32" }"""),
            "channel 'SO2': id must use only a-z, 0-9, '_' and '-'"
        },
        {
            "every_required_field_missing",
            Profile("{ }"),
            """
            channel 'channels[0]': id is missing
            channel 'channels[0]': code is missing
            channel 'channels[0]': name is missing
            channel 'channels[0]': table is missing; one of coil discrete input holding
            channel 'channels[0]': type is missing; one of u16 i16 u32 i32 f32 u64 i64 f64 bool bit
            channel 'channels[0]': address is missing
            """
        },
        {
            "null_channel",
            Profile("null"),
            "channel 'channels[0]': is null"
        },
        {
            "factor_code_shapes",
            Profile(
                """{ "id": "so2", "code": "A21026", "name": "SO2", "table": "input", "address": 0, "type": "f32" }""",
                channels2: """{ "id": "nox", "code": "a2102", "name": "NOx", "table": "input", "address": 2, "type": "f32" }"""),
            """
            channel 'so2': code 'A21026' is not an HJ 212 factor code (a lower-case letter and five digits, e.g. a21026)
            channel 'nox': code 'a2102' is not an HJ 212 factor code (a lower-case letter and five digits, e.g. a21026)
            """
        },
        {
            "misspelt_property",
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "u16", "scal": 0.1 }"""),
            "channel 'so2': unknown property 'scal'"
        },
        {
            "unknown_top_level_property",
            Profile(So2, """ "chanels": [], """),
            "unknown property 'chanels'"
        },
        {
            "overlapping_f32_channels",
            Profile(So2, channels2: """{ "id": "nox", "code": "a21002", "name": "NOx", "table": "input", "address": 1, "type": "f32" }"""),
            "channel 'nox': input registers 1-2 overlap channel 'so2' (input registers 0-1)"
        },
        {
            "bit_channel_overlapping_u32",
            Profile(
                """{ "id": "total", "code": "a00000", "name": "Total", "table": "holding", "address": 0, "type": "u32" }""",
                channels2: """{ "id": "alarm", "code": "i12001", "name": "Alarm", "table": "holding", "address": 1, "type": "bit", "bit": 3 }"""),
            "channel 'alarm': holding register 1 overlaps channel 'total' (holding registers 0-1)"
        },
        {
            "u16_channel_on_a_status_word",
            Profile(
                """{ "id": "state-code", "code": "i12001", "name": "State", "table": "holding", "address": 40, "type": "u16" }""",
                """ "status": [ { "id": "state", "table": "holding", "address": 40, "bits": [ { "bit": 0, "means": "fault" } ] } ], """),
            "status 'state': holding register 40 overlaps channel 'state-code' (holding register 40)"
        },
        {
            "status_word_inside_a_float",
            Profile(So2, """ "status": [ { "id": "state", "table": "input", "address": 1, "values": { "1": "fault" } } ], """),
            "status 'state': input register 1 overlaps channel 'so2' (input registers 0-1)"
        },
        {
            "same_coil_twice",
            Profile(
                """{ "id": "valve", "code": "i12001", "name": "Valve", "table": "coil", "address": 7, "type": "bool" }""",
                channels2: """{ "id": "valve2", "code": "i12001", "name": "Valve", "table": "coil", "address": 7, "type": "bool" }"""),
            "channel 'valve2': coil 7 overlaps channel 'valve' (coil 7)"
        },
        {
            "float_beyond_the_last_register",
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 65535, "type": "f32" }"""),
            "channel 'so2': input registers 65535-65536 go beyond 65535"
        },
        {
            "address_in_4xxxx_notation_or_negative",
            Profile(
                """{ "id": "so2", "code": "a21026", "name": "SO2", "table": "holding", "address": 465536, "type": "f32" }""",
                channels2: """{ "id": "nox", "code": "a21002", "name": "NOx", "table": "holding", "address": -1, "type": "f32" }"""),
            """
            channel 'so2': address 465536 is not within 0..65535 (0-based protocol address, not 4xxxx notation)
            channel 'nox': address -1 is not within 0..65535 (0-based protocol address, not 4xxxx notation)
            """
        },
        {
            "bit_out_of_range_missing_or_misplaced",
            Profile(
                """{ "id": "alarm", "code": "i12001", "name": "Alarm", "table": "holding", "address": 1, "type": "bit", "bit": 16 }""",
                channels2: """
                    { "id": "alarm2", "code": "i12001", "name": "Alarm", "table": "holding", "address": 2, "type": "bit" },
                    { "id": "level", "code": "i12001", "name": "Level", "table": "holding", "address": 3, "type": "u16", "bit": 2 }
                    """),
            """
            channel 'alarm': bit 16 is not within 0..15
            channel 'alarm2': type 'bit' needs a bit (0..15)
            channel 'level': bit is only for type 'bit', not 'u16'
            """
        },
        {
            "bool_on_a_register_table_and_register_type_on_coils",
            Profile(
                """{ "id": "valve", "code": "i12001", "name": "Valve", "table": "holding", "address": 0, "type": "bool" }""",
                channels2: """{ "id": "so2", "code": "a21026", "name": "SO2", "table": "coil", "address": 0, "type": "u16" }"""),
            """
            channel 'valve': type 'bool' needs table coil or discrete, not 'holding'; for one bit of a register use type 'bit'
            channel 'so2': type 'u16' needs table input or holding, not 'coil'
            """
        },
        {
            "value_wider_than_max_registers_per_request",
            Profile(
                """{ "id": "energy", "code": "a00000", "name": "Total", "table": "holding", "address": 0, "type": "u64" }""",
                """ "defaults": { "maxRegistersPerRequest": 2 }, """),
            "channel 'energy': type 'u64' needs 4 registers but maxRegistersPerRequest is 2"
        },
        {
            "defaults_out_of_range",
            Profile(So2, """ "defaults": { "maxRegistersPerRequest": 200, "maxBitsPerRequest": 0, "maxGap": -1 }, """),
            """
            defaults: maxRegistersPerRequest 200 is not within 1..125
            defaults: maxBitsPerRequest 0 is not within 1..2000
            defaults: maxGap -1 is not within 0..125
            """
        },
        {
            "range_min_not_below_max_and_half_range",
            Profile(
                """{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f32", "range": { "min": 100, "max": 100 } }""",
                channels2: """{ "id": "nox", "code": "a21002", "name": "NOx", "table": "input", "address": 2, "type": "f32", "range": { "max": 2000 } }"""),
            """
            channel 'so2': range min 100 is not below max 100
            channel 'nox': range needs both min and max
            """
        },
        {
            "scale_zero",
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "u16", "scale": 0 }"""),
            "channel 'so2': scale must not be 0 (engineering = raw × scale + offset)"
        },
        {
            "status_bit_names_unknown_channel",
            Profile(So2, """
                "status": [ { "id": "state", "table": "holding", "address": 40,
                              "bits": [ { "bit": 0, "means": "maintenance" }, { "bit": 2, "means": "fault", "channels": ["so3"] } ] } ],
                """),
            "status 'state': bit 2 names unknown channel 'so3'"
        },
        {
            "status_word_problems",
            Profile(So2, """
                "status": [
                  { "id": "so2", "table": "holding", "address": 40, "bits": [ { "bit": 16, "means": "fault" }, { "bit": 1, "means": "broken" }, { "bit": 1, "means": "fault" } ] },
                  { "id": "empty", "table": "holding", "address": 41 },
                  { "id": "pump", "table": "discrete", "address": 0, "bits": [ { "bit": 0, "means": "stopped" } ] },
                  { "id": "code", "table": "holding", "address": 42, "values": { "70000": "fault", "x": "fault" }, "channels": [] },
                  { "id": "level", "table": "holding", "address": 43, "type": "f32", "values": { "1": "fault" } }
                ],
                """),
            """
            status 'so2': id is also used by channels[0]
            status 'so2': bit 16 is not within 0..15
            status 'so2': bit 1: means 'broken' is not one of maintenance calibration fault stopped
            status 'so2': bit 1 is listed twice
            status 'empty': has neither bits nor values, so it can never flag anything
            status 'pump': a bool status word has no bits; use values, e.g. { "1": "fault" }
            status 'code': channels: the channel list is empty; leave it out to mean every channel
            status 'code': value 70000 does not fit type 'u16' (0..65535)
            status 'code': value 'x' is not a decimal integer
            status 'level': type 'f32' cannot be a status word; use u16 i16 u32 i32 (registers) or bool (coil, discrete)
            """
        },
        {
            "command_problems",
            Profile(So2, """
                "commands": {
                  "zero": { "table": "input", "address": 60, "value": 1 },
                  "blowback": { "table": "coil", "address": 10, "value": 2 },
                  "Span": { "table": "holding", "address": 61 },
                  "retainSample": { "table": "holding", "address": 70, "value": 1, "results": { "vaseNo": { "table": "coil", "address": 71 } } }
                },
                """),
            """
            command 'zero': table 'input' is read-only; a command writes a coil or a holding register
            command 'blowback': value 2 is not 0 or 1, as a coil needs
            command 'Span': name must be camelCase letters and digits, e.g. retainSample
            command 'Span': value is missing
            command 'retainSample': result 'vaseNo': a result is a register value: table input or holding, type one of u16 i16 u32 i32 f32 u64 i64 f64
            """
        },
        {
            "many_problems_reported_at_once",
            """
            {
              "model": "bad",
              "kind": "other",
              "channels": [
                { "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f33" },
                { "id": "so2", "code": "a21002", "name": "NOx", "table": "input", "address": 2, "type": "f32", "scale": 0 },
                { "id": "o2", "code": "a19001", "name": "O2", "table": "input", "address": 3, "type": "f32" },
              ],
              "status": [ { "id": "state", "table": "holding", "address": 40, "bits": [ { "bit": 0, "means": "fault", "channels": ["co"] } ] } ],
            }
            """,
            """
            channel 'so2': type 'f33' is not one of u16 i16 u32 i32 f32 u64 i64 f64 bool bit
            channel 'so2': id is also used by channels[0]
            channel 'so2': scale must not be 0 (engineering = raw × scale + offset)
            status 'state': bit 0 names unknown channel 'co'
            channel 'o2': input registers 3-4 overlap channel 'so2' (input registers 2-3)
            """
        },
        {
            "missing_comma",
            """
            {
              "model": "bad"
              "kind": "other"
            }
            """,
            "malformed JSON at line 3, position 3: '\"' is invalid after a value. Expected either ',', '}', or ']'."
        },
        {
            "string_where_an_integer_belongs",
            """
            {
              "model": "bad", "kind": "other",
              "channels": [ { "id": "so2", "address": "12" } ]
            }
            """,
            // The serializer reports the position just after the offending value.
            "malformed JSON at line 3, position 47 ($.channels[0].address): expected a number, not a string"
        },
        {
            "fraction_where_an_integer_belongs",
            """{ "model": "bad", "kind": "other", "channels": [ { "id": "so2", "address": 1.5 } ] }""",
            "malformed JSON at line 1, position 79 ($.channels[0].address): expected an integer within the 32-bit range"
        },
        {
            "object_where_a_list_belongs",
            """{ "model": "bad", "kind": "other", "channels": { } }""",
            "malformed JSON at line 1, position 49 ($.channels): expected an array"
        },
        {
            "number_where_a_meaning_belongs",
            """{ "model": "bad", "kind": "other", "status": [ { "values": { "1": 3 } } ] }""",
            "malformed JSON at line 1, position 68 ($.status[0].values.1): expected a string, not a number"
        },
        {
            "infinite_scale",
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "u16", "scale": 1e400, "range": { "min": 0, "max": 1e999 } }"""),
            """
            channel 'so2': scale is too large
            channel 'so2': range min and max must be finite numbers
            """
        },
        {
            "array_instead_of_object",
            "[ ]",
            "malformed JSON at line 1, position 2: expected an object"
        },
        {
            "null_document",
            "null",
            "the file holds null, not a profile object"
        },
        {
            "empty_file",
            " \n",
            "the file is empty"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_profile_reports_exactly_these_errors(string name, string json, string expected)
    {
        var loaded = DeviceProfileLoader.TryParse(json, File, out var profile, out var errors);

        Assert.False(loaded, name);
        Assert.Null(profile);
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => $"{File}: {line}");
        Assert.Equal(expectedLines, errors.Select(error => error.ToString()));
        Assert.All(errors, error => Assert.Equal(File, error.File));
    }

    [Fact]
    public void Errors_carry_channel_kind_and_reason_separately()
    {
        DeviceProfileLoader.TryParse(
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "input", "address": 0, "type": "f33" }"""),
            File,
            out _,
            out var errors);

        Assert.Equal(new ProfileError(File, "so2", "type 'f33' is not one of u16 i16 u32 i32 f32 u64 i64 f64 bool bit", ProfileItemKind.Channel), Assert.Single(errors));
    }

    [Fact]
    public void Parse_throws_a_profile_exception_carrying_every_error()
    {
        var exception = Assert.Throws<ProfileException>(() => DeviceProfileLoader.Parse(
            Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "table": "holdings", "address": 0, "type": "f33" }"""),
            File));

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("type 'f33'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("table 'holdings'", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal profile around the given channel entries; <paramref name="before"/> goes before "channels".</summary>
    internal static string Profile(string channel, string before = "", string? channels2 = null) => $$"""
        {
          "model": "bad",
          "kind": "other",
          {{before}}
          "channels": [
            {{channel}}{{(channels2 is null ? "" : ",\n" + channels2)}}
          ]
        }
        """;
}
