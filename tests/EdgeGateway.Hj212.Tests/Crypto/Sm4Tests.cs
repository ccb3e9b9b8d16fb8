using EdgeGateway.Hj212.Crypto;

namespace EdgeGateway.Hj212.Tests.Crypto;

public sealed class Sm4Tests
{
    // GB/T 32907-2016 Appendix A, example 1: key and plaintext are the same 16 bytes.
    private static readonly byte[] StandardKey = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

    [Fact]
    public void Standard_example_1_encrypts_one_block()
    {
        var sm4 = new Sm4(StandardKey);
        var block = new byte[Sm4.BlockSize];

        sm4.EncryptBlock(StandardKey, block);

        Assert.Equal("681EDF34D206965E86B3E94F536E4246", Convert.ToHexString(block));
    }

    [Fact]
    public void Standard_example_1_decrypts_back_to_the_plaintext()
    {
        var sm4 = new Sm4(StandardKey);
        var block = Convert.FromHexString("681EDF34D206965E86B3E94F536E4246");

        sm4.DecryptBlock(block, block);

        Assert.Equal(StandardKey, block);
    }

    [Fact]
    public void Standard_example_2_encrypts_the_block_a_million_times()
    {
        // Appendix A, example 2: the same key, the plaintext encrypted 1 000 000 times in a row (about a second).
        var sm4 = new Sm4(StandardKey);
        var block = StandardKey.ToArray();
        for (var i = 0; i < 1_000_000; i++)
        {
            sm4.EncryptBlock(block, block);
        }

        Assert.Equal("595298C7C6FD271F0402F804C33D3F66", Convert.ToHexString(block));
    }

    [Fact]
    public void Ecb_encrypts_each_block_on_its_own_and_decrypts_back()
    {
        var sm4 = new Sm4(StandardKey);
        var twice = StandardKey.Concat(StandardKey).ToArray();

        var encrypted = sm4.EncryptEcb(twice);

        Assert.Equal("681EDF34D206965E86B3E94F536E4246681EDF34D206965E86B3E94F536E4246", Convert.ToHexString(encrypted));
        Assert.Equal(twice, sm4.DecryptEcb(encrypted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void A_key_that_is_not_16_bytes_is_refused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => new Sm4(new byte[length]));

        Assert.StartsWith($"an SM4 key is 16 bytes, not {length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ecb_without_padding_refuses_a_partial_block()
    {
        var sm4 = new Sm4(StandardKey);

        var error = Assert.Throws<ArgumentException>(() => sm4.EncryptEcb(new byte[20]));

        Assert.StartsWith("ECB without padding needs whole 16-byte blocks; 20 bytes given", error.Message, StringComparison.Ordinal);
    }
}
