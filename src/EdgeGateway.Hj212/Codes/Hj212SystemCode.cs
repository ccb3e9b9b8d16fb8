namespace EdgeGateway.Hj212.Codes;

/// <summary>
/// System code ST, HJ 212-2017 Table 5. The packet model keeps ST as a string because 91–99 and A0–Z9 are
/// open for extension and receivers must accept any ST.
/// </summary>
public enum Hj212SystemCode
{
    /// <summary>21: surface water quality.</summary>
    SurfaceWaterQuality = 21,

    /// <summary>22: air quality.</summary>
    AirQuality = 22,

    /// <summary>23: acoustic environment.</summary>
    AcousticEnvironment = 23,

    /// <summary>24: groundwater quality.</summary>
    GroundwaterQuality = 24,

    /// <summary>25: soil quality.</summary>
    SoilQuality = 25,

    /// <summary>26: seawater quality.</summary>
    SeawaterQuality = 26,

    /// <summary>27: VOCs monitoring.</summary>
    VolatileOrganicCompounds = 27,

    /// <summary>31: atmospheric pollution source (flue gas, CEMS outlets).</summary>
    AirPollutionSource = 31,

    /// <summary>32: surface-water pollution source (wastewater outlets).</summary>
    WaterPollutionSource = 32,

    /// <summary>33: groundwater pollution source.</summary>
    GroundwaterPollutionSource = 33,

    /// <summary>34: marine pollution source.</summary>
    MarinePollutionSource = 34,

    /// <summary>35: soil pollution source.</summary>
    SoilPollutionSource = 35,

    /// <summary>36: noise source.</summary>
    NoiseSource = 36,

    /// <summary>37: vibration source.</summary>
    VibrationSource = 37,

    /// <summary>38: radioactive source.</summary>
    RadioactiveSource = 38,

    /// <summary>39: construction-site dust.</summary>
    ConstructionDust = 39,

    /// <summary>41: electromagnetic source.</summary>
    ElectromagneticSource = 41,

    /// <summary>51: flue-gas process (working-condition) monitoring.</summary>
    FlueGasProcess = 51,

    /// <summary>52: wastewater process monitoring.</summary>
    WastewaterProcess = 52,

    /// <summary>91: system interaction; every 9011/9012/9013/9014 reply uses it.</summary>
    SystemInteraction = 91,
}
