namespace EdgeGateway.Hj212.Codes;

/// <summary>
/// Command code CN, HJ 212-2017 Table 9 and Appendix C. The packet model keeps CN as a string because vendors add
/// codes of their own (e.g. a 9021 login); this enum names the standard ones.
/// </summary>
public enum Hj212CommandCode
{
    /// <summary>1000: set the reply timeout and resend count (<c>OverTime</c>, <c>ReCount</c>).</summary>
    SetTimeoutAndRetries = 1000,

    /// <summary>1001 (HJ 212-2025): the data logger uploads its hardware IDs (<c>i23005-Info</c> … <c>i23008-Info</c>); answered with 9013.</summary>
    HardwareIdentity = 1001,

    /// <summary>1002 (HJ 212-2025): the host sets the data logger's MN (<c>i23005-Info</c>).</summary>
    SetMn = 1002,

    /// <summary>1011: get the device (or an instrument's) time; the answer is a 1011 with <c>SystemTime</c>.</summary>
    GetTime = 1011,

    /// <summary>1012: set the device (or an instrument's) time.</summary>
    SetTime = 1012,

    /// <summary>1013: the device asks the host to calibrate its clock (a notification answered with 9013).</summary>
    TimeCalibrationRequest = 1013,

    /// <summary>
    /// 1014 (HJ 212-2025): SM4 key exchange. From the logger with <c>SKCreateTime</c> a key request (answered with
    /// 9013); from the host with <c>SKCreateTime</c> and <c>NewSK</c> a new key (answered with 9011/9012).
    /// </summary>
    KeyExchange = 1014,

    /// <summary>1061: get the real-time data interval; the answer is a 1061 with <c>RtdInterval</c>.</summary>
    GetRealTimeInterval = 1061,

    /// <summary>1062: set the real-time data interval (<c>RtdInterval</c>, seconds).</summary>
    SetRealTimeInterval = 1062,

    /// <summary>1063: get the minute-data interval; the answer is a 1063 with <c>MinInterval</c>.</summary>
    GetMinuteInterval = 1063,

    /// <summary>1064: set the minute-data interval (<c>MinInterval</c>, minutes).</summary>
    SetMinuteInterval = 1064,

    /// <summary>1072: set the access password (<c>NewPW</c>).</summary>
    SetPassword = 1072,

    /// <summary>2011: real-time data; from the host, a request to start uploading it.</summary>
    RealTimeData = 2011,

    /// <summary>2012: stop the real-time data upload (a notification answered with 9013).</summary>
    StopRealTimeData = 2012,

    /// <summary>2013 (HJ 212-2025): raw monitoring data; from the host with BeginTime/EndTime, a history request.</summary>
    RawData = 2013,

    /// <summary>2021: treatment-equipment run state; from the host, a request to start uploading it.</summary>
    EquipmentRunState = 2021,

    /// <summary>2022: stop the run-state upload (a notification answered with 9013).</summary>
    StopEquipmentRunState = 2022,

    /// <summary>2031: daily data; from the host with BeginTime/EndTime, a history request.</summary>
    DayData = 2031,

    /// <summary>2041: equipment daily run time.</summary>
    EquipmentDayRunTime = 2041,

    /// <summary>2051: minute data; from the host with BeginTime/EndTime, a history request.</summary>
    MinuteData = 2051,

    /// <summary>2061: hourly data; from the host with BeginTime/EndTime, a history request.</summary>
    HourData = 2061,

    /// <summary>2062 (HJ 212-2025): automatic standard-check data; from the host with BeginTime/EndTime, a history request.</summary>
    StandardCheckData = 2062,

    /// <summary>2081: the data logger's power-on (restart) time.</summary>
    LoggerRestart = 2081,

    /// <summary>3011: zero and span calibration.</summary>
    ZeroAndSpanCalibration = 3011,

    /// <summary>3012: immediate sampling.</summary>
    ImmediateSampling = 3012,

    /// <summary>3013: start cleaning (water) or blow-back (flue gas).</summary>
    StartCleaning = 3013,

    /// <summary>3014: comparison sampling.</summary>
    ComparisonSampling = 3014,

    /// <summary>3015: over-limit sample retention; the answer is a 3015 with <c>DataTime</c> and <c>VaseNo</c>.</summary>
    SampleRetention = 3015,

    /// <summary>3016: set the sampling period.</summary>
    SetSamplingPeriod = 3016,

    /// <summary>3017: get the sampling period.</summary>
    GetSamplingPeriod = 3017,

    /// <summary>3018: get the sample-output time.</summary>
    GetSampleOutputTime = 3018,

    /// <summary>3019: get or upload the instrument ID.</summary>
    InstrumentId = 3019,

    /// <summary>3020: get or upload field information (logs, state, parameters).</summary>
    FieldInformation = 3020,

    /// <summary>3021: set a field parameter.</summary>
    SetFieldParameter = 3021,

    /// <summary>3022 (HJ 212-2025): take and keep a sample now (immediate sample-retention task).</summary>
    ImmediateSampleRetention = 3022,

    /// <summary>3024 (HJ 212-2025): start a standard check.</summary>
    StartStandardCheck = 3024,

    /// <summary>9011: request answer (<c>QnRtn</c>).</summary>
    RequestAnswer = 9011,

    /// <summary>9012: execution result (<c>ExeRtn</c>).</summary>
    ExecutionResult = 9012,

    /// <summary>9013: notification answer.</summary>
    NotificationAnswer = 9013,

    /// <summary>9014: data answer.</summary>
    DataAnswer = 9014,

    /// <summary>9015 (HJ 212-2025): heartbeat from the data logger; answered with 9013 when Flag asks for a reply.</summary>
    Heartbeat = 9015,
}
