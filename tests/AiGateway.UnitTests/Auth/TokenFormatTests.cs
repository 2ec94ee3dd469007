using AiGateway.Auth;

namespace AiGateway.UnitTests.Auth;

public class TokenFormatTests
{
    [Fact]
    public void Generate_Default_HasPrefixLengthAndIsWellFormed()
    {
        var token = TokenFormat.Generate();

        Assert.StartsWith("aigw_", token, StringComparison.Ordinal);
        Assert.Equal(41, token.Length);
        Assert.Equal(TokenFormat.Length, token.Length);
        Assert.True(Base62.IsBase62(token.AsSpan(5)));
        Assert.True(TokenFormat.IsWellFormed(token));
    }

    [Fact]
    public void Generate_NullPrefix_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TokenFormat.Generate(null!));
    }

    [Fact]
    public void IsWellFormed_AnyOneCharacterOfRandomPartOrChecksumChanged_ReturnsFalse()
    {
        for (var sample = 0; sample < 20; sample++)
        {
            var token = TokenFormat.Generate();
            for (var i = TokenFormat.Prefix.Length; i < token.Length; i++)
            {
                foreach (var replacement in OtherBase62Chars(token[i]))
                {
                    var altered = token[..i] + replacement + token[(i + 1)..];
                    Assert.False(TokenFormat.IsWellFormed(altered), $"'{altered}' (position {i}) passed the checksum.");
                }
            }
        }
    }

    [Fact]
    public void IsWellFormed_CaseOfOneLetterFlipped_ReturnsFalse()
    {
        var token = TokenFormat.Generate("aigw_");
        var index = token.AsSpan(5).IndexOfAnyInRange('A', 'z') + 5;
        Assert.True(index >= 5, "The sample token had no letter.");
        var c = token[index];
        var flipped = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);

        Assert.False(TokenFormat.IsWellFormed(token[..index] + flipped + token[(index + 1)..]));
    }

    [Theory]
    [InlineData("AIGW_")]
    [InlineData("aigx_")]
    [InlineData("sk-ab")]
    [InlineData("aigw-")]
    public void IsWellFormed_WrongPrefixSameBody_ReturnsFalse(string prefix)
    {
        var token = TokenFormat.Generate();

        Assert.False(TokenFormat.IsWellFormed(prefix + token[5..]));
    }

    [Fact]
    public void IsWellFormed_WrongLength_ReturnsFalse()
    {
        var token = TokenFormat.Generate();

        Assert.False(TokenFormat.IsWellFormed(token.AsSpan(0, token.Length - 1)));
        Assert.False(TokenFormat.IsWellFormed(token + "0"));
        Assert.False(TokenFormat.IsWellFormed("0" + token));
        Assert.False(TokenFormat.IsWellFormed(token.AsSpan(5)));
        Assert.False(TokenFormat.IsWellFormed(" " + token));
        Assert.False(TokenFormat.IsWellFormed(""));
        Assert.False(TokenFormat.IsWellFormed("aigw_"));
    }

    [Theory]
    [InlineData('-')]
    [InlineData('_')]
    [InlineData(' ')]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('é')]
    [InlineData('٣')] // a non-ASCII digit
    public void IsWellFormed_NonBase62CharacterWithMatchingChecksum_ReturnsFalse(char bad)
    {
        // Build a token whose checksum matches its random part, so only the alphabet rule can refuse it.
        var random = Base62.Random(TokenFormat.RandomLength).ToCharArray();
        random[7] = bad;
        Span<char> checksum = stackalloc char[TokenFormat.ChecksumLength];
        Base62.EncodeFixed(Crc32.Compute(random), checksum);
        var token = TokenFormat.Prefix + new string(random) + checksum.ToString();

        Assert.Equal(TokenFormat.Length, token.Length);
        Assert.False(TokenFormat.IsWellFormed(token));
    }

    [Fact]
    public void IsWellFormed_ChecksumBuiltByHandForBase62Body_ReturnsTrue()
    {
        // The inverse of the test above: the same construction with a base62 body passes, so the
        // construction itself is right and the refusal above is caused by the alphabet alone.
        var random = Base62.Random(TokenFormat.RandomLength);
        Span<char> checksum = stackalloc char[TokenFormat.ChecksumLength];
        Base62.EncodeFixed(Crc32.Compute(random), checksum);

        Assert.True(TokenFormat.IsWellFormed(TokenFormat.Prefix + random + checksum.ToString()));
    }

    [Fact]
    public void Generate_AdminPrefix_IsWellFormedAdminToken()
    {
        var token = TokenFormat.Generate(TokenFormat.AdminPrefix);

        Assert.StartsWith("aigwadm_", token, StringComparison.Ordinal);
        Assert.Equal(TokenFormat.AdminPrefix.Length + TokenFormat.RandomLength + TokenFormat.ChecksumLength, token.Length);
        Assert.True(TokenFormat.IsWellFormed(token, TokenFormat.AdminPrefix));
    }

    [Fact]
    public void IsWellFormed_AdminTokenAsCallerToken_ReturnsFalse()
    {
        var admin = TokenFormat.Generate(TokenFormat.AdminPrefix);

        Assert.False(TokenFormat.IsWellFormed(admin));
        Assert.False(TokenFormat.IsWellFormed(admin, TokenFormat.Prefix));
    }

    [Fact]
    public void IsWellFormed_CallerTokenAsAdminToken_ReturnsFalse()
    {
        var caller = TokenFormat.Generate();

        Assert.False(TokenFormat.IsWellFormed(caller, TokenFormat.AdminPrefix));
    }

    [Fact]
    public void IsWellFormed_AdminTokenWithOneCharacterChanged_ReturnsFalse()
    {
        var token = TokenFormat.Generate(TokenFormat.AdminPrefix);
        for (var i = TokenFormat.AdminPrefix.Length; i < token.Length; i++)
        {
            var replacement = OtherBase62Chars(token[i]).First();
            Assert.False(TokenFormat.IsWellFormed(token[..i] + replacement + token[(i + 1)..], TokenFormat.AdminPrefix));
        }
    }

    [Fact]
    public void IsWellFormed_NullPrefix_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TokenFormat.IsWellFormed(TokenFormat.Generate(), null!));
    }

    [Fact]
    public void Generate_ManyTokens_AllUniqueAndWellFormed()
    {
        const int count = 20_000;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var randomParts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var token = TokenFormat.Generate();
            Assert.True(TokenFormat.IsWellFormed(token));
            seen.Add(token);
            randomParts.Add(token.Substring(5, TokenFormat.RandomLength));
        }

        Assert.Equal(count, seen.Count);
        Assert.Equal(count, randomParts.Count);
    }

    [Fact]
    public void Generate_ManyTokens_UseTheWholeAlphabet()
    {
        var used = new HashSet<char>();
        for (var i = 0; i < 500; i++)
        {
            foreach (var c in TokenFormat.Generate().AsSpan(5, TokenFormat.RandomLength))
            {
                used.Add(c);
            }
        }

        Assert.Equal(62, used.Count);
    }

    private static IEnumerable<char> OtherBase62Chars(char current)
    {
        // A few different replacements per position: the neighbour, a far character, and the case twin.
        var index = Base62.Alphabet.IndexOf(current, StringComparison.Ordinal);
        yield return Base62.Alphabet[(index + 1) % 62];
        yield return Base62.Alphabet[(index + 31) % 62];
        var twin = char.IsUpper(current) ? char.ToLowerInvariant(current) : char.ToUpperInvariant(current);
        if (twin != current)
        {
            yield return twin;
        }
    }
}
