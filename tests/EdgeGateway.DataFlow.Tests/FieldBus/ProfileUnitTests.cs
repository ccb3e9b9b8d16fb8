using EdgeGateway.FieldBus.Profiles;
using static EdgeGateway.DataFlow.Tests.FieldBus.BadProfileTests;

namespace EdgeGateway.DataFlow.Tests.FieldBus;

/// <summary>
/// Issue 17 item 9: <c>ppm</c> and <c>kg</c> for a21026 (SO2) were accepted. A channel's unit is checked against its
/// code's HJ 212 unit; ppm of a gas with a known molar mass is converted to mg/m³ at 273.15 K and 101.325 kPa
/// (mg/m³ = ppm × M / 22.414), in the channel's scale, offset and range, so that every reading is in mg/m³.
/// </summary>
public sealed class ProfileUnitTests
{
    private const string File = "units.json";

    [Theory]
    // SO2, M = 64.066 g/mol: 100 ppm × 64.066 / 22.414 = 6406.6 / 22.414 = 285.8303 mg/m³.
    [InlineData("a21026", "ppm", 285.8303)]
    // NO2, M = 46.0055: 100 × 46.0055 / 22.414 = 4600.55 / 22.414 = 205.2534.
    [InlineData("a21004", "ppm", 205.2534)]
    // NOx is reported as NO2: the same 205.2534.
    [InlineData("a21002", "ppm", 205.2534)]
    // NO, M = 30.006: 3000.6 / 22.414 = 133.8717.
    [InlineData("a21003", "µmol/mol", 133.8717)]
    // CO, M = 28.010: 2801.0 / 22.414 = 124.9665.
    [InlineData("a21005", "ppm", 124.9665)]
    // HCl, M = 36.461: 3646.1 / 22.414 = 162.6707.
    [InlineData("a21024", "ppm", 162.6707)]
    public void A_gas_in_ppm_is_converted_to_mg_per_cubic_metre_by_its_molar_mass(string code, string unit, double milligramsPerCubicMetreAt100Ppm)
    {
        var profile = DeviceProfileLoader.Parse(Profile($$"""{ "id": "gas", "code": "{{code}}", "name": "Gas", "unit": "{{unit}}", "table": "input", "address": 0, "type": "f32", "range": { "min": 0, "max": 100 } }"""), File);

        var gas = Assert.Single(profile.Channels);
        Assert.Equal("mg/m³", gas.Unit);
        // A raw 100 (ppm) decodes to raw × scale + offset.
        Assert.Equal(milligramsPerCubicMetreAt100Ppm, (100 * gas.Scale) + gas.Offset, 4);
        Assert.Equal(milligramsPerCubicMetreAt100Ppm, gas.Range!.Max, 4);
    }

    [Fact]
    public void Scaled_ppm_with_an_offset_converts_scale_and_offset_both()
    {
        // SO2: raw 2000 × 0.1 − 10 = 190 ppm; 190 × 64.066 / 22.414 = 12172.54 / 22.414 = 543.0775 mg/m³.
        var profile = DeviceProfileLoader.Parse(Profile("""{ "id": "so2", "code": "a21026", "name": "SO2", "unit": "ppm", "table": "holding", "address": 0, "type": "u16", "scale": 0.1, "offset": -10 }"""), File);

        var so2 = Assert.Single(profile.Channels);
        Assert.Equal(543.0775, (2000 * so2.Scale) + so2.Offset, 4);
    }

    [Theory]
    [InlineData("a21026", "kg", "unit 'kg' cannot be converted to 'mg/m³' (or ppm, converted to mg/m³), the HJ 212 unit of a21026")]
    [InlineData("a34013", "ppm", "unit 'ppm' cannot be converted to 'mg/m³', the HJ 212 unit of a34013")]
    [InlineData("a00000", "m³/h", "unit 'm³/h' cannot be converted to 'm³/s', the HJ 212 unit of a00000")]
    [InlineData("w01018", "mg/m³", "unit 'mg/m³' cannot be converted to 'mg/L', the HJ 212 unit of w01018")]
    [InlineData("w01001", "mg/L", "unit 'mg/L' cannot be converted to no unit (dimensionless), the HJ 212 unit of w01001")]
    public void A_unit_that_cannot_be_converted_to_the_codes_is_an_error_naming_the_channel_code_unit_and_expected_unit(string code, string unit, string message)
    {
        DeviceProfileLoader.TryParse(Profile($$"""{ "id": "value", "code": "{{code}}", "name": "Value", "unit": "{{unit}}", "table": "input", "address": 0, "type": "f32" }"""), File, out _, out var errors);

        Assert.Equal(new ProfileError(File, "value", message, ProfileItemKind.Channel), Assert.Single(errors));
    }

    [Theory]
    [InlineData("a21026", "mg/Nm3")]
    [InlineData("a21026", "MG/M3")]
    [InlineData("a01012", "℃")]
    [InlineData("a01012", "C")]
    [InlineData("w01014", "uS/cm")]
    public void Spellings_of_the_codes_unit_are_accepted(string code, string unit)
    {
        var profile = DeviceProfileLoader.Parse(Profile($$"""{ "id": "value", "code": "{{code}}", "name": "Value", "unit": "{{unit}}", "table": "input", "address": 0, "type": "f32" }"""), File);

        Assert.Equal(1, Assert.Single(profile.Channels).Scale);
    }

    [Theory]
    [InlineData("""{ "id": "total", "code": "a00000", "name": "Volume", "unit": "m³/s", "table": "input", "address": 2, "type": "u32", "totalOf": "rate" }""", "total", "unit 'm³/s' of a totaliser of a00000 is not 'm³', the unit of a00000-Cou")]
    [InlineData("""{ "id": "total", "code": "a01011", "name": "Velocity total", "unit": "m", "table": "input", "address": 2, "type": "u32", "totalOf": "rate" }""", "total", "a totaliser of a01011, which has no cumulative (-Cou) value in HJ 212")]
    [InlineData("""{ "id": "total", "code": "a00000", "name": "Volume", "unit": "m³", "table": "input", "address": 2, "type": "u32", "totalOf": "flow" }""", "total", "totalOf 'flow' is not a channel of this profile")]
    [InlineData("""{ "id": "total", "code": "a34013", "name": "Mass", "unit": "kg", "table": "input", "address": 2, "type": "u32", "totalOf": "rate" }""", "total", "code 'a34013' differs from 'a00000' of its rate channel 'rate'; a totaliser has its rate's code (its increase is a00000-Cou)")]
    [InlineData("""{ "id": "total", "code": "a00000", "name": "Volume", "unit": "m³", "table": "input", "address": 2, "type": "u32", "totalOf": "total" }""", "total", "totalOf names the channel itself; it names the rate channel this totaliser counts up")]
    public void A_totaliser_has_its_rates_code_and_the_codes_cumulative_unit(string total, string channel, string message)
    {
        DeviceProfileLoader.TryParse(
            Profile("""{ "id": "rate", "code": "a00000", "name": "Flow", "unit": "m³/s", "table": "input", "address": 0, "type": "f32" }""", channels2: total),
            File,
            out _,
            out var errors);

        Assert.Equal(new ProfileError(File, channel, message, ProfileItemKind.Channel), Assert.Single(errors));
    }
}
