using System.Diagnostics;
using System.Text;
using EdgeGateway.Hj212.Codes;
using EdgeGateway.Hj212.Crypto;
using EdgeGateway.Hj212.Packets;
using EdgeGateway.Interop.Tests.Peers;

namespace EdgeGateway.Interop.Tests.Hj212;

/// <summary>
/// The gateway's SM4 (written from GB/T 32907-2016) against an independent implementation: Debian's openssl,
/// <c>openssl enc -sm4-ecb -nopad -K HEX -e/-d</c>. Skips when openssl is missing or built without SM4.
/// </summary>
public sealed class Sm4OpensslInteropTests
{
    private static readonly TimeSpan OpensslTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 64)]
    [InlineData(3, 928)]
    public void Random_keys_and_blocks_encrypt_as_openssl_does_and_decrypt_what_openssl_made(int seed, int length)
    {
        var random = new Random(seed);
        var key = new byte[Sm4.BlockSize];
        var plain = new byte[length];
        random.NextBytes(key);
        random.NextBytes(plain);
        var sm4 = new Sm4(key);

        var ours = sm4.EncryptEcb(plain);
        var theirs = Openssl(key, plain, encrypt: true);

        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
        Assert.Equal(plain, sm4.DecryptEcb(theirs));
        Assert.Equal(plain, Openssl(key, ours, encrypt: false));
    }

    [Fact]
    public void The_encrypted_groups_of_a_2025_CP_are_what_openssl_makes_of_them()
    {
        var key = "0000000000000000"u8.ToArray();
        var station = new Hj212Station("31", "123456", "010000A8900016F000169DC0", Hj212Edition.Edition2025);
        var packet = Hj212Uploads.FieldInformation(
            station,
            "20240601085857223",
            new DateTime(2024, 6, 1, 8, 58, 57),
            "a21026",
            [new Hj212DataItem("i11001-Info", "//反吹完成，零点正常//"), new Hj212DataItem("i12001-Info", "1")]);
        var cipher = new Hj212CpCipher(key, new Hj212EncryptionOptions { Form = Hj212CipherTextForm.HexDigits });
        var region = Encoding.UTF8.GetBytes(packet.Cp.ToString());
        var blocks = region.Length / Sm4.BlockSize * Sm4.BlockSize;

        var frame = Encoding.UTF8.GetString(cipher.EncodeToUtf8(packet));

        var expected = Convert.ToHexString(Openssl(key, region[..blocks], encrypt: true));
        Assert.Contains($"CP=&&{expected}", frame, StringComparison.Ordinal);
    }

    private static byte[] Openssl(byte[] key, byte[] input, bool encrypt)
    {
        var openssl = RequireOpensslSm4();
        var startInfo = new ProcessStartInfo(openssl)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "enc", "-sm4-ecb", "-nopad", "-K", Convert.ToHexString(key), encrypt ? "-e" : "-d" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("openssl did not start");
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(OpensslTimeout))
        {
            process.Kill();
            Assert.Fail($"openssl enc did not finish within {OpensslTimeout.TotalSeconds} s");
        }

        reading.Wait(OpensslTimeout);
        Assert.True(process.ExitCode == 0, $"openssl enc exited with {process.ExitCode}: {error.Result.Trim()}");
        return output.ToArray();
    }

    private static string RequireOpensslSm4()
    {
        var openssl = PeerRequirements.FindExecutable("openssl");
        if (openssl is null)
        {
            Assert.Skip("openssl is not installed: apt-get install openssl");
        }

        var startInfo = new ProcessStartInfo(openssl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("enc");
        startInfo.ArgumentList.Add("-list");
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("openssl did not start");
        var ciphers = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(OpensslTimeout))
        {
            process.Kill();
            Assert.Skip("openssl enc -list timed out");
        }

        if (!ciphers.Result.Contains("-sm4-ecb", StringComparison.Ordinal))
        {
            Assert.Skip($"{openssl} has no SM4 (openssl enc -list lists no -sm4-ecb)");
        }

        return openssl;
    }
}
