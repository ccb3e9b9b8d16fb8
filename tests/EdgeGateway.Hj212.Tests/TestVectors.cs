namespace EdgeGateway.Hj212.Tests;

/// <summary>The vectors of hj212-reference.md §11, each a complete frame with its CR LF trailer.</summary>
internal static class TestVectors
{
    public const string V1 = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";
    public const string V3 = "##0435QN=20210301111100112;ST=21;CN=2011;PW=123456;MN=ZLDSZ20210127;Flag=8;CP=&&DataTime=20210301111100;w01001-Rtd=8.33,w01001-Flag=N;w01009-Rtd=10.15,w01009-Flag=N;w01010-Rtd=9.7,w01010-Flag=N;w01014-Rtd=1425,w01014-Flag=N;w01003-Rtd=13.10,w01003-Flag=N;w21011-Rtd=0,w21011-Flag=N;w21001-Rtd=3.563168,w21001-Flag=N;w21003-Rtd=0.09055002,w21003-Flag=N;w01019-Rtd=4.102818,w01019-Flag=N;w01008-Rtd=0,w01008-Flag=N;w23002-Rtd=0,w23002-Flag=N&&7d00\r\n";
    public const string V5 = "##0317QN=20191012133710130;ST=22;CN=2011;PW=123456;MN=Y80110010000010;Flag=4;CP=&&DataTime=20191012133710;a21005-Rtd=0.00,a21005-Flag=N;a21004-Rtd=0.00,a21004-Flag=N;a21007-Rtd=0.033,a21007-Flag=N;a21006-Rtd=0.036,a21006-Flag=N;a21001-Rtd=25.40,a21001-Flag=N;a21003-Rtd=101.94,a21003-Flag=N;a21002-Rtd=49.20,a21002-Flag=N&&cc01\r\n";
    public const string V10 = "##0318QN=20240123123950241;ST=31;CN=2011;PW=123456;MN=81733553216103;Flag=4;CP=&&DataTime=20240122081600;a00000-Rtd=5.407,a00000-Flag=N;a01011-Rtd=7.072,a01011-Flag=N;a01013-Rtd=-0.052,a01013-Flag=N;a01012-Rtd=6.480,a01012-Flag=N;a24088-Rtd=0.804,a24088-Flag=N;a05002-Rtd=0.000,a05002-Flag=N;a01014-Rtd=0.970,a01014-Flag=N&&6740\r\n";
    public const string D1 = "##0094QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=1&&1B00\r\n";
    public const string D2 = "##0095QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&ExeRtn=1&&6240\r\n";
    public const string D3 = "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&3240\r\n";
    public const string D4 = "##0087QN=20160801085857223;ST=91;CN=9013;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&2A80\r\n";
    public const string D5 = "##0099QN=20160801085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018&&5A00\r\n";
    public const string D6 = "##0137QN=20160801085857223;ST=32;CN=2081;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857;RestartTime=20160801085624&&9AC1\r\n";
    public const string D7 = "##0152QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20100301145000;PolId=w01018;i11001-Info=//清洗管路//&&9741\r\n";

    /// <summary>Every vector by name, for theories.</summary>
    public static TheoryData<string> Names { get; } = new("V1", "V3", "V5", "V10", "D1", "D2", "D3", "D4", "D5", "D6", "D7");

    public static string Frame(string name) => name switch
    {
        "V1" => V1,
        "V3" => V3,
        "V5" => V5,
        "V10" => V10,
        "D1" => D1,
        "D2" => D2,
        "D3" => D3,
        "D4" => D4,
        "D5" => D5,
        "D6" => D6,
        "D7" => D7,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such vector"),
    };

    /// <summary>The data segment of a vector: between the length field and the CRC.</summary>
    public static string DataSegment(string frame) => frame[6..^6];
}
